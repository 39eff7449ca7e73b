// Bulk API 2.0 endpoints under /services/data/vXX.X/jobs/ingest and /jobs/query.
import type { Router } from '../http/router.js';
import type { OrgContext } from '../types.js';
import { IngestJobs, jobInfo, resultsCsv, unprocessedCsv } from './ingest.js';
import { QueryJobs, queryJobInfo } from './query.js';

const CSV_HEADERS = { 'content-type': 'text/csv; charset=UTF-8' };

const jobsByOrg = new WeakMap<OrgContext, { ingest: IngestJobs; query: QueryJobs }>();

/** The Bulk job queues of an org (tests await `bulkJobs(org).ingest.idle()`). */
export function bulkJobs(org: OrgContext): { ingest: IngestJobs; query: QueryJobs } {
  let jobs = jobsByOrg.get(org);
  if (!jobs) {
    jobs = { ingest: new IngestJobs(org), query: new QueryJobs(org) };
    jobsByOrg.set(org, jobs);
  }
  return jobs;
}

export function registerBulkRoutes(router: Router<OrgContext>, org: OrgContext): void {
  const { ingest, query } = bulkJobs(org);
  const base = '/services/data/:version/jobs';

  router.add('POST', `${base}/ingest`, (req) => {
    const job = ingest.create(req.json<Record<string, unknown>>(), req.params.version);
    return { status: 200, body: jobInfo(job, true) };
  });
  router.add('GET', `${base}/ingest`, () => ({
    status: 200,
    body: { done: true, records: ingest.list().map((job) => jobInfo(job, true)), nextRecordsUrl: null },
  }));
  router.add('GET', `${base}/ingest/:jobId`, (req) => ({ status: 200, body: jobInfo(ingest.get(req.params.jobId)) }));
  router.add('PUT', `${base}/ingest/:jobId/batches`, (req) => {
    ingest.upload(req.params.jobId, req.body.toString('utf8'));
    return { status: 201, body: '' };
  });
  router.add('PATCH', `${base}/ingest/:jobId`, (req) => {
    const job = ingest.setState(req.params.jobId, req.json<{ state?: unknown }>().state);
    return { status: 200, body: jobInfo(job, true) };
  });
  router.add('DELETE', `${base}/ingest/:jobId`, (req) => {
    ingest.delete(req.params.jobId);
    return { status: 204, body: '' };
  });
  router.add('GET', `${base}/ingest/:jobId/successfulResults`, (req) => ({
    status: 200,
    headers: CSV_HEADERS,
    body: resultsCsv(ingest.get(req.params.jobId), 'successful'),
  }));
  router.add('GET', `${base}/ingest/:jobId/failedResults`, (req) => ({
    status: 200,
    headers: CSV_HEADERS,
    body: resultsCsv(ingest.get(req.params.jobId), 'failed'),
  }));
  router.add('GET', `${base}/ingest/:jobId/unprocessedrecords`, (req) => ({
    status: 200,
    headers: CSV_HEADERS,
    body: unprocessedCsv(ingest.get(req.params.jobId)),
  }));

  router.add('POST', `${base}/query`, (req) => {
    const job = query.create(req.json<Record<string, unknown>>(), req.params.version);
    return { status: 200, body: queryJobInfo(job) };
  });
  router.add('GET', `${base}/query`, () => ({
    status: 200,
    body: { done: true, records: query.list().map(queryJobInfo), nextRecordsUrl: null },
  }));
  router.add('GET', `${base}/query/:jobId`, (req) => ({
    status: 200,
    body: queryJobInfo(query.get(req.params.jobId)),
  }));
  router.add('PATCH', `${base}/query/:jobId`, (req) => {
    const state = req.json<{ state?: unknown }>().state;
    if (state !== 'Aborted')
      return { status: 400, body: [{ errorCode: 'INVALIDJOBSTATE', message: `Invalid state: ${String(state)}` }] };
    return { status: 200, body: queryJobInfo(query.abort(req.params.jobId)) };
  });
  router.add('DELETE', `${base}/query/:jobId`, (req) => {
    query.delete(req.params.jobId);
    return { status: 204, body: '' };
  });
  router.add('GET', `${base}/query/:jobId/results`, (req) => {
    const maxRecords = req.query.get('maxRecords');
    const page = query.page(req.params.jobId, req.query.get('locator'), maxRecords ? Number(maxRecords) : undefined);
    return {
      status: 200,
      headers: { ...CSV_HEADERS, 'Sforce-Locator': page.next ?? 'null', 'Sforce-NumberOfRecords': page.count },
      body: page.csv,
    };
  });
}
