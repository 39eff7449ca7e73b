// npm run bench:org — the local org's own speed:
//  1. Bulk API 2.0 ingest of ROWS ten-column rows over HTTP (CSV upload → UploadComplete → JobComplete),
//     reporting the org's processing rate (UploadComplete → JobComplete) and CPU-time rate;
//  2. the same rows straight through the record store (the write path Bulk and REST share);
//  3. SOQL with an indexed (external ID) filter over all rows, server-side and round trip.
// Usage: npm run bench:org [-- --rows 1000000]
import { parseArgs } from 'node:util';
import { startOrg, tuneHeapForLargeData, type LocalOrg } from '../emulator/index.js';
import type { FieldSchema } from '../emulator/org/schema.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' } } });
const ROWS = Number(values.rows);
if (!Number.isInteger(ROWS) || ROWS <= 0) throw new Error(`--rows must be a positive whole number, got ${values.rows}`);
const V = '/services/data/v62.0';

const field = (name: string, type: FieldSchema['type'], extra: Partial<FieldSchema> = {}): FieldSchema => ({
  name,
  label: name.replace(/__c$/, ''),
  type,
  custom: true,
  nillable: true,
  ...extra,
});

function defineBenchObject(org: LocalOrg, name: string): void {
  org.schema.upsertObject({
    name,
    label: 'Bench Row',
    labelPlural: 'Bench Rows',
    custom: true,
    fields: {
      Key__c: field('Key__c', 'string', { length: 40, unique: true, externalId: true }),
      Text__c: field('Text__c', 'string', { length: 80 }),
      Amount__c: field('Amount__c', 'double', { precision: 10, scale: 2 }),
      Score__c: field('Score__c', 'double', { precision: 3, scale: 0 }),
      Day__c: field('Day__c', 'date'),
      Flag__c: field('Flag__c', 'boolean'),
      Status__c: field('Status__c', 'picklist', {
        restrictedPicklist: true,
        picklistValues: ['Assigned', 'Completed', 'Failed'].map((v) => ({
          value: v,
          label: v,
          active: true,
          default: false,
        })),
      }),
      Email__c: field('Email__c', 'email', { length: 80 }),
      Notes__c: field('Notes__c', 'textarea', { length: 32768 }),
    },
  });
}

