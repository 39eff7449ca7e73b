/*
 * The stages a person watches during an import, named for what they wait on, with live row
 * counts. Silent under --json; plain lines in CI (MultiStageOutput decides).
 */
import { MultiStageOutput } from '@oclif/multi-stage-output';
import { Messages } from '@salesforce/core';
import type { ImportProgress, ImportStage } from '../records/importRecords.js';
import type { ImportCounts } from '../records/importState.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.records');

type StageData = Partial<ImportCounts> & { processed?: number };

const ORDER: ImportStage[] = ['check', 'resolve', 'load', 'process', 'report'];

export class ImportStages implements ImportProgress {
  private readonly output: MultiStageOutput<StageData>;
  private readonly labels: Record<ImportStage, string>;
  private current?: ImportStage;

  public constructor(options: { title: string; jsonEnabled: boolean }) {
    this.labels = {
      check: messages.getMessage('stage.check'),
      resolve: messages.getMessage('stage.resolve'),
      load: messages.getMessage('stage.load'),
      process: messages.getMessage('stage.process'),
      report: messages.getMessage('stage.report'),
    };
    const count =
      (key: keyof StageData) =>
      (data?: StageData): string | undefined =>
        data?.[key] === undefined ? undefined : String(data[key]);
    this.output = new MultiStageOutput<StageData>({
      title: options.title,
      stages: ORDER.map((stage) => this.labels[stage]),
      jsonEnabled: options.jsonEnabled,
      // As in installStages: the default millisecond timer re-renders so often that it slows the import.
      timerUnit: 's',
      stageSpecificBlock: [
        {
          stage: this.labels.check,
          label: messages.getMessage('label.read'),
          type: 'dynamic-key-value',
          get: count('read'),
        },
        {
          stage: this.labels.load,
          label: messages.getMessage('label.invalid'),
          type: 'dynamic-key-value',
          get: count('invalid'),
        },
        {
          stage: this.labels.load,
          label: messages.getMessage('label.sent'),
          type: 'dynamic-key-value',
          get: count('sent'),
        },
        {
          stage: this.labels.process,
          label: messages.getMessage('label.processed'),
          type: 'dynamic-key-value',
          get: count('processed'),
        },
        {
          stage: this.labels.process,
          label: messages.getMessage('label.failed'),
          type: 'dynamic-key-value',
          get: count('failed'),
        },
      ],
    });
  }

  public stage(stage: ImportStage): void {
    // Collections loads have no processing stage: skipping marks it skipped rather than done.
    if (this.current && ORDER.indexOf(stage) > ORDER.indexOf(this.current) + 1) this.output.skipTo(this.labels[stage]);
    else this.output.goto(this.labels[stage]);
    this.current = stage;
  }

  public update(counts: StageData): void {
    this.output.updateData(counts);
  }

  public finish(ok: boolean): void {
    if (ok) this.output.stop();
    else this.output.stop('failed');
  }

  public fail(): void {
    this.output.error();
  }
}
