// Choosing a format by file, and splitting large exports into numbered parts of at most 5 MB as the
// Translation Workbench does (its import refuses larger files).
import { extname } from 'node:path';
import { l10nError } from '../l10nErrors.js';
import { readTextFileWithinLimit } from '../safeXml.js';
import { readCsv, writeCsv } from './csv.js';
import { readStf, writeStf } from './stf.js';
import { readXliff12, writeXliff12 } from './xliff12.js';
import { readXliff20, writeXliff20 } from './xliff20.js';
import type { FormatName, TranslationDocument } from './translationDocument.js';

export const MAX_PART_BYTES = 5 * 1024 * 1024;

const WRITERS: Record<FormatName, (document: TranslationDocument) => string> = {
  xliff12: writeXliff12,
  xliff20: writeXliff20,
  stf: writeStf,
  csv: writeCsv,
};

export function writeDocument(format: FormatName, document: TranslationDocument): string {
  return WRITERS[format](document);
}

export function detectFormat(fileName: string, text: string): FormatName {
  const extension = extname(fileName).toLowerCase();
  if (extension === '.xlf' || extension === '.xliff' || extension === '.xml') {
    return /<xliff[^>]*version\s*=\s*["']2\./.test(text) ? 'xliff20' : 'xliff12';
  }
  if (extension === '.stf' || extension === '.txt') return 'stf';
  if (extension === '.csv') return 'csv';
  throw l10nError('UnknownFormat', [fileName]);
}

export function parseDocuments(format: FormatName, text: string, fileName: string): TranslationDocument[] {
  switch (format) {
    case 'xliff12':
      return readXliff12(text, fileName);
    case 'xliff20':
      return readXliff20(text, fileName);
    case 'stf':
      return readStf(text, fileName);
    default:
      return readCsv(text, fileName);
  }
}

export async function readExchangeFile(path: string): Promise<TranslationDocument[]> {
  const text = await readTextFileWithinLimit(path);
  return parseDocuments(detectFormat(path, text), text, path);
}

/**
 * Renders a document as one file, or as several when it exceeds maxBytes: units are packed greedily
 * by their rendered size, so every part stays within the limit (unless one unit alone exceeds it).
 */
export interface RenderedPart {
  content: string;
  units: number;
}

export function renderParts(
  format: FormatName,
  document: TranslationDocument,
  maxBytes = MAX_PART_BYTES
): RenderedPart[] {
  const whole = writeDocument(format, document);
  if (Buffer.byteLength(whole) <= maxBytes) return [{ content: whole, units: document.units.length }];
  const overhead = Buffer.byteLength(writeDocument(format, { ...document, units: [] }));
  const parts: RenderedPart[] = [];
  const flush = (units: typeof document.units): void => {
    parts.push({ content: writeDocument(format, { ...document, units }), units: units.length });
  };
  let batch: typeof document.units = [];
  let batchBytes = overhead;
  for (const unit of document.units) {
    const unitBytes = Buffer.byteLength(writeDocument(format, { ...document, units: [unit] })) - overhead;
    if (batch.length > 0 && batchBytes + unitBytes > maxBytes) {
      flush(batch);
      batch = [];
      batchBytes = overhead;
    }
    batch.push(unit);
    batchBytes += unitBytes;
  }
  if (batch.length > 0) flush(batch);
  return parts;
}
