// A seeded, deterministic fault plan: the same seed and the same request sequence always give the
// same faults, so reliability tests are repeatable.

export interface FaultPlan {
  /** seed of the pseudo-random sequence (default 1) */
  seed?: number;
  /** share (0..1) of requests answered with a server error */
  serverErrorRate?: number;
  /** status of those errors: 500, 503, or 'mixed' (alternating by draw); default 503 */
  serverErrorStatus?: 500 | 503 | 'mixed';
  /** share of requests answered slowly, and by how much (default 2000 ms) */
  slowRate?: number;
  slowMs?: number;
  /** share of requests whose connection is dropped without an answer */
  dropRate?: number;
  /**
   * share (0..1) of those server errors and dropped connections that strike after the org has
   * done the work: the write stands, only the answer is lost, as when a real org's reply times out
   * or its connection resets. Default 0: the org refuses before doing anything.
   */
  afterWorkShare?: number;
  /** share of requests answered 401 INVALID_SESSION_ID */
  invalidSessionRate?: number;
  /** share of requests answered 403 REQUEST_LIMIT_EXCEEDED */
  limitExceededRate?: number;
  /** faults only hit requests whose path contains this text / matches this pattern */
  pathFilter?: string | RegExp;
  /** the first N matching requests pass untouched */
  afterRequests?: number;
  /** at most this many faults in total (then everything passes) */
  maxFaults?: number;
  /** Bulk 2.0 ingest jobs end in state Failed (all jobs, or those of one object) — read by emulator/bulk */
  failBulkJobs?: boolean | { object?: string; errorMessage?: string };
  /**
   * Bulk 2.0 ingest jobs stay InProgress, their rows untouched, until the plan no longer says so —
   * read by emulator/bulk. Lets a test stop a client while the org is still working, every time.
   */
  holdBulkJobs?: boolean;
  /** deploys report these components as failed — read by emulator/metadata */
  failDeployComponents?: Array<{ type?: string; fullName: string; problem?: string }>;
}

export type FaultDecision =
  | { kind: 'status'; status: 500 | 503; afterWork?: boolean }
  | { kind: 'slow'; ms: number }
  | { kind: 'drop'; afterWork?: boolean }
  | { kind: 'invalidSession' }
  | { kind: 'limit' };

/** mulberry32: small, fast, good enough for test sequences */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultController {
  private random: () => number = prng(1);
  private seen = 0;
  private injected = 0;
  public plan: FaultPlan = {};

  public constructor(plan?: FaultPlan) {
    this.set(plan ?? {});
  }

  public set(plan: FaultPlan): void {
    this.plan = { ...plan };
    this.random = prng(plan.seed ?? 1);
    this.seen = 0;
    this.injected = 0;
  }

  /** How many faults were injected since the plan was set. */
  public get count(): number {
    return this.injected;
  }

  /** Decides the fate of one request; called once per request, in arrival order. */
  public decide(path: string): FaultDecision | undefined {
    const p = this.plan;
    if (p.pathFilter !== undefined) {
      const hit = typeof p.pathFilter === 'string' ? path.includes(p.pathFilter) : p.pathFilter.test(path);
      if (!hit) return undefined;
    }
    this.seen++;
    if (p.afterRequests !== undefined && this.seen <= p.afterRequests) return undefined;
    if (p.maxFaults !== undefined && this.injected >= p.maxFaults) return undefined;
    const draw = this.random();
    let edge = 0;
    // Where in its band the draw fell (0..1): decides, without another draw, whether a fault comes
    // after the work, so plans without afterWorkShare keep the same sequence.
    let within = 0;
    const pick = (rate: number | undefined): boolean => {
      if (!rate) return false;
      const hit = draw >= edge && draw < edge + rate;
      if (hit) within = (draw - edge) / rate;
      edge += rate;
      return hit;
    };
    const afterWork = (): boolean => within < (p.afterWorkShare ?? 0);
    let decision: FaultDecision | undefined;
    if (pick(p.serverErrorRate)) {
      const status =
        p.serverErrorStatus === 'mixed' ? (this.injected % 2 === 0 ? 503 : 500) : (p.serverErrorStatus ?? 503);
      decision = afterWork() ? { kind: 'status', status, afterWork: true } : { kind: 'status', status };
    } else if (pick(p.dropRate)) decision = afterWork() ? { kind: 'drop', afterWork: true } : { kind: 'drop' };
    else if (pick(p.invalidSessionRate)) decision = { kind: 'invalidSession' };
    else if (pick(p.limitExceededRate)) decision = { kind: 'limit' };
    else if (pick(p.slowRate)) decision = { kind: 'slow', ms: p.slowMs ?? 2000 };
    if (decision) this.injected++;
    return decision;
  }

  /** For emulator/bulk: should this ingest job fail, and with which message? */
  public bulkJobFailure(object: string): string | undefined {
    const f = this.plan.failBulkJobs;
    if (!f) return undefined;
    if (f === true) return 'InternalServerError : the local org was told to fail this job (fault plan)';
    if (f.object && f.object.toLowerCase() !== object.toLowerCase()) return undefined;
    return f.errorMessage ?? 'InternalServerError : the local org was told to fail this job (fault plan)';
  }

  /** For emulator/metadata: the problem text when this component must fail, else undefined. */
  public deployComponentFailure(type: string, fullName: string): string | undefined {
    const hit = this.plan.failDeployComponents?.find(
      (c) => c.fullName === fullName && (c.type === undefined || c.type === type)
    );
    return hit ? (hit.problem ?? `${fullName}: the local org was told to fail this component (fault plan)`) : undefined;
  }
}
