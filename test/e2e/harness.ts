/**
 * End-to-end harness: a local org plus the real sf CLI with a throw-away HOME.
 *
 *   const env = await startE2e();                 // local org + temp HOME
 *   await env.loginSf('local');                   // sf org login access-token … --alias local
 *   await env.linkPlugin();                       // sf plugins link . (needs lib/: npm run build)
 *   const r = await env.runSf(['data', 'query', '-q', 'SELECT Id FROM Account', '-o', 'local', '--json']);
 *   r.exitCode, r.stdout, r.stderr, r.json
 *   await env.stop();
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startOrg, type LocalOrg, type StartOrgOptions } from '../../emulator/index.js';
import type { ImportResult } from '../../src/records/importRecords.js';

export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const BIN = join(REPO_ROOT, 'node_modules', '.bin');

export interface SfResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON when it is JSON (with --json) */
  json?: SfJson;
}

export interface SfJson {
  status: number;
  result?: unknown;
  name?: string;
  message?: string;
  code?: string;
  warnings?: unknown[];
  [key: string]: unknown;
}

export interface RunSfOptions {
  /** working directory (default: the repo root) */
  cwd?: string;
  /** extra environment variables */
  env?: Record<string, string>;
  /** kill the CLI after this many ms (default 120000) */
  timeoutMs?: number;
  /** text piped to stdin */
  input?: string;
}

/** The environment every CLI call gets: a private HOME, no telemetry, no update checks, Node 22 first on PATH. */
export function sfEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: home,
    USERPROFILE: home,
    SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
    SF_DISABLE_TELEMETRY: 'true',
    SF_AUTOUPDATE_DISABLE: 'true',
    SF_DISABLE_AUTOUPDATE: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
    SF_HIDE_RELEASE_NOTES: 'true',
    SF_HIDE_RELEASE_NOTES_FOOTER: 'true',
    SFDX_HIDE_RELEASE_NOTES: 'true',
    NODE_NO_WARNINGS: '1',
    FORCE_COLOR: '0',
    NO_COLOR: '1',
    PATH: `${BIN}${delimiter}${process.env.PATH ?? ''}`,
    ...extra,
  };
}

/** Runs node_modules/.bin/sf with the given HOME; never throws on a non-zero exit. */
export function runSfIn(home: string, args: string[], opts: RunSfOptions = {}): Promise<SfResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(join(BIN, 'sf'), args, {
      cwd: opts.cwd ?? REPO_ROOT,
      env: sfEnv(home, opts.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      let json: SfJson | undefined;
      try {
        json = JSON.parse(stdout) as SfJson;
      } catch {
        json = undefined;
      }
      resolvePromise({ exitCode: code ?? (signal ? 137 : 1), stdout, stderr, json });
    });
    child.stdin.end(opts.input ?? '');
  });
}

export interface E2eEnv {
  org: LocalOrg;
  home: string;
  runSf(args: string[], opts?: RunSfOptions): Promise<SfResult>;
  /** logs the CLI into the local org under `alias` (saved auth in the temp HOME) */
  loginSf(alias?: string): Promise<SfResult>;
  /** links this repo's plugin into the CLI of the temp HOME; needs lib/ (npm run build) */
  linkPlugin(): Promise<SfResult>;
  stop(): Promise<void>;
}

export async function makeTempHome(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'glocal-e2e-home-'));
}

/** Logs the CLI in HOME into `org` under `alias`; throws with the CLI's output when it fails. */
export async function loginSf(home: string, org: LocalOrg, alias = 'local'): Promise<SfResult> {
  const result = await runSfIn(
    home,
    ['org', 'login', 'access-token', '--instance-url', org.instanceUrl, '--alias', alias, '--no-prompt', '--json'],
    { env: { SF_ACCESS_TOKEN: org.accessToken } }
  );
  if (result.exitCode !== 0) {
    throw new Error(`sf org login access-token failed (exit ${result.exitCode}):\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/** Links the plugin (this repo) into the CLI of HOME. */
export async function linkPlugin(home: string): Promise<SfResult> {
  if (!existsSync(join(REPO_ROOT, 'lib', 'commands'))) {
    throw new Error('lib/ is missing: run `npm run build` before the end-to-end tests (npm test builds first).');
  }
  const result = await runSfIn(home, ['plugins', 'link', REPO_ROOT, '--no-install']);
  if (result.exitCode !== 0) {
    throw new Error(`sf plugins link failed (exit ${result.exitCode}):\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

export async function startE2e(options: StartOrgOptions = {}): Promise<E2eEnv> {
  const org = await startOrg(options);
  const home = await makeTempHome();
  return {
    org,
    home,
    runSf: (args, opts) => runSfIn(home, args, opts),
    loginSf: (alias = 'local') => loginSf(home, org, alias),
    linkPlugin: () => linkPlugin(home),
    stop: async () => {
      await org.stop();
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** Environment for import commands under test: Bulk polls and retry backoff in milliseconds, not seconds. */
export const FAST_IMPORT_ENV = { GLOCAL_POLL_INTERVAL_MS: '50', GLOCAL_RETRY_BASE_MS: '20' };

/** The `--json` result of an import command, or an error showing everything the CLI printed. */
export function importResult(result: SfResult): ImportResult {
  if (!result.json?.result) throw new Error(`no JSON result:\n${result.stdout}\n${result.stderr}`);
  return result.json.result as ImportResult;
}

/** Every record of an object in the local org's store. */
export function storedRows(org: LocalOrg, object: string): Array<Record<string, unknown>> {
  return [...org.store.table(object).rows.values()] as Array<Record<string, unknown>>;
}
