/*
 * The stages a person watches during `sf glocal install`: named for what they wait on, with live
 * component counts during the deploy. Silent under --json; plain lines in CI (MultiStageOutput).
 */
import { MultiStageOutput } from '@oclif/multi-stage-output';
import { Messages } from '@salesforce/core';
import type { InstallStage } from '../install/install.js';
import type { DeployProgress } from '../install/deployPack.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.install');

type StageData = {
  deployId: string;
  status: string;
  componentsDeployed: number;
  componentsTotal: number;
  componentErrors: number;
};

const STAGE_ORDER: InstallStage[] = ['preflight', 'deploy', 'permissions', 'sampleData', 'restore'];

export class InstallStages {
  private readonly output: MultiStageOutput<StageData>;
  private readonly labels: Record<InstallStage, string>;

  public constructor(options: { title: string; jsonEnabled: boolean; withSampleData: boolean; restore: boolean }) {
    this.labels = {
      preflight: messages.getMessage('stage.preflight'),
      deploy: messages.getMessage('stage.deploy'),
      permissions: messages.getMessage('stage.permissions'),
      sampleData: messages.getMessage('stage.sampleData'),
      restore: messages.getMessage('stage.restore'),
    };
    const wanted = (stage: InstallStage): boolean =>
      (stage !== 'sampleData' || options.withSampleData) && (stage !== 'restore' || options.restore);
    const stages = STAGE_ORDER.filter(wanted).map((stage) => this.labels[stage]);
    this.output = new MultiStageOutput<StageData>({
      title: options.title,
      stages,
      jsonEnabled: options.jsonEnabled,
      // The default 'ms' timer re-renders every millisecond and starves the install's own work
      // (measured: a 4 s no-op install took 55 s on a busy 2-core machine); seconds are plenty.
      timerUnit: 's',
      stageSpecificBlock: [
        {
          stage: this.labels.deploy,
          type: 'dynamic-key-value',
          label: messages.getMessage('label.components'),
          get: (data): string | undefined =>
            data?.componentsTotal
              ? `${data.componentsDeployed ?? 0}/${data.componentsTotal}${
                  data.componentErrors ? ` (${data.componentErrors} failed)` : ''
                }`
              : undefined,
        },
      ],
      postStagesBlock: [
        {
          type: 'static-key-value',
          label: messages.getMessage('label.deployId'),
          get: (data): string | undefined => data?.deployId,
        },
        {
          type: 'dynamic-key-value',
          label: messages.getMessage('label.status'),
          get: (data): string | undefined => data?.status,
        },
      ],
    });
  }

  public stage(stage: InstallStage): void {
    this.output.skipTo(this.labels[stage]);
  }

  public progress(progress: DeployProgress): void {
    this.output.updateData(progress);
  }

  public done(): void {
    this.output.stop('completed');
  }

  public fail(): void {
    this.output.error();
  }
}
