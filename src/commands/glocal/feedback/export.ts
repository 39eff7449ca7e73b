import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import type { ExportResult } from '../../../records/exportRecords.js';
import { exportFlags, runExportCommand } from '../../../ux/recordCommands.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.feedback.export');

/** `--json` result: the object, the file written, the number of records and the columns. */
export type FeedbackExportResult = ExportResult;

export default class FeedbackExport extends SfCommand<FeedbackExportResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...exportFlags,
    type: Flags.option({
      summary: messages.getMessage('flags.type.summary'),
      options: ['review', 'feedback'] as const,
      default: 'feedback',
    })(),
  };

  public async run(): Promise<FeedbackExportResult> {
    const { flags } = await this.parse(FeedbackExport);
    return runExportCommand(this, flags, flags.type === 'review' ? 'Partner_Review__c' : 'Partner_Feedback__c');
  }
}
