import { describe, it, expect } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { renderReport, type ReportSection } from '../../src/reports/render.js';

const markets: ReportSection = {
  title: 'Training per market',
  headers: ['Market', 'Code', 'Assigned', 'Pass %'],
  rows: [
    ['Danmark', 'DK', 72, 83.7],
    ['中国', 'CN', 10, null],
  ],
};
const risky: ReportSection = {
  title: 'Partners',
  headers: ['Partner', 'Gap'],
  rows: [
    ['=HYPERLINK("http://x")', -0.5],
    ['Acme, "the BPO" | Ltd', 1],
  ],
};
const empty: ReportSection = { title: 'Overdue training', headers: ['Who'], rows: [], emptyText: 'Nobody is overdue.' };

describe('renderReport', () => {
  it('aligns a text table: text left, numbers right, wide CJK characters as two columns, a dash for a missing value', () => {
    expect(renderReport([markets, empty], 'table')).toBe(
      [
        'Training per market',
        'Market   Code  Assigned  Pass %',
        '───────  ────  ────────  ──────',
        'Danmark  DK          72    83.7',
        '中国     CN          10       –',
        '',
        'Overdue training',
        'Nobody is overdue.',
        '',
      ].join('\n')
    );
  });

  it('writes CSV with quoting, neutralises text a spreadsheet would run, and leaves numbers and blanks alone', () => {
    expect(renderReport([risky, markets], 'csv')).toBe(
      [
        'Partner,Gap',
        `"'=HYPERLINK(""http://x"")",-0.5`,
        '"Acme, ""the BPO"" | Ltd",1',
        '',
        'Market,Code,Assigned,Pass %',
        'Danmark,DK,72,83.7',
        '中国,CN,10,',
        '',
      ].join('\n')
    );
  });

  it('writes Markdown tables with escaped pipes and right-aligned number columns', () => {
    expect(renderReport([risky, empty], 'md')).toBe(
      [
        '## Partners',
        '',
        '| Partner | Gap |',
        '| --- | ---: |',
        '| =HYPERLINK("http://x") | -0.5 |',
        '| Acme, "the BPO" \\| Ltd | 1 |',
        '',
        '## Overdue training',
        '',
        'Nobody is overdue.',
        '',
      ].join('\n')
    );
  });

  it('puts a note under the table and the Markdown, but not into CSV', () => {
    const cut: ReportSection = { ...markets, rows: markets.rows.slice(0, 1), note: 'Showing 1 of 2.' };
    expect(renderReport([cut], 'table').split('\n').slice(-2)).toEqual(['Showing 1 of 2.', '']);
    expect(renderReport([cut], 'md').split('\n').slice(-3)).toEqual(['', 'Showing 1 of 2.', '']);
    expect(renderReport([cut], 'csv')).not.toContain('Showing');
  });
});

describe('CSV and Markdown stay valid whatever the cells hold', () => {
  const tricky: ReportSection = {
    title: 'Partners | *all* of them',
    headers: ['Partner', 'Note', 'Gap'],
    rows: [
      ['Acme; Nordic', 'line one\nline two', -0.5],
      [' padded ', 'say "hi", then\ttab', 0.25],
      ['-cmd|calc', '*bold* _it_ `code` <b>x</b> [l](u) ~s~ #h a\\b &amp; & done', null],
      ['Ørsted 中国', '', 3],
    ],
  };
  const single: ReportSection = { title: 'Who', headers: ['Who'], rows: [['Anna'], [null], ['Bo']] };

  it('writes CSV that a strict parser reads back to the same cells, one table per section', () => {
    const text = renderReport([tricky, single], 'csv');
    type RawRecord = { record: string[]; raw: string };
    const records = parse(text, {
      relax_column_count: true,
      skip_empty_lines: false,
      raw: true,
    }) as unknown as RawRecord[];
    const tables: string[][][] = [[]];
    for (const { record, raw } of records) {
      // A blank line separates sections; a row of one empty cell is written as "" and stays a row.
      if (raw.trim() === '') tables.push([]);
      else tables.at(-1)!.push(record);
    }
    expect(tables).toEqual([
      [
        ['Partner', 'Note', 'Gap'],
        ['Acme; Nordic', 'line one\nline two', '-0.5'],
        [' padded ', 'say "hi", then\ttab', '0.25'],
        ["'-cmd|calc", '*bold* _it_ `code` <b>x</b> [l](u) ~s~ #h a\\b &amp; & done', ''],
        ['Ørsted 中国', '', '3'],
      ],
      [['Who'], ['Anna'], [''], ['Bo']],
    ]);
    // Each section on its own is a strict CSV table (every row as long as the header).
    for (const section of [tricky, single]) {
      expect(() => parse(renderReport([section], 'csv'), { relax_column_count: false })).not.toThrow();
    }
  });

  it('escapes Markdown so every row keeps its columns and no cell turns into markup', () => {
    const lines = renderReport([tricky], 'md').split('\n');
    expect(lines[0]).toBe('## Partners \\| \\*all\\* of them');
    expect(lines[4]).toBe('| Acme; Nordic | line one line two | -0.5 |');
    expect(lines[6]).toBe(
      '| -cmd\\|calc | \\*bold\\* \\_it\\_ \\`code\\` \\<b\\>x\\</b\\> \\[l\\](u) \\~s\\~ \\#h a\\\\b \\&amp; & done | – |'
    );
    // Unescaped pipes: four per row of three columns.
    for (const line of lines.slice(2, 8)) expect(line.match(/(?<!\\)\|/g)).toHaveLength(4);
  });
});
