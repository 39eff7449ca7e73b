// The data dir: one NDJSON file (org.ndjson) holding the schema, deployed metadata and every
// row. Written atomically — to a temp file, fsync'ed, then renamed over the old one — so a crash
// leaves either the previous or the new state, never a torn file.
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { MetadataEntry, MetadataStore, OrgSchema, SchemaSnapshot } from './schema.js';
import type { RecordStore, StoredRecord } from './store.js';

export const DATA_FILE = 'org.ndjson';
const FORMAT = 'glocal-local-org/1';
const ROWS_PER_LINE = 1000;

interface Header {
  format: string;
  identity: { orgId: string; userId: string; username: string };
  schema: SchemaSnapshot;
  metadata: Array<Omit<MetadataEntry, 'files'> & { files: Array<{ path: string; content: string }> }>;
  idCounter: number;
  apiUsed: number;
}

type TableLine = {
  table: string;
  autoNumbers?: Record<string, number>;
  rows?: StoredRecord[];
  deleted?: StoredRecord[];
};

export interface PersistedParts {
  schema: OrgSchema;
  store: RecordStore;
  metadata: MetadataStore;
  identity: { orgId: string; userId: string; username: string };
  limits: { used: number };
}

export async function saveOrg(dir: string, parts: PersistedParts): Promise<void> {
  await mkdir(dir, { recursive: true });
  const target = join(dir, DATA_FILE);
  const temp = join(dir, `${DATA_FILE}.${process.pid}.${Date.now()}.tmp`);
  const handle = await open(temp, 'w');
  try {
    const header: Header = {
      format: FORMAT,
      identity: parts.identity,
      schema: parts.schema.snapshot(),
      metadata: parts.metadata.snapshot().map((e) => ({
        ...e,
        files: e.files.map((f) => ({ path: f.path, content: f.content.toString('base64') })),
      })),
      idCounter: parts.store.idCounterValue,
      apiUsed: parts.limits.used,
    };
    let buffer = JSON.stringify(header) + '\n';
    const flush = async (force = false): Promise<void> => {
      if (buffer.length > 4_000_000 || (force && buffer.length)) {
        await handle.write(buffer);
        buffer = '';
      }
    };
    for (const table of parts.store.allTables()) {
      buffer +=
        JSON.stringify({ table: table.name, autoNumbers: Object.fromEntries(table.autoNumbers) } satisfies TableLine) +
        '\n';
      let chunk: StoredRecord[] = [];
      for (const r of table.rows.values()) {
        chunk.push(r);
        if (chunk.length === ROWS_PER_LINE) {
          buffer += JSON.stringify({ table: table.name, rows: chunk } satisfies TableLine) + '\n';
          chunk = [];
          await flush();
        }
      }
      if (chunk.length) buffer += JSON.stringify({ table: table.name, rows: chunk } satisfies TableLine) + '\n';
      if (table.deleted.size)
        buffer +=
          JSON.stringify({ table: table.name, deleted: [...table.deleted.values()] } satisfies TableLine) + '\n';
      await flush();
    }
    buffer += JSON.stringify({ end: true }) + '\n';
    await flush(true);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temp, target);
  // make the rename itself durable
  const dirHandle = await open(dir, 'r');
  try {
    await dirHandle.sync();
  } catch {
    // some file systems refuse fsync on directories; the rename is still atomic
  } finally {
    await dirHandle.close();
  }
}

/** Loads a saved org into empty parts; returns false when the dir holds no saved org. */
export async function loadOrg(dir: string, parts: PersistedParts): Promise<boolean> {
  const file = join(dir, DATA_FILE);
  if (!existsSync(file)) return false;
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let header: Header | undefined;
  let ended = false;
  for await (const line of lines) {
    if (!line) continue;
    const parsed = JSON.parse(line) as Header | TableLine | { end: true };
    if (!header) {
      header = parsed as Header;
      if (header.format !== FORMAT)
        throw new Error(`${file}: not a local org data file (format ${String(header.format)})`);
      parts.schema.restore(header.schema);
      parts.metadata.restore(
        header.metadata.map((e) => ({
          ...e,
          files: e.files.map((f) => ({ path: f.path, content: Buffer.from(f.content, 'base64') })),
        }))
      );
      parts.store.idCounterValue = header.idCounter;
      parts.limits.used = header.apiUsed;
      Object.assign(parts.identity, header.identity);
      continue;
    }
    if ('end' in parsed) {
      ended = true;
      continue;
    }
    const t = parsed as TableLine;
    if (!parts.store.hasTable(t.table)) continue;
    const table = parts.store.table(t.table);
    if (t.autoNumbers) for (const [k, v] of Object.entries(t.autoNumbers)) table.autoNumbers.set(k, v);
    for (const r of t.rows ?? []) parts.store.addRow(table, r);
    for (const r of t.deleted ?? []) table.deleted.set(r.Id as string, r);
  }
  if (!header || !ended) throw new Error(`${file} is incomplete; the local org cannot start from it`);
  return true;
}
