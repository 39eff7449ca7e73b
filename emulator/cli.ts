// `npm run org`: starts the local org in the foreground and prints how to log the sf CLI in.
//   npm run org -- --port 8443 --data-dir .localorg [--verbose]
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { startOrg, tuneHeapForLargeData } from './index.js';

const USAGE = `Usage: npm run org -- [--port N] [--data-dir DIR] [--api-version 62.0] [--daily-api-limit N] [--verbose]`;

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'api-version': { type: 'string' },
        'daily-api-limit': { type: 'string' },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number (0-65535), got ${values.port}`);
    process.exit(2);
  }
  const limit = values['daily-api-limit'] === undefined ? undefined : Number(values['daily-api-limit']);
  if (limit !== undefined && (!Number.isInteger(limit) || limit <= 0)) {
    console.error(`--daily-api-limit must be a positive whole number, got ${values['daily-api-limit']}`);
    process.exit(2);
  }
  tuneHeapForLargeData();
  const dataDir = values['data-dir'] ? resolve(values['data-dir']) : undefined;
  const org = await startOrg({
    port,
    dataDir,
    apiVersion: values['api-version'],
    dailyApiLimit: limit,
    verbose: values.verbose,
  });
  console.log(`Local org running at ${org.instanceUrl} (org ${org.orgId}, user ${org.username})`);
  console.log(dataDir ? `Data dir: ${dataDir}` : 'No --data-dir: records and schema are lost when it stops.');
  console.log('Log the sf CLI in with:');
  console.log(
    `  SF_ACCESS_TOKEN='${org.accessToken}' sf org login access-token --instance-url ${org.instanceUrl} --alias local --no-prompt`
  );
  console.log('Stop with Ctrl-C.');

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the local org${dataDir ? ' and saving its data' : ''}…`);
    org.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Stopping failed: ${String(error)}`);
        process.exit(1);
      }
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`The local org could not start: ${(error as Error).message}`);
  process.exit(1);
});
