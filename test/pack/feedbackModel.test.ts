// The partner and internal feedback model at work: the pack is deployed into the local org and the
// scorecard numbers (averages, perception gap, NPS, CSAT %) and the validation rules are checked on
// real records. "Checked on the local org" — the formulas stay inside the subset it evaluates.
import { describe, it, expect, beforeAll } from '@jest/globals';
import { runDeploy } from '../../emulator/metadata/deploy.js';
import type { WriteResult } from '../../emulator/org/store.js';
import type { OrgContext } from '../../emulator/types.js';
import { localOrgContext, zipOfSource } from '../emulator/localOrgContext.js';

let org: OrgContext;
let partnerAccountId: string;
let partnerUserId: string;

function insert(type: string, rows: Array<Record<string, unknown>>, userId?: string): WriteResult[] {
  return org.store.insert(type, rows, { userId });
}

function insertOne(type: string, row: Record<string, unknown>, userId?: string): string {
  const [result] = insert(type, [row], userId);
  if (!result.success) throw new Error(`${type} insert failed: ${JSON.stringify(result.errors)}`);
  return result.id!;
}

function read(id: string, field: string): unknown {
  const found = org.store.findById(id);
  if (!found) throw new Error(`no record ${id}`);
  return org.store.read(found.table, found.record, field);
}

/** The validation messages a write was refused with. */
function refusals(result: WriteResult): string[] {
  expect(result.success).toBe(false);
  return result.errors.map((error) => `${error.statusCode}: ${error.message}`);
}

function newReview(name: string): string {
  return insertOne('Partner_Review__c', { Name: name, Partner__c: partnerAccountId, Period__c: '2026-Q3' });
}

beforeAll(async () => {
  org = localOrgContext();
  const outcome = runDeploy(org, await zipOfSource('force-app'), {
    checkOnly: false,
    rollbackOnError: true,
    singlePackage: true,
    purgeOnDelete: false,
    ignoreWarnings: false,
  });
  expect(outcome.failures).toEqual([]);
  partnerAccountId = insertOne('Account', { Name: 'Acme BPO' });

  // A second user who holds Glocal_Partner, as an external partner user would.
  const users = [...org.store.table('User').rows.values()];
  partnerUserId = String(users.find((user) => user.Id !== org.userId)!.Id);
  const partnerSet = [...org.store.table('PermissionSet').rows.values()].find((set) => set.Name === 'Glocal_Partner');
  insertOne('PermissionSetAssignment', { AssigneeId: partnerUserId, PermissionSetId: partnerSet!.Id });
}, 60000);

describe('Partner_Review__c', () => {
  it('refuses a period that is not YYYY-Qn', () => {
    const [result] = insert('Partner_Review__c', [
      { Name: 'Acme 2026 Q3', Partner__c: partnerAccountId, Period__c: '2026-3' },
    ]);
    expect(refusals(result)).toEqual([
      'FIELD_CUSTOM_VALIDATION_EXCEPTION: Enter the period as year and quarter, for example 2026-Q3.',
    ]);
  });

  it('averages each direction over submitted feedback only, and shows the perception gap and NPS', () => {
    const review = newReview('Acme BPO 2026-Q3');
    const feedback = (direction: string, status: string, scores: number[], recommend: number | null) => ({
      Partner_Review__c: review,
      Direction__c: direction,
      Status__c: status,
      Communication__c: scores[0],
      Trust__c: scores[1],
      Collaboration__c: scores[2],
      Recommend__c: recommend,
    });
    const results = insert('Partner_Feedback__c', [
      feedback('Company to Partner', 'Submitted', [4, 4, 4], 10), // overall 4
      feedback('Company to Partner', 'Reviewed', [3, 3, 3], 9), // overall 3
      feedback('Partner to Company', 'Submitted', [2, 2, 2], 3), // overall 2
      feedback('Partner to Company', 'Draft', [5, 5, 5], 10), // a draft counts for nothing
    ]);
    expect(results.every((result) => result.success)).toBe(true);

    expect(read(review, 'Given_Count__c')).toBe(2);
    expect(read(review, 'Received_Count__c')).toBe(1);
    expect(read(review, 'Avg_Given__c')).toBe(3.5);
    expect(read(review, 'Avg_Received__c')).toBe(2);
    expect(read(review, 'Perception_Gap__c')).toBe(-1.5);
    // 2 promoters (10, 9) and 1 detractor (3) of 3 respondents: (2 - 1) / 3 = 33.
    expect(read(review, 'Respondents__c')).toBe(3);
    expect(read(review, 'NPS__c')).toBe(33);
  });

  it('leaves averages, gap and NPS blank while there is no submitted feedback', () => {
    const review = newReview('Quiet partner 2026-Q3');
    for (const field of ['Avg_Given__c', 'Avg_Received__c', 'Perception_Gap__c', 'NPS__c']) {
      expect(read(review, field)).toBeNull();
    }
  });
});

