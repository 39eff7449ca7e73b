// Writes a set of files so that either all of them change or none does: every new content goes to
// a temporary file beside its target first; only when all are written are they renamed into place,
// with the originals kept as backups until the last rename succeeded. Any failure restores the
// originals and removes temporary files and directories this call created.
import { existsSync } from 'node:fs';
import { link, mkdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { l10nError } from './l10nErrors.js';

export interface FileWrite {
  path: string;
  content: string;
}

/** Refuses any path that would land outside `root` (e.g. a "../" language code in an import file). */
export function assertInside(root: string, path: string): void {
  const rel = relative(resolve(root), resolve(path));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw l10nError('PathEscapesProject', [path, root]);
}

async function createDirs(dir: string, created: string[]): Promise<void> {
  if (existsSync(dir)) return;
  await createDirs(dirname(dir), created);
  await mkdir(dir);
  created.push(dir);
}

export interface AtomicWriteHooks {
  /** Test hook: called before each rename, to simulate a failure halfway. */
  beforeRename?: (path: string) => void;
}

export async function writeFilesAtomically(
  root: string,
  writes: FileWrite[],
  hooks: AtomicWriteHooks = {}
): Promise<void> {
  for (const write of writes) assertInside(root, write.path);
  const suffix = `.glocal-${process.pid}-${Date.now()}`;
  const createdDirs: string[] = [];
  const temps: string[] = [];
  const backups: Array<[string, string]> = [];
  const renamed: string[] = [];
  try {
    for (const write of writes) {
      await createDirs(dirname(write.path), createdDirs);
      const temp = `${write.path}${suffix}.tmp`;
      temps.push(temp);
      await writeFile(temp, write.content, 'utf8');
    }
    for (const write of writes) {
      if (existsSync(write.path)) {
        const backup = `${write.path}${suffix}.bak`;
        await link(write.path, backup);
        backups.push([write.path, backup]);
      }
    }
    for (const write of writes) {
      hooks.beforeRename?.(write.path);
      await rename(`${write.path}${suffix}.tmp`, write.path);
      renamed.push(write.path);
    }
  } catch (error) {
    const backupOf = new Map(backups);
    for (const path of renamed) {
      const backup = backupOf.get(path);
      if (backup) await rename(backup, path).catch(() => undefined);
      else await unlink(path).catch(() => undefined);
    }
    for (const temp of temps) await rm(temp, { force: true });
    for (const [, backup] of backups) await rm(backup, { force: true });
    for (const dir of createdDirs.reverse()) await rm(dir, { recursive: true, force: true });
    throw l10nError('WriteFailed', [
      writes.map((write) => relative(root, write.path)).join(', '),
      (error as Error).message,
    ]);
  }
  for (const [, backup] of backups) await rm(backup, { force: true });
}
