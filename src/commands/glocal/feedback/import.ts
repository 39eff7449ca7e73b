import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import type { ImportResult } from '../../../records/importRecords.js';
import { importFlags, runImportCommand } from '../../../ux/recordCommands.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.feedback.import');

/** `--json` result: counts (read, invalid, sent, succeeded, failed), errorsFile, jobIds, status. */
export type FeedbackImportResult = ImportResult;

export default class FeedbackImport extends SfCommand<FeedbackImportResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...importFlags,
    type: Flags.option({
      summary: messages.getMessage('flags.type.summary'),
      options: ['review', 'feedback'] as const,
      default: 'feedback',
    })(),
  };

  public async run(): Promise<FeedbackImportResult> {
    const { flags } = await this.parse(FeedbackImport);
    return runImportCommand(
      this,
      flags,
      flags.type === 'review' ? 'Partner_Review__c' : 'Partner_Feedback__c',
      messages.getMessage(flags.type === 'review' ? 'title.review' : 'title')
    );
  }
}
