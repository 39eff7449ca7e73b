// npm run bench:reports — the four manager reports over a large data set on the local org:
// how long each takes over HTTP and how many API requests it sends (the aggregates run in the org,
// so the request count must not grow with the number of records).
// Usage: tsx scripts/bench-reports.ts [--records 200000]
import { parseArgs } from 'node:util';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import { startOrg, type LocalOrg } from '../emulator/index.js';
import { runDeploy } from '../emulator/metadata/deploy.js';
import { ConnectionOrgClient, type RestConnection } from '../src/org/connectionOrgClient.js';
import { runCqReport } from '../src/reports/cqReport.js';
import { runFeedbackScorecard } from '../src/reports/feedbackScorecard.js';
import { runInternalFeedbackReport } from '../src/reports/internalFeedbackReport.js';
import { runTrainingReport } from '../src/reports/trainingReport.js';

const { values } = parseArgs({ options: { records: { type: 'string', default: '200000' } } });
const RECORDS = Number(values.records);
if (!Number.isInteger(RECORDS) || RECORDS <= 0) throw new Error(`--records must be a positive whole number`);
// Real ISO 3166-1 codes: the pack validates them.
const COUNTRY_CODES = (
  'AE AR AT AU BE BG BR CA CH CL CN CO CZ DE DK EE EG ES FI FR GB GR HK HR HU ID IE IL IN IS ' +
  'IT JP KE KR LT LU LV MA MX MY NG NL NO NZ PE PH PK PL PT RO RS SA SE SG SI SK TH TR US ZA'
).split(' ');
const MARKETS = COUNTRY_CODES.length;
const PARTNERS = 300;
const PERIODS = ['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3'];
const UNITS = 25;

function insertAll(org: LocalOrg, type: string, rows: Array<Record<string, unknown>>): string[] {
  const ids: string[] = [];
  for (let start = 0; start < rows.length; start += 10_000) {
    for (const result of org.store.insert(type, rows.slice(start, start + 10_000))) {
      if (!result.success) throw new Error(`${type}: ${JSON.stringify(result.errors)}`);
      ids.push(result.id!);
    }
  }
  return ids;
}

function isoDay(daysFromToday: number): string {
  return new Date(Date.now() + daysFromToday * 86_400_000).toISOString().slice(0, 10);
}

