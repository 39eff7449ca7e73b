import { Messages } from '@salesforce/core';
import { Duration } from '@salesforce/kit';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { installGlocal, type InstallOutcome } from '../../install/install.js';
import { ConnectionInstallOrg } from '../../install/installOrg.js';
import { loadSampleData } from '../../install/sampleData.js';
import { restoreBackup } from '../../install/restoreBackup.js';
import { packRoot, readPackInfo } from '../../pack/bundledPack.js';
import { InstallStages } from '../../ux/installStages.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.install');

/** `--json` result of `sf glocal install` (stable; documented in the README). */
export type InstallResult = {
  /** Succeeded | UpToDate | Validated (dry run) | InProgress (wait ran out; see resumeCommand). */
  status: 'Succeeded' | 'UpToDate' | 'Validated' | 'InProgress';
  /** fresh | upgrade | repair | downgrade | up-to-date | resume */
  action: string;
  /** The plugin's (and now the org's) Glocal version. */
  version: string;
  /** Version the org had before, if any. */
  previousVersion?: string;
  /** SHA-256 of the deployed source, as stored in Glocal_Install.Current. */
  checksum: string;
  languages: string[];
  /** Metadata API deploy id; absent when nothing was deployed. */
  deployId?: string;
  componentsDeployed: number;
  componentsTotal: number;
  dryRun: boolean;
  durationMs: number;
  targetOrg: string;
  permissionSetAssigned?: string;
  sampleData?: { records: number; objects: Array<{ object: string; records: number }> };
  /** Records imported from --restore, per object. */
  restored?: { records: number; objects: Array<{ object: string; records: number }> };
  resumeCommand?: string;
};

/** Exit code of a deploy still running when --wait ran out (as `sf project deploy start`). */
export const IN_PROGRESS_EXIT_CODE = 69;

export default class Install extends SfCommand<InstallResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion({ summary: messages.getMessage('flags.api-version.summary') }),
    wait: Flags.duration({
      char: 'w',
      unit: 'minutes',
      min: 1,
      default: Duration.minutes(33),
      helpValue: '<minutes>',
      summary: messages.getMessage('flags.wait.summary'),
      description: messages.getMessage('flags.wait.description'),
    }),
    'dry-run': Flags.boolean({ summary: messages.getMessage('flags.dry-run.summary'), default: false }),
    languages: Flags.string({
      summary: messages.getMessage('flags.languages.summary'),
      multiple: true,
      delimiter: ',',
    }),
    'with-sample-data': Flags.boolean({ summary: messages.getMessage('flags.with-sample-data.summary') }),
    force: Flags.boolean({ summary: messages.getMessage('flags.force.summary'), default: false }),
    restore: Flags.directory({ summary: messages.getMessage('flags.restore.summary'), exists: true }),
    resume: Flags.string({
      summary: messages.getMessage('flags.resume.summary'),
      exclusive: ['dry-run', 'languages', 'force'],
    }),
  };

  private stages?: InstallStages;

  public async run(): Promise<InstallResult> {
    const { flags } = await this.parse(Install);
    const started = Date.now();
    const org = flags['target-org'];
    const pack = await readPackInfo();
    const apiVersion = flags['api-version'] ?? pack.apiVersion;
    const connection = org.getConnection(apiVersion);
    const username = org.getUsername() ?? '';
    const withSampleData = flags['with-sample-data'] ?? false;

    this.stages = new InstallStages({
      title: `Glocal ${pack.version}${flags['dry-run'] ? ' (dry run)' : ''}`,
      jsonEnabled: this.jsonEnabled(),
      withSampleData,
      restore: Boolean(flags.restore),
    });
    const outcome: InstallOutcome = await installGlocal({
      org: new ConnectionInstallOrg(connection),
      connection,
      packDir: packRoot(),
      version: pack.version,
      apiVersion,
      languages: flags.languages,
      dryRun: flags['dry-run'],
      force: flags.force,
      waitMs: flags.wait.milliseconds,
      resumeDeployId: flags.resume,
      loadSampleData: withSampleData ? loadSampleData : undefined,
      restoreRecords: flags.restore
        ? (connectionToUse, log): ReturnType<typeof restoreBackup> =>
            restoreBackup(connectionToUse, flags.restore!, log)
        : undefined,
      listener: {
        stage: (stage) => this.stages?.stage(stage),
        deployProgress: (progress) => this.stages?.progress(progress),
        warn: (message) => this.warn(message),
      },
    });
    this.stages.done();

    const result: InstallResult = {
      status: outcome.status,
      action: outcome.action,
      version: outcome.version,
      previousVersion: outcome.previousVersion,
      checksum: outcome.checksum,
      languages: outcome.languages,
      deployId: outcome.deployId,
      componentsDeployed: outcome.componentsDeployed,
      componentsTotal: outcome.componentsTotal,
      dryRun: outcome.dryRun,
      durationMs: Date.now() - started,
      targetOrg: username,
      permissionSetAssigned: outcome.permissionSetAssigned,
      sampleData: outcome.sampleData,
      restored: outcome.restored,
    };
    this.report(result, flags.wait);
    return result;
  }

  protected catch(error: Error): Promise<never> {
    this.stages?.fail();
    return super.catch(error as Parameters<SfCommand<InstallResult>['catch']>[0]);
  }

  private report(result: InstallResult, wait: Duration): void {
    const seconds = (result.durationMs / 1000).toFixed(1);
    switch (result.status) {
      case 'UpToDate':
        this.logSuccess(messages.getMessage('info.upToDate', [result.version, result.checksum.slice(0, 12)]));
        break;
      case 'Validated':
        this.logSuccess(
          messages.getMessage('info.validated', [result.componentsTotal, result.version, result.deployId])
        );
        break;
      case 'InProgress':
        result.resumeCommand = `sf glocal install --resume ${result.deployId ?? ''} --target-org ${result.targetOrg}`;
        process.exitCode = IN_PROGRESS_EXIT_CODE;
        this.log(messages.getMessage('info.inProgress', [result.deployId, wait.toString(), result.resumeCommand]));
        return;
      default:
        this.logSuccess(
          result.previousVersion && result.previousVersion !== result.version
            ? messages.getMessage('info.upgraded', [
                result.previousVersion,
                result.version,
                result.componentsDeployed,
                seconds,
                result.deployId,
              ])
            : messages.getMessage('info.installed', [
                result.version,
                result.componentsDeployed,
                seconds,
                result.deployId,
              ])
        );
    }
    this.log(messages.getMessage('info.languages', [result.languages.join(', ')]));
    if (result.permissionSetAssigned)
      this.log(messages.getMessage('info.permissionSet', [result.permissionSetAssigned]));
    if (result.sampleData) {
      this.log(
        messages.getMessage('info.sampleData', [
          result.sampleData.records,
          result.sampleData.objects
            .map((entry) => messages.getMessage('objectCount', [entry.object, entry.records]))
            .join(', '),
        ])
      );
    }
    if (result.restored) {
      this.log(
        messages.getMessage('info.restored', [
          result.restored.records,
          result.restored.objects
            .map((entry) => messages.getMessage('objectCount', [entry.object, entry.records]))
            .join(', '),
        ])
      );
    }
    if (result.status !== 'Validated') this.log(messages.getMessage('info.nextSteps', [result.targetOrg]));
  }
}
