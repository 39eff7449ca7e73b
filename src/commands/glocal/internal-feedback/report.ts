import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import type { InternalFeedbackReport } from '../../../reports/internalFeedbackReport.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.internal-feedback.report');

/** `--json` result (work in progress, engineer REPORTS). */
export type InternalFeedbackReportResult = InternalFeedbackReport;

export default class InternalFeedbackReportCommand extends SfCommand<InternalFeedbackReportResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
  };

  public async run(): Promise<InternalFeedbackReportResult> {
    await this.parse(InternalFeedbackReportCommand);
    return Promise.resolve({ rows: [] });
  }
}
