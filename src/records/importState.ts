/*
 * What a Bulk import leaves next to its input while the org still works on it: the jobs and the
 * counts so far. `--resume` reads it to finish the import without sending any row again.
 */
import { readFile, rm, writeFile, rename } from 'node:fs/promises';
import type { BulkJob } from './bulkLoader.js';

export type ImportCounts = { read: number; invalid: number; sent: number; succeeded: number; failed: number };

export type ImportState = {
  version: 1;
  object: string;
  file: string;
  errorsFile: string;
  /** `uploading` until every chunk's job is closed; then `processing`. */
  phase: 'uploading' | 'processing';
  jobs: BulkJob[];
  counts: ImportCounts;
  /** Options that change how rows are read, so a resume reads them the same way. */
  readOptions: { encoding?: string; delimiter?: string; locale?: string; dateFormat?: string; mappingFile?: string };
  updatedAt: string;
};

export const stateFileFor = (input: string): string => `${input}.import-state.json`;

export async function readImportState(input: string): Promise<ImportState | undefined> {
  try {
    return JSON.parse(await readFile(stateFileFor(input), 'utf8')) as ImportState;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Written atomically: a kill in the middle leaves the previous state, never half a file. */
export async function writeImportState(input: string, state: Omit<ImportState, 'updatedAt'>): Promise<void> {
  const file = stateFileFor(input);
  await writeFile(`${file}.tmp`, JSON.stringify({ ...state, updatedAt: new Date().toISOString() }, null, 2));
  await rename(`${file}.tmp`, file);
}

export async function removeImportState(input: string): Promise<void> {
  await rm(stateFileFor(input), { force: true });
}
