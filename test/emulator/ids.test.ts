import { describe, it, expect } from '@jest/globals';
import { makeId, normalizeId } from '../../emulator/org/ids.js';
import { normalizePath } from '../../emulator/http/server.js';
import { Router } from '../../emulator/http/router.js';

describe('local org Ids, paths and routing', () => {
  it('turns 15-character Ids into the 18-character form Salesforce documents, and reads 18 case-insensitively', () => {
    expect(normalizeId('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
    expect(normalizeId('001A0000006Vm9rIAC')).toBe('001A0000006Vm9rIAC');
    expect(normalizeId('001a0000006vm9riac')).toBe('001A0000006Vm9rIAC');
    expect(normalizeId('001A0000006Vm9rXXX')).toBeUndefined();
    expect(normalizeId('not-an-id')).toBeUndefined();
    const id = makeId('a03', 42);
    expect(id).toHaveLength(18);
    expect(normalizeId(id.slice(0, 15))).toBe(id);
  });

  it('collapses the double slashes the CLI sends and keeps the query string', () => {
    expect(normalizePath('//services/data/v62.0/query/?q=x')).toEqual({
      path: '/services/data/v62.0/query',
      search: '?q=x',
    });
  });

  it('prefers the more specific route and tells 405 from 404', () => {
    const router = new Router();
    router.add('GET', '/services/data/:version/sobjects/:type/:id', () => ({ status: 200, body: 'record' }));
    router.add('GET', '/services/data/:version/sobjects/:type/describe', () => ({ status: 200, body: 'describe' }));
    const hit = router.match('GET', '/services/data/v62.0/sobjects/Account/describe');
    expect('handler' in hit && hit.params).toEqual({ version: '62.0', type: 'Account' });
    expect('handler' in hit && hit.handler({} as never)).toEqual({ status: 200, body: 'describe' });
    expect(router.match('POST', '/services/data/v62.0/sobjects/Account/describe')).toEqual({ methodMismatch: true });
    expect(router.match('GET', '/services/data/62.0/sobjects/Account/x')).toEqual({ methodMismatch: false });
  });
});
