import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { ConnectionInstallOrg } from '../../install/installOrg.js';
import { glocalStatus, type GlocalStatus } from '../../install/status.js';
import { packRoot, readPackInfo } from '../../pack/bundledPack.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.status');

/** `--json` result of `sf glocal status`; exit code 0 when healthy, 1 otherwise. */
export type StatusResult = GlocalStatus & { targetOrg: string };

export default class Status extends SfCommand<StatusResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
  };

  public async run(): Promise<StatusResult> {
    const { flags } = await this.parse(Status);
    const pack = await readPackInfo();
    const org = flags['target-org'];
    const connection = org.getConnection(flags['api-version'] ?? pack.apiVersion);
    const status = await glocalStatus({
      org: new ConnectionInstallOrg(connection),
      packDir: packRoot(),
      pluginVersion: pack.version,
    });
    const result: StatusResult = { ...status, targetOrg: org.getUsername() ?? '' };
    if (!status.healthy) process.exitCode = 1;
    this.display(result);
    return result;
  }

  private display(result: StatusResult): void {
    this.styledHeader(messages.getMessage('header', [result.targetOrg]));
    if (!result.installedVersion) {
      this.log(messages.getMessage('label.notInstalled', [result.pluginVersion]));
    } else {
      this.log(messages.getMessage('label.installed', [result.installedVersion, result.pluginVersion]));
      this.log(messages.getMessage('label.languages', [result.languages.join(', ')]));
      this.log(
        messages.getMessage('label.components', [
          result.components.present,
          result.components.expected,
          result.components.missing.length,
          result.components.changed.length,
        ])
      );
      this.table({
        title: messages.getMessage('label.records'),
        data: result.records.map((entry) => ({
          [messages.getMessage('column.object')]: entry.object,
          [messages.getMessage('column.records')]: entry.count,
        })),
      });
      this.table({
        title: messages.getMessage('label.permissionSets'),
        data: result.permissionSets.map((entry) => ({
          [messages.getMessage('column.permissionSet')]: entry.name,
          [messages.getMessage('column.exists')]: entry.exists ? '✓' : '✗',
          [messages.getMessage('column.assigned')]: entry.assignments,
        })),
      });
    }
    if (result.healthy) {
      this.logSuccess(messages.getMessage('healthy'));
      return;
    }
    this.log(messages.getMessage('unhealthy'));
    for (const problem of result.problems) this.log(`  - ${problem}`);
    for (const action of result.actions) this.log(`  → ${action}`);
  }
}
