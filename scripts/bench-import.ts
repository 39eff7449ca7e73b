// npm run bench:import — the import pipeline on the local org, side by side with `sf data import bulk`:
//  1. `sf glocal training import --bulk` of ROWS training records whose course, market and
//     participant are given as course code, country code and e-mail (resolved by the plugin);
//  2. `sf data import bulk` of the same rows with the Ids already resolved (new keys, so both insert).
// For each run: peak RSS of the CLI process (VmHWM), wall time, the plugin's client-side time per
// stage and rows/s, and the API calls the org logged. Usage: npm run bench:import [-- --rows 100000]
import { spawn } from 'node:child_process';
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { tuneHeapForLargeData } from '../emulator/index.js';
import { REPO_ROOT, sfEnv, startE2e, type E2eEnv } from '../test/e2e/harness.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    participants: { type: 'string', default: '50000' },
    courses: { type: 'string', default: '200' },
  },
});
const ROWS = Number(values.rows);
const PARTICIPANTS = Number(values.participants);
const COURSES = Number(values.courses);
const MARKETS = ['DK', 'DE', 'FR', 'ES', 'IT', 'NL', 'SE', 'NO', 'FI', 'PL', 'CN', 'JP', 'BR', 'US', 'GB'];
const ROLES = ['Store Manager', 'Service Manager', 'CRM Manager', 'Team Lead', 'Associate'];

type Run = {
  exitCode: number;
  wallMs: number;
  peakRssMb: number;
  apiCalls: number;
  queries: number;
  /** API calls by method and path, Ids and query strings folded: where the calls went. */
  callsByKind: Record<string, number>;
  stdout: string;
};

