// The shape of a running local org, shared by the server, the route modules and tests.
import type { FaultController, FaultPlan } from './http/faults.js';
import type { MetadataStore, OrgSchema } from './org/schema.js';
import type { RecordStore } from './org/store.js';
import type { WriteCounts } from './org/writeCounts.js';

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  ms: number;
  /**
   * set when the fault plan shaped the answer (status, slow, drop, invalidSession, limit; or
   * status-after-work, drop-after-work when the org did the work and then lost the answer)
   */
  fault?: string;
}

export interface StartOrgOptions {
  /** 0 (default) picks a free port */
  port?: number;
  /** keep schema, records and metadata here across restarts */
  dataDir?: string;
  /** newest API version the org offers (default '62.0') */
  apiVersion?: string;
  /** daily API request limit (default 100000) */
  dailyApiLimit?: number;
  faults?: FaultPlan;
  /** seed for ids and faults (default 1) */
  seed?: number;
  /** log every request to stderr */
  verbose?: boolean;
}

/** What route handlers see as `req.org` (the running org minus its server). */
export interface OrgContext {
  readonly instanceUrl: string;
  readonly accessToken: string;
  readonly orgId: string;
  readonly userId: string;
  readonly username: string;
  readonly apiVersion: string;
  readonly schema: OrgSchema;
  readonly store: RecordStore;
  readonly metadata: MetadataStore;
  readonly faults: FaultController;
  readonly limits: { used: number; max: number };
  /** the sessions the org accepts (the access token; tests may add or revoke) */
  readonly sessions: Set<string>;
}

export interface LocalOrg extends OrgContext {
  readonly requestLog: RequestLogEntry[];
  setFaults(plan: FaultPlan): void;
  resetRequestLog(): void;
  /**
   * Counts, from now on and afresh, every upsert row the org accepts per object and external-ID
   * value (REST, collections, rows of closed Bulk jobs); returns the live counts.
   */
  countWrites(): WriteCounts;
  /** writes the data dir now (it is also written shortly after every change and on stop) */
  save(): Promise<void>;
  stop(): Promise<void>;
}
