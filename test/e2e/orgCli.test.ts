// The real sf CLI against the local org: login, describe, query, and write errors with real codes.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { startE2e, type E2eEnv } from './harness.js';
import { defineTestSchema } from '../emulator/testSchema.js';

type Json = Record<string, unknown>;

describe('sf CLI against the local org', () => {
  let env: E2eEnv;

  beforeAll(async () => {
    env = await startE2e();
    defineTestSchema(env.org.schema);
    const markets = env.org.store.insert('Market__c', [
      { Name: 'Denmark', Country_Code__c: 'DK', Language__c: 'da' },
      { Name: 'Germany', Country_Code__c: 'DE', Language__c: 'de' },
    ]);
    expect(markets.every((r) => r.success)).toBe(true);
    await env.loginSf('local');
  }, 120_000);
  afterAll(async () => {
    await env?.stop();
  });

  it('logged in: the CLI recorded the org (not a Dev Hub) and its API version', () => {
    const steps = env.org.requestLog.map((e) => `${e.method} ${e.path} ${e.status}`);
    expect(steps).toContain('GET /services/oauth2/userinfo 200');
    expect(steps.some((s) => s.includes('/query') && s.endsWith(' 400'))).toBe(true);
  });

  it('sf sobject describe shows the fields of an object the org learned', async () => {
    const r = await env.runSf(['sobject', 'describe', '--sobject', 'Market__c', '-o', 'local', '--json']);
    expect(r.exitCode).toBe(0);
    const result = r.json?.result as { name: string; fields: Array<Json> };
    expect(result.name).toBe('Market__c');
    const code = result.fields.find((f) => f.name === 'Country_Code__c')!;
    expect(code).toMatchObject({ type: 'string', length: 2, unique: true, externalId: true, nillable: false });
    const rate = result.fields.find((f) => f.name === 'Completion_Rate__c')!;
    expect(rate).toMatchObject({ type: 'percent', calculated: true });
  });

  it('sf data query returns records, with parent fields, as JSON', async () => {
    const r = await env.runSf([
      'data',
      'query',
      '--query',
      "SELECT Name, Country_Code__c, Owner.Name FROM Market__c WHERE Country_Code__c IN ('DK', 'DE') ORDER BY Name",
      '-o',
      'local',
      '--json',
    ]);
    expect(r.exitCode).toBe(0);
    const result = r.json?.result as { totalSize: number; records: Json[] };
    expect(result.totalSize).toBe(2);
    expect(result.records.map((x) => x.Name)).toEqual(['Denmark', 'Germany']);
    expect((result.records[0].Owner as Json).Name).toBe('Ada Admin');
  });

  it('sf data create record fails with the real error code (duplicate external ID, restricted picklist)', async () => {
    const dup = await env.runSf([
      'data',
      'create',
      'record',
      '--sobject',
      'Market__c',
      '--values',
      "Name='Denmark 2' Country_Code__c=DK",
      '-o',
      'local',
      '--json',
    ]);
    expect(dup.exitCode).not.toBe(0);
    expect(dup.json?.name).toBe('DUPLICATE_VALUE');
    const bad = await env.runSf([
      'data',
      'create',
      'record',
      '--sobject',
      'Market__c',
      '--values',
      'Name=Klingon Country_Code__c=KL Language__c=tlh',
      '-o',
      'local',
      '--json',
    ]);
    expect(bad.json?.name).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    const ok = await env.runSf([
      'data',
      'create',
      'record',
      '--sobject',
      'Market__c',
      '--values',
      'Name=Japan Country_Code__c=JP Language__c=da',
      '-o',
      'local',
      '--json',
    ]);
    expect(ok.exitCode).toBe(0);
    const id = (ok.json?.result as { id: string }).id;
    expect(env.org.store.table('Market__c').rows.get(id)?.Name).toBe('Japan');
  });
});
