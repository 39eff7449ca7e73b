import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { startOrg, type LocalOrg } from '../../emulator/index.js';
import { call, query, v } from './client.js';
import { defineTestSchema } from './testSchema.js';

type Json = Record<string, unknown>;
type ErrorList = Array<{ errorCode: string; message: string; fields?: string[] }>;

describe('local org write enforcement (REST, as a real org answers)', () => {
  let org: LocalOrg;
  let marketId: string;
  let courseId: string;

  beforeAll(async () => {
    org = await startOrg();
    defineTestSchema(org.schema);
    const m = await call(org, 'POST', `${v}/sobjects/Market__c`, {
      Name: 'Denmark',
      Country_Code__c: 'DK',
      Language__c: 'da',
    });
    expect(m.status).toBe(201);
    marketId = (m.body as Json).id as string;
    const c = await call(org, 'POST', `${v}/sobjects/Training_Course__c`, {
      Name: 'CQ Basics',
      Course_Code__c: 'CQ-101',
      Passing_Score__c: 70,
      Recertify_Months__c: 12,
    });
    expect(c.status).toBe(201);
    courseId = (c.body as Json).id as string;
  });
  afterAll(async () => {
    await org.stop();
  });

  const expectError = (reply: { status: number; body: unknown }, code: string, fields?: string[]): ErrorList => {
    expect(reply.status).toBe(400);
    const errors = reply.body as ErrorList;
    expect(errors[0].errorCode).toBe(code);
    if (fields) expect(errors[0].fields).toEqual(fields);
    return errors;
  };

  it('accepts a valid record, gives it an 18-character Id with the object key prefix and an autonumber', async () => {
    const created = await call(org, 'POST', `${v}/sobjects/Training_Record__c`, {
      Course__c: courseId,
      Market__c: marketId,
      Status__c: 'Assigned',
    });
    expect(created.status).toBe(201);
    const id = (created.body as Json).id as string;
    expect(id).toMatch(/^[a-zA-Z0-9]{18}$/);
    expect(id.slice(0, 3)).toBe(org.schema.getObject('Training_Record__c')!.keyPrefix);
    const got = await call(org, 'GET', `${v}/sobjects/Training_Record__c/${id}`);
    expect((got.body as Json).Name).toMatch(/^TR-\d{6}$/);
    // 15-character form reaches the same record
    const short = await call(org, 'GET', `${v}/sobjects/Training_Record__c/${id.slice(0, 15)}`);
    expect((short.body as Json).Id).toBe(id);
  });

  it('REQUIRED_FIELD_MISSING names the missing required and master-detail fields', async () => {
    const reply = await call(org, 'POST', `${v}/sobjects/Training_Course__c`, { Name: 'No code' });
    expectError(reply, 'REQUIRED_FIELD_MISSING', ['Course_Code__c']);
    const detail = await call(org, 'POST', `${v}/sobjects/Training_Record__c`, { Market__c: marketId });
    expect((detail.body as ErrorList)[0].message).toBe('Required fields are missing: [Course__c]');
  });

  it('STRING_TOO_LONG for text beyond the field length', async () => {
    const reply = await call(org, 'POST', `${v}/sobjects/Market__c`, { Name: 'X', Country_Code__c: 'DNK' });
    const errors = expectError(reply, 'STRING_TOO_LONG', ['Country_Code__c']);
    expect(errors[0].message).toContain('max length=2');
  });

  it('INVALID_TYPE_ON_FIELD_IN_RECORD for a value of the wrong type', async () => {
    const reply = await call(org, 'POST', `${v}/sobjects/Market__c`, {
      Name: 'X',
      Country_Code__c: 'XA',
      Power_Distance__c: 'high',
    });
    expectError(reply, 'INVALID_TYPE_ON_FIELD_IN_RECORD', ['Power_Distance__c']);
  });

  it('NUMBER_OUTSIDE_VALID_RANGE for too many integer digits; extra decimals are rounded', async () => {
    const reply = await call(org, 'POST', `${v}/sobjects/Market__c`, {
      Name: 'X',
      Country_Code__c: 'XB',
      Power_Distance__c: 1000,
    });
    expectError(reply, 'NUMBER_OUTSIDE_VALID_RANGE', ['Power_Distance__c']);
    const ok = await call(org, 'POST', `${v}/sobjects/Market__c`, {
      Name: 'X',
      Country_Code__c: 'XC',
      Power_Distance__c: 54.6,
    });
    expect(ok.status).toBe(201);
    const got = await call(org, 'GET', `${v}/sobjects/Market__c/${(ok.body as Json).id as string}`);
    expect((got.body as Json).Power_Distance__c).toBe(55);
  });

  it('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST, also for a global value set', async () => {
    const bad = await call(org, 'POST', `${v}/sobjects/Market__c`, {
      Name: 'X',
      Country_Code__c: 'XD',
      Language__c: 'klingon',
    });
    expectError(bad, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', ['Language__c']);
    const status = await call(org, 'POST', `${v}/sobjects/Training_Record__c`, {
      Course__c: courseId,
      Market__c: marketId,
      Status__c: 'Done',
    });
    expectError(status, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', ['Status__c']);
  });

  it('DUPLICATE_VALUE for a unique / external-ID value, stored or within one request', async () => {
    const dup = await call(org, 'POST', `${v}/sobjects/Market__c`, { Name: 'Denmark again', Country_Code__c: 'dk' });
    const errors = expectError(dup, 'DUPLICATE_VALUE');
    expect(errors[0].message).toContain(marketId);
    const batch = await call(org, 'POST', `${v}/composite/sobjects`, {
      allOrNone: false,
      records: [
        { attributes: { type: 'Market__c' }, Name: 'A', Country_Code__c: 'QA' },
        { attributes: { type: 'Market__c' }, Name: 'B', Country_Code__c: 'QA' },
      ],
    });
    expect(batch.status).toBe(200);
    const results = batch.body as Array<{ success: boolean; errors: Array<{ statusCode: string }> }>;
    expect(results[0].success).toBe(true);
    expect(results[1].errors[0].statusCode).toBe('DUPLICATE_VALUE');
  });

  it('MALFORMED_ID and FIELD_INTEGRITY_EXCEPTION / INVALID_CROSS_REFERENCE_KEY for bad references', async () => {
    const malformed = await call(org, 'POST', `${v}/sobjects/Training_Record__c`, {
      Course__c: 'nope',
      Market__c: marketId,
    });
    expectError(malformed, 'MALFORMED_ID', ['Course__c']);
    const wrongObject = await call(org, 'POST', `${v}/sobjects/Training_Record__c`, {
      Course__c: marketId,
      Market__c: marketId,
    });
    expectError(wrongObject, 'FIELD_INTEGRITY_EXCEPTION', ['Course__c']);
    const missingParent = courseId.slice(0, 10) + 'zzzzz';
    const gone = await call(org, 'POST', `${v}/sobjects/Training_Record__c`, {
      Course__c: missingParent,
      Market__c: marketId,
    });
    expectError(gone, 'INVALID_CROSS_REFERENCE_KEY', ['Course__c']);
  });

  it('INVALID_FIELD_FOR_INSERT_UPDATE for unknown, formula, roll-up and autonumber fields', async () => {
    const unknown = await call(org, 'POST', `${v}/sobjects/Market__c`, {
      Name: 'X',
      Country_Code__c: 'XE',
      Nope__c: 1,
    });
    expectError(unknown, 'INVALID_FIELD_FOR_INSERT_UPDATE', ['Nope__c']);
    const rollup = await call(org, 'POST', `${v}/sobjects/Market__c`, {
      Name: 'X',
      Country_Code__c: 'XF',
      Training_Records__c: 3,
    });
    expectError(rollup, 'INVALID_FIELD_FOR_INSERT_UPDATE', ['Training_Records__c']);
    const formula = await call(org, 'POST', `${v}/sobjects/Market__c`, {
      Name: 'X',
      Country_Code__c: 'XG',
      Completion_Rate__c: 3,
    });
    expectError(formula, 'INVALID_FIELD_FOR_INSERT_UPDATE', ['Completion_Rate__c']);
    const auto = await call(org, 'POST', `${v}/sobjects/Training_Record__c`, {
      Name: 'TR-1',
      Course__c: courseId,
      Market__c: marketId,
    });
    expectError(auto, 'INVALID_FIELD_FOR_INSERT_UPDATE', ['Name']);
  });

  it('FIELD_CUSTOM_VALIDATION_EXCEPTION with the rule message and display field, incl. parent fields', async () => {
    const noDate = await call(org, 'POST', `${v}/sobjects/Training_Record__c`, {
      Course__c: courseId,
      Market__c: marketId,
      Status__c: 'Completed',
      Score__c: 80,
    });
    const errors = expectError(noDate, 'FIELD_CUSTOM_VALIDATION_EXCEPTION', ['Completed_On__c']);
    expect(errors[0].message).toBe('A completed or failed training needs a completion date and a score.');
    const lowPass = await call(org, 'POST', `${v}/sobjects/Training_Record__c`, {
      Course__c: courseId,
      Market__c: marketId,
      Status__c: 'Completed',
      Completed_On__c: '2026-01-15',
      Score__c: 50,
      Result__c: 'Pass',
    });
    expectError(lowPass, 'FIELD_CUSTOM_VALIDATION_EXCEPTION', []);
  });

  it('computes formula fields on read (parent fields, ADDMONTHS) and keeps roll-ups current on insert, update and delete', async () => {
    const market = await call(org, 'POST', `${v}/sobjects/Market__c`, { Name: 'Germany', Country_Code__c: 'DE' });
    const mId = (market.body as Json).id as string;
    const pass = await call(org, 'POST', `${v}/sobjects/Training_Record__c`, {
      Course__c: courseId,
      Market__c: mId,
      Status__c: 'Completed',
      Completed_On__c: '2026-01-31',
      Score__c: 90,
      Result__c: 'Pass',
    });
    expect(pass.status).toBe(201);
    const passId = (pass.body as Json).id as string;
    const other = await call(org, 'POST', `${v}/sobjects/Training_Record__c`, {
      Course__c: courseId,
      Market__c: mId,
      Score__c: 40,
    });
    const otherId = (other.body as Json).id as string;
    const rec = await call(org, 'GET', `${v}/sobjects/Training_Record__c/${passId}`);
    expect((rec.body as Json).Cert_Expires_On__c).toBe('2027-01-31');
    let m = (await call(org, 'GET', `${v}/sobjects/Market__c/${mId}`)).body as Json;
    expect([
      m.Training_Records__c,
      m.Completed_Trainings__c,
      m.Score_Sum__c,
      m.Best_Score__c,
      m.Completion_Rate__c,
    ]).toEqual([2, 1, 130, 90, 50]);
    const upd = await call(org, 'PATCH', `${v}/sobjects/Training_Record__c/${otherId}`, { Score__c: 95 });
    expect(upd.status).toBe(204);
    m = (await call(org, 'GET', `${v}/sobjects/Market__c/${mId}`)).body as Json;
    expect([m.Score_Sum__c, m.Best_Score__c]).toEqual([185, 95]);
    const del = await call(org, 'DELETE', `${v}/sobjects/Training_Record__c/${otherId}`);
    expect(del.status).toBe(204);
    m = (await call(org, 'GET', `${v}/sobjects/Market__c/${mId}`)).body as Json;
    expect([m.Training_Records__c, m.Score_Sum__c, m.Best_Score__c]).toEqual([1, 90, 90]);
  });

  it('cascades the delete of a master to its details (and queryAll still sees them as deleted)', async () => {
    const market = await call(org, 'POST', `${v}/sobjects/Market__c`, { Name: 'France', Country_Code__c: 'FR' });
    const mId = (market.body as Json).id as string;
    const child = await call(org, 'POST', `${v}/sobjects/Training_Record__c`, { Course__c: courseId, Market__c: mId });
    const childId = (child.body as Json).id as string;
    expect((await call(org, 'DELETE', `${v}/sobjects/Market__c/${mId}`)).status).toBe(204);
    expect((await call(org, 'GET', `${v}/sobjects/Training_Record__c/${childId}`)).status).toBe(404);
    const all = await query(org, `SELECT Id, IsDeleted FROM Training_Record__c WHERE Id = '${childId}'`, true);
    expect((all.body as { records: Json[] }).records[0].IsDeleted).toBe(true);
  });

  it('upserts by external ID: 201 created, then 200 updated; relationship by external ID', async () => {
    const first = await call(org, 'PATCH', `${v}/sobjects/Training_Record__c/Record_Key__c/K-1`, {
      Course__r: { Course_Code__c: 'CQ-101' },
      Market__r: { Country_Code__c: 'DK' },
    });
    expect(first.status).toBe(201);
    expect((first.body as Json).created).toBe(true);
    const second = await call(org, 'PATCH', `${v}/sobjects/Training_Record__c/Record_Key__c/K-1`, { Score__c: 12 });
    expect(second.status).toBe(200);
    expect((second.body as Json).id).toBe((first.body as Json).id);
    // upserting an existing row may repeat its (non-reparentable) master-detail parent, not change it
    const again = await call(org, 'PATCH', `${v}/sobjects/Training_Record__c/Record_Key__c/K-1`, {
      Course__r: { Course_Code__c: 'CQ-101' },
      Score__c: 13,
    });
    expect(again.status).toBe(200);
    const other = await call(org, 'POST', `${v}/sobjects/Training_Course__c`, {
      Name: 'Other',
      Course_Code__c: 'OT-1',
    });
    const reparent = await call(org, 'PATCH', `${v}/sobjects/Training_Record__c/Record_Key__c/K-1`, {
      Course__c: (other.body as Json).id,
    });
    expectError(reparent, 'INVALID_FIELD_FOR_INSERT_UPDATE', ['Course__c']);
    const badRef = await call(org, 'PATCH', `${v}/sobjects/Training_Record__c/Record_Key__c/K-2`, {
      Course__r: { Course_Code__c: 'NOPE' },
      Market__c: marketId,
    });
    expectError(badRef, 'INVALID_FIELD');
  });

  it('composite allOrNone rolls everything back and reports the failing record', async () => {
    const before = await query(org, 'SELECT COUNT() FROM Market__c');
    const reply = await call(org, 'POST', `${v}/composite/sobjects`, {
      allOrNone: true,
      records: [
        { attributes: { type: 'Market__c' }, Name: 'Spain', Country_Code__c: 'ES' },
        { attributes: { type: 'Market__c' }, Name: 'Bad' },
      ],
    });
    const results = reply.body as Array<{ success: boolean; errors: Array<{ statusCode: string }> }>;
    expect(results[0].errors[0].statusCode).toBe('ALL_OR_NONE_OPERATION_ROLLED_BACK');
    expect(results[1].errors[0].statusCode).toBe('REQUIRED_FIELD_MISSING');
    const after = await query(org, 'SELECT COUNT() FROM Market__c');
    expect((after.body as Json).totalSize).toBe((before.body as Json).totalSize);
  });

  it('composite collections update, upsert by external ID and delete with per-record results', async () => {
    const created = await call(org, 'POST', `${v}/composite/sobjects`, {
      allOrNone: false,
      records: [
        { attributes: { type: 'Market__c' }, Name: 'Poland', Country_Code__c: 'PL' },
        { attributes: { type: 'Market__c' }, Name: 'Italy', Country_Code__c: 'IT' },
      ],
    });
    const [pl, it] = (created.body as Array<{ id: string }>).map((r) => r.id);
    const updated = await call(org, 'PATCH', `${v}/composite/sobjects`, {
      allOrNone: false,
      records: [
        { attributes: { type: 'Market__c' }, id: pl, Name: 'Polska' },
        { attributes: { type: 'Market__c' }, id: it, Country_Code__c: 'ITA' },
      ],
    });
    const upd = updated.body as Array<{ success: boolean; errors: Array<{ statusCode: string }> }>;
    expect(upd[0].success).toBe(true);
    expect(upd[1].errors[0].statusCode).toBe('STRING_TOO_LONG');
    const upserted = await call(org, 'PATCH', `${v}/composite/sobjects/Market__c/Country_Code__c`, {
      allOrNone: false,
      records: [
        { attributes: { type: 'Market__c' }, Country_Code__c: 'PL', Name: 'Poland again' },
        { attributes: { type: 'Market__c' }, Country_Code__c: 'CZ', Name: 'Czechia' },
      ],
    });
    const ups = upserted.body as Array<{ id: string; created: boolean }>;
    expect(ups.map((u) => [u.id === pl, u.created])).toEqual([
      [true, false],
      [false, true],
    ]);
    const deleted = await call(org, 'DELETE', `${v}/composite/sobjects?ids=${pl},${it},${pl}&allOrNone=false`);
    const del = deleted.body as Array<{ success: boolean; errors: Array<{ statusCode: string }> }>;
    expect(del.map((d) => d.success)).toEqual([true, true, false]);
    expect(del[2].errors[0].statusCode).toBe('ENTITY_IS_DELETED');
    const got = await call(org, 'GET', `${v}/sobjects/Market__c/${pl}`);
    expect(got.status).toBe(404);
  });

  it('composite tree inserts parents with children, or nothing', async () => {
    const ok = await call(org, 'POST', `${v}/composite/tree/Market__c`, {
      records: [
        {
          attributes: { type: 'Market__c', referenceId: 'jp' },
          Name: 'Japan',
          Country_Code__c: 'JP',
          Training_Records__r: {
            records: [{ attributes: { type: 'Training_Record__c', referenceId: 'jp1' }, Course__c: courseId }],
          },
        },
      ],
    });
    expect(ok.status).toBe(201);
    expect((ok.body as { results: Json[] }).results.map((r) => r.referenceId)).toEqual(['jp', 'jp1']);
    const bad = await call(org, 'POST', `${v}/composite/tree/Market__c`, {
      records: [
        {
          attributes: { type: 'Market__c', referenceId: 'br' },
          Name: 'Brazil',
          Country_Code__c: 'BR',
          Training_Records__r: {
            records: [{ attributes: { type: 'Training_Record__c', referenceId: 'br1' }, Status__c: 'Nope' }],
          },
        },
      ],
    });
    expect(bad.status).toBe(400);
    expect((bad.body as { hasErrors: boolean }).hasErrors).toBe(true);
    const br = await query(org, "SELECT Id FROM Market__c WHERE Country_Code__c = 'BR'");
    expect((br.body as Json).totalSize).toBe(0);
  });

  it('custom metadata records are queryable but not writable through the data API', async () => {
    org.schema.upsertObject({
      name: 'Glocal_Install__mdt',
      label: 'Glocal Install',
      labelPlural: 'Glocal Installs',
      custom: true,
      fields: { Version__c: { name: 'Version__c', label: 'Version', type: 'string', length: 40, custom: true } },
    });
    org.store.putSystemRecord('Glocal_Install__mdt', 'DeveloperName', {
      DeveloperName: 'Current',
      MasterLabel: 'Current',
      QualifiedApiName: 'Current',
      Version__c: '1.2.0',
    });
    const q = await query(org, "SELECT Version__c FROM Glocal_Install__mdt WHERE DeveloperName = 'Current'");
    expect((q.body as { records: Json[] }).records[0].Version__c).toBe('1.2.0');
    const write = await call(org, 'POST', `${v}/sobjects/Glocal_Install__mdt`, { Version__c: '9' });
    expect(write.status).toBe(400);
    expect((write.body as ErrorList)[0].errorCode).toBe('INVALID_TYPE');
  });

  it('PermissionSetAssignment: insert, DUPLICATE_VALUE on the same assignment, delete', async () => {
    const psId = org.store.putSystemRecord('PermissionSet', 'Name', { Name: 'Glocal_Admin', Label: 'Glocal Admin' });
    const first = await call(org, 'POST', `${v}/sobjects/PermissionSetAssignment`, {
      AssigneeId: org.userId,
      PermissionSetId: psId,
    });
    expect(first.status).toBe(201);
    const again = await call(org, 'POST', `${v}/sobjects/PermissionSetAssignment`, {
      AssigneeId: org.userId,
      PermissionSetId: psId,
    });
    expectError(again, 'DUPLICATE_VALUE');
    const q = await query(
      org,
      `SELECT Id, PermissionSet.Name FROM PermissionSetAssignment WHERE AssigneeId = '${org.userId}'`
    );
    expect(((q.body as { records: Json[] }).records[0].PermissionSet as Json).Name).toBe('Glocal_Admin');
    expect(
      (await call(org, 'DELETE', `${v}/sobjects/PermissionSetAssignment/${(first.body as Json).id as string}`)).status
    ).toBe(204);
  });
});
