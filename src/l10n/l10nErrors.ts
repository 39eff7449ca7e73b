// Errors of the translation toolkit: SfErrors whose text and suggested actions live in
// messages/glocal.l10n.errors.md, so commands can throw them unchanged.
import { Messages, SfError } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.l10n.errors');

export type L10nErrorName =
  | 'UnsafeXml'
  | 'FileTooLarge'
  | 'MalformedXml'
  | 'PathEscapesProject'
  | 'InvalidLanguage'
  | 'UnknownFormat'
  | 'MalformedStf'
  | 'MalformedCsv'
  | 'InlineMarkup'
  | 'MissingLanguage'
  | 'NoPackageDirectories'
  | 'WriteFailed'
  | 'InvalidConfig'
  | 'SourceLanguageImport'
  | 'RetrieveFailed';

/** The parts of an error's text that say what exactly is wrong, worded in the same messages file. */
export type L10nDetail =
  | 'configNotAnObject'
  | 'configNotAList'
  | 'csvNoKey'
  | 'csvNoTranslation'
  | 'csvRow'
  | 'stfUnknownSection'
  | 'stfBadLine'
  | 'stfLine'
  | 'moreThan'
  | 'xmlUndefinedEntity'
  | 'xmlTextOutsideRoot'
  | 'xmlUnexpectedClose'
  | 'xmlSecondRoot'
  | 'xmlUnexpectedMarkup'
  | 'xmlCdataOutsideRoot'
  | 'xmlDeclarationFirst'
  | 'xmlNotClosed'
  | 'xmlNoRoot';

export function l10nDetail(key: L10nDetail, tokens: string[] = []): string {
  return messages.getMessage(`detail.${key}`, tokens);
}

export function l10nError(name: L10nErrorName, tokens: string[] = []): SfError {
  const actionsKey = `${name}.actions`;
  const actions = messages.messages.has(actionsKey) ? messages.getMessages(actionsKey, tokens) : undefined;
  return new SfError(messages.getMessage(name, tokens), `Glocal${name}`, actions);
}
