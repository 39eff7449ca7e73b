import { describe, it, expect, beforeAll } from '@jest/globals';
import { CsvCursor, CsvError } from '../../emulator/bulk/csv.js';
import { bulkJobs, registerBulkRoutes } from '../../emulator/bulk/routes.js';
import { ApiError, Router, type RouteRequest } from '../../emulator/http/router.js';
import { runDeploy } from '../../emulator/metadata/deploy.js';
import type { OrgContext } from '../../emulator/types.js';
import { localOrgContext, TEST_USER_ID, zipOfSource } from './localOrgContext.js';

interface Answer {
  status: number;
  headers: Record<string, string | number>;
  body: unknown;
}

let org: OrgContext;
let router: Router<OrgContext>;

async function call(method: string, path: string, body?: unknown): Promise<Answer> {
  const url = new URL(`http://127.0.0.1${path}`);
  const match = router.match(method, url.pathname);
  if (!('handler' in match)) throw new Error(`no route for ${method} ${path}`);
  const raw = Buffer.from(body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body));
  const req = {
    method,
    path: url.pathname,
    url,
    query: url.searchParams,
    params: match.params,
    headers: {},
    body: raw,
    org,
    json: () => JSON.parse(raw.toString()) as unknown,
    text: () => raw.toString(),
  } as unknown as RouteRequest<OrgContext>;
  try {
    const response = await match.handler(req);
    return { status: response.status, headers: response.headers ?? {}, body: response.body };
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, headers: {}, body: error.toBody() };
    throw error;
  }
}

const V = '/services/data/v62.0';

/** Runs an ingest job to the end and returns its final info. */
async function ingest(
  object: string,
  csv: string,
  operation = 'insert',
  extra: Record<string, unknown> = {}
): Promise<{ id: string; info: Record<string, unknown> }> {
  const created = await call('POST', `${V}/jobs/ingest`, {
    object,
    operation,
    lineEnding: 'LF',
    columnDelimiter: 'COMMA',
    ...extra,
  });
  expect(created.status).toBe(200);
  const id = (created.body as { id: string }).id;
  expect((await call('PUT', `${V}/jobs/ingest/${id}/batches`, csv)).status).toBe(201);
  const closed = await call('PATCH', `${V}/jobs/ingest/${id}`, { state: 'UploadComplete' });
  expect((closed.body as { state: string }).state).toBe('UploadComplete');
  await bulkJobs(org).ingest.idle();
  const info = (await call('GET', `${V}/jobs/ingest/${id}`)).body as Record<string, unknown>;
  return { id, info };
}

async function text(path: string): Promise<string> {
  return String((await call('GET', path)).body);
}

beforeAll(async () => {
  org = localOrgContext();
  router = new Router<OrgContext>();
  registerBulkRoutes(router, org);
  expect(
    runDeploy(org, await zipOfSource('force-app'), {
      checkOnly: false,
      rollbackOnError: true,
      singlePackage: true,
      purgeOnDelete: false,
      ignoreWarnings: false,
    }).success
  ).toBe(true);
});

describe('CSV reading', () => {
  it('reads quotes, doubled quotes, embedded newlines, CRLF, a BOM and blank lines', () => {
    const cursor = new CsvCursor('\uFEFFa,b\r\n"x, ""y""","line1\nline2"\r\n\r\n,last\n');
    expect(cursor.next()).toEqual(['a', 'b']);
    expect(cursor.next()).toEqual(['x, "y"', 'line1\nline2']);
    expect(cursor.rowText()).toBe('"x, ""y""","line1\nline2"');
    expect(cursor.next()).toEqual(['', 'last']);
    expect(cursor.next()).toBeUndefined();
  });

  it('splits CRLF and LF rows alike, with or without a final line ending', () => {
    const rows = (text: string): string[][] => {
      const cursor = new CsvCursor(text);
      const out: string[][] = [];
      for (let row = cursor.next(); row; row = cursor.next()) out.push(row);
      return out;
    };
    expect(rows('a,b\r\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(rows('a,b\r\n1,\r\n')).toEqual([
      ['a', 'b'],
      ['1', ''],
    ]);
    expect(rows('a,b\n"x\r\ny",z\nlast,row\n')).toEqual([
      ['a', 'b'],
      ['x\r\ny', 'z'],
      ['last', 'row'],
    ]);
    expect(rows('only')).toEqual([['only']]);
  });

  it('honours other delimiters and reports broken quoting with the row', () => {
    expect(new CsvCursor('a|b\n1|"2|3"').next()).toEqual(['a|b']);
    const piped = new CsvCursor('a|b\n1|"2|3"', '|');
    piped.next();
    expect(piped.next()).toEqual(['1', '2|3']);
    const broken = new CsvCursor('a\n"open\n', ',');
    broken.next();
    expect(() => broken.next()).toThrow(CsvError);
    expect(() => new CsvCursor('"a"b').next()).toThrow('Unexpected text after a closing quote (row 1)');
  });
});

