import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from '@jest/globals';
import type { Connection } from '@salesforce/core';
import { runCheck, runCoverage } from '../../src/l10n/l10nTasks.js';
import { listTranslatableMembers, type MetadataMember } from '../../src/l10n/orgRetrieve.js';
import { FIXTURES } from './fixtureProject.js';

/** Stands in for SDR's retrieve: "retrieves" the fixture project's source into the temp dir. */
function fakeRetrieve(seen: { members?: MetadataMember[]; outputDir?: string }) {
  return async (members: MetadataMember[], outputDir: string): Promise<void> => {
    seen.members = members;
    seen.outputDir = outputDir;
    cpSync(join(FIXTURES, 'project', 'force-app'), outputDir, { recursive: true });
  };
}

const connection = {
  metadata: {
    list: async ([query]: Array<{ type: string }>) =>
      ({
        CustomLabel: [{ fullName: 'Overdue_Count' }, { fullName: 'Welcome_Html' }],
        CustomObject: [{ fullName: 'Market__c' }],
        Translations: { fullName: 'da' },
        CustomObjectTranslation: [{ fullName: 'Market__c-da' }],
      })[query.type] ?? [],
  },
} as unknown as Connection;

describe('org mode', () => {
  it('lists translatable members with listMetadata, one CustomLabels component for all labels', async () => {
    expect(await listTranslatableMembers(connection)).toEqual([
      { type: 'CustomLabels', fullName: 'CustomLabels' },
      { type: 'CustomObject', fullName: 'Market__c' },
      { type: 'Translations', fullName: 'da' },
      { type: 'CustomObjectTranslation', fullName: 'Market__c-da' },
    ]);
  });

  it('retrieves into a temporary project, reports from it like from local files, then removes it', async () => {
    const seen: { members?: MetadataMember[]; outputDir?: string } = {};
    const report = await runCoverage(
      { org: { connection, retriever: fakeRetrieve(seen) }, projectDir: join(FIXTURES, 'project') },
      { languages: ['da', 'de'] }
    );
    expect(seen.members?.length).toBe(4);
    expect(report.languages.map((language) => [language.language, language.percent])).toEqual([
      ['da', 100],
      ['de', 6.66],
    ]);
    expect(seen.outputDir && existsSync(seen.outputDir)).toBe(false);
  });

  it('reads config/ from the local project when checking an org', async () => {
    const report = await runCheck(
      { org: { connection, retriever: fakeRetrieve({}) }, projectDir: join(FIXTURES, 'project') },
      {}
    );
    // CustomApp.Glocal equals its source in da; the local config marks it intentional.
    expect(report.findings).toEqual([]);
  });

  it('removes the temporary directory when the retrieve fails', async () => {
    let outputDir = '';
    await expect(
      runCoverage(
        {
          org: {
            connection,
            retriever: async (_members, dir) => {
              outputDir = dir;
              throw new Error('INVALID_SESSION_ID');
            },
          },
        },
        {}
      )
    ).rejects.toThrow('INVALID_SESSION_ID');
    expect(existsSync(outputDir)).toBe(false);
  });
});
