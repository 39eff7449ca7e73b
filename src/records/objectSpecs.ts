/*
 * What each Glocal object looks like in a spreadsheet: its upsert key, the columns that name
 * other records in the user's words (a course code, a country code, an e-mail), and the range
 * checks the pack's validation rules make — checked here so bad rows never reach the org.
 */

import { Messages } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-plugin-glocal', 'glocal.records');

/** Where a reference value is looked up: the first target with a match wins (User before Contact). */
export type ReferenceTarget = {
  object: string;
  /** Fields compared with the cell, case-insensitively. `$externalIds` = every external-ID field of the object. */
  matchFields: string[];
  /** The field on the imported object that receives the target's Id. */
  field: string;
};

export type ReferenceColumn = {
  /** Column name in import and export files. */
  column: string;
  /** Other header names that mean this column (besides the labels of its fields). */
  aliases?: string[];
  targets: ReferenceTarget[];
  required: boolean;
};

export type NumberRange = { min: number; max: number };

export type GlocalObjectSpec = {
  object: string;
  /** External ID the load upserts on. */
  keyField: string;
  /** Columns whose values make the key when a file has no key column (joined with `|`). */
  derivedKeyFrom?: string[];
  /**
   * The key is technical (nobody types or reads it) and nothing in a row can make one: a row
   * without a key that names its record by Id (an export of a record created in the UI) takes
   * that Id as its key.
   */
  keyFromId?: boolean;
  references: ReferenceColumn[];
  ranges: Record<string, NumberRange>;
  /** Fields an import must not set even if the describe allows it. */
  ignoredFields?: string[];
};

const participant = (required: boolean): ReferenceColumn[] => [
  {
    column: 'Participant',
    aliases: ['Participant Email', 'Participant Username', 'Email', 'Username'],
    targets: [
      { object: 'User', matchFields: ['Username', 'Email'], field: 'Participant_User__c' },
      { object: 'Contact', matchFields: ['Email'], field: 'Participant_Contact__c' },
    ],
    required,
  },
  {
    column: 'Participant_User__c',
    targets: [{ object: 'User', matchFields: ['Username', 'Email'], field: 'Participant_User__c' }],
    required: false,
  },
  {
    column: 'Participant_Contact__c',
    targets: [{ object: 'Contact', matchFields: ['Email'], field: 'Participant_Contact__c' }],
    required: false,
  },
];

const marketReference = (required: boolean): ReferenceColumn => ({
  column: 'Market__c',
  aliases: ['Market', 'Country', 'Country Code'],
  targets: [{ object: 'Market__c', matchFields: ['Country_Code__c', 'Name'], field: 'Market__c' }],
  required,
});

const fivePoint = { min: 1, max: 5 };
const dimensions = {
  Communication__c: fivePoint,
  Trust__c: fivePoint,
  Collaboration__c: fivePoint,
  Cultural_Understanding__c: fivePoint,
  Continuous_Improvement__c: fivePoint,
};
const meyer = { min: 1, max: 10 };

