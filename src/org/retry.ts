/*
 * Backoff for transient org failures. What is safe to repeat is the caller's decision (see
 * OrgRequestError.kind); this only decides when to try again and when to give up.
 */
import { OrgRequestError } from './orgClient.js';

export type RetryPolicy = {
  /** Attempts in total, the first one included. */
  attempts: number;
  /** Delay before the first retry; doubled for each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
};

/** Defaults for real orgs; GLOCAL_RETRY_BASE_MS shortens the waits for tests against the local org. */
export function defaultRetryPolicy(env: NodeJS.ProcessEnv = process.env): RetryPolicy {
  const base = Number(env.GLOCAL_RETRY_BASE_MS);
  return {
    attempts: 6,
    baseDelayMs: Number.isFinite(base) && base >= 0 && env.GLOCAL_RETRY_BASE_MS !== '' ? base : 1000,
    maxDelayMs: 60_000,
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function backoffDelay(policy: RetryPolicy, retry: number, kind?: string): number {
  // The org's limits recover slower than a hiccup: wait four times longer for them.
  const factor = kind === 'limit' ? 4 : 1;
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * factor * 2 ** retry);
}

/**
 * Run `attempt` until it succeeds, retrying transient OrgRequestErrors that `mayRetry` accepts.
 * `attempt` receives the number of the try (0 first) so it can change course after an ambiguous failure.
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  attempt: (tryNumber: number, previous?: OrgRequestError) => Promise<T>,
  mayRetry: (error: OrgRequestError) => boolean = (error): boolean => error.transient,
  onRetry?: (error: OrgRequestError, delayMs: number) => void
): Promise<T> {
  let previous: OrgRequestError | undefined;
  for (let tryNumber = 0; ; tryNumber++) {
    try {
      return await attempt(tryNumber, previous);
    } catch (error) {
      if (!(error instanceof OrgRequestError) || !mayRetry(error) || tryNumber + 1 >= policy.attempts) throw error;
      previous = error;
      const delay = backoffDelay(policy, tryNumber, error.kind);
      onRetry?.(error, delay);
      await sleep(delay);
    }
  }
}
