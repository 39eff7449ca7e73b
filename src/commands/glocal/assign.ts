import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { assignPermissionSet, permissionSetName, type AssignOutcome } from '../../install/assign.js';
import { ConnectionInstallOrg } from '../../install/installOrg.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.assign');

/** `--json` result of `sf glocal assign`. */
export type AssignResult = AssignOutcome;

export default class Assign extends SfCommand<AssignResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    'permission-set': Flags.string({
      char: 'p',
      required: true,
      summary: messages.getMessage('flags.permission-set.summary'),
    }),
    users: Flags.string({
      char: 'u',
      required: true,
      multiple: true,
      delimiter: ',',
      summary: messages.getMessage('flags.users.summary'),
    }),
  };

  public async run(): Promise<AssignResult> {
    const { flags } = await this.parse(Assign);
    const permissionSet = permissionSetName(flags['permission-set']);
    const connection = flags['target-org'].getConnection(flags['api-version']);
    const result = await assignPermissionSet(new ConnectionInstallOrg(connection), permissionSet, flags.users);
    if (result.assigned.length > 0) {
      this.logSuccess(messages.getMessage('info.assigned', [permissionSet, result.assigned.join(', ')]));
    } else if (result.errors.length === 0) {
      this.log(messages.getMessage('info.nothing', [permissionSet]));
    }
    if (result.alreadyAssigned.length > 0) {
      this.log(messages.getMessage('info.alreadyAssigned', [permissionSet, result.alreadyAssigned.join(', ')]));
    }
    if (result.errors.length > 0) {
      const error = messages.createError('error.assignFailed', [result.errors.join('\n')]);
      error.setData(result);
      throw error;
    }
    return result;
  }
}