export const OBJECT_SPECS: Record<string, GlocalObjectSpec> = {
  Market__c: {
    object: 'Market__c',
    keyField: 'Country_Code__c',
    references: [],
    ranges: {
      Meyer_Communicating__c: meyer,
      Meyer_Evaluating__c: meyer,
      Meyer_Persuading__c: meyer,
      Meyer_Leading__c: meyer,
      Meyer_Deciding__c: meyer,
      Meyer_Trusting__c: meyer,
      Meyer_Disagreeing__c: meyer,
      Meyer_Scheduling__c: meyer,
    },
  },
  Training_Course__c: {
    object: 'Training_Course__c',
    keyField: 'Course_Code__c',
    references: [],
    ranges: { Passing_Score__c: { min: 0, max: 100 }, Duration_Hours__c: { min: 0, max: 999.9 } },
  },
  Training_Record__c: {
    object: 'Training_Record__c',
    keyField: 'Record_Key__c',
    derivedKeyFrom: ['Course__c', 'Participant', 'Participant_User__c', 'Participant_Contact__c', 'Assigned_On__c'],
    references: [
      {
        column: 'Course__c',
        aliases: ['Course', 'Course Code'],
        targets: [{ object: 'Training_Course__c', matchFields: ['Course_Code__c'], field: 'Course__c' }],
        required: true,
      },
      marketReference(true),
      ...participant(false),
    ],
    ranges: { Score__c: { min: 0, max: 100 } },
  },
  CQ_Assessment__c: {
    object: 'CQ_Assessment__c',
    keyField: 'Record_Key__c',
    derivedKeyFrom: [
      'Market__c',
      'Participant',
      'Participant_User__c',
      'Participant_Contact__c',
      'Assessed_On__c',
      'Instrument__c',
      'Rater_Type__c',
      'Phase__c',
    ],
    references: [marketReference(true), ...participant(false)],
    ranges: {
      Metacognitive__c: { min: 1, max: 7 },
      Cognitive__c: { min: 1, max: 7 },
      Motivational__c: { min: 1, max: 7 },
      Behavioral__c: { min: 1, max: 7 },
    },
  },
  Partner_Review__c: {
    object: 'Partner_Review__c',
    keyField: 'Review_Key__c',
    derivedKeyFrom: ['Partner__c', 'Period__c'],
    references: [
      {
        column: 'Partner__c',
        aliases: ['Partner', 'Account'],
        targets: [{ object: 'Account', matchFields: ['Name', '$externalIds'], field: 'Partner__c' }],
        required: true,
      },
      marketReference(false),
    ],
    ranges: {},
  },
  Partner_Feedback__c: {
    object: 'Partner_Feedback__c',
    keyField: 'Feedback_Key__c',
    keyFromId: true,
    references: [
      {
        column: 'Partner_Review__c',
        aliases: ['Partner Review', 'Review', 'Review Key'],
        targets: [{ object: 'Partner_Review__c', matchFields: ['Review_Key__c', 'Name'], field: 'Partner_Review__c' }],
        required: true,
      },
    ],
    ranges: { ...dimensions, Recommend__c: { min: 0, max: 10 } },
  },
  Service_Unit__c: {
    object: 'Service_Unit__c',
    keyField: 'Unit_Code__c',
    references: [],
    ranges: {},
  },
  Internal_Feedback__c: {
    object: 'Internal_Feedback__c',
    keyField: 'Feedback_Key__c',
    keyFromId: true,
    references: [
      {
        column: 'Rated_Unit__c',
        aliases: ['Rated Unit'],
        targets: [{ object: 'Service_Unit__c', matchFields: ['Unit_Code__c', 'Name'], field: 'Rated_Unit__c' }],
        required: true,
      },
      {
        column: 'Rating_Unit__c',
        aliases: ['Rating Unit'],
        targets: [{ object: 'Service_Unit__c', matchFields: ['Unit_Code__c', 'Name'], field: 'Rating_Unit__c' }],
        required: false,
      },
    ],
    ranges: { ...dimensions, CSAT__c: fivePoint },
  },
};

/** Objects in the order a full export/restore must load them (parents first). */
export const LOAD_ORDER = [
  'Market__c',
  'Training_Course__c',
  'Service_Unit__c',
  'Training_Record__c',
  'CQ_Assessment__c',
  'Partner_Review__c',
  'Partner_Feedback__c',
  'Internal_Feedback__c',
];

export function objectSpec(object: string): GlocalObjectSpec {
  const spec = OBJECT_SPECS[object];
  if (!spec) throw new Error(messages.getMessage('spec.unknownObject', [object]));
  return spec;
}

/** Fields that reference columns write: the import must not map them as plain columns too. */
export function referenceFields(spec: GlocalObjectSpec): Set<string> {
  return new Set(spec.references.flatMap((reference) => reference.targets.map((target) => target.field)));
}
