/*
 * Runs one Metadata API deploy (or resumes one) and follows it, polling no faster than every 2 s.
 * Returns when the org has an answer or when `wait` runs out (then status is InProgress and the
 * caller tells the user how to resume).
 */
import type { Connection } from '@salesforce/core';
import {
  ComponentSet,
  MetadataApiDeploy,
  RequestStatus,
  type MetadataApiDeployStatus,
  type SourceComponent,
} from '@salesforce/source-deploy-retrieve';

export const MIN_POLL_INTERVAL_MS = 2000;

export type DeployProgress = {
  deployId: string;
  status: string;
  componentsDeployed: number;
  componentsTotal: number;
  componentErrors: number;
};

export type ComponentFailure = {
  type: string;
  fullName: string;
  fileName?: string;
  problem: string;
  problemType?: string;
};

export type DeployOutcome = {
  deployId: string;
  status: 'Succeeded' | 'Failed' | 'Canceled' | 'InProgress';
  componentsDeployed: number;
  componentsTotal: number;
  failures: ComponentFailure[];
  /** The org's own message when the deploy failed as a whole (e.g. a malformed package). */
  errorMessage?: string;
};

export type FollowOptions = {
  connection: Connection;
  /** Milliseconds to wait for the org before returning InProgress. */
  waitMs: number;
  /** Milliseconds between status checks; never below MIN_POLL_INTERVAL_MS. */
  pollIntervalMs?: number;
  onProgress?: (progress: DeployProgress) => void;
};

const FINISHED = new Set<string>([
  RequestStatus.Succeeded,
  RequestStatus.Failed,
  RequestStatus.SucceededPartial,
  RequestStatus.Canceled,
]);

function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function toProgress(deployId: string, status: MetadataApiDeployStatus): DeployProgress {
  return {
    deployId,
    status: String(status.status),
    componentsDeployed: Number(status.numberComponentsDeployed ?? 0),
    componentsTotal: Number(status.numberComponentsTotal ?? 0),
    componentErrors: Number(status.numberComponentErrors ?? 0),
  };
}

export function componentFailures(status: MetadataApiDeployStatus): ComponentFailure[] {
  const details = status.details as { componentFailures?: unknown } | undefined;
  return asArray(details?.componentFailures as Array<Record<string, unknown>> | undefined).map((failure) => ({
    type: String(failure.componentType ?? ''),
    fullName: String(failure.fullName ?? ''),
    fileName: failure.fileName === undefined ? undefined : String(failure.fileName),
    problem: String(failure.problem ?? ''),
    problemType: failure.problemType === undefined ? undefined : String(failure.problemType),
  }));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls an started deploy until it finishes or `waitMs` runs out. */
export async function followDeploy(deploy: MetadataApiDeploy, options: FollowOptions): Promise<DeployOutcome> {
  const deployId = String(deploy.id);
  const interval = Math.max(MIN_POLL_INTERVAL_MS, options.pollIntervalMs ?? MIN_POLL_INTERVAL_MS);
  const deadline = Date.now() + options.waitMs;
  let last: MetadataApiDeployStatus | undefined;
  for (;;) {
    if (Date.now() + interval > deadline) {
      const progress = last ? toProgress(deployId, last) : undefined;
      return {
        deployId,
        status: 'InProgress',
        componentsDeployed: progress?.componentsDeployed ?? 0,
        componentsTotal: progress?.componentsTotal ?? 0,
        failures: [],
      };
    }

    await sleep(interval);

    last = await deploy.checkStatus();
    options.onProgress?.(toProgress(deployId, last));
    if (FINISHED.has(String(last.status))) break;
  }
  const progress = toProgress(deployId, last);
  const status = String(last.status);
  return {
    deployId,
    status:
      status === RequestStatus.Succeeded ? 'Succeeded' : status === RequestStatus.Canceled ? 'Canceled' : 'Failed',
    componentsDeployed: progress.componentsDeployed,
    componentsTotal: progress.componentsTotal,
    failures: componentFailures(last),
    errorMessage: (last as { errorMessage?: string }).errorMessage,
  };
}

export type StartDeployOptions = FollowOptions & {
  components: SourceComponent[];
  apiVersion: string;
  checkOnly: boolean;
  onStarted?: (deployId: string, componentCount: number) => void;
};

/** Deploys the components all-or-nothing (rollbackOnError) and follows the deploy. */
export async function deployComponents(options: StartDeployOptions): Promise<DeployOutcome> {
  const set = new ComponentSet(options.components);
  set.apiVersion = options.apiVersion;
  set.sourceApiVersion = options.apiVersion;
  const deploy = await set.deploy({
    usernameOrConnection: options.connection,
    apiOptions: { checkOnly: options.checkOnly, rollbackOnError: true, singlePackage: true, ignoreWarnings: false },
  });
  options.onStarted?.(String(deploy.id), set.size);
  return followDeploy(deploy, options);
}

/** Follows a deploy started earlier (`--resume <deployId>`). */
export async function resumeDeploy(deployId: string, options: FollowOptions): Promise<DeployOutcome> {
  const deploy = new MetadataApiDeploy({ id: deployId, usernameOrConnection: options.connection });
  return followDeploy(deploy, options);
}

/** Deploys a folder in Metadata API format (package.xml + destructiveChanges.xml). */
export async function deployMetadataFolder(
  mdapiPath: string,
  options: FollowOptions & { onStarted?: (deployId: string) => void }
): Promise<DeployOutcome> {
  const deploy = new MetadataApiDeploy({
    mdapiPath,
    usernameOrConnection: options.connection,
    apiOptions: { rollbackOnError: true, singlePackage: true, purgeOnDelete: false },
  });
  await deploy.start();
  options.onStarted?.(String(deploy.id));
  return followDeploy(deploy, options);
}
