// The real sf CLI against the local org: deploy the whole Glocal pack, describe it, round-trip
// 10,000 records through Bulk API 2.0, query them, read bad rows' real error codes, and retrieve
// what was deployed. Runs in a throw-away copy of the project so the CLI's source tracking and
// retrieved files never touch the repository.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseXml } from '../../emulator/metadata/xml.js';
import { REPO_ROOT, startE2e, type E2eEnv, type SfResult } from './harness.js';

const RECORDS = 10_000;
// Each step runs one or more CLI processes (several seconds each on a busy 2-core machine).
const STEP_TIMEOUT_MS = 180_000;
let env: E2eEnv;
let project: string;

function sf(args: string[], cwdOrEnv: { env?: Record<string, string> } = {}): Promise<SfResult> {
  return env.runSf([...args, '--target-org', 'local', '--json'], { cwd: project, timeoutMs: 90_000, ...cwdOrEnv });
}

/** Fails with the CLI's own output, which says far more than an exit code. */
function expectSuccess(result: SfResult): void {
  if (result.exitCode !== 0) {
    throw new Error(
      `sf exited with ${result.exitCode}\n${result.stdout.slice(0, 3000)}\n${result.stderr.slice(0, 2000)}`
    );
  }
}

beforeAll(async () => {
  env = await startE2e();
  project = await mkdtemp(join(tmpdir(), 'glocal-e2e-project-'));
  await cp(join(REPO_ROOT, 'force-app'), join(project, 'force-app'), {
    recursive: true,
    filter: (source) => !source.includes('__tests__'),
  });
  await cp(join(REPO_ROOT, 'sfdx-project.json'), join(project, 'sfdx-project.json'));
  await env.loginSf('local');
}, STEP_TIMEOUT_MS);

afterAll(async () => {
  await env?.stop();
  if (project) await rm(project, { recursive: true, force: true });
});

