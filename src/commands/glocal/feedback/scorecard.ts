import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import type { FeedbackScorecard } from '../../../reports/feedbackScorecard.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.feedback.scorecard');

/** `--json` result (work in progress, engineer REPORTS). */
export type FeedbackScorecardResult = FeedbackScorecard;

export default class FeedbackScorecardCommand extends SfCommand<FeedbackScorecardResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
  };

  public async run(): Promise<FeedbackScorecardResult> {
    await this.parse(FeedbackScorecardCommand);
    return Promise.resolve({ rows: [] });
  }
}
