import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import type { CqReport } from '../../../reports/cqReport.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.cq.report');

/** `--json` result (work in progress, engineer REPORTS). */
export type CqReportResult = CqReport;

export default class CqReportCommand extends SfCommand<CqReportResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
  };

  public async run(): Promise<CqReportResult> {
    await this.parse(CqReportCommand);
    return Promise.resolve({ rows: [] });
  }
}
