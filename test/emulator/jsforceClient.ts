// Runs jsforce against a local org in a plain Node process (undici, which jsforce sends through,
// does not run inside jest's VM sandbox) and prints what it saw as JSON.
// Usage: tsx test/emulator/jsforceClient.ts <instanceUrl> <accessToken>
import { Connection } from '@jsforce/jsforce-node';

const [instanceUrl, accessToken] = process.argv.slice(2);
const conn = new Connection({ instanceUrl, accessToken, version: '62.0' });

const created = await conn.sobject('Market__c').create(
  [
    { Name: 'Denmark', Country_Code__c: 'DK' },
    { Name: 'Too long', Country_Code__c: 'DNK' },
  ],
  { allOrNone: false }
);
const all = await conn.query('SELECT Id, Name FROM Training_Course__c', { autoFetch: true, maxFetch: 10000 });
const apiUsage = conn.limitInfo.apiUsage;
let sessionError: string | undefined;
try {
  await new Connection({ instanceUrl, accessToken: '00D000000000001!WRONG', version: '62.0' }).query(
    'SELECT Id FROM Market__c'
  );
} catch (error) {
  sessionError = (error as { errorCode?: string }).errorCode;
}
console.log(JSON.stringify({ created, fetched: all.records.length, totalSize: all.totalSize, apiUsage, sessionError }));
