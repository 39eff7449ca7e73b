/*
 * Report stage: every rejected row — by this plugin or by the org — goes to `<input>.errors.csv`
 * with its original cells, its row number in the input and the reason, in the input's delimiter,
 * UTF-8 with a BOM so Excel opens it. Fix the cells and import the file as it is: the two extra
 * columns are skipped by the import. Cells a row has beyond the header come after the reason.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { ERROR_REASON_COLUMN, ERROR_ROW_COLUMN } from './columnMap.js';
import { csvLine } from './csvText.js';

export class ErrorReport {
  private stream?: WriteStream;
  private count = 0;

  public constructor(
    public readonly file: string,
    private readonly header: string[],
    private readonly delimiter: string,
    private readonly append = false
  ) {}

  public get rejected(): number {
    return this.count;
  }

  public get written(): boolean {
    return this.stream !== undefined;
  }

  public async add(row: number, cells: readonly string[], reason: string): Promise<void> {
    if (!this.stream) {
      this.stream = createWriteStream(this.file, { flags: this.append ? 'a' : 'w' });
      if (!this.append)
        this.stream.write(`\uFEFF${csvLine([...this.header, ERROR_ROW_COLUMN, ERROR_REASON_COLUMN], this.delimiter)}`);
    }
    const width = this.header.length;
    const padded = this.header.map((_, index) => cells[index] ?? '');
    // Cells past the header (a row with a stray delimiter) follow the reason, so fixing the row
    // in the errors file loses none of its text.
    let end = cells.length;
    while (end > width && cells[end - 1].trim() === '') end--;
    const extra = end > width ? cells.slice(width, end) : [];
    this.count++;
    if (!this.stream.write(csvLine([...padded, String(row), reason, ...extra], this.delimiter))) {
      await once(this.stream, 'drain');
    }
  }

  public async close(): Promise<void> {
    if (!this.stream) return;
    this.stream.end();
    await once(this.stream, 'finish');
  }
}
