/*
 * The import, export and report commands through the real sf CLI against the local org, with the
 * pack deployed: real files, every kind of bad input, injected faults, a killed and resumed
 * Bulk import, and export → import round trips.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, readFile, readdir, writeFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, beforeAll, afterAll, jest } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import {
  FAST_IMPORT_ENV,
  importResult,
  REPO_ROOT,
  sfEnv,
  startE2e,
  storedRows,
  type E2eEnv,
  type SfResult,
} from './harness.js';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'records');
// Each sf call starts a CLI (about 2 s on an idle machine, far more on a busy one).
jest.setTimeout(300_000);

let env: E2eEnv;
let work: string;

async function fixture(name: string): Promise<string> {
  const target = join(work, name);
  await copyFile(join(FIXTURES, name), target);
  return target;
}

async function sf(args: string[], extraEnv: Record<string, string> = {}): Promise<SfResult> {
  return env.runSf([...args, '-o', 'local', '--json'], { env: { ...FAST_IMPORT_ENV, ...extraEnv }, timeoutMs: 90_000 });
}

function rows(object: string): Array<Record<string, unknown>> {
  return storedRows(env.org, object);
}

function keysOf(object: string, keyField = 'Record_Key__c'): string[] {
  return rows(object)
    .map((row) => String(row[keyField]))
    .sort();
}

beforeAll(async () => {
  env = await startE2e();
  work = await mkdtemp(join(tmpdir(), 'glocal-import-e2e-'));
  await env.loginSf('local');
  await env.linkPlugin();
  const deployed = await env.runSf(['project', 'deploy', 'start', '-d', 'force-app', '-o', 'local', '--json'], {
    timeoutMs: 180_000,
  });
  if (deployed.exitCode !== 0) throw new Error(`deploy failed:\n${deployed.stdout}`);
  const contacts = JSON.parse(await readFile(join(FIXTURES, 'contacts.json'), 'utf8')) as Array<
    Record<string, unknown>
  >;
  env.org.store.insert('Contact', contacts);
  for (const [topic, file] of [
    ['market', 'markets.csv'],
    ['course', 'courses.csv'],
  ]) {
    const result = await sf(['glocal', topic, 'import', '-f', await fixture(file)]);
    if (result.exitCode !== 0) throw new Error(`seeding ${file} failed:\n${result.stdout}\n${result.stderr}`);
  }
}, 240_000);

afterAll(async () => {
  await env?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('sf glocal … import with real spreadsheet files', () => {
  it('loads a Danish Excel file and a UTF-8 BOM file with Chinese text and quoted newlines', async () => {
    const danish = await sf([
      'glocal',
      'training',
      'import',
      '-f',
      await fixture('training-da.csv'),
      '--locale',
      'da_DK',
      '--date-format',
      'dd.mm.yyyy',
    ]);
    expect(importResult(danish)).toMatchObject({ read: 2, invalid: 0, succeeded: 2, failed: 0 });
    expect(danish.exitCode).toBe(0);
    const dk1 = rows('Training_Record__c').find((row) => row.Record_Key__c === 'DK-1')!;
    expect(dk1).toMatchObject({
      Status__c: 'Completed',
      Score__c: 87.5,
      Completed_On__c: '2026-02-20',
      Result__c: 'Pass',
    });

    const chinese = await sf(['glocal', 'market', 'import', '-f', await fixture('markets-zh.csv')]);
    expect(importResult(chinese)).toMatchObject({ read: 2, succeeded: 2 });
    expect(rows('Market__c').find((row) => row.Country_Code__c === 'TW')?.Name).toBe('台湾\n(Taiwan)');

    const utf16 = await sf(['glocal', 'training', 'import', '-f', await fixture('training-utf16.txt')]);
    expect(importResult(utf16)).toMatchObject({ read: 2, succeeded: 2 });
  });

  it.each([
    ['bad-unclosed-quote.csv', 3, /Market__c: a quoted field opens here and is never closed/, ['U-1', 'U-3']],
    ['bad-type.csv', 2, /Score__c: "eighty" is not a number/, ['T-3']],
    ['bad-picklist.csv', 2, /Status__c: "Done" is not one of Assigned, In Progress/, ['P-2']],
    ['bad-unknown-reference.csv', 2, /Course__c: no record found for "NOPE-1"/, ['R-3']],
    ['bad-duplicate-key.csv', 2, /Record_Key__c: "D-1" is also the key of row 4/, ['D-2']],
  ])('%s: exit 1, the message names row %s and the column, valid rows land', async (name, row, message, loaded) => {
    const result = await sf(['glocal', 'training', 'import', '-f', await fixture(name)]);
    expect(result.exitCode).toBe(1);
    const json = importResult(result);
    const reported = [...json.errors, ...(json.readError ? [json.readError] : [])];
    expect(reported).toContainEqual({ row, reason: expect.stringMatching(message) });
    expect(json.errorsFile).toBe(join(work, `${name}.errors.csv`));
    const prefix = loaded[0].split('-')[0];
    expect(keysOf('Training_Record__c').filter((key) => key.startsWith(`${prefix}-`))).toEqual(loaded);
  });

  it('wrong encoding is a row error naming the column; the other row lands', async () => {
    const result = await sf(['glocal', 'market', 'import', '-f', await fixture('bad-encoding.csv')]);
    expect(result.exitCode).toBe(1);
    expect(importResult(result).errors).toEqual([
      { row: 3, reason: expect.stringMatching(/^Name: the text is not valid UTF-8/) },
    ]);
    expect(keysOf('Market__c', 'Country_Code__c')).toContain('DK');
    // The same file read as windows-1252 loads: Færøerne.
    const fixed = await sf([
      'glocal',
      'market',
      'import',
      '-f',
      join(work, 'bad-encoding.csv'),
      '--encoding',
      'windows-1252',
    ]);
    expect(importResult(fixed)).toMatchObject({ invalid: 0, succeeded: 2 });
    expect(rows('Market__c').find((market) => market.Country_Code__c === 'FO')?.Name).toBe('Færerne');
  });

  it.each([
    ['bad-unknown-column.csv', /Unknown column "Colour" for Training_Record__c\. Known columns: Course__c, Market__c/],
    ['bad-empty.csv', /is empty: row 1 must be a header/],
    ['bad-header-only.csv', /has a header but no rows: row 2 is empty/],
  ])('%s is refused before anything is sent', async (name, message) => {
    const result = await sf(['glocal', 'training', 'import', '-f', await fixture(name)]);
    expect(result.exitCode).toBe(1);
    expect(result.json?.message).toMatch(message);
  });

  it('re-importing the fixed errors file completes the load', async () => {
    const errorsFile = join(work, 'bad-picklist.csv.errors.csv');
    const fixedFile = join(work, 'picklist-fixed.csv');
    await writeFile(fixedFile, (await readFile(errorsFile, 'utf8')).replace('Done', 'Completed'));
    const result = await sf(['glocal', 'training', 'import', '-f', fixedFile]);
    // P-1 as Completed now reaches the org, whose validation rule wants a completion date and score.
    const json = importResult(result);
    expect(json.failed + json.succeeded).toBe(1);
    if (json.failed === 1) expect(json.errors[0].reason).toMatch(/FIELD_CUSTOM_VALIDATION_EXCEPTION/);
  });
});

function generatedTraining(prefix: string, count: number): string {
  const people = ['anna@example.com', 'bo@example.com', 'li.wei@example.cn', 'jonas.becker@glocal.example'];
  let text = 'Record_Key__c,Course__c,Market__c,Participant,Role__c,Status__c,Assigned_On__c\n';
  for (let index = 0; index < count; index++) {
    text += `${prefix}-${index},${index % 2 ? 'CQ-101' : 'CC-201'},${['DK', 'DE', 'FR'][index % 3]},${
      people[index % people.length]
    },Associate,Assigned,2026-0${1 + (index % 9)}-1${index % 10}\n`;
  }
  return text;
}

describe('loading through faults, interruptions and round trips', () => {
  it('with 5xx, dropped connections and limit errors every valid row lands exactly once', async () => {
    const pathFilter = /composite\/sobjects|jobs\/ingest/;
    // Every row the org accepts, counted per key: a row sent again after the org took it counts twice.
    const writes = env.org.countWrites();
    for (const [prefix, bulk, seed, write] of [
      // Seeds whose fault sequence hits the first few data requests (see FaultController), and
      // loses the answer to at least one write the org did (collections upsert; Bulk job PATCH:
      // with these seeds, closes among them).
      ['FC', '--no-bulk', 4, /^PATCH .*\/composite\/sobjects\//],
      ['FB', '--bulk', 8, /^PATCH .*\/jobs\/ingest\/\w+$/],
    ] as const) {
      const file = join(work, `${prefix}.csv`);
      await writeFile(file, generatedTraining(prefix, 600));
      const logFrom = env.org.requestLog.length;
      // Half the 5xx and dropped connections come after the org did the work: only the answer is lost.
      env.org.setFaults({
        seed,
        serverErrorRate: 0.15,
        dropRate: 0.15,
        limitExceededRate: 0.15,
        afterWorkShare: 0.5,
        pathFilter,
      });
      // Small Bulk jobs: the load spreads over several, so faults hit uploads, closes and polls.
      const result = await sf(['glocal', 'training', 'import', '-f', file, bulk], { GLOCAL_BULK_MAX_BYTES: '12000' });
      const faults = env.org.faults.count;
      env.org.setFaults({});
      const lostAnswers = env.org.requestLog
        .slice(logFrom)
        .filter((entry) => entry.fault?.endsWith('-after-work') && write.test(`${entry.method} ${entry.path}`));
      expect(importResult(result)).toMatchObject({ read: 600, invalid: 0, sent: 600, succeeded: 600, failed: 0 });
      expect(faults).toBeGreaterThan(0);
      expect(lostAnswers.length).toBeGreaterThan(0);
      const keys = keysOf('Training_Record__c').filter((key) => key.startsWith(`${prefix}-`));
      expect(keys).toHaveLength(600);
      expect(new Set(keys).size).toBe(600);
      const accepted = [...writes.of('Training_Record__c')].filter(([key]) => key.startsWith(`${prefix}-`));
      expect(accepted.filter(([, times]) => times !== 1)).toEqual([]);
      expect(accepted).toHaveLength(600);
    }
  });

  it('a Bulk import killed while the org works is finished by --resume without duplicates', async () => {
    const file = join(work, 'killed.csv');
    await writeFile(file, generatedTraining('KR', 300));
    const stateFile = `${file}.import-state.json`;
    // The org holds the job InProgress, so the CLI is still waiting for it when it is killed.
    env.org.faults.set({ holdBulkJobs: true });
    const child = spawn(
      join(REPO_ROOT, 'node_modules', '.bin', 'sf'),
      ['glocal', 'training', 'import', '-f', file, '--bulk', '-o', 'local', '--json'],
      { env: sfEnv(env.home, FAST_IMPORT_ENV), stdio: 'ignore' }
    );
    const closed = new Promise((resolve) => child.on('close', resolve));
    try {
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && child.exitCode === null) {
        if (existsSync(stateFile) && (await readFile(stateFile, 'utf8')).includes('"processing"')) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(child.exitCode).toBeNull();
      child.kill('SIGKILL');
      await closed;
    } finally {
      env.org.faults.set({});
    }
    expect(existsSync(stateFile)).toBe(true);

    const resumed = await sf(['glocal', 'training', 'import', '-f', file, '--resume']);
    expect(importResult(resumed)).toMatchObject({ status: 'complete', sent: 300, succeeded: 300, failed: 0 });
    expect(existsSync(stateFile)).toBe(false);
    const keys = keysOf('Training_Record__c').filter((key) => key.startsWith('KR-'));
    expect(keys).toHaveLength(300);
    expect(new Set(keys).size).toBe(300);
  });

  it('export → import round-trips: the file imports unchanged and exports identically', async () => {
    const first = join(work, 'export-1.csv');
    const exported = await sf(['glocal', 'training', 'export', '--output-file', first]);
    expect(exported.exitCode).toBe(0);
    const count = rows('Training_Record__c').length;
    expect((exported.json?.result as { records: number }).records).toBe(count);

    const reimported = await sf(['glocal', 'training', 'import', '-f', first]);
    expect(importResult(reimported)).toMatchObject({ read: count, invalid: 0, failed: 0 });
    expect(rows('Training_Record__c')).toHaveLength(count);

    const second = join(work, 'export-2.csv');
    await sf(['glocal', 'training', 'export', '--output-file', second]);
    expect(await readFile(second, 'utf8')).toBe(await readFile(first, 'utf8'));
    const header = (parse(await readFile(first, 'utf8'), { to_line: 1 }) as string[][])[0];
    expect(header).toEqual(
      expect.arrayContaining(['Record_Key__c', 'Course__c', 'Market__c', 'Participant_Contact__c'])
    );
  });

  it('a record created in the UI (no key) round-trips without a copy and takes its derived key', async () => {
    const [course] = rows('Training_Course__c').filter((row) => row.Course_Code__c === 'CC-201');
    const [market] = rows('Market__c').filter((row) => row.Country_Code__c === 'DK');
    const [contact] = rows('Contact').filter((row) => row.Email === 'bo@example.com');
    const [created] = env.org.store.insert('Training_Record__c', [
      {
        Course__c: course.Id,
        Market__c: market.Id,
        Participant_Contact__c: contact.Id,
        Status__c: 'Assigned',
        Assigned_On__c: '2025-03-17',
      },
    ]);
    expect(created.success).toBe(true);
    const count = rows('Training_Record__c').length;
    const file = join(work, 'export-keyless.csv');
    expect((await sf(['glocal', 'training', 'export', '--output-file', file])).exitCode).toBe(0);
    const exportedRow = (parse(await readFile(file, 'utf8'), { columns: true }) as Array<Record<string, string>>).find(
      (row) => row.Id === created.id
    );
    expect(exportedRow).toMatchObject({ Record_Key__c: '', Participant_Contact__c: 'bo@example.com' });

    const reimported = await sf(['glocal', 'training', 'import', '-f', file]);
    expect(importResult(reimported)).toMatchObject({ read: count, invalid: 0, failed: 0 });
    expect(reimported.json?.result).toMatchObject({ recordIds: { adopted: 1, notInOrg: 0 } });
    expect(rows('Training_Record__c')).toHaveLength(count);
    expect(env.org.store.table('Training_Record__c').rows.get(created.id!)).toMatchObject({
      Record_Key__c: 'cc-201|bo@example.com|2025-03-17',
      Status__c: 'Assigned',
    });
  });

  it('export neutralises formula-like cells (unless --raw) and the import restores them', async () => {
    env.org.store.upsert('Market__c', 'Country_Code__c', [
      { Country_Code__c: 'SE', Name: '=HYPERLINK("http://evil")', Language__c: 'en_US' },
    ]);
    const file = join(work, 'markets-export.csv');
    await sf(['glocal', 'market', 'export', '--output-file', file, '--where', "Country_Code__c = 'SE'", '--bom']);
    const text = await readFile(file, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    const raw = join(work, 'markets-raw.csv');
    await sf(['glocal', 'market', 'export', '--output-file', raw, '--where', "Country_Code__c = 'SE'", '--raw']);
    expect(await readFile(raw, 'utf8')).toContain(`"=HYPERLINK(""http://evil"")"`);

    const back = await sf(['glocal', 'market', 'import', '-f', file]);
    expect(importResult(back)).toMatchObject({ succeeded: 1 });
    expect(rows('Market__c').find((row) => row.Country_Code__c === 'SE')?.Name).toBe('=HYPERLINK("http://evil")');

    // Reference cells too: the import finds partners named "@Home" and "+45 Partners" again.
    const partners = env.org.store.insert('Account', [{ Name: '@Home' }, { Name: '+45 Partners' }]);
    env.org.store.upsert(
      'Partner_Review__c',
      'Review_Key__c',
      partners.map((partner, index) => ({
        Review_Key__c: `NR-${index}`,
        Name: `NR-${index}`,
        Partner__c: partner.id,
        Period__c: '2026-Q3',
      }))
    );
    const reviews = join(work, 'reviews-export.csv');
    const where = ['--where', "Review_Key__c LIKE 'NR-%'"];
    await sf(['glocal', 'feedback', 'export', '--type', 'review', '--output-file', reviews, ...where]);
    expect(await readFile(reviews, 'utf8')).toMatch(/'@Home[\s\S]*'\+45 Partners/);
    const reviewsBack = await sf(['glocal', 'feedback', 'import', '--type', 'review', '-f', reviews]);
    expect(importResult(reviewsBack)).toMatchObject({ read: 2, invalid: 0, succeeded: 2 });
  });

  it('leaves no stray files next to inputs that loaded cleanly', async () => {
    const files = await readdir(work);
    expect(files.filter((name) => name.endsWith('.import-state.json'))).toEqual([]);
    expect(files).not.toContain('training-da.csv.errors.csv');
  });
});
