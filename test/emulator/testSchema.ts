// A small slice of the Glocal data model, defined straight through the schema API (the deploy
// path is emulator/metadata's own test), for the core store, SOQL and REST tests.
import type { FieldSchema, OrgSchema, PicklistValue } from '../../emulator/org/schema.js';

const values = (...names: string[]): PicklistValue[] =>
  names.map((v, i) => ({ value: v, label: v, active: true, default: i === 0 && false }));

const f = (name: string, type: FieldSchema['type'], extra: Partial<FieldSchema> = {}): FieldSchema => ({
  name,
  label: name.replace(/__c$/, '').replace(/_/g, ' '),
  type,
  custom: true,
  nillable: true,
  ...extra,
});

export function defineTestSchema(schema: OrgSchema): void {
  schema.upsertGlobalValueSet('Glocal_Language', values('en_US', 'da', 'de', 'ar'));
  schema.upsertObject({
    name: 'Market__c',
    label: 'Market',
    labelPlural: 'Markets',
    custom: true,
    fields: {
      Country_Code__c: f('Country_Code__c', 'string', { length: 2, required: true, unique: true, externalId: true }),
      Language__c: f('Language__c', 'picklist', { valueSetName: 'Glocal_Language', restrictedPicklist: true }),
      Power_Distance__c: f('Power_Distance__c', 'double', { precision: 3, scale: 0 }),
      Training_Records__c: f('Training_Records__c', 'double', {
        precision: 18,
        scale: 0,
        rollup: { function: 'count', childObject: 'Training_Record__c', relationshipField: 'Market__c', filters: [] },
      }),
      Completed_Trainings__c: f('Completed_Trainings__c', 'double', {
        precision: 18,
        scale: 0,
        rollup: {
          function: 'count',
          childObject: 'Training_Record__c',
          relationshipField: 'Market__c',
          filters: [{ field: 'Status__c', operation: 'equals', value: 'Completed' }],
        },
      }),
      Score_Sum__c: f('Score_Sum__c', 'double', {
        precision: 18,
        scale: 2,
        rollup: {
          function: 'sum',
          childObject: 'Training_Record__c',
          field: 'Score__c',
          relationshipField: 'Market__c',
          filters: [],
        },
      }),
      Best_Score__c: f('Best_Score__c', 'double', {
        precision: 18,
        scale: 2,
        rollup: {
          function: 'max',
          childObject: 'Training_Record__c',
          field: 'Score__c',
          relationshipField: 'Market__c',
          filters: [],
        },
      }),
      Completion_Rate__c: f('Completion_Rate__c', 'percent', {
        precision: 18,
        scale: 0,
        formula: {
          source: 'IF(Training_Records__c = 0, 0, Completed_Trainings__c / Training_Records__c)',
          returnType: 'Percent',
        },
      }),
    },
  });
  schema.upsertObject({
    name: 'Training_Course__c',
    label: 'Training Course',
    labelPlural: 'Training Courses',
    custom: true,
    fields: {
      Course_Code__c: f('Course_Code__c', 'string', { length: 40, required: true, unique: true, externalId: true }),
      Passing_Score__c: f('Passing_Score__c', 'double', { precision: 3, scale: 0 }),
      Recertify_Months__c: f('Recertify_Months__c', 'double', { precision: 3, scale: 0 }),
      Active__c: f('Active__c', 'boolean', { defaultValue: 'true' }),
    },
  });
  schema.upsertObject({
    name: 'Training_Record__c',
    label: 'Training Record',
    labelPlural: 'Training Records',
    custom: true,
    fields: {
      Name: {
        name: 'Name',
        label: 'Training Record Name',
        type: 'autonumber',
        autoNumberFormat: 'TR-{000000}',
        nameField: true,
      },
      Course__c: f('Course__c', 'reference', {
        referenceTo: ['Training_Course__c'],
        relationshipName: 'Course',
        childRelationshipName: 'Training_Records',
        masterDetail: true,
        // not reparentable, as the pack's master-detail fields
        updateable: false,
      }),
      Market__c: f('Market__c', 'reference', {
        referenceTo: ['Market__c'],
        relationshipName: 'Market',
        childRelationshipName: 'Training_Records',
        masterDetail: true,
      }),
      Participant_Contact__c: f('Participant_Contact__c', 'reference', {
        referenceTo: ['Contact'],
        relationshipName: 'Participant_Contact',
        childRelationshipName: 'Training_Records',
      }),
      Status__c: f('Status__c', 'picklist', {
        restrictedPicklist: true,
        picklistValues: values('Assigned', 'In Progress', 'Completed', 'Failed', 'Withdrawn'),
      }),
      Result__c: f('Result__c', 'picklist', {
        restrictedPicklist: true,
        picklistValues: values('Pending', 'Pass', 'Fail'),
      }),
      Score__c: f('Score__c', 'double', { precision: 5, scale: 2 }),
      Completed_On__c: f('Completed_On__c', 'date'),
      Record_Key__c: f('Record_Key__c', 'string', { length: 80, unique: true, externalId: true }),
      Cert_Expires_On__c: f('Cert_Expires_On__c', 'date', {
        formula: {
          source: "IF(ISPICKVAL(Result__c, 'Pass'), ADDMONTHS(Completed_On__c, Course__r.Recertify_Months__c), NULL)",
          returnType: 'Date',
        },
      }),
    },
    validationRules: [
      {
        name: 'Completed_Needs_Date_And_Score',
        active: true,
        errorConditionFormula:
          "AND(OR(ISPICKVAL(Status__c, 'Completed'), ISPICKVAL(Status__c, 'Failed')), OR(ISBLANK(Completed_On__c), ISBLANK(Score__c)))",
        errorMessage: 'A completed or failed training needs a completion date and a score.',
        errorDisplayField: 'Completed_On__c',
      },
      {
        name: 'Pass_Needs_Passing_Score',
        active: true,
        errorConditionFormula: "AND(ISPICKVAL(Result__c, 'Pass'), Score__c < Course__r.Passing_Score__c)",
        errorMessage: 'A pass needs at least the course passing score.',
      },
    ],
  });
}
