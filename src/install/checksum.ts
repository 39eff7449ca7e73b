/*
 * A fingerprint of exactly what an install deploys. Stored in Glocal_Install.Current so a second
 * install of the same source (same version, same languages) can be recognised without a deploy.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import type { SourceComponent } from '@salesforce/source-deploy-retrieve';
import { componentFiles } from './packComponents.js';

/**
 * SHA-256 (64 hex characters, the size of Checksum__c) over the sorted relative paths and
 * contents of every file. Line endings are normalised so a Windows checkout hashes the same.
 */
export async function checksumFiles(root: string, files: string[]): Promise<string> {
  const hash = createHash('sha256');
  const relativePaths = files.map((file) => ({ file, path: relative(root, file).split(sep).join('/') }));
  relativePaths.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const { file, path } of relativePaths) {
    const content = (await readFile(file, 'utf8')).replace(/\r\n/g, '\n');
    hash.update(path).update('\0').update(content).update('\0');
  }
  return hash.digest('hex');
}

/** The checksum of the components an install deploys. */
export async function checksumComponents(packDir: string, components: SourceComponent[]): Promise<string> {
  return checksumFiles(
    packDir,
    components.flatMap((component) => componentFiles(component))
  );
}
