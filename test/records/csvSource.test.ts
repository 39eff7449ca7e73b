import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import iconv from 'iconv-lite';
import { CsvReadError, readCsvRows, sniffCsvLayout, type SourceRow } from '../../src/records/csvSource.js';
import { importRecords } from '../../src/records/importRecords.js';
import { FakeOrg } from './fakeOrg.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glocal-csv-source-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readAll(file: string): Promise<SourceRow[]> {
  const layout = await sniffCsvLayout(file);
  const rows: SourceRow[] = [];
  for await (const row of readCsvRows(file, layout)) rows.push(row);
  return rows;
}

describe('readCsvRows: a quote that never closes', () => {
  it('marks its row and reads every row after it, numbered as before, the same on every pass', async () => {
    // Far more than one stream chunk (256 KB) after the quote, so it is found across chunks.
    const tail = Array.from({ length: 30_000 }, (_, index) => `K-${index + 4},plain text`);
    const file = join(dir, 'stray.csv');
    await writeFile(file, ['Key,Text', 'K-2,fine', '', 'K-3,"stray,quote', ...tail, ''].join('\r\n'));

    const rows = await readAll(file);
    expect(rows).toHaveLength(30_003);
    expect(rows[1]).toEqual({ row: 2, cells: ['K-2', 'fine'] });
    // The empty line is no row: the stray quote's row is row 3, as the spreadsheet numbers it.
    expect(rows[2]).toEqual({
      row: 3,
      cells: ['K-3', '"stray', 'quote'],
      unclosedQuote: { column: 1, reason: 'too-long' },
    });
    expect(rows[3]).toEqual({ row: 4, cells: ['K-4', 'plain text'] });
    expect(rows.at(-1)).toEqual({ row: 30_003, cells: ['K-30003', 'plain text'] });
    expect(rows.filter((row) => row.unclosedQuote)).toHaveLength(1);
    expect(await readAll(file)).toEqual(rows);
  });

  it('works the same in UTF-16 from Excel, at the end of the file', async () => {
    const file = join(dir, 'stray-utf16.txt');
    const text = '\uFEFFKey\tText\r\nK-2\tfine\r\nK-3\t"never closed\r\nK-4\tlast\r\n';
    await writeFile(file, iconv.encode(text, 'utf16le'));
    expect(await readAll(file)).toEqual([
      { row: 1, cells: ['Key', 'Text'] },
      { row: 2, cells: ['K-2', 'fine'] },
      { row: 3, cells: ['K-3', '"never closed'], unclosedQuote: { column: 1, reason: 'end-of-file' } },
      { row: 4, cells: ['K-4', 'last'] },
    ]);
  });

  it('in the header it stops reading: no column can be trusted', async () => {
    const file = join(dir, 'stray-header.csv');
    await writeFile(file, 'Key,"Text\nK-2,fine\n');
    await expect(readAll(file)).rejects.toThrow(
      new CsvReadError('Row 1, column 2: a quoted field opens here and is never closed.', 1, 'unclosed-quote')
    );
    const org = new FakeOrg();
    const labels = { fieldLabels: new Map(), picklistLabels: new Map() };
    const refused = importRecords(org, { object: 'Market__c', file, labels });
    await expect(refused).rejects.toThrow(`${file}: Row 1, column 2: a quoted field opens here and is never closed.`);
    await expect(refused).rejects.toMatchObject({ actions: ['Close the quote in the header row.'] });
    expect(org.requestCount).toBe(0);
  });
});
