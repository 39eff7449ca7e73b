// Salesforce Translation Format (.stf): UTF-8, tab-separated, "#" lines are comments, tab / newline /
// carriage return / backslash inside values written as \t \n \r \\. Three kinds:
// Source and Outdated-and-untranslated (KEY, LABEL: the translator overwrites LABEL), and Bilingual
// (a TRANSLATED section KEY, LABEL, TRANSLATION, OUT OF DATE "*"/"-", then an OUTDATED AND
// UNTRANSLATED section like the Untranslated kind).
import { fromAnyLanguageCode, languageName } from '../languageCodes.js';
import { l10nDetail, l10nError } from '../l10nErrors.js';
import type { DocumentKind, TranslationDocument, TranslationUnit } from './translationDocument.js';

const TYPE_LINE: Record<DocumentKind, string> = {
  source: 'Source',
  untranslated: 'Outdated and untranslated',
  bilingual: 'Bilingual',
};
const TRANSLATED_MARKER = '------------------TRANSLATED-------------------';
const UNTRANSLATED_MARKER = '------------------OUTDATED AND UNTRANSLATED-----------------';

export function escapeStf(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

export function unescapeStf(text: string): string {
  return text.replace(/\\([\\tnr])/g, (_, code: string) => ({ '\\': '\\', t: '\t', n: '\n', r: '\r' })[code] ?? code);
}

export function writeStf(document: TranslationDocument): string {
  const lines = [
    `# Language: ${languageName(document.language)}`,
    `Language code: ${document.language}`,
    `Type: ${TYPE_LINE[document.kind]}`,
    'Translation type: Metadata',
  ];
  const row = (...cells: string[]): string => cells.map(escapeStf).join('\t');
  if (document.kind === 'bilingual') {
    lines.push(TRANSLATED_MARKER, '# KEY\tLABEL\tTRANSLATION\tOUT OF DATE');
    for (const unit of document.units.filter((u) => u.target !== undefined && !u.outdated)) {
      lines.push(row(unit.key, unit.source, unit.target ?? '', '-'));
    }
    lines.push(UNTRANSLATED_MARKER, '# KEY\tLABEL');
    for (const unit of document.units.filter((u) => u.target === undefined || u.outdated)) {
      lines.push(unit.target === undefined ? row(unit.key, unit.source) : row(unit.key, unit.source, unit.target, '*'));
    }
  } else {
    lines.push('# KEY\tLABEL');
    for (const unit of document.units) lines.push(row(unit.key, unit.source));
  }
  lines.push('');
  return lines.join('\n');
}

export function readStf(text: string, fileName: string): TranslationDocument[] {
  let language: string | undefined;
  let kind: DocumentKind = 'untranslated';
  let section: 'translated' | 'untranslated' | undefined;
  const units: TranslationUnit[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, index) => {
    const lineNumber = String(index + 1);
    if (line.trim() === '' || line.startsWith('#')) return;
    if (line.startsWith('---')) {
      if (/OUTDATED|UNTRANSLATED/i.test(line)) section = 'untranslated';
      else if (/TRANSLATED/i.test(line)) section = 'translated';
      else throw l10nError('MalformedStf', [fileName, lineNumber, l10nDetail('stfUnknownSection', [line])]);
      return;
    }
    const header = /^(Language code|Type|Translation type):\s*(.*)$/.exec(line);
    if (header && !line.includes('\t')) {
      if (header[1] === 'Language code') {
        language = fromAnyLanguageCode(header[2]);
        if (!language)
          throw l10nError('InvalidLanguage', [l10nDetail('stfLine', [fileName, lineNumber]), header[2].trim()]);
      } else if (header[1] === 'Type') {
        const value = header[2].trim().toLowerCase();
        kind = value === 'bilingual' ? 'bilingual' : value === 'source' ? 'source' : 'untranslated';
      }
      return;
    }
    const cells = line.split('\t');
    if (cells.length < 2 || cells[0].trim() === '') {
      throw l10nError('MalformedStf', [fileName, lineNumber, l10nDetail('stfBadLine')]);
    }
    const [key, label, translation, outOfDate] = cells.map(unescapeStf);
    const unit: TranslationUnit = { key: key.trim(), source: label };
    if (section === 'translated' || (translation !== undefined && translation !== '')) {
      unit.target = translation ?? '';
      if (outOfDate?.trim() === '*') unit.outdated = true;
    } else {
      // Source / untranslated rows: the translator replaces the LABEL column with the translation.
      unit.labelMayBeTranslation = true;
    }
    units.push(unit);
  });
  if (!language) throw l10nError('MissingLanguage', [fileName]);
  return [{ language, sourceLanguage: 'en_US', kind, units }];
}
