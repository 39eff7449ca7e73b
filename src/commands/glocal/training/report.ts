import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import type { TrainingReport } from '../../../reports/trainingReport.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.training.report');

/** `--json` result (work in progress, engineer REPORTS). */
export type TrainingReportResult = TrainingReport;

export default class TrainingReportCommand extends SfCommand<TrainingReportResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
  };

  public async run(): Promise<TrainingReportResult> {
    await this.parse(TrainingReportCommand);
    return Promise.resolve({ rows: [] });
  }
}
