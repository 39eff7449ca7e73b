import { describe, it, expect, afterEach } from '@jest/globals';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOrg, type LocalOrg } from '../../emulator/index.js';
import { call, query, v } from './client.js';
import { defineTestSchema } from './testSchema.js';

type Json = Record<string, unknown>;

describe('local org server: auth, limits, faults, persistence', () => {
  const orgs: LocalOrg[] = [];
  const dirs: string[] = [];
  const start = async (opts: Parameters<typeof startOrg>[0] = {}): Promise<LocalOrg> => {
    const org = await startOrg(opts);
    orgs.push(org);
    return org;
  };
  afterEach(async () => {
    for (const org of orgs.splice(0)) await org.stop();
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('answers the login sequence of the sf CLI (userinfo, User, ScratchOrgInfo 400, versions, Organization)', async () => {
    const org = await start();
    const info = await call(org, 'GET', '/services/oauth2/userinfo');
    expect(info.body).toMatchObject({
      user_id: org.userId,
      organization_id: org.orgId,
      preferred_username: org.username,
    });
    // the saved instance URL ends with '/', so paths arrive with '//'
    const user = await call(org, 'GET', `//services/data/v51.0/sobjects/User/${org.userId}`);
    expect((user.body as Json).Username).toBe(org.username);
    const devHub = await query(org, 'SELECT Id FROM ScratchOrgInfo limit 1');
    expect(devHub.status).toBe(400);
    expect((devHub.body as Json[])[0].errorCode).toBe('INVALID_TYPE');
    const versions = (await call(org, 'GET', '/services/data')).body as Array<{ version: string; url: string }>;
    expect(versions[versions.length - 1]).toMatchObject({ version: '62.0', url: '/services/data/v62.0' });
    const orgRow = await query(
      org,
      'SELECT Name, InstanceName, IsSandbox, TrialExpirationDate, NamespacePrefix, OrganizationType FROM Organization'
    );
    expect((orgRow.body as { records: Json[] }).records[0]).toMatchObject({ IsSandbox: false, NamespacePrefix: null });
    const tooling = await call(
      org,
      'GET',
      `${v}/tooling/query?q=${encodeURIComponent('SELECT Id FROM SandboxProcess')}`
    );
    expect(tooling.status).toBe(400);
  });

  it('refuses a missing or wrong token with 401 INVALID_SESSION_ID; unknown resources are 404', async () => {
    const org = await start();
    const res = await fetch(`${org.instanceUrl}${v}/limits`, { headers: { Authorization: 'Bearer nope' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    const missing = await call(org, 'GET', `${v}/tooling/sobjects/SourceMember/describe`);
    expect(missing.status).toBe(404);
    expect((missing.body as Json[])[0].message).toBe('The requested resource does not exist');
  });

  it('counts API usage in Sforce-Limit-Info on every response and answers 403 REQUEST_LIMIT_EXCEEDED past the daily limit', async () => {
    const org = await start({ dailyApiLimit: 3 });
    const first = await call(org, 'GET', `${v}/limits`);
    expect(first.headers.get('sforce-limit-info')).toBe('api-usage=1/3');
    expect((first.body as { DailyApiRequests: Json }).DailyApiRequests).toEqual({ Max: 3, Remaining: 2 });
    await call(org, 'GET', `${v}/limits`);
    await call(org, 'GET', `${v}/limits`);
    const over = await call(org, 'GET', `${v}/limits`);
    expect(over.status).toBe(403);
    expect((over.body as Json[])[0].errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    expect(over.headers.get('sforce-limit-info')).toBe('api-usage=3/3');
  });

  it('injects the same faults for the same seed, logs them, and can be switched off per test', async () => {
    const run = async (seed: number): Promise<number[]> => {
      const org = await start({
        faults: { seed, serverErrorRate: 0.3, invalidSessionRate: 0.1, limitExceededRate: 0.1 },
      });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await call(org, 'GET', `${v}/limits`)).status);
      expect(org.requestLog.filter((e) => e.fault).length).toBe(statuses.filter((s) => s !== 200).length);
      return statuses;
    };
    const a = await run(42);
    const b = await run(42);
    expect(a).toEqual(b);
    expect(new Set(a)).toEqual(new Set([200, 503, 401, 403]));
    const org = orgs[0];
    org.setFaults({});
    org.resetRequestLog();
    expect((await call(org, 'GET', `${v}/limits`)).status).toBe(200);
    expect(org.requestLog).toEqual([expect.objectContaining({ method: 'GET', path: `${v}/limits`, status: 200 })]);
  });

  it('drops connections and answers slowly when told to', async () => {
    const org = await start();
    org.setFaults({ dropRate: 1, maxFaults: 1 });
    await expect(call(org, 'GET', `${v}/limits`)).rejects.toThrow();
    expect((await call(org, 'GET', `${v}/limits`)).status).toBe(200);
    org.setFaults({ slowRate: 1, slowMs: 300, pathFilter: '/limits' });
    expect((await call(org, 'GET', `${v}/limits`)).status).toBe(200);
    const slow = org.requestLog.find((e) => e.fault === 'slow');
    expect(slow?.ms).toBeGreaterThanOrEqual(290);
    expect(org.requestLog.some((e) => e.fault === 'drop')).toBe(true);
    expect(org.faults.bulkJobFailure('Market__c')).toBeUndefined();
    org.setFaults({ failBulkJobs: { object: 'Market__c' }, failDeployComponents: [{ fullName: 'Market__c.Bad__c' }] });
    expect(org.faults.bulkJobFailure('Market__c')).toMatch(/fault plan/);
    expect(org.faults.bulkJobFailure('Account')).toBeUndefined();
    expect(org.faults.deployComponentFailure('CustomField', 'Market__c.Bad__c')).toMatch(/fault plan/);
  });

  it('keeps schema, records, metadata and counters in --data-dir across restarts, written atomically', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'glocal-org-'));
    dirs.push(dir);
    const first = await startOrg({ dataDir: dir });
    defineTestSchema(first.schema);
    first.metadata.put('CustomLabels', 'CustomLabels', {
      files: [{ path: 'labels/CustomLabels.labels', content: Buffer.from('<x/>') }],
    });
    const created = await call(first, 'POST', `${v}/sobjects/Market__c`, { Name: 'Denmark', Country_Code__c: 'DK' });
    const id = (created.body as Json).id as string;
    await first.stop();
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    // a change made without any request (a Bulk job finishing, say) is saved within seconds too
    const third = await start({ dataDir: dir });
    third.store.insert('Market__c', [{ Name: 'Norway', Country_Code__c: 'NO' }]);
    for (let i = 0; i < 100 && (await readFile(join(dir, 'org.ndjson'), 'utf8')).indexOf('Norway') < 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await readFile(join(dir, 'org.ndjson'), 'utf8')).toContain('Norway');
    await third.stop();
    orgs.splice(orgs.indexOf(third), 1);

    const second = await start({ dataDir: dir });
    const got = await call(second, 'GET', `${v}/sobjects/Market__c/${id}`);
    expect((got.body as Json).Name).toBe('Denmark');
    const dup = await call(second, 'POST', `${v}/sobjects/Market__c`, { Name: 'Again', Country_Code__c: 'DK' });
    expect((dup.body as Json[])[0].errorCode).toBe('DUPLICATE_VALUE');
    const next = await call(second, 'POST', `${v}/sobjects/Market__c`, { Name: 'Germany', Country_Code__c: 'DE' });
    expect((next.body as Json).id).not.toBe(id);
    expect(second.metadata.get('CustomLabels', 'CustomLabels')?.files[0].content.toString()).toBe('<x/>');
  });

  it('refuses to start from a torn data file instead of losing data silently', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'glocal-org-'));
    dirs.push(dir);
    const org = await startOrg({ dataDir: dir });
    await org.stop();
    const text = await readFile(join(dir, 'org.ndjson'), 'utf8');
    await writeFile(join(dir, 'org.ndjson'), text.split('\n').slice(0, -2).join('\n') + '\n');
    await expect(startOrg({ dataDir: dir })).rejects.toThrow(/incomplete/);
  });
});
