import { Messages } from '@salesforce/core';
import { SfCommand } from '@salesforce/sf-plugins-core';
import type { ExportResult } from '../../../records/exportRecords.js';
import { exportFlags, runExportCommand } from '../../../ux/recordCommands.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.market.export');

/** `--json` result: the object, the file written, the number of records and the columns. */
export type MarketExportResult = ExportResult;

export default class MarketExport extends SfCommand<MarketExportResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...exportFlags,
  };

  public async run(): Promise<MarketExportResult> {
    const { flags } = await this.parse(MarketExport);
    return runExportCommand(this, flags, 'Market__c');
  }
}
