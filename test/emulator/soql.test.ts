import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { startOrg, type LocalOrg } from '../../emulator/index.js';
import { call, query, v } from './client.js';
import { defineTestSchema } from './testSchema.js';

type Json = Record<string, unknown>;
type QueryBody = { totalSize: number; done: boolean; records: Json[]; nextRecordsUrl?: string };

const daysFromToday = (n: number): string => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe('local org SOQL', () => {
  let org: LocalOrg;

  beforeAll(async () => {
    org = await startOrg();
    defineTestSchema(org.schema);
    const s = org.store;
    const markets = s.insert('Market__c', [
      { Name: 'Denmark', Country_Code__c: 'DK', Language__c: 'da', Power_Distance__c: 18 },
      { Name: 'Germany', Country_Code__c: 'DE', Language__c: 'de', Power_Distance__c: 35 },
      { Name: 'Saudi Arabia', Country_Code__c: 'SA', Language__c: 'ar', Power_Distance__c: 95 },
      { Name: 'Nowhere', Country_Code__c: 'XX' },
    ]);
    const courses = s.insert('Training_Course__c', [
      { Name: 'CQ Basics', Course_Code__c: 'CQ-101', Passing_Score__c: 70, Recertify_Months__c: 12 },
      { Name: 'Conflict', Course_Code__c: 'CR-201', Passing_Score__c: 60 },
    ]);
    const rows = [
      { c: 0, m: 0, Status__c: 'Completed', Score__c: 90, Completed_On__c: daysFromToday(-3), Record_Key__c: 'R1' },
      { c: 0, m: 0, Status__c: 'Completed', Score__c: 75, Completed_On__c: daysFromToday(-40), Record_Key__c: 'R2' },
      { c: 1, m: 0, Status__c: 'Assigned', Record_Key__c: 'R3' },
      { c: 1, m: 1, Status__c: 'Failed', Score__c: 20, Completed_On__c: daysFromToday(0), Record_Key__c: 'R4' },
      { c: 0, m: 2, Status__c: 'In Progress', Record_Key__c: "R'5" },
    ];
    const results = s.insert(
      'Training_Record__c',
      rows.map(({ c, m, ...rest }) => ({ ...rest, Course__c: courses[c].id, Market__c: markets[m].id }))
    );
    expect(results.every((r) => r.success)).toBe(true);
  });
  afterAll(async () => {
    await org.stop();
  });

  const records = async (soql: string): Promise<Json[]> => {
    const reply = await query(org, soql);
    expect(reply.status).toBe(200);
    return (reply.body as QueryBody).records;
  };
  const error = async (soql: string): Promise<{ errorCode: string; message: string }> => {
    const reply = await query(org, soql);
    expect(reply.status).toBe(400);
    return (reply.body as Array<{ errorCode: string; message: string }>)[0];
  };

  it('selects own and parent fields with canonical names and nested parent records', async () => {
    const rows = await records(
      "select record_key__c, course__r.course_code__c, Market__r.Name FROM Training_Record__c WHERE Record_Key__c = 'R1'"
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].Record_Key__c).toBe('R1');
    expect((rows[0].Course__r as Json).Course_Code__c).toBe('CQ-101');
    expect((rows[0].Market__r as Json).Name).toBe('Denmark');
    expect((rows[0].attributes as Json).type).toBe('Training_Record__c');
  });

  it('WHERE with AND / OR / NOT, parentheses, IN, NOT IN, LIKE, null and escaped quotes', async () => {
    const keys = async (where: string): Promise<string[]> =>
      (await records(`SELECT Record_Key__c FROM Training_Record__c WHERE ${where} ORDER BY Record_Key__c`)).map(
        (r) => r.Record_Key__c as string
      );
    expect(await keys("Status__c = 'completed'")).toEqual(['R1', 'R2']);
    expect(await keys("(Status__c = 'Completed' AND Score__c > 80) OR Status__c = 'Failed'")).toEqual(['R1', 'R4']);
    // ' sorts before digits
    expect(await keys("NOT (Status__c = 'Completed' OR Status__c = 'Failed')")).toEqual(["R'5", 'R3']);
    expect(await keys("(NOT Status__c = 'Completed') AND Score__c != null")).toEqual(['R4']);
    expect(
      await keys("Score__c > 10 AND (Status__c = 'Failed' OR (Score__c > 80 AND NOT Market__r.Name = 'Germany'))")
    ).toEqual(['R1', 'R4']);
    expect(await keys("Status__c IN ('Assigned', 'In Progress')")).toEqual(["R'5", 'R3']);
    expect(await keys("Status__c NOT IN ('Assigned', 'In Progress', 'Completed')")).toEqual(['R4']);
    expect(await keys("Market__r.Name LIKE 'ger%'")).toEqual(['R4']);
    expect(await keys('Score__c = null')).toEqual(["R'5", 'R3']);
    expect(await keys('Score__c != null AND Score__c <= 75')).toEqual(['R2', 'R4']);
    expect(await keys("Record_Key__c = 'R\\'5'")).toEqual(["R'5"]);
    expect(await keys("Course__r.Course_Code__c = 'CR-201' AND Market__r.Country_Code__c = 'DK'")).toEqual(['R3']);
    // an indexed (external ID) filter narrows the rows; the rest of the WHERE clause still applies
    expect(await keys("Record_Key__c = 'r1'")).toEqual(['R1']);
    expect(await keys("Record_Key__c IN ('R1', 'R4') AND Status__c = 'Failed'")).toEqual(['R4']);
    expect(await keys("Record_Key__c = 'R1' OR Status__c = 'Failed'")).toEqual(['R1', 'R4']);
    expect(await keys("Record_Key__c = 'R1' OR Record_Key__c IN ('R4', 'nope')")).toEqual(['R1', 'R4']);
  });

  it('date literals: TODAY, LAST_N_DAYS:n, THIS_YEAR and date values', async () => {
    const keys = async (where: string): Promise<string[]> =>
      (await records(`SELECT Record_Key__c FROM Training_Record__c WHERE ${where} ORDER BY Record_Key__c`)).map(
        (r) => r.Record_Key__c as string
      );
    expect(await keys('Completed_On__c = TODAY')).toEqual(['R4']);
    expect(await keys('Completed_On__c = LAST_N_DAYS:7')).toEqual(['R1', 'R4']);
    expect(await keys('Completed_On__c < LAST_N_DAYS:7')).toEqual(['R2']);
    expect(await keys('Completed_On__c = NEXT_N_DAYS:5')).toEqual([]);
    expect(await keys(`Completed_On__c >= ${daysFromToday(-3)}`)).toEqual(['R1', 'R4']);
    expect(await keys('CreatedDate = TODAY AND Completed_On__c != null')).toEqual(['R1', 'R2', 'R4']);
  });

  it('ORDER BY with NULLS LAST / DESC, LIMIT and OFFSET', async () => {
    const rows = await records(
      'SELECT Record_Key__c, Score__c FROM Training_Record__c ORDER BY Score__c DESC NULLS LAST LIMIT 3 OFFSET 1'
    );
    expect(rows.map((r) => r.Score__c)).toEqual([75, 20, null]);
    const unsorted = await records(
      'SELECT Record_Key__c FROM Training_Record__c WHERE Score__c != null LIMIT 2 OFFSET 1'
    );
    expect(unsorted.map((r) => r.Record_Key__c)).toEqual(['R2', 'R4']);
    const first = await records('SELECT Score__c FROM Training_Record__c ORDER BY Score__c ASC LIMIT 2');
    expect(first.map((r) => r.Score__c)).toEqual([null, null]);
  });

  it('COUNT(), and GROUP BY with COUNT/SUM/AVG/MIN/MAX, aliases and exprN names', async () => {
    const count = await query(org, "SELECT COUNT() FROM Training_Record__c WHERE Status__c = 'Completed'");
    expect((count.body as QueryBody).totalSize).toBe(2);
    expect((count.body as QueryBody).records).toEqual([]);
    const groups = await records(
      'SELECT Status__c, COUNT(Id), SUM(Score__c) total, AVG(Score__c), MIN(Completed_On__c), MAX(Score__c) FROM Training_Record__c GROUP BY Status__c ORDER BY Status__c'
    );
    const completed = groups.find((g) => g.Status__c === 'Completed')!;
    expect(completed).toMatchObject({ expr0: 2, total: 165, expr1: 82.5, expr2: daysFromToday(-40), expr3: 90 });
    expect((completed.attributes as Json).type).toBe('AggregateResult');
    expect(groups.map((g) => g.Status__c)).toEqual(['Assigned', 'Completed', 'Failed', 'In Progress']);
    const having = await records(
      'SELECT Market__c, COUNT(Id) n FROM Training_Record__c GROUP BY Market__c HAVING COUNT(Id) > 1'
    );
    expect(having).toHaveLength(1);
    expect(having[0].n).toBe(3);
  });

  it('child sub-queries and semi-joins', async () => {
    const rows = await records(
      "SELECT Name, (SELECT Record_Key__c FROM Training_Records__r ORDER BY Record_Key__c) FROM Market__c WHERE Country_Code__c IN ('DK', 'XX') ORDER BY Name"
    );
    expect(rows.map((r) => r.Name)).toEqual(['Denmark', 'Nowhere']);
    const dk = rows[0].Training_Records__r as QueryBody;
    expect(dk.records.map((r) => r.Record_Key__c)).toEqual(['R1', 'R2', 'R3']);
    expect(rows[1].Training_Records__r).toBeNull();
    const semi = await records(
      "SELECT Name FROM Market__c WHERE Id IN (SELECT Market__c FROM Training_Record__c WHERE Status__c = 'Failed')"
    );
    expect(semi.map((r) => r.Name)).toEqual(['Germany']);
  });

  it('formula and roll-up fields are queryable and filterable', async () => {
    const rows = await records(
      'SELECT Name, Training_Records__c, Completed_Trainings__c, Completion_Rate__c FROM Market__c WHERE Completion_Rate__c > 50'
    );
    expect(rows).toEqual([
      expect.objectContaining({
        Name: 'Denmark',
        Training_Records__c: 3,
        Completed_Trainings__c: 2,
        Completion_Rate__c: 67,
      }),
    ]);
  });

  it('answers INVALID_FIELD, INVALID_TYPE and MALFORMED_QUERY like a real org, never a wrong result', async () => {
    expect((await error('SELECT Nope__c FROM Market__c')).errorCode).toBe('INVALID_FIELD');
    expect((await error('SELECT Id FROM Nope__c')).errorCode).toBe('INVALID_TYPE');
    expect((await error('SELECT Id FROM ScratchOrgInfo limit 1')).errorCode).toBe('INVALID_TYPE');
    expect((await error('SELECT Id FROM Training_Record__c WHERE Nope__r.Name = null')).errorCode).toBe(
      'INVALID_FIELD'
    );
    expect((await error("SELECT Id FROM Market__c WHERE Power_Distance__c = '5'")).errorCode).toBe('INVALID_FIELD');
    expect((await error('SELECT Id FROM')).errorCode).toBe('MALFORMED_QUERY');
    // AND and OR mixed without parentheses is ambiguous in SOQL
    expect((await error("SELECT Id FROM Market__c WHERE Name = 'a' OR Name = 'b' AND Name = 'c'")).errorCode).toBe(
      'MALFORMED_QUERY'
    );
    const typeOf = await error('SELECT Id, TYPEOF Owner WHEN User THEN Name END FROM Market__c');
    expect(typeOf.errorCode).toBe('MALFORMED_QUERY');
    expect(typeOf.message).toContain('not supported by the local org');
    expect((await error('SELECT Id FROM Market__c WITH SECURITY_ENFORCED')).errorCode).toBe('MALFORMED_QUERY');
    expect((await error('SELECT Name, COUNT(Id) FROM Market__c')).errorCode).toBe('MALFORMED_QUERY');
  });

  it('columns=true answers column metadata for sf data query', async () => {
    const soql =
      'SELECT Id, Name, Course__r.Course_Code__c, COUNT(Id) FROM Training_Record__c GROUP BY Id, Name, Course__r.Course_Code__c';
    const reply = await call(org, 'GET', `${v}/query?q=${encodeURIComponent(soql)}&columns=true`);
    const body = reply.body as { columnMetadata: Json[]; entityName: string };
    expect(body.entityName).toBe('AggregateResult');
    const plain = await call(
      org,
      'GET',
      `${v}/query?q=${encodeURIComponent('SELECT Id, Course__r.Course_Code__c FROM Training_Record__c')}&columns=true`
    );
    const cols = (plain.body as { columnMetadata: Array<Json & { joinColumns: Json[] }> }).columnMetadata;
    expect(cols.map((c) => c.columnName)).toEqual(['Id', 'Course__r']);
    expect(cols[1].joinColumns[0].columnName).toBe('Course_Code__c');
  });

  it('pages past 2,000 rows through nextRecordsUrl and honours the batch size header', async () => {
    const course = org.store.insert('Training_Course__c', [{ Name: 'Bulk', Course_Code__c: 'BULK' }])[0].id!;
    const market = org.store.insert('Market__c', [{ Name: 'Paging', Country_Code__c: 'PG' }])[0].id!;
    const rows = Array.from({ length: 4500 }, (_x, i) => ({
      Course__c: course,
      Market__c: market,
      Record_Key__c: `P-${i}`,
    }));
    expect(org.store.insert('Training_Record__c', rows).every((r) => r.success)).toBe(true);
    let reply = await query(org, `SELECT Record_Key__c FROM Training_Record__c WHERE Market__c = '${market}'`);
    let body = reply.body as QueryBody;
    expect(body.totalSize).toBe(4500);
    const seen: Json[] = [...body.records];
    expect(body.records).toHaveLength(2000);
    while (!body.done) {
      reply = await call(org, 'GET', body.nextRecordsUrl!);
      body = reply.body as QueryBody;
      seen.push(...body.records);
    }
    expect(new Set(seen.map((r) => r.Record_Key__c)).size).toBe(4500);
    const small = await call(
      org,
      'GET',
      `${v}/query?q=${encodeURIComponent(`SELECT Id FROM Training_Record__c WHERE Market__c = '${market}'`)}`,
      undefined,
      {
        'Sforce-Query-Options': 'batchSize=500',
      }
    );
    expect((small.body as QueryBody).records).toHaveLength(500);
    expect((small.body as QueryBody).nextRecordsUrl).toMatch(/\/query\/01g\w+-500$/);
  });
});
