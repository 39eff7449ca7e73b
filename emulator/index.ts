/**
 * The local Salesforce-compatible org.
 *
 *   const org = await startOrg();               // ephemeral port on 127.0.0.1
 *   org.instanceUrl, org.accessToken            // log the sf CLI / jsforce in with these
 *   org.schema / org.store / org.metadata       // schema, records, deployed metadata
 *   org.setFaults({ seed: 7, serverErrorRate: 0.2 }); org.requestLog; await org.stop();
 *   const writes = org.countWrites(); writes.times('Market__c', 'DK')   // accepted upsert rows
 *
 * Routes: identity, REST sObjects, query, composite (emulator/rest/), plus the Metadata API
 * (emulator/metadata/routes.ts → registerMetadataRoutes) and Bulk API 2.0
 * (emulator/bulk/routes.ts → registerBulkRoutes), both mounted here.
 */
import type { Server } from 'node:http';
import v8 from 'node:v8';
import { FaultController, type FaultPlan } from './http/faults.js';
import { Router } from './http/router.js';
import { serverPort, startServer } from './http/server.js';
import { registerBulkRoutes } from './bulk/routes.js';
import { registerMetadataRoutes } from './metadata/routes.js';
import { loadOrg, saveOrg } from './org/persistence.js';
import { MetadataStore, OrgSchema } from './org/schema.js';
import { seedStandardOrg } from './org/standardObjects.js';
import { RecordStore } from './org/store.js';
import { WriteCounts } from './org/writeCounts.js';
import { registerIdentityRoutes } from './rest/identity.js';
import { registerQueryRoutes } from './rest/query.js';
import { registerSObjectRoutes } from './rest/sobjects.js';
import { customPermissionsFromMetadata } from './org/permissions.js';
import type { LocalOrg, OrgContext, RequestLogEntry, StartOrgOptions } from './types.js';

export type { LocalOrg, OrgContext, RequestLogEntry, StartOrgOptions } from './types.js';
export type { FaultPlan } from './http/faults.js';
export type { WriteCounts } from './org/writeCounts.js';

/**
 * A larger young generation makes bulk loads of millions of rows ~25% cheaper (fewer scavenges
 * of short-lived row objects). Called by the org's own entry points (npm run org, bench:org);
 * processes that embed the org (tests) keep Node's defaults.
 */
export function tuneHeapForLargeData(): void {
  v8.setFlagsFromString('--max-semi-space-size=64');
}

const ORG_ID = '00D000000000001AAA';
const ADMIN_USER_ID = '005000000000001AAA';
const ADMIN_USERNAME = 'admin@glocal.local';
/** matches what the sf CLI accepts as an access token: 00D + 15 chars + '!' + … */
const ACCESS_TOKEN = '00D000000000001!LOCAL.glocal.session';
const SAVE_INTERVAL_MS = 1000;

export async function startOrg(options: StartOrgOptions = {}): Promise<LocalOrg> {
  const apiVersion = options.apiVersion ?? '62.0';
  const schema = new OrgSchema();
  const metadata = new MetadataStore();
  const identity = { orgId: ORG_ID, userId: ADMIN_USER_ID, username: ADMIN_USERNAME };
  const store = new RecordStore(schema, () => identity.userId);
  store.customPermissionsOf = (name) => customPermissionsFromMetadata(metadata, name);
  const limits = { used: 0, max: options.dailyApiLimit ?? 100_000 };
  const faults = new FaultController({ seed: options.seed, ...(options.faults ?? {}) });
  const loaded = options.dataDir
    ? await loadOrg(options.dataDir, { schema, store, metadata, identity, limits })
    : false;
  if (!loaded) seedStandardOrg(schema, store, identity);

  const requestLog: RequestLogEntry[] = [];
  const router = new Router<OrgContext>();
  const ctx = {
    instanceUrl: '',
    accessToken: ACCESS_TOKEN,
    orgId: identity.orgId,
    userId: identity.userId,
    username: identity.username,
    apiVersion,
    schema,
    store,
    metadata,
    faults,
    limits,
    sessions: new Set([ACCESS_TOKEN]),
  };

  // The data dir is written when something changed: checked every second (or, for big orgs,
  // at twice the duration of the last save), so Bulk jobs finishing between requests are saved too.
  let saving: Promise<void> = Promise.resolve();
  let lastSaveMs = 0;
  const versions = (): string => `${store.version}/${schema.version}/${metadata.version}`;
  let savedVersions = versions();
  const save = async (): Promise<void> => {
    if (!options.dataDir) return;
    const dir = options.dataDir;
    savedVersions = versions();
    saving = saving.then(async () => {
      const started = Date.now();
      await saveOrg(dir, { schema, store, metadata, identity, limits });
      lastSaveMs = Date.now() - started;
    });
    await saving;
  };
  let saveTimer: NodeJS.Timeout | undefined;
  let stopped = false;
  const scheduleSave = (): void => {
    if (!options.dataDir || stopped) return;
    saveTimer = setTimeout(
      () => {
        const changed = versions() !== savedVersions;
        const next = changed
          ? save().catch((error: unknown) =>
              console.error(`local org: saving ${options.dataDir} failed: ${String(error)}`)
            )
          : Promise.resolve();
        void next.then(scheduleSave);
      },
      Math.max(SAVE_INTERVAL_MS, 2 * lastSaveMs)
    );
    saveTimer.unref();
  };
  scheduleSave();

  registerIdentityRoutes(router);
  registerQueryRoutes(router, ctx);
  registerSObjectRoutes(router, ctx);
  registerMetadataRoutes(router, ctx);
  registerBulkRoutes(router, ctx);

  const server: Server = await startServer(ctx, router, options.port ?? 0, requestLog, { verbose: options.verbose });
  ctx.instanceUrl = `http://127.0.0.1:${serverPort(server)}`;

  const org: LocalOrg = Object.assign(ctx, {
    requestLog,
    setFaults: (plan: FaultPlan) => faults.set({ seed: options.seed, ...plan }),
    resetRequestLog: () => {
      requestLog.length = 0;
    },
    countWrites: () => (store.writeCounts = new WriteCounts()),
    save,
    stop: async () => {
      stopped = true;
      if (saveTimer) clearTimeout(saveTimer);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (options.dataDir) await org.save();
    },
  });
  return org;
}
