import { Messages } from '@salesforce/core';
import { Args } from '@oclif/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import type { ImportResult as ImportReport } from '../../../l10n/importTranslations.js';
import { runImport } from '../../../l10n/l10nTasks.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.l10n.import');

/** `--json` result: every translation set or deleted, the files written or created, skipped units. */
export type ImportResult = ImportReport;

export default class Import extends SfCommand<ImportResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly strict = false;

  public static readonly args = {
    file: Args.file({ description: messages.getMessage('args.file.description'), required: true, exists: true }),
  };

  public static readonly flags = {
    'source-dir': Flags.directory({
      char: 'd',
      summary: messages.getMessage('flags.source-dir.summary'),
      multiple: true,
      exists: true,
    }),
    'dry-run': Flags.boolean({ summary: messages.getMessage('flags.dry-run.summary'), default: false }),
  };

  public async run(): Promise<ImportResult> {
    const { flags, argv } = await this.parse(Import);
    const result = await runImport({ sourceDirs: flags['source-dir'] }, argv as string[], { dryRun: flags['dry-run'] });
    for (const change of result.changes) {
      this.log(
        change.action === 'delete'
          ? messages.getMessage('change.delete', [change.language, change.key, change.file])
          : messages.getMessage('change.set', [change.language, change.key, change.value ?? '', change.file])
      );
    }
    const unknown = result.skipped.filter((skip) => skip.reason !== 'untranslated');
    for (const skip of unknown) this.warn(messages.getMessage(`skipped.${skip.reason}`, [skip.language, skip.key]));
    this.log(
      messages.getMessage(result.dryRun ? 'summaryLine.dryRun' : 'summaryLine', [
        result.changes.length,
        result.filesWritten.length,
        result.filesCreated.length,
      ])
    );
    return result;
  }
}
