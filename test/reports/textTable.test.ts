import { describe, it, expect } from '@jest/globals';
import type { ReportSection } from '../../src/reports/render.js';
import { cutText, renderTextTable, textWidth, wrapHeader, wrapText } from '../../src/reports/textTable.js';

describe('textWidth and cutText', () => {
  it('counts wide CJK characters as two columns and combining marks as none', () => {
    expect(textWidth('Danmark')).toBe(7);
    expect(textWidth('日本')).toBe(4);
    expect(textWidth('Cafe\u0301')).toBe(4);
    expect(textWidth('الإمارات')).toBe(8);
  });

  it('cuts to the columns given, ending in an ellipsis, never splitting a wide character', () => {
    expect(cutText('Kulturel intelligens', 10)).toBe('Kulturel …');
    expect(cutText('跨文化沟通', 6)).toBe('跨文…');
    expect(cutText('short', 10)).toBe('short');
  });
});

describe('wrapHeader and wrapText', () => {
  it('wraps a header at spaces and cuts a word longer than the column', () => {
    expect(wrapHeader('Expiring ≤ 60 d', 8)).toEqual(['Expiring', '≤ 60 d']);
    expect(wrapHeader('Completion %', 10)).toEqual(['Completion', '%']);
    expect(wrapHeader('Metacognitive', 8)).toEqual(['Metacog…']);
  });

  it('wraps prose at spaces, keeping a word longer than the line whole', () => {
    expect(wrapText('Showing the 2 oldest of 5 overdue trainings.', 20)).toEqual([
      'Showing the 2 oldest',
      'of 5 overdue',
      'trainings.',
    ]);
    expect(wrapText('see https://example.com/a/very/long/address', 10)).toEqual([
      'see',
      'https://example.com/a/very/long/address',
    ]);
  });
});

const partners: ReportSection = {
  title: 'Partner scorecard',
  headers: ['Partner', 'Period', 'Given (Company → Partner)', 'Received (Partner → Company)', 'Gap'],
  rows: [
    ['Acme BPO', '2026-Q2', 4.333, 4.1667, -0.17],
    ['Nordic Care', '2026-Q3', 3, 5, 2],
  ],
  numberFormats: [undefined, undefined, { decimals: 2 }, { decimals: 2 }, { decimals: 2, signed: true }],
};

describe('renderTextTable', () => {
  it('keeps headers on one line when the table fits, and formats numbers as asked', () => {
    expect(renderTextTable(partners, 100)).toBe(
      [
        'Partner scorecard',
        'Partner      Period   Given (Company → Partner)  Received (Partner → Company)    Gap',
        '───────────  ───────  ─────────────────────────  ────────────────────────────  ─────',
        'Acme BPO     2026-Q2                       4.33                          4.17  -0.17',
        'Nordic Care  2026-Q3                       3.00                          5.00  +2.00',
        '',
      ].join('\n')
    );
  });

  it('wraps long headers onto two lines, bottom-aligned, when that makes the table fit', () => {
    expect(renderTextTable(partners, 62)).toBe(
      [
        'Partner scorecard',
        '                      Given (Company  Received (Partner',
        'Partner      Period       → Partner)         → Company)    Gap',
        '───────────  ───────  ──────────────  ─────────────────  ─────',
        'Acme BPO     2026-Q2            4.33               4.17  -0.17',
        'Nordic Care  2026-Q3            3.00               5.00  +2.00',
        '',
      ].join('\n')
    );
  });

  it('narrows the gap between columns to one space before splitting the table', () => {
    const text = renderTextTable(partners, 58);
    expect(text.split('\n').slice(1, 4)).toEqual([
      '                    Given (Company Received (Partner',
      'Partner     Period      → Partner)        → Company)   Gap',
      '─────────── ─────── ────────────── ───────────────── ─────',
    ]);
  });

  it('splits a table still too wide into blocks that repeat the key columns, losing nothing', () => {
    expect(renderTextTable({ ...partners, keyColumns: 2 }, 45)).toBe(
      [
        'Partner scorecard',
        '                      Given (Company',
        'Partner      Period       → Partner)',
        '───────────  ───────  ──────────────',
        'Acme BPO     2026-Q2            4.33',
        'Nordic Care  2026-Q3            3.00',
        '',
        '                      Received (Partner',
        'Partner      Period          → Company)',
        '───────────  ───────  ─────────────────',
        'Acme BPO     2026-Q2               4.17',
        'Nordic Care  2026-Q3               5.00',
        '',
        'Partner      Period     Gap',
        '───────────  ───────  ─────',
        'Acme BPO     2026-Q2  -0.17',
        'Nordic Care  2026-Q3  +2.00',
        '',
      ].join('\n')
    );
  });

  it('cuts only a text cell too wide for the terminal even in a block of its own', () => {
    const courses: ReportSection = {
      title: 'Overdue',
      headers: ['Who', 'Course'],
      rows: [['Li Wei', 'Interkulturelle Kommunikation für Filialleiterinnen und Filialleiter']],
    };
    expect(renderTextTable(courses, 40)).toBe(
      [
        'Overdue',
        'Who     Course',
        '──────  ────────────────────────────────',
        'Li Wei  Interkulturelle Kommunikation f…',
        '',
      ].join('\n')
    );
  });

  it('keeps each row on one line when a name holds a line break or a tab', () => {
    const names: ReportSection = { title: 'Partners', headers: ['Partner', 'NPS'], rows: [['Acme\r\nBPO\tLtd', 50]] };
    expect(renderTextTable(names).split('\n')).toEqual([
      'Partners',
      'Partner       NPS',
      '────────────  ───',
      'Acme BPO Ltd   50',
      '',
    ]);
  });

  it('wraps a long title, note and empty text to the width', () => {
    const empty: ReportSection = {
      title: 'Open action items over every period of every partner',
      headers: ['Partner'],
      rows: [],
      emptyText: 'No open action items: every item has been actioned.',
    };
    expect(renderTextTable(empty, 30)).toBe(
      [
        'Open action items over every',
        'period of every partner',
        'No open action items: every',
        'item has been actioned.',
        '',
      ].join('\n')
    );
  });
});
