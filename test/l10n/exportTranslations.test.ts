import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect, afterEach } from '@jest/globals';
import { buildExportDocument } from '../../src/l10n/exportTranslations.js';
import { loadTranslationProject } from '../../src/l10n/translationProject.js';
import { copyFixtureProject } from './fixtureProject.js';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));
const never = (): boolean => false;

describe('export scope', () => {
  it('untranslated: only what has no translation; outdated: plus stale ones flagged; all: everything', async () => {
    const copy = copyFixtureProject();
    cleanups.push(copy.cleanup);
    // A translation that lost its placeholders is stale.
    const file = join(copy.dir, 'force-app/main/default/translations/da.translation-meta.xml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('{0} træninger er forsinket i {1}', 'Træninger er forsinket')
    );
    const project = await loadTranslationProject({ projectDir: copy.dir });

    const untranslated = await buildExportDocument(project, 'da', 'untranslated', never);
    expect(untranslated.units).toEqual([]);

    const outdated = await buildExportDocument(project, 'da', 'outdated', never);
    expect(outdated.units).toEqual(
      [
        {
          key: 'CustomLabel.Overdue_Count',
          source: '{0} trainings are overdue in {1}',
          target: 'Træninger er forsinket',
          outdated: true,
          maxLength: 1000,
        },
        // "Glocal" equals its source; not listed as intentional here, so it counts as stale too.
        { key: 'CustomApp.Glocal', source: 'Glocal', target: 'Glocal', outdated: true, maxLength: 80 },
      ].sort((a, b) => (a.key < b.key ? -1 : 1))
    );

    const all = await buildExportDocument(project, 'da', 'all', never);
    expect(all.units).toHaveLength(30);
    expect(all.units.filter((unit) => unit.target === undefined)).toEqual([]);
    // List views (Workbench only) and object tabs (optional) are not exported.
    expect(all.units.some((unit) => unit.key.startsWith('ListView.'))).toBe(false);
  });
});
