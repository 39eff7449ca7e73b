import { Messages } from '@salesforce/core';
import { SfCommand } from '@salesforce/sf-plugins-core';
import type { ImportResult } from '../../../records/importRecords.js';
import { importFlags, runImportCommand } from '../../../ux/recordCommands.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.course.import');

/** `--json` result: counts (read, invalid, sent, succeeded, failed), errorsFile, jobIds, status. */
export type CourseImportResult = ImportResult;

export default class CourseImport extends SfCommand<CourseImportResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...importFlags,
  };

  public async run(): Promise<CourseImportResult> {
    const { flags } = await this.parse(CourseImport);
    return runImportCommand(this, flags, 'Training_Course__c', messages.getMessage('title'));
  }
}
