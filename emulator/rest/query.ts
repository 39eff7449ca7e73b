// query / queryAll with paging (nextRecordsUrl past the batch size, 2,000 by default) and the
// `columns=true` variant that `sf data query` calls; tooling query answers INVALID_TYPE for the
// setup objects the local org does not have (SandboxProcess, SourceMember …).
import { randomBytes } from 'node:crypto';
import { ApiError, type RouteRequest, type Router } from '../http/router.js';
import { SoqlEngine, type OutRecord } from '../soql/engine.js';
import type { OrgContext } from '../types.js';

interface Cursor {
  records: OutRecord[];
  totalSize: number;
  batchSize: number;
  all: boolean;
}

const MAX_CURSORS = 50;

export function registerQueryRoutes(router: Router<OrgContext>, org: OrgContext): void {
  const engine = new SoqlEngine(org.store);
  const cursors = new Map<string, Cursor>();

  const page = (version: string, locatorId: string, cursor: Cursor, start: number): unknown => {
    const end = Math.min(start + cursor.batchSize, cursor.records.length);
    const done = end >= cursor.records.length;
    const body: Record<string, unknown> = {
      totalSize: cursor.totalSize,
      done,
      records: cursor.records.slice(start, end),
    };
    if (!done)
      body.nextRecordsUrl = `/services/data/v${version}/${cursor.all ? 'queryAll' : 'query'}/${locatorId}-${end}`;
    else cursors.delete(locatorId);
    return body;
  };

  const batchSizeOf = (req: RouteRequest<OrgContext>): number => {
    const header = req.headers['sforce-query-options'];
    const m = typeof header === 'string' ? /batchSize\s*=\s*(\d+)/i.exec(header) : null;
    const n = m ? Number(m[1]) : 2000;
    return Math.min(2000, Math.max(200, n));
  };

  const run = (all: boolean) => (req: RouteRequest<OrgContext>) => {
    const soql = req.query.get('q');
    if (!soql) throw new ApiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    if (req.query.get('columns') === 'true') return { status: 200, body: engine.columns(soql) };
    const answer = engine.run(soql, { all, apiVersion: req.params.version, userId: org.userId });
    const batchSize = batchSizeOf(req);
    const cursor: Cursor = { records: answer.records, totalSize: answer.totalSize, batchSize, all };
    if (answer.records.length <= batchSize) {
      return { status: 200, body: { totalSize: answer.totalSize, done: true, records: answer.records } };
    }
    const locatorId = `01g${randomBytes(6).toString('hex').toUpperCase().slice(0, 12)}`;
    cursors.set(locatorId, cursor);
    while (cursors.size > MAX_CURSORS) cursors.delete(cursors.keys().next().value!);
    return { status: 200, body: page(req.params.version, locatorId, cursor, 0) };
  };

  const more = (req: RouteRequest<OrgContext>) => {
    const m = /^(01g\w+)-(\d+)$/.exec(req.params.locator);
    const cursor = m ? cursors.get(m[1]) : undefined;
    if (!m || !cursor) throw new ApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    return { status: 200, body: page(req.params.version, m[1], cursor, Number(m[2])) };
  };

  router.add('GET', '/services/data/:version/query', run(false));
  router.add('GET', '/services/data/:version/queryAll', run(true));
  router.add('GET', '/services/data/:version/query/:locator', more);
  router.add('GET', '/services/data/:version/queryAll/:locator', more);

  router.add('GET', '/services/data/:version/tooling/query', (req) => {
    const soql = req.query.get('q') ?? '';
    const m = /\bfrom\s+(\w+)/i.exec(soql);
    const name = m?.[1] ?? '';
    throw new ApiError(
      400,
      'INVALID_TYPE',
      `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`
    );
  });
}
