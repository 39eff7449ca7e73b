import { resolve } from 'node:path';
import { Messages } from '@salesforce/core';
import { Duration } from '@salesforce/kit';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { ConnectionInstallOrg } from '../../install/installOrg.js';
import { uninstallGlocal, type UninstallOutcome } from '../../install/uninstall.js';
import { packRoot, readPackInfo } from '../../pack/bundledPack.js';
import { exportAll } from '../../records/api.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.uninstall');

/** `--json` result of `sf glocal uninstall`. */
export type UninstallResult = UninstallOutcome & { targetOrg: string };

export default class Uninstall extends SfCommand<UninstallResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    'backup-dir': Flags.directory({ summary: messages.getMessage('flags.backup-dir.summary') }),
    'no-prompt': Flags.boolean({ summary: messages.getMessage('flags.no-prompt.summary'), default: false }),
    wait: Flags.duration({
      char: 'w',
      unit: 'minutes',
      min: 1,
      default: Duration.minutes(33),
      summary: messages.getMessage('flags.wait.summary'),
    }),
  };

  public async run(): Promise<UninstallResult> {
    const { flags } = await this.parse(Uninstall);
    const org = flags['target-org'];
    const username = org.getUsername() ?? '';
    const pack = await readPackInfo();
    const apiVersion = flags['api-version'] ?? pack.apiVersion;
    const connection = org.getConnection(apiVersion);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const backupDir = resolve(flags['backup-dir'] ?? `glocal-backup-${username.replace(/[^\w.@-]/g, '_')}-${stamp}`);

    const outcome = await uninstallGlocal({
      org: new ConnectionInstallOrg(connection),
      connection,
      packDir: packRoot(),
      apiVersion,
      backupDir,
      backup: (dir) => exportAll(connection, dir),
      targetOrg: username,
      confirm: async ({ records, components }) =>
        flags['no-prompt'] ||
        this.confirm({ message: messages.getMessage('prompt.confirm', [records, backupDir, components, username]) }),
      waitMs: flags.wait.milliseconds,
      onStage: (stage) => {
        if (stage !== 'confirm') this.spinner.start(messages.getMessage(`stage.${stage}`));
        else this.spinner.stop();
      },
    });
    this.spinner.stop();
    const result: UninstallResult = { ...outcome, targetOrg: username };

    const total = outcome.backup.reduce((sum, file) => sum + file.records, 0);
    this.log(messages.getMessage('info.backup', [total, backupDir]));
    for (const file of outcome.backup) {
      this.log(messages.getMessage('info.backupFile', [file.object, file.records, file.file]));
    }
    if (outcome.status === 'Cancelled') {
      this.log(messages.getMessage('info.cancelled', [backupDir]));
    } else if (outcome.status === 'InProgress') {
      process.exitCode = 69;
      this.log(messages.getMessage('info.inProgress', [outcome.deployId, outcome.deployId]));
    } else {
      this.logSuccess(
        messages.getMessage('info.uninstalled', [
          outcome.removedVersion,
          outcome.componentsDeleted,
          outcome.deployId,
          backupDir,
        ])
      );
      this.log(messages.getMessage('info.restore', [backupDir, username]));
      for (const command of outcome.restoreCommands) this.log(`  ${command}`);
    }
    return result;
  }
}
