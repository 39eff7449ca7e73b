import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { checksumComponents } from '../../src/install/checksum.js';
import { resolvePackComponents } from '../../src/install/packComponents.js';

const fixturePack = join(process.cwd(), 'test/fixtures/install/pack');

describe('checksum of the deployed source', () => {
  let copy: string;
  beforeAll(async () => {
    copy = await mkdtemp(join(tmpdir(), 'glocal-checksum-'));
    await cp(fixturePack, copy, { recursive: true });
  });
  afterAll(async () => rm(copy, { recursive: true, force: true }));

  const checksumOf = async (dir: string, languages?: string[]): Promise<string> =>
    checksumComponents(dir, (await resolvePackComponents(dir, languages)).components);

  it('is a 64-character SHA-256 that does not depend on where the pack lives', async () => {
    const a = await checksumOf(fixturePack);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await checksumOf(copy)).toBe(a);
  });

  it('differs when the languages differ', async () => {
    expect(await checksumOf(fixturePack, ['da'])).not.toBe(await checksumOf(fixturePack));
  });

  it('changes when a field changes, and ignores CRLF line endings', async () => {
    const field = join(copy, 'main/default/objects/Widget__c/fields/Size__c.field-meta.xml');
    const original = await readFile(field, 'utf8');
    const before = await checksumOf(copy);
    await writeFile(field, original.replace(/\n/g, '\r\n'));
    expect(await checksumOf(copy)).toBe(before);
    await writeFile(field, original.replace('<precision>3</precision>', '<precision>4</precision>'));
    expect(await checksumOf(copy)).not.toBe(before);
    await writeFile(field, original);
  });
});
