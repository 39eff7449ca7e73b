import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import type { ImportResult } from '../../../records/importRecords.js';
import { importFlags, runImportCommand } from '../../../ux/recordCommands.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.internal-feedback.import');

/** `--json` result: counts (read, invalid, sent, succeeded, failed), errorsFile, jobIds, status. */
export type InternalFeedbackImportResult = ImportResult;

export default class InternalFeedbackImport extends SfCommand<InternalFeedbackImportResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...importFlags,
    type: Flags.option({
      summary: messages.getMessage('flags.type.summary'),
      options: ['unit', 'feedback'] as const,
      default: 'feedback',
    })(),
  };

  public async run(): Promise<InternalFeedbackImportResult> {
    const { flags } = await this.parse(InternalFeedbackImport);
    return runImportCommand(
      this,
      flags,
      flags.type === 'unit' ? 'Service_Unit__c' : 'Internal_Feedback__c',
      messages.getMessage(flags.type === 'unit' ? 'title.unit' : 'title')
    );
  }
}