function callsByKind(log: Array<{ method: string; path: string }>): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const entry of log) {
    const path = entry.path
      .split('?')[0]
      .replace(/\/v\d+\.\d+\//, '/vXX/')
      .replace(/\/[a-zA-Z0-9]{15,18}(?=\/|$)/g, '/{id}');
    const kind = `${entry.method} ${path}`;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return kinds;
}

async function peakRss(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Runs the CLI, sampling the high-water mark of its resident memory until it exits. */
async function measure(
  env: E2eEnv,
  args: string[],
  extraEnv: Record<string, string> = {},
  command: string[] = [join(REPO_ROOT, 'node_modules', '.bin', 'sf')]
): Promise<Run> {
  env.org.resetRequestLog();
  const started = performance.now();
  const child = spawn(command[0], [...command.slice(1), ...args], {
    cwd: REPO_ROOT,
    env: sfEnv(env.home, extraEnv),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  let peak = 0;
  const sampler = setInterval(() => {
    void peakRss(child.pid!).then((value) => (peak = Math.max(peak, value)));
  }, 100);
  const [code] = (await once(child, 'close')) as [number];
  clearInterval(sampler);
  return {
    exitCode: code,
    wallMs: performance.now() - started,
    peakRssMb: peak,
    apiCalls: env.org.requestLog.length,
    queries: env.org.requestLog.filter((entry) => /\/query(All)?(\/|$|\?)/.test(entry.path)).length,
    callsByKind: callsByKind(env.org.requestLog),
    stdout,
  };
}

async function writeLines(file: string, header: string, line: (index: number) => string): Promise<void> {
  const out = createWriteStream(file);
  out.write(`${header}\n`);
  let chunk = '';
  for (let index = 0; index < ROWS; index++) {
    chunk += `${line(index)}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

const day = (index: number): string =>
  `2026-${String((index % 9) + 1).padStart(2, '0')}-${String((index % 28) + 1).padStart(2, '0')}`;

async function main(): Promise<void> {
  tuneHeapForLargeData();
  const env = await startE2e();
  const work = await mkdtemp(join(tmpdir(), 'glocal-bench-import-'));
  try {
    await env.loginSf('local');
    await env.linkPlugin();
    const deployed = await env.runSf(['project', 'deploy', 'start', '-d', 'force-app', '-o', 'local', '--json'], {
      timeoutMs: 600_000,
    });
    if (deployed.exitCode !== 0) throw new Error(`deploy failed: ${deployed.stdout}`);

    const store = env.org.store;
    const ids = (results: Array<{ id: string | null; success: boolean; errors: unknown[] }>): string[] =>
      results.map((result) => {
        if (!result.success || !result.id) throw new Error(`seeding failed: ${JSON.stringify(result.errors)}`);
        return result.id;
      });
    const marketIds = ids(
      store.insert(
        'Market__c',
        MARKETS.map((code) => ({ Name: `Market ${code}`, Country_Code__c: code }))
      )
    );
    const courseIds = ids(
      store.insert(
        'Training_Course__c',
        Array.from({ length: COURSES }, (_, index) => ({
          Name: `Course ${index}`,
          Course_Code__c: `C-${index}`,
          Passing_Score__c: 50,
        }))
      )
    );
    const contactIds = ids(
      store.insert(
        'Contact',
        Array.from({ length: PARTICIPANTS }, (_, index) => ({
          LastName: `Person ${index}`,
          Email: `p${index}@example.com`,
        }))
      )
    );

    const glocalFile = join(work, 'training.csv');
    await writeLines(
      glocalFile,
      'Record_Key__c,Course__c,Market__c,Participant,Role__c,Status__c,Assigned_On__c,Due_On__c',
      (index) =>
        `G-${index},C-${index % COURSES},${MARKETS[index % MARKETS.length]},p${index % PARTICIPANTS}@example.com,${
          ROLES[index % ROLES.length]
        },Assigned,${day(index)},2026-12-31`
    );
    const resolvedFile = join(work, 'training-resolved.csv');
    await writeLines(
      resolvedFile,
      'Record_Key__c,Course__c,Market__c,Participant_Contact__c,Role__c,Status__c,Assigned_On__c,Due_On__c',
      (index) =>
        `S-${index},${courseIds[index % COURSES]},${marketIds[index % MARKETS.length]},${contactIds[index % PARTICIPANTS]},${
          ROLES[index % ROLES.length]
        },Assigned,${day(index)},2026-12-31`
    );

    console.log(
      `bench:import — ${ROWS.toLocaleString('en')} training records, ${PARTICIPANTS} participants, ${COURSES} courses`
    );
    // The CLI's own footprint: the same plugin on a one-row file.
    const tinyFile = join(work, 'one-course.csv');
    await writeFile(tinyFile, 'Course_Code__c,Name\nBENCH-1,Bench course\n');
    const baseline = await measure(env, ['glocal', 'course', 'import', '-f', tinyFile, '-o', 'local', '--json']);
    const glocal = await measure(env, [
      'glocal',
      'training',
      'import',
      '-f',
      glocalFile,
      '--bulk',
      '-o',
      'local',
      '--json',
    ]);
    const result = (JSON.parse(glocal.stdout) as { result: Record<string, unknown> }).result;
    const timings = result.timings as Record<string, number>;
    // Client-side processing: both passes and the reference queries, without the time the org
    // takes to accept the uploads (timings.transfer) or to process the jobs (timings.process).
    const clientTime = (stages: Record<string, number>): number =>
      (stages.check ?? 0) + (stages.resolve ?? 0) + (stages.load ?? 0) - (stages.transfer ?? 0);
    const clientMs = clientTime(timings);
    // The same import through the plugin's own bin/run.js (same command code, without the sf CLI
    // loading its other plugins): the plugin's footprint alone. Its rows are upserts of the same keys.
    const alone = await measure(
      env,
      ['glocal', 'training', 'import', '-f', glocalFile, '--bulk', '-o', 'local', '--json'],
      {},
      [process.execPath, join(REPO_ROOT, 'bin', 'run.js')]
    );
    const aloneResult = (JSON.parse(alone.stdout) as { result: Record<string, unknown> }).result;
    const aloneMs = clientTime(aloneResult.timings as Record<string, number>);
    const sfRun = await measure(env, [
      'data',
      'import',
      'bulk',
      '-f',
      resolvedFile,
      '-s',
      'Training_Record__c',
      '-w',
      '60',
      '-o',
      'local',
      '--json',
    ]);

    const rate = (ms: number): string => `${Math.round(ROWS / (ms / 1000)).toLocaleString('en')} rows/s`;
    console.table({
      'sf glocal course import (1 row, CLI baseline)': {
        exit: baseline.exitCode,
        'peak RSS MB': Math.round(baseline.peakRssMb),
        'wall s': (baseline.wallMs / 1000).toFixed(1),
        'client s (excl. upload)': '',
        'client rows/s': '',
        'API calls': baseline.apiCalls,
        'of which queries': baseline.queries,
      },
      'sf glocal training import': {
        exit: glocal.exitCode,
        'peak RSS MB': Math.round(glocal.peakRssMb),
        'wall s': (glocal.wallMs / 1000).toFixed(1),
        'client s (excl. upload)': (clientMs / 1000).toFixed(1),
        'client rows/s': rate(clientMs),
        'API calls': glocal.apiCalls,
        'of which queries': glocal.queries,
      },
      'node bin/run.js glocal training import (plugin alone)': {
        exit: alone.exitCode,
        'peak RSS MB': Math.round(alone.peakRssMb),
        'wall s': (alone.wallMs / 1000).toFixed(1),
        'client s (excl. upload)': (aloneMs / 1000).toFixed(1),
        'client rows/s': rate(aloneMs),
        'API calls': alone.apiCalls,
        'of which queries': alone.queries,
      },
      'sf data import bulk (Ids resolved)': {
        exit: sfRun.exitCode,
        'peak RSS MB': Math.round(sfRun.peakRssMb),
        'wall s': (sfRun.wallMs / 1000).toFixed(1),
        'client s (excl. upload)': '',
        'client rows/s': '',
        'API calls': sfRun.apiCalls,
        'of which queries': sfRun.queries,
      },
    });
    console.log('API calls by kind — sf glocal training import:', glocal.callsByKind);
    console.log('API calls by kind — sf data import bulk:', sfRun.callsByKind);
    console.log('plugin stage times (ms):', timings);
    console.log('plugin counts:', {
      read: result.read,
      invalid: result.invalid,
      sent: result.sent,
      succeeded: result.succeeded,
      failed: result.failed,
      jobs: (result.jobIds as string[]).length,
    });
  } finally {
    await env.stop();
    await rm(work, { recursive: true, force: true });
  }
}

await main();
