/* Writing CSV cells: quoted only when they must be, so files stay readable and fast to write. */

const NEEDS_QUOTES = /[",\r\n;\t|]|^\s|\s$/;

export function csvCell(value: string, delimiter = ','): string {
  if (value === '') return '';
  if (!NEEDS_QUOTES.test(value) && !value.includes(delimiter)) return value;
  return `"${value.replace(/"/g, '""')}"`;
}

export function csvLine(cells: readonly string[], delimiter = ','): string {
  let line = '';
  for (let index = 0; index < cells.length; index++) {
    if (index > 0) line += delimiter;
    line += csvCell(cells[index], delimiter);
  }
  return `${line}\n`;
}
