// CSV for spreadsheets: one row per item, columns language, key, source, translation, max_length,
// out_of_date. Written with a UTF-8 byte-order mark so Excel opens non-Latin text correctly.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { fromAnyLanguageCode } from '../languageCodes.js';
import { l10nDetail, l10nError } from '../l10nErrors.js';
import type { TranslationDocument, TranslationUnit } from './translationDocument.js';

const COLUMNS = ['language', 'key', 'source', 'translation', 'max_length', 'out_of_date'];

export function writeCsv(document: TranslationDocument): string {
  const rows = document.units.map((unit) => [
    document.language,
    unit.key,
    unit.source,
    unit.target ?? '',
    unit.maxLength ? String(unit.maxLength) : '',
    unit.outdated ? 'true' : '',
  ]);
  return '\uFEFF' + stringify([COLUMNS, ...rows], { record_delimiter: '\n' });
}

export function readCsv(text: string, fileName: string): TranslationDocument[] {
  let records: Array<Record<string, string>>;
  try {
    records = parse(text, { bom: true, columns: true, skip_empty_lines: true, relax_column_count: false });
  } catch (error) {
    const line = String((error as { lines?: number }).lines ?? '?');
    throw l10nError('MalformedCsv', [fileName, line, (error as Error).message]);
  }
  const documents = new Map<string, TranslationDocument>();
  records.forEach((record, index) => {
    const row = String(index + 2);
    if (!record.key) throw l10nError('MalformedCsv', [fileName, row, l10nDetail('csvNoKey')]);
    if (!('translation' in record)) throw l10nError('MalformedCsv', [fileName, row, l10nDetail('csvNoTranslation')]);
    const language = fromAnyLanguageCode(record.language ?? '');
    if (!language) throw l10nError('InvalidLanguage', [l10nDetail('csvRow', [fileName, row]), record.language ?? '']);
    let document = documents.get(language);
    if (!document) {
      document = { language, sourceLanguage: 'en_US', kind: 'bilingual', units: [] };
      documents.set(language, document);
    }
    const unit: TranslationUnit = { key: record.key, source: record.source ?? '' };
    if (record.translation !== '') unit.target = record.translation;
    if (record.out_of_date === 'true') unit.outdated = true;
    if (record.max_length) unit.maxLength = Number(record.max_length);
    document.units.push(unit);
  });
  return [...documents.values()];
}
