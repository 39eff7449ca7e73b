import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import type { ExportResult as ExportReport } from '../../../l10n/exportTranslations.js';
import { runExport } from '../../../l10n/l10nTasks.js';
import type { DocumentKind, FormatName } from '../../../l10n/formats/translationDocument.js';
import { translationSource, translationSourceFlags } from '../../../ux/translationSourceFlags.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.l10n.export');

/** `--json` result: the files written, with language and number of items each. */
export type ExportResult = ExportReport;

export default class Export extends SfCommand<ExportResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...translationSourceFlags(messages.getMessage('flags.target-org.summary')),
    format: Flags.option({
      char: 'f',
      summary: messages.getMessage('flags.format.summary'),
      options: ['xliff12', 'xliff20', 'stf', 'csv'] as const,
      default: 'xliff12',
    })(),
    include: Flags.option({
      summary: messages.getMessage('flags.include.summary'),
      options: ['untranslated', 'outdated', 'all'] as const,
      default: 'untranslated',
    })(),
    'stf-type': Flags.option({
      summary: messages.getMessage('flags.stf-type.summary'),
      options: ['source', 'untranslated', 'bilingual'] as const,
      default: 'bilingual',
    })(),
    'output-dir': Flags.directory({
      char: 'r',
      summary: messages.getMessage('flags.output-dir.summary'),
      default: 'translations-export',
    }),
  };

  public async run(): Promise<ExportResult> {
    const { flags } = await this.parse(Export);
    const result = await runExport(
      translationSource(flags, (message) => this.spinner.start(message)),
      {
        languages: flags.languages,
        format: flags.format as FormatName,
        include: flags.include,
        stfKind: flags['stf-type'] as DocumentKind,
        outputDir: flags['output-dir'],
      }
    );
    this.spinner.stop();
    for (const file of result.files) this.log(messages.getMessage('written', [file.path, file.language, file.units]));
    return result;
  }
}