describe('ingest jobs', () => {
  it('inserts rows, reports bad ones with real error codes, and keeps the original row text', async () => {
    const csv = [
      'Name,Country_Code__c,Language__c,Locale__c',
      'Denmark,DK,da,da_DK',
      '"Germany, Federal Republic",DE,de,de_DE',
      ',FR,fr,fr_FR',
      'Nowhere,XX,en_US,en_US',
      'Klingon,KL,tlh,',
    ].join('\n');
    const { id, info } = await ingest('Market__c', csv);
    expect(info).toMatchObject({
      state: 'JobComplete',
      numberRecordsProcessed: 5,
      numberRecordsFailed: 3,
      object: 'Market__c',
      operation: 'insert',
    });

    const success = (await text(`${V}/jobs/ingest/${id}/successfulResults`)).trim().split('\n');
    expect(success[0]).toBe('"sf__Id","sf__Created",Name,Country_Code__c,Language__c,Locale__c');
    expect(success[1]).toMatch(/^"a\w{17}","true",Denmark,DK,da,da_DK$/);
    expect(success[2]).toMatch(/^"a\w{17}","true","Germany, Federal Republic",DE,de,de_DE$/);

    const failed = (await text(`${V}/jobs/ingest/${id}/failedResults`)).trim().split('\n');
    expect(failed[0]).toBe('"sf__Id","sf__Error",Name,Country_Code__c,Language__c,Locale__c');
    expect(failed[1]).toBe('"","REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --",,FR,fr,fr_FR');
    expect(failed[2]).toMatch(/^"","FIELD_CUSTOM_VALIDATION_EXCEPTION:[^"]+",Nowhere,XX,en_US,en_US$/);
    expect(failed[3]).toMatch(/^"","INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:[^"]*tlh[^"]*",Klingon,KL,tlh,$/);
    expect(await text(`${V}/jobs/ingest/${id}/unprocessedrecords`)).toBe(
      'Name,Country_Code__c,Language__c,Locale__c\n'
    );
  });

  it('resolves relationship columns by external ID and upserts by external ID', async () => {
    await ingest(
      'Training_Course__c',
      'Name,Course_Code__c,Passing_Score__c,Recertify_Months__c\nCQ basics,CQ-101,70,12\nConflict,CR-201,60,24\n'
    );
    const user = TEST_USER_ID;
    const csv = [
      'Record_Key__c,Course__r.Course_Code__c,Market__r.Country_Code__c,Participant_User__c,Status__c',
      `K1,CQ-101,DK,${user},Assigned`,
      `K2,CR-201,DE,${user},In Progress`,
      `K3,NOPE-1,DK,${user},Assigned`,
    ].join('\n');
    const first = await ingest('Training_Record__c', csv, 'upsert', { externalIdFieldName: 'Record_Key__c' });
    expect(first.info).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 3, numberRecordsFailed: 1 });
    const failed = (await text(`${V}/jobs/ingest/${first.id}/failedResults`)).trim().split('\n');
    expect(failed[1]).toMatch(/^"","INVALID_FIELD:[^"]*NOPE-1[^"]*",K3,/);

    const again = await ingest('Training_Record__c', csv.split('\n').slice(0, 2).join('\n'), 'upsert', {
      externalIdFieldName: 'Record_Key__c',
    });
    const success = (await text(`${V}/jobs/ingest/${again.id}/successfulResults`)).trim().split('\n');
    expect(success[1]).toMatch(/^"a\w{17}","false",K1,/);

    const table = org.store.table('Training_Record__c');
    const k1 = [...table.rows.values()].find((r) => r.Record_Key__c === 'K1')!;
    const course = [...org.store.table('Training_Course__c').rows.values()].find((r) => r.Course_Code__c === 'CQ-101')!;
    expect(k1.Course__c).toBe(course.Id);
  });

  it('update: a blank cell leaves the value, #N/A clears it; delete removes rows', async () => {
    const market = [...org.store.table('Market__c').rows.values()].find((r) => r.Country_Code__c === 'DK')!;
    await ingest('Market__c', `Id,Locale__c,Language__c\n${String(market.Id)},#N/A,\n`, 'update');
    const updated = org.store.table('Market__c').rows.get(String(market.Id))!;
    expect(updated.Locale__c).toBeNull();
    expect(updated.Language__c).toBe('da');

    const course = await ingest('Training_Course__c', 'Name,Course_Code__c\nTemp,TMP-1\n');
    const tempId = (await text(`${V}/jobs/ingest/${course.id}/successfulResults`)).split('\n')[1].slice(1, 19);
    const deleted = await ingest('Training_Course__c', `Id\n${tempId}\n`, 'delete');
    expect(deleted.info).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 1, numberRecordsFailed: 0 });
    expect(org.store.table('Training_Course__c').rows.has(tempId)).toBe(false);
  });

  it('fails the job on an unknown column and returns every row as unprocessed', async () => {
    const { id, info } = await ingest('Market__c', 'Name,Bogus__c\nA,1\nB,2\n');
    expect(info).toMatchObject({
      state: 'Failed',
      errorMessage: 'InvalidBatch : Field name not found : Bogus__c',
      numberRecordsProcessed: 0,
    });
    expect(await text(`${V}/jobs/ingest/${id}/unprocessedrecords`)).toBe('Name,Bogus__c\nA,1\nB,2\n');
  });

  it('fails jobs the fault plan names', async () => {
    org.faults.set({ failBulkJobs: { object: 'Training_Course__c', errorMessage: 'InternalServerError : injected' } });
    try {
      const { info } = await ingest('Training_Course__c', 'Name,Course_Code__c\nX,X-1\n');
      expect(info).toMatchObject({ state: 'Failed', errorMessage: 'InternalServerError : injected' });
    } finally {
      org.faults.set({});
    }
  });

  it('holds jobs InProgress, rows untouched, while the fault plan says so', async () => {
    org.faults.set({ holdBulkJobs: true });
    let id = '';
    try {
      id = (
        (await call('POST', `${V}/jobs/ingest`, { object: 'Training_Course__c', operation: 'insert' })).body as {
          id: string;
        }
      ).id;
      await call('PUT', `${V}/jobs/ingest/${id}/batches`, 'Name,Course_Code__c\nHeld,HOLD-1\n');
      await call('PATCH', `${V}/jobs/ingest/${id}`, { state: 'UploadComplete' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(((await call('GET', `${V}/jobs/ingest/${id}`)).body as { state: string }).state).toBe('InProgress');
      const held = [...org.store.table('Training_Course__c').rows.values()].filter(
        (r) => r.Course_Code__c === 'HOLD-1'
      );
      expect(held).toHaveLength(0);
    } finally {
      org.faults.set({});
    }
    await bulkJobs(org).ingest.idle();
    expect(((await call('GET', `${V}/jobs/ingest/${id}`)).body as { state: string }).state).toBe('JobComplete');
  });

  it('validates job creation like a real org', async () => {
    expect((await call('POST', `${V}/jobs/ingest`, { object: 'Nope__c', operation: 'insert' })).body).toEqual([
      { errorCode: 'INVALIDJOB', message: "InvalidJob : Object type 'Nope__c' is not supported" },
    ]);
    const upsert = await call('POST', `${V}/jobs/ingest`, {
      object: 'Market__c',
      operation: 'upsert',
      externalIdFieldName: 'Name',
    });
    expect(upsert.status).toBe(400);
    expect(JSON.stringify(upsert.body)).toContain('is not an External ID');
  });

  it('shows the state machine: Open, UploadComplete, then JobComplete; aborted jobs stay aborted', async () => {
    const created = await call('POST', `${V}/jobs/ingest`, { object: 'Training_Course__c', operation: 'insert' });
    const id = (created.body as { id: string; state: string }).id;
    expect((created.body as { state: string }).state).toBe('Open');
    await call('PUT', `${V}/jobs/ingest/${id}/batches`, 'Name,Course_Code__c\nA,AB-1\n');
    await call('PATCH', `${V}/jobs/ingest/${id}`, { state: 'Aborted' });
    await bulkJobs(org).ingest.idle();
    expect(((await call('GET', `${V}/jobs/ingest/${id}`)).body as { state: string }).state).toBe('Aborted');
    expect((await call('PUT', `${V}/jobs/ingest/${id}/batches`, 'Name\nB\n')).status).toBe(409);
    const listed = (await call('GET', `${V}/jobs/ingest`)).body as { records: Array<{ id: string }> };
    expect(listed.records.map((r) => r.id)).toContain(id);
    expect((await call('DELETE', `${V}/jobs/ingest/${id}`)).status).toBe(204);
    expect((await call('GET', `${V}/jobs/ingest/${id}`)).status).toBe(404);
  });
});