const STATUSES = ['Assigned', 'Completed', 'Failed'];
const HEADER = 'Name,Key__c,Text__c,Amount__c,Score__c,Day__c,Flag__c,Status__c,Email__c,Notes__c';
function row(i: number, prefix: string): string {
  const day = `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
  return `Row ${i},${prefix}${i},text ${i % 97},${(i % 100000) / 100},${i % 101},${day},${i % 2 === 0},${STATUSES[i % 3]},user${i % 5000}@example.com,"note, ${i}"`;
}

async function api(
  org: LocalOrg,
  method: string,
  path: string,
  body?: string,
  type = 'application/json'
): Promise<unknown> {
  const res = await fetch(`${org.instanceUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${org.accessToken}`, ...(body !== undefined ? { 'Content-Type': type } : {}) },
    body,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

const rate = (rows: number, ms: number): string => `${Math.round(rows / (ms / 1000)).toLocaleString('en-US')} rows/s`;
const cpuMs = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;

async function benchBulk(org: LocalOrg): Promise<void> {
  defineBenchObject(org, 'Bench_Bulk__c');
  const job = (await api(
    org,
    'POST',
    `${V}/jobs/ingest`,
    JSON.stringify({ object: 'Bench_Bulk__c', operation: 'insert', lineEnding: 'LF' })
  )) as { id: string };
  // uploads of ≤ 100 MB, as the Bulk API allows
  const perUpload = 500_000;
  for (let start = 0; start < ROWS; start += perUpload) {
    const lines = [HEADER];
    for (let i = start; i < Math.min(ROWS, start + perUpload); i++) lines.push(row(i, 'B-'));
    await api(org, 'PUT', `${V}/jobs/ingest/${job.id}/batches`, lines.join('\n') + '\n', 'text/csv');
  }
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await api(org, 'PATCH', `${V}/jobs/ingest/${job.id}`, JSON.stringify({ state: 'UploadComplete' }));
  let info: { state: string; numberRecordsProcessed: number; numberRecordsFailed: number; totalProcessingTime: number };
  for (;;) {
    info = (await api(org, 'GET', `${V}/jobs/ingest/${job.id}`)) as typeof info;
    if (info.state === 'JobComplete' || info.state === 'Failed' || info.state === 'Aborted') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const wall = performance.now() - t0;
  const cpu = cpuMs(process.cpuUsage(cpu0));
  console.log(
    `Bulk 2.0 ingest over HTTP: ${ROWS.toLocaleString('en-US')} rows, state ${info.state}, failed ${info.numberRecordsFailed}`
  );
  console.log(
    `  UploadComplete → ${info.state}: ${(wall / 1000).toFixed(1)} s = ${rate(info.numberRecordsProcessed, wall)} (wall)`
  );
  console.log(
    `  org processing time reported by the job: ${info.totalProcessingTime} ms = ${rate(info.numberRecordsProcessed, info.totalProcessingTime)}`
  );
  console.log(
    `  CPU time of the org process: ${(cpu / 1000).toFixed(1)} s = ${rate(info.numberRecordsProcessed, cpu)} (per CPU-second)`
  );
}

function benchStore(org: LocalOrg): void {
  defineBenchObject(org, 'Bench_Store__c');
  const columns = HEADER.split(',');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let failed = 0;
  for (let start = 0; start < ROWS; start += 10_000) {
    const batch: Array<Record<string, string>> = [];
    for (let i = start; i < Math.min(ROWS, start + 10_000); i++) {
      const cells = row(i, 'S-')
        .replace(/"note, (\d+)"/, 'note $1')
        .split(',');
      const rec: Record<string, string> = {};
      columns.forEach((c, k) => (rec[c] = cells[k]));
      batch.push(rec);
    }
    failed += org.store.insert('Bench_Store__c', batch, { text: true }).filter((r) => !r.success).length;
  }
  const wall = performance.now() - t0;
  const cpu = cpuMs(process.cpuUsage(cpu0));
  console.log(`Record store insert (no HTTP, no CSV parsing): ${ROWS.toLocaleString('en-US')} rows, failed ${failed}`);
  console.log(`  ${(wall / 1000).toFixed(1)} s = ${rate(ROWS, wall)} (wall); ${rate(ROWS, cpu)} (per CPU-second)`);
}

async function benchQuery(org: LocalOrg): Promise<void> {
  const timings: number[] = [];
  const server: number[] = [];
  for (let k = 0; k < 20; k++) {
    const keys = [k * 4999, ROWS - 1 - k, Math.floor(ROWS / 2) + k].map((i) => `'B-${i}'`).join(', ');
    const soql = `SELECT Id, Name, Key__c, Amount__c, Status__c FROM Bench_Bulk__c WHERE Key__c IN (${keys})`;
    org.resetRequestLog();
    const t0 = performance.now();
    const res = (await api(org, 'GET', `${V}/query?q=${encodeURIComponent(soql)}`)) as { totalSize: number };
    timings.push(performance.now() - t0);
    server.push(org.requestLog[0]?.ms ?? NaN);
    if (res.totalSize !== 3) throw new Error(`indexed query returned ${res.totalSize} rows, expected 3`);
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`SOQL with an external-ID filter over ${ROWS.toLocaleString('en-US')} rows (20 runs):`);
  console.log(
    `  round trip median ${median(timings).toFixed(1)} ms, max ${Math.max(...timings).toFixed(1)} ms; server-side median ${median(server)} ms`
  );
  const t0 = performance.now();
  const count = (await api(
    org,
    'GET',
    `${V}/query?q=${encodeURIComponent("SELECT COUNT() FROM Bench_Bulk__c WHERE Status__c = 'Failed'")}`
  )) as { totalSize: number };
  console.log(
    `  for contrast, a full scan (COUNT() on a non-indexed field): ${(performance.now() - t0).toFixed(0)} ms, ${count.totalSize} rows`
  );
}

tuneHeapForLargeData();
const org = await startOrg({ dailyApiLimit: 10_000_000 });
try {
  console.log(
    `Local org bench: ${ROWS.toLocaleString('en-US')} ten-column rows (Node ${process.versions.node}, ${(await import('node:os')).cpus().length} CPUs, load ${(await import('node:os')).loadavg()[0].toFixed(1)})`
  );
  await benchBulk(org);
  await benchQuery(org);
  benchStore(org);
  console.log(`Heap used: ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`);
} finally {
  await org.stop();
}
