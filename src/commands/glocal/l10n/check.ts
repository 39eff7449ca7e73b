import { Messages, SfError } from '@salesforce/core';
import { SfCommand } from '@salesforce/sf-plugins-core';
import type { AnyJson } from '@salesforce/ts-types';
import type { CheckReport } from '../../../l10n/checks.js';
import { runCheck } from '../../../l10n/l10nTasks.js';
import { translationSource, translationSourceFlags } from '../../../ux/translationSourceFlags.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.l10n.check');

/** `--json` result: every finding with check, severity, language, key and file. */
export type CheckResult = CheckReport;

export default class Check extends SfCommand<CheckResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...translationSourceFlags(messages.getMessage('flags.target-org.summary')),
  };

  public async run(): Promise<CheckResult> {
    const { flags } = await this.parse(Check);
    const report = await runCheck(
      translationSource(flags, (message) => this.spinner.start(message)),
      { languages: flags.languages }
    );
    this.spinner.stop();
    if (report.findings.length > 0) {
      this.table({
        data: report.findings.map((finding) => ({
          [messages.getMessage('column.severity')]: finding.severity,
          [messages.getMessage('column.check')]: finding.check,
          [messages.getMessage('column.language')]: finding.language,
          [messages.getMessage('column.key')]: finding.key ?? '',
          [messages.getMessage('column.message')]: finding.message,
          [messages.getMessage('column.file')]: finding.file,
        })),
      });
    }
    this.log(messages.getMessage('summaryLine', [report.languages.length, report.errors, report.warnings]));
    if (report.errors > 0) {
      const error = new SfError(
        messages.getMessage('error.findings', [report.errors]),
        'GlocalTranslationErrors',
        messages.getMessages('error.findings.actions'),
        1
      );
      error.setData(report as unknown as AnyJson);
      throw error;
    }
    return report;
  }
}
