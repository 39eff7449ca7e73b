/*
 * Partner reviews and feedback, internal service units and their feedback, and CQ assessments
 * through the real sf CLI against the local org with the pack deployed: each import's --json
 * counts, the records it leaves in the org, and a feedback export → import round trip.
 * Few CLI calls on purpose: each one starts a CLI.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, beforeAll, afterAll, jest } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import {
  FAST_IMPORT_ENV,
  importResult,
  REPO_ROOT,
  startE2e,
  storedRows,
  type E2eEnv,
  type SfResult,
} from './harness.js';

jest.setTimeout(300_000);

type Row = Record<string, unknown>;

let env: E2eEnv;
let work: string;
let accounts: Record<string, string>;

async function sf(args: string[]): Promise<SfResult> {
  return env.runSf([...args, '-o', 'local', '--json'], { env: FAST_IMPORT_ENV, timeoutMs: 90_000 });
}

async function csvFile(name: string, text: string): Promise<string> {
  const path = join(work, name);
  await writeFile(path, text);
  return path;
}

function rows(object: string): Row[] {
  return storedRows(env.org, object);
}

function byKey(object: string, keyField: string): Map<string, Row> {
  return new Map(rows(object).map((row) => [String(row[keyField]), row]));
}

/** A stored field as the org reads it, formulas and roll-up summaries included. */
function read(object: string, row: Row, path: string): unknown {
  const table = env.org.store.table(object);
  return env.org.store.read(table, row as Parameters<typeof env.org.store.read>[1], path);
}

const idOf = (object: string, field: string, value: string): string =>
  String(rows(object).find((row) => row[field] === value)?.Id);

beforeAll(async () => {
  env = await startE2e();
  work = await mkdtemp(join(tmpdir(), 'glocal-feedback-e2e-'));
  await env.loginSf('local');
  await env.linkPlugin();
  const deployed = await env.runSf(['project', 'deploy', 'start', '-d', 'force-app', '-o', 'local', '--json'], {
    timeoutMs: 180_000,
  });
  if (deployed.exitCode !== 0) throw new Error(`deploy failed:\n${deployed.stdout}`);
  // Markets, partners and contacts are the org's own data here; only the Glocal records are imported.
  const markets = parse(await readFile(join(REPO_ROOT, 'test', 'fixtures', 'records', 'markets.csv'), 'utf8'), {
    columns: true,
  }) as Row[];
  const contacts = JSON.parse(
    await readFile(join(REPO_ROOT, 'test', 'fixtures', 'records', 'contacts.json'), 'utf8')
  ) as Row[];
  for (const [object, records] of [
    ['Market__c', markets],
    ['Contact', contacts],
    ['Account', [{ Name: 'Acme BPO' }, { Name: 'Nordic Care Services' }]],
  ] as const) {
    const saved = env.org.store.insert(object, [...records]);
    if (!saved.every((result) => result.success)) throw new Error(`seeding ${object}: ${JSON.stringify(saved)}`);
  }
  accounts = {
    acme: idOf('Account', 'Name', 'Acme BPO'),
    nordic: idOf('Account', 'Name', 'Nordic Care Services'),
  };
}, 240_000);

