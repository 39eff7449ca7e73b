/*
 * What the import and export commands share: their flags and how a result is shown. Each
 * command file stays a thin wrapper (its own messages, its object, one call here).
 */
import { access } from 'node:fs/promises';
import { Messages, SfError, type Org } from '@salesforce/core';
import { Flags, type SfCommand } from '@salesforce/sf-plugins-core';
import type { Duration } from '@salesforce/kit';
import { ConnectionOrgClient } from '../org/connectionOrgClient.js';
import { exportRecords, type ExportResult } from '../records/exportRecords.js';
import { dateParser, numberSeparators } from '../records/fieldConverters.js';
import { importRecords, type ImportResult } from '../records/importRecords.js';
import { stateFileFor } from '../records/importState.js';
import { ImportStages } from './importStages.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.records');

const DELIMITERS = { comma: ',', semicolon: ';', tab: '\t', pipe: '|' } as const;

export const importFlags = {
  'target-org': Flags.requiredOrg(),
  'api-version': Flags.orgApiVersion(),
  file: Flags.file({
    char: 'f',
    summary: messages.getMessage('flags.file.summary'),
    description: messages.getMessage('flags.file.description'),
    required: true,
    exists: true,
  }),
  encoding: Flags.string({ summary: messages.getMessage('flags.encoding.summary') }),
  delimiter: Flags.option({
    summary: messages.getMessage('flags.delimiter.summary'),
    options: ['comma', 'semicolon', 'tab', 'pipe'] as const,
  })(),
  locale: Flags.string({ summary: messages.getMessage('flags.locale.summary') }),
  'date-format': Flags.string({ summary: messages.getMessage('flags.date-format.summary') }),
  mapping: Flags.file({ summary: messages.getMessage('flags.mapping.summary'), exists: true }),
  bulk: Flags.boolean({ summary: messages.getMessage('flags.bulk.summary'), allowNo: true }),
  wait: Flags.duration({
    char: 'w',
    unit: 'minutes',
    summary: messages.getMessage('flags.wait.summary'),
    defaultValue: 30,
    min: 0,
  }),
  resume: Flags.boolean({ summary: messages.getMessage('flags.resume.summary') }),
};

export const exportFlags = {
  'target-org': Flags.requiredOrg(),
  'api-version': Flags.orgApiVersion(),
  'output-file': Flags.string({ char: 'f', summary: messages.getMessage('flags.output-file.summary'), required: true }),
  where: Flags.string({ summary: messages.getMessage('flags.where.summary') }),
  bom: Flags.boolean({ summary: messages.getMessage('flags.bom.summary') }),
  raw: Flags.boolean({ summary: messages.getMessage('flags.raw.summary') }),
};

type ImportFlagValues = {
  'target-org': Org;
  'api-version'?: string;
  file: string;
  encoding?: string;
  delimiter?: keyof typeof DELIMITERS;
  locale?: string;
  'date-format'?: string;
  mapping?: string;
  bulk?: boolean;
  wait: Duration;
  resume: boolean;
};

type ExportFlagValues = {
  'target-org': Org;
  'api-version'?: string;
  'output-file': string;
  where?: string;
  bom: boolean;
  raw: boolean;
};

const SHOWN_ON_SCREEN = 10;

/**
 * An import that stops with an error while its state file exists has Bulk jobs the org may still
 * be running or holding: the way to finish it is --resume, whatever the error was.
 */
async function withResumeAction(error: SfError, file: string): Promise<SfError> {
  const stateFile = stateFileFor(file);
  const exists = await access(stateFile).then(
    () => true,
    () => false
  );
  if (!exists) return error;
  error.actions = [...(error.actions ?? []), messages.getMessage('import.resumeAction', [stateFile])];
  return error;
}

/** Runs an import for a command and prints its summary; exit code 1 when any row was not loaded. */
export async function runImportCommand(
  command: SfCommand<unknown>,
  flags: ImportFlagValues,
  object: string,
  title: string
): Promise<ImportResult> {
  // Flags that are wrong whatever the file holds are refused before the file is read.
  if (flags['date-format']) dateParser(flags['date-format']);
  if (flags.locale) numberSeparators(flags.locale);
  const org = new ConnectionOrgClient(flags['target-org'].getConnection(flags['api-version']));
  const stages = new ImportStages({ title, jsonEnabled: command.jsonEnabled() });
  let result: ImportResult;
  try {
    result = await importRecords(org, {
      object,
      file: flags.file,
      encoding: flags.encoding,
      delimiter: flags.delimiter ? DELIMITERS[flags.delimiter] : undefined,
      locale: flags.locale,
      dateFormat: flags['date-format'],
      mappingFile: flags.mapping,
      bulk: flags.bulk,
      waitMinutes: flags.wait.minutes,
      resume: flags.resume,
      progress: stages,
    });
  } catch (error) {
    stages.fail();
    throw await withResumeAction(error instanceof SfError ? error : SfError.wrap(error as Error), flags.file);
  }
  command.log(
    messages.getMessage('import.summary', [
      object,
      result.read,
      result.invalid,
      result.sent,
      result.succeeded,
      result.failed,
    ])
  );
  const mode = result.mode === 'bulk' ? messages.getMessage('mode.bulk') : messages.getMessage('mode.collections');
  command.log(messages.getMessage('import.mode', [mode]));
  if (result.recordIds) {
    const { adopted, kept, notInOrg } = result.recordIds;
    command.log(messages.getMessage('recordId.summary', [adopted, kept, notInOrg]));
  }
  if (result.readError)
    command.log(messages.getMessage('import.readError', [result.readError.row, result.readError.reason]));
  for (const error of result.errors.slice(0, SHOWN_ON_SCREEN)) {
    command.log(messages.getMessage('import.errorLine', [error.row, error.reason]));
  }
  const rejected = result.invalid + result.failed + (result.readError ? 1 : 0);
  if (rejected > SHOWN_ON_SCREEN && result.errors.length >= SHOWN_ON_SCREEN) {
    command.log(messages.getMessage('import.moreErrors', [rejected - SHOWN_ON_SCREEN]));
  }
  if (result.errorsFile) command.log(messages.getMessage('import.errorsFile', [result.errorsFile]));
  if (result.status === 'pending') command.log(messages.getMessage('import.pending', [result.jobIds.join(', ')]));
  if (rejected > 0) process.exitCode = 1;
  return result;
}

export async function runExportCommand(
  command: SfCommand<unknown>,
  flags: ExportFlagValues,
  object: string
): Promise<ExportResult> {
  const org = new ConnectionOrgClient(flags['target-org'].getConnection(flags['api-version']));
  const result = await exportRecords(org, {
    object,
    file: flags['output-file'],
    where: flags.where,
    bom: flags.bom,
    raw: flags.raw,
  });
  command.log(messages.getMessage('export.summary', [result.records, object, result.file]));
  return result;
}
