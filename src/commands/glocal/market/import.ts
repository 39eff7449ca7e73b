import { Messages } from '@salesforce/core';
import { SfCommand } from '@salesforce/sf-plugins-core';
import type { ImportResult } from '../../../records/importRecords.js';
import { importFlags, runImportCommand } from '../../../ux/recordCommands.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.market.import');

/** `--json` result: counts (read, invalid, sent, succeeded, failed), errorsFile, jobIds, status. */
export type MarketImportResult = ImportResult;

export default class MarketImport extends SfCommand<MarketImportResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...importFlags,
  };

  public async run(): Promise<MarketImportResult> {
    const { flags } = await this.parse(MarketImport);
    return runImportCommand(this, flags, 'Market__c', messages.getMessage('title'));
  }
}