describe('query jobs', () => {
  it('pages CSV results with locators and resolves parent fields', async () => {
    const rows = ['Name,Course_Code__c,Passing_Score__c'];
    for (let i = 0; i < 250; i++) rows.push(`Course ${i},QC-${String(i).padStart(4, '0')},${i % 101}`);
    await ingest('Training_Course__c', rows.join('\n'));
    const created = await call('POST', `${V}/jobs/query`, {
      operation: 'query',
      query:
        "SELECT Course_Code__c, Name, Passing_Score__c FROM Training_Course__c WHERE Course_Code__c LIKE 'QC-%' ORDER BY Course_Code__c",
    });
    expect(created.status).toBe(200);
    const id = (created.body as { id: string }).id;
    await bulkJobs(org).query.idle();
    expect((await call('GET', `${V}/jobs/query/${id}`)).body).toMatchObject({
      state: 'JobComplete',
      numberRecordsProcessed: 250,
    });

    const first = await call('GET', `${V}/jobs/query/${id}/results?maxRecords=100`);
    const lines = String(first.body).trim().split('\n');
    expect(lines[0]).toBe('"Course_Code__c","Name","Passing_Score__c"');
    expect(lines[1]).toBe('"QC-0000","Course 0","0"');
    expect(lines).toHaveLength(101);
    expect(first.headers['Sforce-NumberOfRecords']).toBe(100);
    const locator = String(first.headers['Sforce-Locator']);
    expect(locator).not.toBe('null');
    const second = await call('GET', `${V}/jobs/query/${id}/results?maxRecords=200&locator=${locator}`);
    expect(second.headers).toMatchObject({ 'Sforce-NumberOfRecords': 150, 'Sforce-Locator': 'null' });
    expect(String(second.body).trim().split('\n').pop()).toBe('"QC-0249","Course 249","47"');

    const related = await call('POST', `${V}/jobs/query`, {
      operation: 'query',
      query:
        'SELECT Record_Key__c, Course__r.Course_Code__c, Market__r.Name FROM Training_Record__c ORDER BY Record_Key__c',
    });
    await bulkJobs(org).query.idle();
    const csv = String((await call('GET', `${V}/jobs/query/${(related.body as { id: string }).id}/results`)).body);
    expect(csv.split('\n').slice(0, 2)).toEqual([
      '"Record_Key__c","Course__r.Course_Code__c","Market__r.Name"',
      '"K1","CQ-101","Denmark"',
    ]);
  });

  it('rejects malformed SOQL and aggregates when the job is created', async () => {
    const malformed = await call('POST', `${V}/jobs/query`, { operation: 'query', query: 'SELECT FROM' });
    expect(malformed.status).toBe(400);
    expect((malformed.body as Array<{ errorCode: string }>)[0].errorCode).toBe('MALFORMED_QUERY');
    const aggregate = await call('POST', `${V}/jobs/query`, {
      operation: 'query',
      query: 'SELECT COUNT() FROM Market__c',
    });
    expect((aggregate.body as Array<{ message: string }>)[0].message).toMatch(/aggregate/);
    const badField = await call('POST', `${V}/jobs/query`, {
      operation: 'query',
      query: 'SELECT Nope__c FROM Market__c',
    });
    expect((badField.body as Array<{ errorCode: string }>)[0].errorCode).toBe('INVALID_FIELD');
  });
});
