/*
 * sf glocal l10n check, coverage and export all read one translation project: local source
 * directories or an org, in some languages. Their common flags, and how those flags become the
 * ProjectSource the l10n tasks take, live here so the three commands cannot drift apart.
 */
import { Messages, type Org } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import type { ProjectSource, ProjectSourceProgress } from '../l10n/l10nTasks.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.l10n.source');

/** The summary of --target-org says what the command reads from the org, so each command passes its own. */
export function translationSourceFlags(targetOrgSummary: string) {
  return {
    'source-dir': Flags.directory({
      char: 'd',
      summary: messages.getMessage('flags.source-dir.summary'),
      multiple: true,
      exists: true,
      exclusive: ['target-org'],
    }),
    'target-org': Flags.optionalOrg({ char: 'o', summary: targetOrgSummary }),
    'api-version': Flags.orgApiVersion(),
    languages: Flags.string({
      char: 'l',
      summary: messages.getMessage('flags.languages.summary'),
      multiple: true,
      delimiter: ',',
    }),
  };
}

export function translationSource(
  flags: { 'source-dir'?: string[]; 'target-org'?: Org; 'api-version'?: string },
  showProgress: (message: string) => void
): ProjectSource {
  const org = flags['target-org'];
  return {
    sourceDirs: flags['source-dir'],
    org: org ? { connection: org.getConnection(flags['api-version']) } : undefined,
    onProgress: (progress) => showProgress(progressMessage(progress)),
  };
}

function progressMessage(progress: ProjectSourceProgress): string {
  return progress.stage === 'listing'
    ? messages.getMessage('progress.listing')
    : messages.getMessage('progress.retrieving', [progress.components]);
}
