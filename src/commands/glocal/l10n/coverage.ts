import { resolve } from 'node:path';
import { Messages, SfError } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import type { AnyJson } from '@salesforce/ts-types';
import { languagesBelow, type CoverageReport } from '../../../l10n/coverage.js';
import { runCoverage } from '../../../l10n/l10nTasks.js';
import { translationSource, translationSourceFlags } from '../../../ux/translationSourceFlags.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.l10n.coverage');

/** `--json` result: per language and item type, translated / total and the missing keys. */
export type CoverageResult = CoverageReport & {
  minCoverage?: number;
  /** Languages below --min-coverage. */
  belowMinimum: string[];
};

export default class Coverage extends SfCommand<CoverageResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...translationSourceFlags(messages.getMessage('flags.target-org.summary')),
    'show-missing': Flags.boolean({ summary: messages.getMessage('flags.show-missing.summary'), default: false }),
    'min-coverage': Flags.integer({ summary: messages.getMessage('flags.min-coverage.summary'), min: 0, max: 100 }),
    junit: Flags.file({ summary: messages.getMessage('flags.junit.summary') }),
  };

  public async run(): Promise<CoverageResult> {
    const { flags } = await this.parse(Coverage);
    const report = await runCoverage(
      translationSource(flags, (message) => this.spinner.start(message)),
      {
        languages: flags.languages,
        junitFile: flags.junit ? resolve(flags.junit) : undefined,
        minCoverage: flags['min-coverage'],
      }
    );
    this.spinner.stop();
    const below = flags['min-coverage'] === undefined ? [] : languagesBelow(report, flags['min-coverage']);
    this.table({
      data: report.languages.map((language) => ({
        [messages.getMessage('column.language')]: language.language,
        [messages.getMessage('column.translated')]: `${language.translated}/${language.total}`,
        [messages.getMessage('column.percent')]: `${language.percent}%`,
        [messages.getMessage('column.byType')]: language.byType
          .filter((type) => type.translated < type.total)
          .map((type) => `${type.type} ${type.translated}/${type.total}`)
          .join(', '),
      })),
    });
    const workbenchOnly = report.languages[0]?.workbenchOnly ?? 0;
    if (workbenchOnly > 0) this.log(messages.getMessage('workbenchOnly', [workbenchOnly]));
    if (flags['show-missing']) {
      for (const language of report.languages.filter((entry) => entry.missing.length > 0)) {
        this.log(messages.getMessage('missing.header', [language.language, language.missing.length]));
        for (const key of language.missing) this.log(`  ${key}`);
      }
    }
    const result: CoverageResult = {
      ...report,
      minCoverage: flags['min-coverage'],
      belowMinimum: below.map((language) => language.language),
    };
    if (below.length > 0) {
      const error = new SfError(
        messages.getMessage('error.belowMinimum', [
          below.map((language) => `${language.language} ${language.percent}%`).join(', '),
          flags['min-coverage'],
        ]),
        'GlocalCoverageBelowMinimum',
        messages.getMessages('error.belowMinimum.actions'),
        1
      );
      error.setData(result as unknown as AnyJson);
      throw error;
    }
    return result;
  }
}