function seed(org: LocalOrg): void {
  const codes = COUNTRY_CODES.slice(0, MARKETS);
  const markets = insertAll(
    org,
    'Market__c',
    codes.map((code) => ({ Name: `Market ${code}`, Country_Code__c: code }))
  );
  const courses = insertAll(
    org,
    'Training_Course__c',
    Array.from({ length: 20 }, (_, i) => ({
      Name: `Course ${i}`,
      Course_Code__c: `C-${i}`,
      Passing_Score__c: 60,
      Recertify_Months__c: 12,
    }))
  );
  const contacts = insertAll(
    org,
    'Contact',
    Array.from({ length: 5000 }, (_, i) => ({ LastName: `Person ${i}`, Email: `p${i}@example.com` }))
  );
  const statuses = ['Assigned', 'In Progress', 'Completed', 'Completed', 'Completed', 'Failed', 'Withdrawn'];
  insertAll(
    org,
    'Training_Record__c',
    Array.from({ length: RECORDS }, (_, i) => {
      const status = statuses[i % statuses.length];
      const done = status === 'Completed' || status === 'Failed';
      const passed = status === 'Completed' && i % 5 !== 0;
      return {
        Market__c: markets[i % MARKETS],
        Course__c: courses[i % courses.length],
        Participant_Contact__c: contacts[i % contacts.length],
        Status__c: status,
        Result__c: done ? (passed ? 'Pass' : 'Fail') : 'Pending',
        Score__c: done ? (passed ? 80 : 30) : null,
        Completed_On__c: done ? isoDay(-(i % 400)) : null,
        Due_On__c: done ? null : isoDay((i % 90) - 45),
      };
    })
  );
  insertAll(
    org,
    'CQ_Assessment__c',
    Array.from({ length: Math.ceil(RECORDS / 10) }, (_, i) => ({
      Market__c: markets[i % MARKETS],
      Participant_Contact__c: contacts[i % contacts.length],
      Assessed_On__c: isoDay(-(i % 300)),
      Instrument__c: 'Internal',
      Phase__c: i % 3 === 0 ? 'Post-training' : 'Baseline',
      Metacognitive__c: 1 + (i % 7),
      Cognitive__c: 1 + ((i + 2) % 7),
      Motivational__c: 1 + ((i + 4) % 7),
      Behavioral__c: 1 + ((i + 5) % 7),
    }))
  );
  const accounts = insertAll(
    org,
    'Account',
    Array.from({ length: PARTNERS }, (_, i) => ({ Name: `Partner ${i}` }))
  );
  const reviews = insertAll(
    org,
    'Partner_Review__c',
    accounts.flatMap((account, i) =>
      PERIODS.map((period) => ({ Name: `Partner ${i} ${period}`, Partner__c: account, Period__c: period }))
    )
  );
  insertAll(
    org,
    'Partner_Feedback__c',
    reviews.flatMap((review, i) =>
      Array.from({ length: 6 }, (_, j) => ({
        Partner_Review__c: review,
        Direction__c: j % 2 === 0 ? 'Company to Partner' : 'Partner to Company',
        Status__c: 'Submitted',
        Communication__c: 1 + ((i + j) % 5),
        Trust__c: 1 + ((i + 2 * j) % 5),
        Collaboration__c: 1 + ((i + 3 * j) % 5),
        Recommend__c: (i * 7 + j) % 11,
        Action_Items__c: j === 1 && i % 4 === 0 ? 'Follow up' : null,
      }))
    )
  );
  const units = insertAll(
    org,
    'Service_Unit__c',
    Array.from({ length: UNITS }, (_, i) => ({ Name: `Unit ${i}`, Unit_Code__c: `U${i}` }))
  );
  insertAll(
    org,
    'Internal_Feedback__c',
    Array.from({ length: Math.ceil(RECORDS / 4) }, (_, i) => ({
      Rated_Unit__c: units[i % UNITS],
      Rating_Unit__c: units[(i + 1) % UNITS],
      Period__c: PERIODS[i % PERIODS.length],
      CSAT__c: 1 + (i % 5),
      Communication__c: 1 + ((i + 1) % 5),
      Trust__c: 1 + ((i + 2) % 5),
      Collaboration__c: 1 + ((i + 3) % 5),
    }))
  );
}

async function main(): Promise<void> {
  const org = await startOrg();
  try {
    const converted = await new MetadataConverter().convert(ComponentSet.fromSource('force-app'), 'metadata', {
      type: 'zip',
    });
    const deployed = runDeploy(org, converted.zipBuffer!, {
      checkOnly: false,
      rollbackOnError: true,
      singlePackage: true,
      purgeOnDelete: false,
      ignoreWarnings: false,
    });
    if (deployed.failures.length > 0) throw new Error(`deploy failed: ${JSON.stringify(deployed.failures)}`);
    let started = performance.now();
    seed(org);
    console.log(
      `seeded ${RECORDS} training records and the rest in ${((performance.now() - started) / 1000).toFixed(1)} s`
    );

    const connection = {
      getApiVersion: () => '62.0',
      request: async (request: { url: string }) => {
        const response = await fetch(`${org.instanceUrl}${request.url}`, {
          headers: { authorization: `Bearer ${org.accessToken}` },
        });
        const body = (await response.json()) as unknown;
        if (!response.ok) throw new Error(`${response.status} ${JSON.stringify(body)}`);
        return body;
      },
    } as unknown as RestConnection;
    const reports: Array<[string, (client: ConnectionOrgClient) => Promise<unknown>]> = [
      ['training report', (client) => runTrainingReport(client, { withinDays: 60, overdueLimit: 100 })],
      ['cq report', (client) => runCqReport(client, {})],
      ['feedback scorecard', (client) => runFeedbackScorecard(client, { periods: 4 })],
      ['internal-feedback report', (client) => runInternalFeedbackReport(client, {})],
    ];
    for (const [name, run] of reports) {
      const client = new ConnectionOrgClient(connection);
      started = performance.now();
      await run(client);
      const seconds = (performance.now() - started) / 1000;
      console.log(`${name.padEnd(26)} ${seconds.toFixed(2).padStart(6)} s  ${client.requestCount} requests`);
    }
  } finally {
    await org.stop();
  }
}

await main();
