/*
 * npm run demo — Glocal end to end on this machine, no Salesforce org needed:
 * starts the local org, logs the real sf CLI into it under a throw-away HOME, links this plugin,
 * and walks through install (with sample data), status, a re-install that is a no-op, and an
 * assignment. Everything it starts is stopped and removed at the end, also on failure or Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startOrg, type LocalOrg } from '../emulator/index.js';

const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const BIN = join(REPO_ROOT, 'node_modules', '.bin');
const ALIAS = 'glocal-demo';

const bold = (text: string): string => (process.stdout.isTTY ? `\u001b[1m${text}\u001b[22m` : text);
const dim = (text: string): string => (process.stdout.isTTY ? `\u001b[2m${text}\u001b[22m` : text);

function narrate(title: string, ...lines: string[]): void {
  console.log(`\n${bold(`▸ ${title}`)}`);
  for (const line of lines) console.log(`  ${line}`);
}

/** Runs the real sf CLI (Node 22 from node_modules) with the demo's HOME; output goes to the terminal. */
function sf(home: string, args: string[], extraEnv: Record<string, string> = {}, quiet = false): Promise<number> {
  console.log(dim(`$ sf ${args.join(' ')}`));
  return new Promise((resolvePromise, reject) => {
    const child = spawn(join(BIN, 'sf'), args, {
      cwd: REPO_ROOT,
      stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
      env: {
        ...process.env,
        HOME: home,
        USERPROFILE: home,
        SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
        SF_DISABLE_TELEMETRY: 'true',
        SF_AUTOUPDATE_DISABLE: 'true',
        SF_DISABLE_AUTOUPDATE: 'true',
        SF_SKIP_NEW_VERSION_CHECK: 'true',
        SF_HIDE_RELEASE_NOTES: 'true',
        NODE_NO_WARNINGS: '1',
        PATH: `${BIN}${delimiter}${process.env.PATH ?? ''}`,
        ...extraEnv,
      },
    });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise(code ?? 1));
  });
}

async function step(home: string, args: string[], options: { env?: Record<string, string>; quiet?: boolean } = {}) {
  const code = await sf(home, args, options.env, options.quiet);
  if (code !== 0) throw new Error(`sf ${args.join(' ')} exited with ${code}`);
}

async function walkThrough(org: LocalOrg, home: string): Promise<void> {
  narrate(
    'A local Salesforce-compatible org is running',
    `${org.instanceUrl} (loopback only; it learns Glocal's objects from the deploy, as a real org does)`
  );

  narrate('Log the real sf CLI in (throw-away HOME) and link this plugin');
  await step(
    home,
    ['org', 'login', 'access-token', '--instance-url', org.instanceUrl, '--alias', ALIAS, '--no-prompt'],
    {
      env: { SF_ACCESS_TOKEN: org.accessToken },
      quiet: true,
    }
  );
  await step(home, ['plugins', 'link', REPO_ROOT, '--no-install'], { quiet: true });

  narrate(
    '1. Install Glocal with sample data',
    'Preflight checks the org, then one all-or-nothing deploy ships objects, permission sets, the app and',
    'translations in nine languages, together with the record of the installed version. Then six markets',
    '(DK, CN, DE, US, BR, AE) with their real locale, currency and time zone, courses, people and feedback.'
  );
  await step(home, ['glocal', 'install', '--target-org', ALIAS, '--with-sample-data']);

  narrate(
    '2. Check what is in the org',
    'Exit code 0 means healthy; 1 lists what is missing or changed, and what to do.'
  );
  const statusCode = await sf(home, ['glocal', 'status', '--target-org', ALIAS]);
  console.log(dim(`  (exit code ${statusCode})`));

  narrate('3. Install again', 'Same version, same source: no deploy at all.');
  org.resetRequestLog();
  await step(home, ['glocal', 'install', '--target-org', ALIAS]);
  console.log(dim(`  (the org saw ${org.requestLog.length} API call(s) for that)`));

  narrate('4. Give a local manager access');
  await step(home, [
    'glocal',
    'assign',
    '--target-org',
    ALIAS,
    '--permission-set',
    'manager',
    '--users',
    'mette.jensen@glocal.example.local',
  ]);

  narrate(
    'Where to go next',
    '• sf glocal training report / cq report / feedback scorecard — what managers ask for',
    '• sf glocal market import --file markets.csv — load your own spreadsheets (sample-data/ shows the format)',
    '• sf glocal l10n coverage — translation coverage of the pack per language',
    '• sf glocal uninstall — backs every record up to CSV first, then removes the pack'
  );
}

async function main(): Promise<void> {
  const home = await mkdtemp(join(tmpdir(), 'glocal-demo-home-'));
  const org = await startOrg();
  let cleaned = false;
  const cleanUp = async (): Promise<void> => {
    if (cleaned) return;
    cleaned = true;
    await org.stop();
    await rm(home, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    void cleanUp().then(() => process.exit(130));
  });
  let failed = false;
  try {
    await walkThrough(org, home);
  } catch (error) {
    failed = true;
    console.error(`\nThe demo stopped: ${(error as Error).message}`);
  } finally {
    await cleanUp();
  }
  narrate('Cleaned up', 'The local org is stopped and the throw-away HOME is deleted.');
  narrate(
    'The same against a real org (a Developer Edition or a sandbox)',
    'sf plugins link .          (or, once published: sf plugins install sf-plugin-glocal)',
    'sf org login web --alias my-org',
    'sf glocal install --target-org my-org --with-sample-data --dry-run   (validate first, changes nothing)',
    'sf glocal install --target-org my-org --with-sample-data',
    'sf glocal status --target-org my-org',
    'sf glocal assign --target-org my-org --permission-set manager --users someone@example.com'
  );
  if (failed) process.exitCode = 1;
}

await main();
