/*
 * Read stage: a spreadsheet export as it really is — UTF-8 with or without BOM, UTF-16 from
 * Excel's "Unicode text", other encodings on request, `,` `;` or tab — streamed row by row.
 * Row numbers are spreadsheet rows: the header is row 1, the first record row 2.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Messages } from '@salesforce/core';
import iconv from 'iconv-lite';
import { CsvSplitter, type UnclosedQuote } from './csvSplitter.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.records');

export type SourceRow = {
  row: number;
  cells: string[];
  /**
   * Set when a quoted field in this row never closes: the cells are those before it, then the
   * rest of its line as plain text, and the rows after it are read from the next line.
   */
  unclosedQuote?: Omit<UnclosedQuote, 'record'>;
};

export type CsvLayout = {
  /** Name iconv-lite understands: utf8, utf16le, utf16be, windows-1252 … */
  encoding: string;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
  delimiter: string;
};

export type CsvReadOptions = { encoding?: string; delimiter?: string };

/** A problem that stops reading: the rows before it are still good. */
export class CsvReadError extends Error {
  public constructor(
    message: string,
    public readonly row: number,
    public readonly reason: 'unclosed-quote' | 'malformed' | 'encoding'
  ) {
    super(message);
    this.name = 'CsvReadError';
  }
}

const SNIFF_BYTES = 64 * 1024;
const DELIMITERS = [',', ';', '\t', '|'];

export function detectEncoding(head: Buffer): { encoding: string; bomLength: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf16be', bomLength: 2 };
  // UTF-16 without a BOM still shows as every other byte being zero in ASCII headers.
  if (head.length >= 4) {
    if (head[1] === 0 && head[3] === 0 && head[0] !== 0) return { encoding: 'utf16le', bomLength: 0 };
    if (head[0] === 0 && head[2] === 0 && head[1] !== 0) return { encoding: 'utf16be', bomLength: 0 };
  }
  return { encoding: 'utf8', bomLength: 0 };
}

/** The delimiter that splits the header line most often, counting only outside quotes. */
export function detectDelimiter(text: string): string {
  const counts = new Map(DELIMITERS.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const [delimiter, count] of counts) {
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

export async function sniffCsvLayout(file: string, options: CsvReadOptions = {}): Promise<CsvLayout> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    const head = buffer.subarray(0, bytesRead);
    const detected = detectEncoding(head);
    // A BOM is the file's own statement of its encoding; --encoding only decides files without one.
    const encoding = detected.bomLength > 0 || !options.encoding ? detected.encoding : options.encoding;
    if (!iconv.encodingExists(encoding)) {
      throw new CsvReadError(messages.getMessage('read.unknownEncoding', [encoding]), 1, 'encoding');
    }
    const text = iconv.decode(head.subarray(detected.bomLength), encoding);
    return { encoding, bomLength: detected.bomLength, delimiter: options.delimiter ?? detectDelimiter(text) };
  } finally {
    await handle.close();
  }
}

/** The file as text chunks, from after its byte-order mark. */
function decodedStream(file: string, layout: CsvLayout): AsyncIterable<string> {
  if (layout.encoding === 'utf8') {
    return createReadStream(file, { start: layout.bomLength, highWaterMark: 256 * 1024, encoding: 'utf8' });
  }
  const bytes = createReadStream(file, { start: layout.bomLength, highWaterMark: 256 * 1024 });
  return bytes.pipe(iconv.decodeStream(layout.encoding)) as unknown as AsyncIterable<string>;
}

/**
 * Records of a CSV file, header first (row 1), a decoded chunk's worth at a time. Empty lines are
 * skipped; rows keep their cells as text. A row whose quoted field never closes comes with
 * `unclosedQuote` set, and reading goes on at the line after the quote; only in the header, which
 * every other row depends on, is it a CsvReadError.
 */
export async function* readCsvBatches(file: string, layout: CsvLayout): AsyncGenerator<SourceRow[]> {
  const splitter = new CsvSplitter(layout.delimiter);
  let row = 0;
  const numbered = (records: string[][]): SourceRow[] => {
    const batch: SourceRow[] = records.map((cells) => ({ row: ++row, cells }));
    for (const { record, column, reason } of splitter.unclosedQuotes) {
      const source = batch[record];
      if (source.row === 1) {
        throw new CsvReadError(
          messages.getMessage('read.headerUnclosedQuote', [String(column + 1)]),
          1,
          'unclosed-quote'
        );
      }
      source.unclosedQuote = { column, reason };
    }
    return batch;
  };
  for await (const text of decodedStream(file, layout)) {
    const batch = numbered(splitter.push(text));
    if (batch.length > 0) yield batch;
  }
  const last = numbered(splitter.end());
  if (last.length > 0) yield last;
}

/** The same, one row at a time. */
export async function* readCsvRows(file: string, layout: CsvLayout): AsyncGenerator<SourceRow> {
  for await (const batch of readCsvBatches(file, layout)) yield* batch;
}

/** True when decoding hit bytes that are not valid in the file's encoding. */
export function hasUndecodableText(cell: string): boolean {
  return cell.includes('\uFFFD');
}
