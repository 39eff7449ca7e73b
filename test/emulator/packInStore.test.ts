// The deployed Glocal pack as the record store sees it: every formula and validation rule compiles
// in the store's own context (field types through relationships), and the pack's rules, formulas
// and roll-ups work on real writes.
import { describe, it, expect, beforeAll } from '@jest/globals';
import { runDeploy } from '../../emulator/metadata/deploy.js';
import type { OrgContext } from '../../emulator/types.js';
import { SoqlEngine } from '../../emulator/soql/engine.js';
import { localOrgContext, zipOfSource } from './localOrgContext.js';

describe('the Glocal pack in the record store', () => {
  let org: OrgContext;

  beforeAll(async () => {
    org = localOrgContext();
    const outcome = runDeploy(org, await zipOfSource('force-app'), {
      checkOnly: false,
      rollbackOnError: true,
      singlePackage: true,
      purgeOnDelete: false,
      ignoreWarnings: false,
    } as Parameters<typeof runDeploy>[2]);
    expect((outcome as { success: boolean }).success).toBe(true);
  }, 60_000);

  it('compiles every formula field and active validation rule of every custom object', () => {
    const problems: string[] = [];
    for (const obj of org.schema.listObjects().filter((o) => o.custom)) {
      const table = org.store.table(obj.name);
      for (const f of Object.values(obj.fields)) {
        if (f.formula && !org.store.formulaOf(table, f)) problems.push(`${obj.name}.${f.name}`);
      }
      problems.push(...table.ruleProblems.map((p) => `${obj.name}: ${p}`));
      expect(table.rules.length).toBe(obj.validationRules.filter((r) => r.active).length);
    }
    expect(problems).toEqual([]);
  });

  it('enforces the pack rules and computes its formulas and roll-ups', () => {
    const s = org.store;
    const [market] = s.insert('Market__c', [{ Name: 'Denmark', Country_Code__c: 'DK', Language__c: 'da' }]);
    expect(market.success).toBe(true);
    const [course] = s.insert('Training_Course__c', [
      { Name: 'CQ', Course_Code__c: 'CQ-1', Passing_Score__c: 70, Recertify_Months__c: 12 },
    ]);
    const [contact] = s.insert('Contact', [{ LastName: 'Doe' }]);
    const base = { Course__c: course.id, Market__c: market.id, Participant_Contact__c: contact.id };
    const results = s.insert('Training_Record__c', [
      { ...base, Status__c: 'Completed', Completed_On__c: '2026-01-10', Score__c: 85, Result__c: 'Pass' },
      { Course__c: course.id, Market__c: market.id, Status__c: 'Assigned' },
      { ...base, Status__c: 'Completed', Completed_On__c: '2026-01-10', Score__c: 50, Result__c: 'Pass' },
    ]);
    expect(results.map((r) => r.errors[0]?.statusCode ?? 'ok')).toEqual([
      'ok',
      'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      'FIELD_CUSTOM_VALIDATION_EXCEPTION',
    ]);
    const rows = new SoqlEngine(s).run(
      'SELECT Name, Cert_Expires_On__c, Market__r.Training_Records__c, Market__r.Completion_Rate__c FROM Training_Record__c',
      { apiVersion: '62.0' }
    ).records;
    expect(rows).toEqual([
      expect.objectContaining({
        Name: 'TR-000001',
        Cert_Expires_On__c: '2027-01-10',
        Market__r: expect.objectContaining({ Training_Records__c: 1, Completion_Rate__c: 100 }),
      }),
    ]);
  });
});
