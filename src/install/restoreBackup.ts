/*
 * `sf glocal install --restore <backup dir>`: after the deploy, imports the CSV files that
 * `sf glocal uninstall` wrote, parents first, with the records engine's importFile (upsert on
 * external IDs, so running it twice does not duplicate anything).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Messages, type Connection } from '@salesforce/core';
import { importFile, LOAD_ORDER } from '../records/api.js';
import type { SampleDataSummary } from './install.js';
import type { BackupFile } from './uninstall.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.install');

/** The files of a backup folder in restore order: from backup.json, else `<Object>.csv` by load order. */
export async function backupFiles(dir: string): Promise<BackupFile[]> {
  const manifest = join(dir, 'backup.json');
  if (existsSync(manifest)) {
    const parsed = JSON.parse(await readFile(manifest, 'utf8')) as { files?: BackupFile[] };
    const files = parsed.files ?? [];
    // Backups move between machines: resolve each file inside this folder, by its own name.
    return files.map((file) => ({ ...file, file: join(dir, `${file.object}.csv`) }));
  }
  const files = LOAD_ORDER.filter((object) => existsSync(join(dir, `${object}.csv`))).map((object) => ({
    object,
    file: join(dir, `${object}.csv`),
    records: -1,
  }));
  if (files.length === 0) throw messages.createError('error.emptyBackup', [dir]);
  return files;
}

export async function restoreBackup(
  connection: Connection,
  dir: string,
  log: (message: string) => void = () => {}
): Promise<SampleDataSummary> {
  const objects: SampleDataSummary['objects'] = [];
  for (const file of await backupFiles(dir)) {
    if (file.records === 0) continue;
    const result = await importFile(connection, file.object, file.file);
    if (result.invalid > 0 || result.failed > 0 || result.status !== 'complete') {
      throw messages.createError('error.restoreFailed', [
        file.file,
        result.invalid + result.failed,
        result.errorsFile ?? '',
        result.errors
          .slice(0, 5)
          .map((error) => `  ${messages.getMessage('rowProblem', [error.row, error.reason])}`)
          .join('\n'),
      ]);
    }
    log(messages.getMessage('objectLoaded', [file.object, result.succeeded]));
    objects.push({ object: file.object, records: result.succeeded });
  }
  return { objects, records: objects.reduce((sum, entry) => sum + entry.records, 0) };
}
