// Asynchronous deploy and retrieve jobs. A real org queues metadata operations and processes them
// one at a time; clients poll checkDeployStatus / checkRetrieveStatus. The local org does the
// same: a job is Pending, then InProgress for a few ticks, then done.
import type { OrgContext } from '../types.js';
import { runDeploy, type DeployMessage, type DeployOptions, type DeployOutcome } from './deploy.js';
import type { PackageManifest } from './package.js';
import { runRetrieve, type RetrieveOutcome } from './retrieve.js';

export type DeployStatus =
  'Pending' | 'InProgress' | 'Succeeded' | 'SucceededPartial' | 'Failed' | 'Canceling' | 'Canceled';

export interface DeployJob {
  id: string;
  status: DeployStatus;
  options: DeployOptions;
  createdDate: string;
  startDate?: string;
  completedDate?: string;
  outcome?: DeployOutcome;
  cancelRequested: boolean;
}

export interface RetrieveJob {
  id: string;
  status: 'Pending' | 'InProgress' | 'Succeeded' | 'Failed';
  createdDate: string;
  outcome?: RetrieveOutcome;
  errorMessage?: string;
}

/** Ticks a job stays InProgress before it runs, so pollers observe the real state machine. */
const IN_PROGRESS_MS = 25;

export class MetadataJobs {
  private readonly deploys = new Map<string, DeployJob>();
  private readonly retrieves = new Map<string, RetrieveJob>();
  private queue: Promise<void> = Promise.resolve();
  private counter = 0;

  public constructor(private readonly org: OrgContext) {}

  public startDeploy(zip: Buffer, options: DeployOptions): DeployJob {
    const job: DeployJob = {
      id: this.nextId('0Af'),
      status: 'Pending',
      options,
      createdDate: new Date().toISOString(),
      cancelRequested: false,
    };
    this.deploys.set(job.id, job);
    this.enqueue(async () => {
      if (job.cancelRequested) {
        job.status = 'Canceled';
        job.completedDate = new Date().toISOString();
        return;
      }
      job.status = 'InProgress';
      job.startDate = new Date().toISOString();
      await delay(IN_PROGRESS_MS);
      const outcome = runDeploy(this.org, zip, options);
      job.outcome = outcome;
      job.completedDate = new Date().toISOString();
      job.status = outcome.success
        ? 'Succeeded'
        : !options.rollbackOnError && !options.checkOnly && outcome.successes.length > 0
          ? 'SucceededPartial'
          : 'Failed';
    });
    return job;
  }

  public deploy(id: string): DeployJob | undefined {
    return this.deploys.get(id);
  }

  /** Cancels a queued deploy; one already running finishes (as on a real org after its point of no return). */
  public cancelDeploy(id: string): DeployJob | undefined {
    const job = this.deploys.get(id);
    if (!job) return undefined;
    if (job.status === 'Pending') {
      job.cancelRequested = true;
      job.status = 'Canceling';
    }
    return job;
  }

  public startRetrieve(manifest: PackageManifest, singlePackage: boolean): RetrieveJob {
    const job: RetrieveJob = { id: this.nextId('09S'), status: 'Pending', createdDate: new Date().toISOString() };
    this.retrieves.set(job.id, job);
    this.enqueue(async () => {
      job.status = 'InProgress';
      await delay(IN_PROGRESS_MS);
      try {
        job.outcome = runRetrieve(this.org, manifest, singlePackage);
        job.status = 'Succeeded';
      } catch (error) {
        job.errorMessage = (error as Error).message;
        job.status = 'Failed';
      }
    });
    return job;
  }

  public retrieve(id: string): RetrieveJob | undefined {
    return this.retrieves.get(id);
  }

  /** Resolves when every queued job has finished (tests use it instead of sleeping). */
  public idle(): Promise<void> {
    return this.queue;
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(async () => {
      await delay(0);
      try {
        await task();
      } catch {
        // a failing task must not stop later jobs; its state says what happened
      }
    });
  }

  private nextId(prefix: string): string {
    this.counter++;
    return `${prefix}${'0'.repeat(7)}${String(this.counter).padStart(5, '0')}AAA`.slice(0, 18);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function isDone(status: string): boolean {
  return status === 'Succeeded' || status === 'SucceededPartial' || status === 'Failed' || status === 'Canceled';
}

/** The DeployResult structure both the SOAP and the REST API answer with. */
export function deployResult(org: OrgContext, job: DeployJob, includeDetails: boolean): Record<string, unknown> {
  const outcome = job.outcome;
  const done = isDone(job.status);
  const successes: DeployMessage[] = outcome?.successes ?? [];
  const failures: DeployMessage[] = outcome?.failures ?? [];
  const total = successes.length + failures.length;
  return {
    id: job.id,
    checkOnly: job.options.checkOnly,
    completedDate: job.completedDate,
    createdBy: org.userId,
    createdByName: org.username,
    createdDate: job.createdDate,
    details:
      includeDetails && outcome
        ? {
            componentSuccesses: successes,
            componentFailures: failures,
            runTestResult: { numFailures: 0, numTestsRun: 0, totalTime: 0 },
          }
        : undefined,
    done,
    errorMessage: outcome?.errorMessage,
    errorStatusCode: outcome?.errorStatusCode,
    ignoreWarnings: job.options.ignoreWarnings,
    lastModifiedDate: job.completedDate ?? job.startDate ?? job.createdDate,
    numberComponentErrors: failures.length,
    numberComponentsDeployed: done ? successes.length : 0,
    numberComponentsTotal: total,
    numberTestErrors: 0,
    numberTestsCompleted: 0,
    numberTestsTotal: 0,
    rollbackOnError: job.options.rollbackOnError,
    runTestsEnabled: false,
    startDate: job.startDate,
    status: job.status,
    success: job.status === 'Succeeded' || job.status === 'SucceededPartial',
  };
}