afterAll(async () => {
  await env?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('sf glocal feedback import / export', () => {
  it('--type review: partners found by name, an unknown partner is a row error naming it', async () => {
    const file = await csvFile(
      'reviews.csv',
      'Review_Key__c,Name,Partner,Period__c,Market\n' +
        'ACME-2026-Q2,Acme BPO 2026-Q2,Acme BPO,2026-Q2,DK\n' +
        'ACME-2026-Q3,Acme BPO 2026-Q3,acme bpo,2026-Q3,DK\n' +
        'NCS-2026-Q3,Nordic Care 2026-Q3,Nordic Care Services,2026-Q3,\n' +
        'GHOST-2026-Q3,Ghost 2026-Q3,Ghost Ltd,2026-Q3,DE\n'
    );
    const result = await sf(['glocal', 'feedback', 'import', '--type', 'review', '-f', file]);
    expect(result.exitCode).toBe(1);
    expect(importResult(result)).toMatchObject({ read: 4, invalid: 1, sent: 3, succeeded: 3, failed: 0 });
    expect(importResult(result).errors).toEqual([
      {
        row: 5,
        reason: expect.stringMatching(/^Partner: no record found for "Ghost Ltd" \(looked up Account by Name/),
      },
    ]);
    const reviews = byKey('Partner_Review__c', 'Review_Key__c');
    expect([...reviews.keys()].sort()).toEqual(['ACME-2026-Q2', 'ACME-2026-Q3', 'NCS-2026-Q3']);
    expect(reviews.get('ACME-2026-Q3')).toMatchObject({
      Name: 'Acme BPO 2026-Q3',
      Partner__c: accounts.acme,
      Period__c: '2026-Q3',
      Market__c: idOf('Market__c', 'Country_Code__c', 'DK'),
    });
    expect(reviews.get('NCS-2026-Q3')).toMatchObject({ Partner__c: accounts.nordic });
    expect(reviews.get('NCS-2026-Q3')?.Market__c ?? null).toBeNull();
  });

  it('feedback rows find their review by key or name; the review rolls them up', async () => {
    // Direction as API value and as the translated label ("Company → Partner"), status in Danish.
    const file = await csvFile(
      'feedback.csv',
      'Feedback_Key__c;Review;Direction__c;Communication__c;Trust__c;Collaboration__c;Recommend__c;Status__c;Action_Items__c\n' +
        'F-1;ACME-2026-Q3;Company to Partner;4;5;3;9;Submitted;\n' +
        'F-2;ACME-2026-Q3;Partner → Company;2;3;4;6;Actioned;"Weekly call\nin English"\n' +
        'F-3;Nordic Care 2026-Q3;Partner to Company;5;5;5;10;Reviewed;\n' +
        'F-4;NOPE-2026-Q1;Company to Partner;3;3;3;7;Draft;\n'
    );
    const result = await sf(['glocal', 'feedback', 'import', '-f', file]);
    expect(result.exitCode).toBe(1);
    expect(importResult(result)).toMatchObject({ read: 4, invalid: 1, sent: 3, succeeded: 3, failed: 0 });
    expect(importResult(result).errors).toEqual([
      { row: 5, reason: expect.stringMatching(/^Review: no record found for "NOPE-2026-Q1"/) },
    ]);
    const reviews = byKey('Partner_Review__c', 'Review_Key__c');
    const feedback = byKey('Partner_Feedback__c', 'Feedback_Key__c');
    expect(feedback.get('F-1')).toMatchObject({
      Partner_Review__c: reviews.get('ACME-2026-Q3')?.Id,
      Direction__c: 'Company to Partner',
      Trust__c: 5,
      Recommend__c: 9,
      Status__c: 'Submitted',
    });
    expect(feedback.get('F-2')).toMatchObject({
      Direction__c: 'Partner to Company',
      Status__c: 'Actioned',
      Action_Items__c: 'Weekly call\nin English',
    });
    expect(feedback.get('F-3')).toMatchObject({ Partner_Review__c: reviews.get('NCS-2026-Q3')?.Id });
    const acme = reviews.get('ACME-2026-Q3')!;
    expect(read('Partner_Review__c', acme, 'Given_Count__c')).toBe(1);
    expect(read('Partner_Review__c', acme, 'Received_Count__c')).toBe(1);
    expect(read('Partner_Review__c', acme, 'Promoters__c')).toBe(1);
    expect(read('Partner_Review__c', acme, 'Detractors__c')).toBe(1);
  });

  it('feedback export → import round-trips: same rows, nothing duplicated, the same file again', async () => {
    const first = join(work, 'feedback-export-1.csv');
    const exported = await sf(['glocal', 'feedback', 'export', '--output-file', first]);
    expect(exported.exitCode).toBe(0);
    expect(exported.json?.result).toMatchObject({ object: 'Partner_Feedback__c', records: 3 });
    const table = parse(await readFile(first, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(table.map((row) => [row.Feedback_Key__c, row.Partner_Review__c])).toEqual([
      ['F-1', 'ACME-2026-Q3'],
      ['F-2', 'ACME-2026-Q3'],
      ['F-3', 'NCS-2026-Q3'],
    ]);
    const before = rows('Partner_Feedback__c').map((row) => ({ ...row }));

    const again = await sf(['glocal', 'feedback', 'import', '-f', first]);
    expect(again.exitCode).toBe(0);
    expect(importResult(again)).toMatchObject({ read: 3, invalid: 0, sent: 3, succeeded: 3, failed: 0 });
    const after = byKey('Partner_Feedback__c', 'Feedback_Key__c');
    expect(after.size).toBe(3);
    // Every stored value survives, including the multi-line action items of F-2.
    const compared = [
      'Id',
      'Partner_Review__c',
      'Direction__c',
      'Communication__c',
      'Trust__c',
      'Recommend__c',
      'Status__c',
      'Action_Items__c',
    ];
    const fieldsOf = (row: Row): unknown[] => compared.map((name) => row[name] ?? null);
    for (const row of before) {
      expect(fieldsOf(after.get(String(row.Feedback_Key__c))!)).toEqual(fieldsOf(row));
    }

    const second = join(work, 'feedback-export-2.csv');
    expect((await sf(['glocal', 'feedback', 'export', '--output-file', second])).exitCode).toBe(0);
    expect(await readFile(second, 'utf8')).toBe(await readFile(first, 'utf8'));
  });

  it('review export --type review → import --type review: partners come back by name', async () => {
    const file = join(work, 'reviews-export.csv');
    const exported = await sf(['glocal', 'feedback', 'export', '--type', 'review', '--output-file', file]);
    expect(exported.json?.result).toMatchObject({ object: 'Partner_Review__c', records: 3 });
    const table = parse(await readFile(file, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(table.map((row) => [row.Review_Key__c, row.Partner__c, row.Market__c])).toEqual([
      ['ACME-2026-Q2', 'Acme BPO', 'DK'],
      ['ACME-2026-Q3', 'Acme BPO', 'DK'],
      ['NCS-2026-Q3', 'Nordic Care Services', ''],
    ]);
    const before = rows('Partner_Review__c').map((row) => [row.Id, row.Partner__c, row.Market__c ?? null, row.Name]);

    const again = await sf(['glocal', 'feedback', 'import', '--type', 'review', '-f', file]);
    expect(again.exitCode).toBe(0);
    expect(importResult(again)).toMatchObject({ read: 3, invalid: 0, sent: 3, succeeded: 3, failed: 0 });
    expect(rows('Partner_Review__c').map((row) => [row.Id, row.Partner__c, row.Market__c ?? null, row.Name])).toEqual(
      before
    );
  });
});

describe('sf glocal internal-feedback import', () => {
  it('--type unit, then feedback naming units by name or code', async () => {
    const units = await csvFile(
      'units.csv',
      'Unit_Code__c,Name,Description__c\nIT,IT Service Desk,Laptops and accounts\nHR,People & Culture,\nFIN,Finance,Invoices\n'
    );
    const loaded = await sf(['glocal', 'internal-feedback', 'import', '--type', 'unit', '-f', units]);
    expect(loaded.exitCode).toBe(0);
    expect(importResult(loaded)).toMatchObject({ read: 3, invalid: 0, sent: 3, succeeded: 3, failed: 0 });
    const unitIds = new Map(rows('Service_Unit__c').map((row) => [String(row.Unit_Code__c), String(row.Id)]));
    expect([...unitIds.keys()].sort()).toEqual(['FIN', 'HR', 'IT']);

    const feedback = await csvFile(
      'internal.csv',
      'Feedback_Key__c,Rated Unit,Rating Unit,Period__c,CSAT__c,Communication__c,Trust__c,Comments__c\n' +
        'IF-1,IT Service Desk,HR,2026-Q2,5,4,5,Fast help\n' +
        'IF-2,it,Finance,2026-Q2,2,2,,\n' +
        'IF-3,People & Culture,FIN,2026-Q2,4,,,\n' +
        'IF-4,Canteen,IT,2026-Q2,3,,,\n' +
        'IF-5,IT,IT,2026-Q2,4,,,\n'
    );
    const result = await sf(['glocal', 'internal-feedback', 'import', '-f', feedback]);
    expect(result.exitCode).toBe(1);
    // IF-4 names no unit (refused locally); IF-5 rates itself (refused by the org's validation rule).
    expect(importResult(result)).toMatchObject({ read: 5, invalid: 1, sent: 4, succeeded: 3, failed: 1 });
    const errors = importResult(result).errors.sort((a, b) => a.row - b.row);
    expect(errors).toEqual([
      { row: 5, reason: expect.stringMatching(/^Rated Unit: no record found for "Canteen"/) },
      { row: 6, reason: expect.stringMatching(/A unit cannot rate itself/) },
    ]);
    const stored = byKey('Internal_Feedback__c', 'Feedback_Key__c');
    expect([...stored.keys()].sort()).toEqual(['IF-1', 'IF-2', 'IF-3']);
    expect(stored.get('IF-1')).toMatchObject({
      Rated_Unit__c: unitIds.get('IT'),
      Rating_Unit__c: unitIds.get('HR'),
      CSAT__c: 5,
      Comments__c: 'Fast help',
    });
    expect(stored.get('IF-2')).toMatchObject({ Rated_Unit__c: unitIds.get('IT'), Rating_Unit__c: unitIds.get('FIN') });
    const desk = rows('Service_Unit__c').find((row) => row.Unit_Code__c === 'IT')!;
    expect(read('Service_Unit__c', desk, 'Responses__c')).toBe(2);
    expect(read('Service_Unit__c', desk, 'Satisfied_Responses__c')).toBe(1);
  });
  it('--mapping and --encoding reach the import: a GB18030 file with ERP headers', async () => {
    const text = '代码 (ERP);部门 (ERP);说明\nCS;客户服务部;"售后\n与投诉"\nLOG;物流部;\n';
    const units = join(work, 'units-gb.csv');
    await writeFile(units, iconv.encode(text, 'gb18030'));
    const mapping = await csvFile(
      'units-mapping.csv',
      '代码 (ERP),Unit_Code__c\n部门 (ERP),Name\n说明,Description__c\n'
    );
    const result = await sf([
      'glocal',
      'internal-feedback',
      'import',
      '--type',
      'unit',
      '-f',
      units,
      '--mapping',
      mapping,
      '--encoding',
      'gb18030',
    ]);
    expect(result.exitCode).toBe(0);
    expect(importResult(result)).toMatchObject({ read: 2, invalid: 0, succeeded: 2, mode: 'collections' });
    const stored = byKey('Service_Unit__c', 'Unit_Code__c');
    expect(stored.get('CS')).toMatchObject({ Name: '客户服务部', Description__c: '售后\n与投诉' });
    expect(stored.get('LOG')).toMatchObject({ Name: '物流部' });
  });
});

describe('sf glocal cq import', () => {
  it('assessments find market and participant (a User before a Contact); the org checks the licence', async () => {
    // Mette is a User of the org and, with the same e-mail, a Contact too: the User wins.
    const mette = rows('User').find((user) => user.FirstName === 'Mette')!;
    env.org.store.insert('Contact', [{ LastName: 'Jensen', FirstName: 'Mette', Email: mette.Email }]);
    const file = await csvFile(
      'cq.csv',
      'Record_Key__c,Market,Participant,Assessed_On__c,Instrument__c,Rater_Type__c,Phase__c,Metacognitive__c,Cognitive__c,Motivational__c,Behavioral__c,Licence_Ref__c\n' +
        'CQ-A1,DK,anna@example.com,01.03.2026,Internal,Self,Baseline,"5,5","4,25",6,3,\n' +
        'CQ-A2,DE,li.wei@example.cn,02.03.2026,Licensed CQS,Observer,Post-training,5,5,5,5,LIC-77\n' +
        'CQ-A3,FR,bo@example.com,03.03.2026,Licensed E-CQS,Self,Baseline,4,4,4,4,\n' +
        'CQ-A4,DK,bo@example.com,04.03.2026,Internal,Self,Baseline,8,4,4,4,\n' +
        `CQ-A5,DK,${String(mette.Email).toUpperCase()},05.03.2026,Observer 360,Observer,Baseline,6,6,6,6,\n`
    );
    const result = await sf(['glocal', 'cq', 'import', '-f', file, '--locale', 'da_DK', '--date-format', 'dd.mm.yyyy']);
    expect(result.exitCode).toBe(1);
    // CQ-A4 is out of range (refused locally); CQ-A3 lacks the licence reference (refused by the org).
    expect(importResult(result)).toMatchObject({ read: 5, invalid: 1, sent: 4, succeeded: 3, failed: 1 });
    const errors = importResult(result).errors.sort((a, b) => a.row - b.row);
    expect(errors).toEqual([
      { row: 4, reason: expect.stringMatching(/FIELD_CUSTOM_VALIDATION_EXCEPTION/) },
      { row: 5, reason: 'Metacognitive__c: 8 is outside 1–7.' },
    ]);
    const stored = byKey('CQ_Assessment__c', 'Record_Key__c');
    expect([...stored.keys()].sort()).toEqual(['CQ-A1', 'CQ-A2', 'CQ-A5']);
    expect(stored.get('CQ-A1')).toMatchObject({
      Market__c: idOf('Market__c', 'Country_Code__c', 'DK'),
      Participant_Contact__c: idOf('Contact', 'Email', 'anna@example.com'),
      Assessed_On__c: '2026-03-01',
      Metacognitive__c: 5.5,
      Cognitive__c: 4.25,
    });
    expect(read('CQ_Assessment__c', stored.get('CQ-A1')!, 'Overall__c')).toBeCloseTo(4.69, 2);
    expect(stored.get('CQ-A2')).toMatchObject({
      Participant_Contact__c: idOf('Contact', 'Email', 'li.wei@example.cn'),
      Instrument__c: 'Licensed CQS',
      Licence_Ref__c: 'LIC-77',
    });
    expect(stored.get('CQ-A5')).toMatchObject({ Participant_User__c: mette.Id, Instrument__c: 'Observer 360' });
    expect(stored.get('CQ-A5')?.Participant_Contact__c ?? null).toBeNull();
  });
});
