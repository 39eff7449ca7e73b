// Downloads one Bulk ingest job's results through ConnectionOrgClient over a real jsforce Connection,
// in a plain Node process (jsforce's undici does not run inside jest's VM sandbox), and prints the
// outcome as JSON. Usage: tsx test/org/ingestResultsClient.ts <instanceUrl> <accessToken> <jobId> <kind> <toFile>
import { Connection } from '@jsforce/jsforce-node';
import { ConnectionOrgClient, type RestConnection } from '../../src/org/connectionOrgClient.js';
import type { IngestResultKind } from '../../src/org/orgClient.js';

const [instanceUrl, accessToken, jobId, kind, toFile] = process.argv.slice(2);
// @salesforce/core's Connection is this jsforce Connection plus getApiVersion.
const connection = Object.assign(new Connection({ instanceUrl, accessToken, version: '62.0' }), {
  getApiVersion: () => '62.0',
});
const client = new ConnectionOrgClient(connection as unknown as RestConnection, {
  attempts: 6,
  baseDelayMs: 1,
  maxDelayMs: 10,
});
try {
  await client.downloadIngestResults(jobId, kind as IngestResultKind, toFile);
  console.log(JSON.stringify({ ok: true, requests: client.requestCount }));
} catch (error) {
  const failure = error as { kind?: string; errorCode?: string; message?: string };
  console.log(
    JSON.stringify({
      ok: false,
      kind: failure.kind,
      errorCode: failure.errorCode,
      message: failure.message,
      requests: client.requestCount,
    })
  );
}