describe('sf CLI against the local org', () => {
  it(
    'deploys the whole pack with sf project deploy start',
    async () => {
      const result = await sf(['project', 'deploy', 'start', '--source-dir', 'force-app', '--wait', '5']);
      expectSuccess(result);
      const deploy = result.json?.result as {
        success: boolean;
        status: string;
        files: Array<{ fullName: string; type: string; state: string }>;
      };
      expect(deploy).toMatchObject({ success: true, status: 'Succeeded' });
      const deployed = deploy.files.map((f) => `${f.type}:${f.fullName}`);
      expect(deployed).toEqual(
        expect.arrayContaining([
          'CustomObject:Market__c',
          'CustomField:Market__c.Country_Code__c',
          'GlobalValueSet:Glocal_Language',
        ])
      );
      expect(deploy.files.filter((f) => f.state === 'Failed')).toEqual([]);
      expect(env.org.schema.getObject('Training_Record__c')).toBeDefined();
    },
    STEP_TIMEOUT_MS
  );

  it(
    'describes the deployed object with sf sobject describe',
    async () => {
      const result = await sf(['sobject', 'describe', '--sobject', 'Market__c']);
      expectSuccess(result);
      const described = result.json?.result as {
        name: string;
        fields: Array<{ name: string; type: string; externalId: boolean }>;
      };
      expect(described.name).toBe('Market__c');
      expect(described.fields).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'Country_Code__c', type: 'string', externalId: true }),
          expect.objectContaining({ name: 'Language__c', type: 'picklist' }),
          expect.objectContaining({ name: 'Completion_Rate__c', type: 'percent' }),
        ])
      );
    },
    STEP_TIMEOUT_MS
  );

  it(
    `round-trips ${RECORDS} records with sf data import bulk / export bulk and finds them with sf data query`,
    async () => {
      const rows = ['Name,Course_Code__c,Passing_Score__c,Duration_Hours__c'];
      for (let i = 0; i < RECORDS; i++)
        rows.push(`"Course ${i}, part ${i % 7}",BULK-${String(i).padStart(5, '0')},${i % 101},${(i % 40) / 2 + 0.5}`);
      await writeFile(join(project, 'courses.csv'), rows.join('\n') + '\n');
      const imported = await sf([
        'data',
        'import',
        'bulk',
        '--file',
        'courses.csv',
        '--sobject',
        'Training_Course__c',
        '--wait',
        '5',
      ]);
      expectSuccess(imported);
      expect(imported.json?.result).toMatchObject({
        processedRecords: RECORDS,
        successfulRecords: RECORDS,
        failedRecords: 0,
      });

      const exported = await sf([
        'data',
        'export',
        'bulk',
        '--query',
        "SELECT Name, Course_Code__c, Passing_Score__c, Duration_Hours__c FROM Training_Course__c WHERE Course_Code__c LIKE 'BULK-%'",
        '--output-file',
        'export.csv',
        '--wait',
        '5',
      ]);
      expectSuccess(exported);
      expect(exported.json?.result).toMatchObject({ totalSize: RECORDS });
      const records = parse(await readFile(join(project, 'export.csv')), { columns: true }) as Array<
        Record<string, string>
      >;
      expect(records).toHaveLength(RECORDS);
      const byCode = new Map(records.map((r) => [r.Course_Code__c, r]));
      expect(byCode.get('BULK-00042')).toEqual({
        Name: 'Course 42, part 0',
        Course_Code__c: 'BULK-00042',
        Passing_Score__c: '42',
        Duration_Hours__c: '1.5',
      });
      expect(byCode.get('BULK-09999')?.Name).toBe('Course 9999, part 3');

      const counted = await sf([
        'data',
        'query',
        '--query',
        "SELECT COUNT() FROM Training_Course__c WHERE Course_Code__c LIKE 'BULK-%'",
      ]);
      expectSuccess(counted);
      expect((counted.json?.result as { totalSize: number }).totalSize).toBe(RECORDS);
      const one = await sf([
        'data',
        'query',
        '--query',
        "SELECT Name, Passing_Score__c FROM Training_Course__c WHERE Course_Code__c = 'BULK-00100'",
      ]);
      expect((one.json?.result as { records: Array<Record<string, unknown>> }).records).toEqual([
        expect.objectContaining({ Name: 'Course 100, part 2', Passing_Score__c: 100 }),
      ]);
    },
    STEP_TIMEOUT_MS
  );

  it(
    'returns bad rows with the real error codes',
    async () => {
      const csv = [
        'Name,Course_Code__c,Passing_Score__c',
        'Good course,BAD-0001,50',
        ',BAD-0002,50',
        'Too strict,BAD-0003,150',
        'Duplicate,BULK-00001,50',
      ].join('\n');
      await writeFile(join(project, 'bad.csv'), csv + '\n');
      const imported = await sf([
        'data',
        'import',
        'bulk',
        '--file',
        'bad.csv',
        '--sobject',
        'Training_Course__c',
        '--wait',
        '5',
      ]);
      expect(imported.exitCode).not.toBe(0);
      const jobId =
        (imported.json?.data as { jobId?: string } | undefined)?.jobId ??
        String((imported.json as { jobId?: string }).jobId ?? '');
      expect(jobId).toMatch(/^750/);
      const results = await sf(['data', 'bulk', 'results', '--job-id', jobId]);
      expectSuccess(results);
      const failed = parse(await readFile(join(project, `${jobId}-failed-records.csv`)), { columns: true }) as Array<
        Record<string, string>
      >;
      const errors = new Map(failed.map((row) => [row.Course_Code__c, row.sf__Error]));
      expect(errors.get('BAD-0002')).toBe('REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --');
      expect(errors.get('BAD-0003')).toMatch(/^FIELD_CUSTOM_VALIDATION_EXCEPTION:/);
      expect(errors.get('BULK-00001')).toMatch(/^DUPLICATE_VALUE:/);
      expect(errors.has('BAD-0001')).toBe(false);
    },
    STEP_TIMEOUT_MS
  );

  it(
    'retrieves what was deployed with sf project retrieve start',
    async () => {
      const fieldsDir = join(project, 'force-app', 'main', 'default', 'objects', 'Market__c', 'fields');
      const before = (await readdir(fieldsDir)).sort();
      await rm(join(project, 'force-app', 'main', 'default', 'objects', 'Market__c'), { recursive: true, force: true });
      const result = await sf(['project', 'retrieve', 'start', '--metadata', 'CustomObject:Market__c', '--wait', '5']);
      expectSuccess(result);
      expect((await readdir(fieldsDir)).sort()).toEqual(before);
      const original = await readFile(
        join(
          REPO_ROOT,
          'force-app',
          'main',
          'default',
          'objects',
          'Market__c',
          'fields',
          'Country_Code__c.field-meta.xml'
        ),
        'utf8'
      );
      const retrieved = await readFile(join(fieldsDir, 'Country_Code__c.field-meta.xml'), 'utf8');
      expect(parseXml(retrieved, 'retrieved')).toEqual(parseXml(original, 'original'));
    },
    STEP_TIMEOUT_MS
  );
});
