import { describe, it, expect } from '@jest/globals';
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
