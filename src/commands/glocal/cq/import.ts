import { Messages } from '@salesforce/core';
import { SfCommand } from '@salesforce/sf-plugins-core';
import type { ImportResult } from '../../../records/importRecords.js';
import { importFlags, runImportCommand } from '../../../ux/recordCommands.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.cq.import');

/** `--json` result: counts (read, invalid, sent, succeeded, failed), errorsFile, jobIds, status. */
export type CqImportResult = ImportResult;

export default class CqImport extends SfCommand<CqImportResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...importFlags,
  };

  public async run(): Promise<CqImportResult> {
    const { flags } = await this.parse(CqImport);
    return runImportCommand(this, flags, 'CQ_Assessment__c', messages.getMessage('title'));
  }
}
