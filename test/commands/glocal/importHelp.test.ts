/*
 * The import commands' --help: each names translated picklist labels that really exist for its
 * own object (checked against the bundled pack), shows how to import what its rows refer to
 * first, and states the Bulk threshold the import really uses.
 */
import { describe, it, expect, beforeAll } from '@jest/globals';
import CourseImport from '../../../src/commands/glocal/course/import.js';
import CqImport from '../../../src/commands/glocal/cq/import.js';
import FeedbackImport from '../../../src/commands/glocal/feedback/import.js';
import InternalFeedbackImport from '../../../src/commands/glocal/internal-feedback/import.js';
import MarketImport from '../../../src/commands/glocal/market/import.js';
import TrainingImport from '../../../src/commands/glocal/training/import.js';
import { DEFAULT_BULK_THRESHOLD } from '../../../src/records/importRecords.js';
import { importFlags } from '../../../src/ux/recordCommands.js';
import { bundledPackLabels, normalizeLabel, type PackLabels } from '../../../src/records/packLabels.js';

type ImportCommand = { description?: string; examples?: unknown };

/** Per command: every translated label its help quotes, the field it belongs to and its API value. */
const COMMANDS: Array<[string, ImportCommand, Record<string, [field: string, value: string]>]> = [
  [
    'market',
    MarketImport,
    {
      Dansk: ['Market__c.Language__c', 'da'],
      Dänisch: ['Market__c.Language__c', 'da'],
      Høj: ['Market__c.Context__c', 'High'],
    },
  ],
  [
    'course',
    CourseImport,
    {
      'Kulturel intelligens': ['Training_Course__c.Topic__c', 'Cultural Intelligence'],
      'E-læring': ['Training_Course__c.Delivery_Mode__c', 'E-Learning'],
    },
  ],
  [
    'training',
    TrainingImport,
    {
      Gennemført: ['Training_Record__c.Status__c', 'Completed'],
      Bestået: ['Training_Record__c.Result__c', 'Pass'],
    },
  ],
  [
    'cq',
    CqImport,
    {
      Selv: ['CQ_Assessment__c.Rater_Type__c', 'Self'],
      'Efter uddannelse': ['CQ_Assessment__c.Phase__c', 'Post-training'],
    },
  ],
  [
    'feedback',
    FeedbackImport,
    {
      'Virksomhed → Partner': ['Partner_Feedback__c.Direction__c', 'Company to Partner'],
      Indsendt: ['Partner_Feedback__c.Status__c', 'Submitted'],
    },
  ],
  [
    'internal-feedback',
    InternalFeedbackImport,
    {
      Indsendt: ['Internal_Feedback__c.Status__c', 'Submitted'],
      Gennemgået: ['Internal_Feedback__c.Status__c', 'Reviewed'],
    },
  ],
];

/** The labels quoted in "picklist values may be translated labels (…)." of a description. */
function quotedLabels(description: string): string[] {
  const sentence = /picklist values may be translated labels \(([^)]*)\)/.exec(description);
  expect(sentence).not.toBeNull();
  return [...sentence![1].matchAll(/"([^"]+)"/g)].map((match) => match[1]);
}

const examplesOf = (command: ImportCommand): string => (command.examples as string[]).join('\n');

describe('import --help', () => {
  let labels: PackLabels;

  beforeAll(async () => {
    labels = await bundledPackLabels();
  });

  it.each(COMMANDS)(
    '%s: quotes translated labels of its own object that map to the value it names',
    (_, command, expected) => {
      const description = command.description ?? '';
      expect(quotedLabels(description).sort()).toEqual(Object.keys(expected).sort());
      for (const [label, [field, value]] of Object.entries(expected)) {
        expect([label, labels.picklistLabels.get(field)?.get(normalizeLabel(label))]).toEqual([label, value]);
        expect(description).toContain(`"${label}"`);
        expect(description).toContain(value);
      }
    }
  );

  it.each(COMMANDS)('%s: the Bulk threshold is the import’s, counted in valid rows', (_, command) => {
    expect(command.description).toContain(
      `Files with more than ${DEFAULT_BULK_THRESHOLD.toLocaleString('en-US')} valid rows are loaded with Bulk API 2.0`
    );
  });

  it('--bulk names the same threshold', () => {
    expect(importFlags.bulk.summary).toContain(
      `Bulk API 2.0 loads files with more than ${DEFAULT_BULK_THRESHOLD.toLocaleString('en-US')} valid rows`
    );
  });

  it('feedback: shows --type review, and that reviews come first', () => {
    const examples = examplesOf(FeedbackImport);
    expect(examples).toMatch(/Import the partner reviews first/);
    const review = examples.indexOf('--type review --file reviews.csv');
    const feedback = examples.indexOf('--file feedback.csv --target-org');
    expect(review).toBeGreaterThan(-1);
    expect(feedback).toBeGreaterThan(review);
    expect(FeedbackImport.description).toMatch(/With --type review the file holds partner reviews/);
  });

  it('internal-feedback: shows --type unit, and that units come first', () => {
    const examples = examplesOf(InternalFeedbackImport);
    expect(examples).toMatch(/Import the service units first/);
    const units = examples.indexOf('--type unit --file units.csv');
    const feedback = examples.indexOf('--file internal-feedback.csv --target-org');
    expect(units).toBeGreaterThan(-1);
    expect(feedback).toBeGreaterThan(units);
    expect(InternalFeedbackImport.description).toMatch(/With --type unit the file holds service units/);
  });

  it('examples only use --date-format for objects with dates', () => {
    const withoutDates = [CourseImport, FeedbackImport, InternalFeedbackImport];
    for (const command of withoutDates) expect(examplesOf(command)).not.toContain('--date-format');
    for (const command of [MarketImport, TrainingImport, CqImport])
      expect(examplesOf(command)).toContain('--date-format');
  });
});