describe('Partner_Feedback__c', () => {
  it('averages only the dimensions that were scored', () => {
    const review = newReview('Overall check 2026-Q3');
    const id = insertOne('Partner_Feedback__c', {
      Partner_Review__c: review,
      Direction__c: 'Company to Partner',
      Status__c: 'Draft',
      Communication__c: 5,
      Continuous_Improvement__c: 2,
    });
    expect(read(id, 'Overall__c')).toBe(3.5);
    expect(read(id, 'Name')).toMatch(/^PF-\d{6}$/);
  });

  it('needs three scored dimensions before it leaves Draft, and action items before Actioned', () => {
    const review = newReview('Rules check 2026-Q3');
    const base = { Partner_Review__c: review, Direction__c: 'Company to Partner' };
    const [tooFew] = insert('Partner_Feedback__c', [
      { ...base, Status__c: 'Submitted', Trust__c: 4, Collaboration__c: 4 },
    ]);
    expect(refusals(tooFew)).toEqual([
      'FIELD_CUSTOM_VALIDATION_EXCEPTION: Score at least three of the five dimensions before you submit this feedback.',
    ]);
    const scored = { ...base, Trust__c: 4, Collaboration__c: 4, Communication__c: 3 };
    const [noActions] = insert('Partner_Feedback__c', [{ ...scored, Status__c: 'Actioned' }]);
    expect(refusals(noActions)).toEqual([
      'FIELD_CUSTOM_VALIDATION_EXCEPTION: Record the agreed action items before you set the status to Actioned.',
    ]);
    const id = insertOne('Partner_Feedback__c', { ...scored, Status__c: 'Actioned', Action_Items__c: 'Weekly call' });
    expect(read(id, 'Has_Action_Items__c')).toBe(true);
  });

  it('refuses scores outside 1-5 and recommendations outside 0-10', () => {
    const review = newReview('Range check 2026-Q3');
    const [result] = insert('Partner_Feedback__c', [
      {
        Partner_Review__c: review,
        Direction__c: 'Company to Partner',
        Status__c: 'Draft',
        Trust__c: 6,
        Recommend__c: 11,
      },
    ]);
    expect(refusals(result).sort()).toEqual([
      'FIELD_CUSTOM_VALIDATION_EXCEPTION: Dimension scores must be whole numbers from 1 to 5. Leave a dimension blank if you cannot judge it.',
      'FIELD_CUSTOM_VALIDATION_EXCEPTION: Likelihood to recommend must be a whole number from 0 to 10.',
    ]);
  });

  it('lets a partner user give feedback only in the direction Partner to Company', () => {
    const review = newReview('Partner direction 2026-Q3');
    const row = (direction: string) => ({
      Partner_Review__c: review,
      Direction__c: direction,
      Status__c: 'Draft',
      Trust__c: 4,
    });
    const [wrongWay] = insert('Partner_Feedback__c', [row('Company to Partner')], partnerUserId);
    expect(refusals(wrongWay)).toEqual([
      'FIELD_CUSTOM_VALIDATION_EXCEPTION: As a partner you can only give feedback in the direction Partner → Company.',
    ]);
    expect(insert('Partner_Feedback__c', [row('Partner to Company')], partnerUserId)[0].success).toBe(true);
    // The same row from an internal user is fine: the rule follows the custom permission, not the data.
    expect(insert('Partner_Feedback__c', [row('Company to Partner')])[0].success).toBe(true);
  });
});

describe('Service_Unit__c and Internal_Feedback__c', () => {
  it('rolls CSAT up to the rated unit as the share of 4s and 5s', () => {
    const [serviceDesk, hr, finance] = insert('Service_Unit__c', [
      { Name: 'IT Service Desk', Unit_Code__c: 'CC-100' },
      { Name: 'HR', Unit_Code__c: 'CC-200' },
      { Name: 'Finance', Unit_Code__c: 'CC-300' },
    ]).map((result) => result.id!);
    const results = insert('Internal_Feedback__c', [
      { Rated_Unit__c: serviceDesk, Rating_Unit__c: hr, Period__c: '2026-Q3', CSAT__c: 5 },
      { Rated_Unit__c: serviceDesk, Rating_Unit__c: finance, Period__c: '2026-Q3', CSAT__c: 4 },
      { Rated_Unit__c: serviceDesk, Rating_Unit__c: hr, Period__c: '2026-Q2', CSAT__c: 2 },
      { Rated_Unit__c: serviceDesk, Rating_Unit__c: finance, Period__c: '2026-Q2', CSAT__c: 3 },
    ]);
    expect(results.every((result) => result.success)).toBe(true);
    expect(read(serviceDesk, 'Responses__c')).toBe(4);
    expect(read(serviceDesk, 'Satisfied_Responses__c')).toBe(2);
    expect(read(serviceDesk, 'CSAT_Percent__c')).toBe(50);
    expect(read(results[0].id!, 'Satisfied__c')).toBe(true);
    expect(read(results[2].id!, 'Satisfied__c')).toBe(false);
    expect(read(hr, 'CSAT_Percent__c')).toBeNull();
  });

  it('refuses a unit rating itself, a CSAT outside 1-5 and a malformed period', () => {
    const unit = insertOne('Service_Unit__c', { Name: 'Logistics', Unit_Code__c: 'CC-400' });
    const [self] = insert('Internal_Feedback__c', [
      { Rated_Unit__c: unit, Rating_Unit__c: unit, Period__c: '2026-Q3', CSAT__c: 4 },
    ]);
    expect(refusals(self)).toEqual([
      'FIELD_CUSTOM_VALIDATION_EXCEPTION: A unit cannot rate itself. Choose a different rating unit.',
    ]);
    const [badScale] = insert('Internal_Feedback__c', [{ Rated_Unit__c: unit, Period__c: 'Q3 2026', CSAT__c: 7 }]);
    expect(refusals(badScale).sort()).toEqual([
      'FIELD_CUSTOM_VALIDATION_EXCEPTION: Enter the period as year and quarter, for example 2026-Q3.',
      'FIELD_CUSTOM_VALIDATION_EXCEPTION: Satisfaction (CSAT) must be a whole number from 1 to 5.',
    ]);
  });
});
