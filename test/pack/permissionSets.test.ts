// Security invariants of the pack's permission sets, read from the source metadata itself.
// Each check is a function returning its violations, run once on the real pack (expect none) and
// once on a deliberately broken copy (expect the break to be named), so a check cannot pass vacuously.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from '@jest/globals';
import { list, metadataReader, packDir, TOP_OBJECTS } from './packXml.js';

const INTERNAL_OBJECTS = [
  'Market__c',
  'Training_Course__c',
  'Training_Record__c',
  'CQ_Assessment__c',
  'Service_Unit__c',
  'Internal_Feedback__c',
];
const MANAGER_READ_ONLY = ['Market__c', 'Training_Course__c', 'Service_Unit__c'];
const MANAGER_WRITES = [
  'Training_Record__c',
  'CQ_Assessment__c',
  'Partner_Review__c',
  'Partner_Feedback__c',
  'Internal_Feedback__c',
];

const REPEATED_TAGS = new Set([
  'fieldPermissions',
  'objectPermissions',
  'tabSettings',
  'customPermissions',
  'applicationVisibilities',
  'customMetadataTypeAccesses',
  'userPermissions',
]);
const readXml = metadataReader(REPEATED_TAGS);

interface PackField {
  object: string;
  field: string;
  type: string;
  required: boolean;
  /** Formula, roll-up summary or auto-number: the platform computes it, nobody can edit it. */
  computed: boolean;
}

function readPackFields(): PackField[] {
  const objectsDir = join(packDir, 'objects');
  const fields: PackField[] = [];
  for (const object of readdirSync(objectsDir).filter((name) => name.endsWith('__c'))) {
    const fieldsDir = join(objectsDir, object, 'fields');
    if (!existsSync(fieldsDir)) continue;
    for (const file of readdirSync(fieldsDir).filter((name) => name.endsWith('.field-meta.xml'))) {
      const field = readXml(join(fieldsDir, file), 'CustomField');
      const type = String(field.type);
      fields.push({
        object,
        field: String(field.fullName),
        type,
        required: field.required === 'true',
        computed: field.formula !== undefined || type === 'Summary' || type === 'AutoNumber',
      });
    }
  }
  return fields;
}

/** Required and master-detail fields are always visible and editable: Salesforce refuses FLS on them. */
const canHaveFls = (field: PackField): boolean => !field.required && field.type !== 'MasterDetail';

interface ObjectAccess {
  object: string;
  allowCreate: boolean;
  allowRead: boolean;
  allowEdit: boolean;
  allowDelete: boolean;
  viewAllRecords: boolean;
  modifyAllRecords: boolean;
}
interface FieldAccess {
  field: string;
  readable: boolean;
  editable: boolean;
}
interface PermissionSet {
  name: string;
  objects: ObjectAccess[];
  fields: FieldAccess[];
  tabs: Array<{ tab: string; visibility: string }>;
  apps: Array<{ application: string; visible: boolean }>;
  customPermissions: Array<{ name: string; enabled: boolean }>;
}

const flag = (value: unknown): boolean => value === 'true';

function readPermissionSet(name: string): PermissionSet {
  const root = readXml(join(packDir, 'permissionsets', `${name}.permissionset-meta.xml`), 'PermissionSet');
  return {
    name,
    objects: list(root.objectPermissions).map((entry) => ({
      object: String(entry.object),
      allowCreate: flag(entry.allowCreate),
      allowRead: flag(entry.allowRead),
      allowEdit: flag(entry.allowEdit),
      allowDelete: flag(entry.allowDelete),
      viewAllRecords: flag(entry.viewAllRecords),
      modifyAllRecords: flag(entry.modifyAllRecords),
    })),
    fields: list(root.fieldPermissions).map((entry) => ({
      field: String(entry.field),
      readable: flag(entry.readable),
      editable: flag(entry.editable),
    })),
    tabs: list(root.tabSettings).map((entry) => ({ tab: String(entry.tab), visibility: String(entry.visibility) })),
    apps: list(root.applicationVisibilities).map((entry) => ({
      application: String(entry.application),
      visible: flag(entry.visible),
    })),
    customPermissions: list(root.customPermissions).map((entry) => ({
      name: String(entry.name),
      enabled: flag(entry.enabled),
    })),
  };
}

const objectOf = (qualifiedField: string): string => qualifiedField.split('.')[0];
const qualified = (field: PackField): string => `${field.object}.${field.field}`;

// ---- the checks: each returns human-readable violations

function adminFieldGaps(fields: PackField[], admin: PermissionSet): string[] {
  const granted = new Map(admin.fields.map((access) => [access.field, access]));
  const gaps: string[] = [];
  for (const field of fields.filter(canHaveFls)) {
    const access = granted.get(qualified(field));
    if (!access?.readable) gaps.push(`${qualified(field)} is not readable`);
    else if (!field.computed && !access.editable) gaps.push(`${qualified(field)} is not editable`);
  }
  return gaps;
}

function adminObjectGaps(admin: PermissionSet): string[] {
  const gaps: string[] = [];
  for (const object of TOP_OBJECTS) {
    const access = admin.objects.find((entry) => entry.object === object);
    const full =
      access?.allowCreate &&
      access.allowRead &&
      access.allowEdit &&
      access.allowDelete &&
      access.viewAllRecords &&
      access.modifyAllRecords;
    if (!full) gaps.push(`${object} lacks full access with View All and Modify All`);
    if (!admin.tabs.some((entry) => entry.tab === object && entry.visibility === 'Visible')) {
      gaps.push(`tab ${object} is not visible`);
    }
  }
  if (!admin.apps.some((entry) => entry.application === 'Glocal' && entry.visible))
    gaps.push('app Glocal is not visible');
  return gaps;
}

function grantsOnObjects(permissionSet: PermissionSet, objects: string[]): string[] {
  const grants: string[] = [];
  for (const access of permissionSet.objects.filter((entry) => objects.includes(entry.object))) {
    const any =
      access.allowCreate ||
      access.allowRead ||
      access.allowEdit ||
      access.allowDelete ||
      access.viewAllRecords ||
      access.modifyAllRecords;
    if (any) grants.push(`object ${access.object}`);
  }
  for (const access of permissionSet.fields.filter((entry) => objects.includes(objectOf(entry.field)))) {
    if (access.readable || access.editable) grants.push(`field ${access.field}`);
  }
  for (const tab of permissionSet.tabs.filter((entry) => objects.includes(entry.tab))) {
    if (tab.visibility !== 'None') grants.push(`tab ${tab.tab}`);
  }
  return grants;
}

function managerOverreach(manager: PermissionSet): string[] {
  const overreach: string[] = [];
  for (const access of manager.objects) {
    if (access.allowDelete) overreach.push(`${access.object}: delete`);
    if (access.viewAllRecords) overreach.push(`${access.object}: View All`);
    if (access.modifyAllRecords) overreach.push(`${access.object}: Modify All`);
    if (MANAGER_READ_ONLY.includes(access.object) && (access.allowEdit || access.allowCreate)) {
      overreach.push(`${access.object}: create or edit`);
    }
  }
  for (const access of manager.fields) {
    if (MANAGER_READ_ONLY.includes(objectOf(access.field)) && access.editable) {
      overreach.push(`${access.field}: editable`);
    }
  }
  return overreach;
}

/** Field permissions a deploy would reject or that point at nothing. */
function invalidFieldReferences(fields: PackField[], permissionSet: PermissionSet): string[] {
  const byName = new Map(fields.map((field) => [qualified(field), field]));
  const problems: string[] = [];
  for (const access of permissionSet.fields) {
    const field = byName.get(access.field);
    if (!field) problems.push(`${access.field} does not exist`);
    else if (!canHaveFls(field)) problems.push(`${access.field} is required or master-detail and cannot have FLS`);
    else if (field.computed && access.editable) problems.push(`${access.field} is computed and cannot be editable`);
    if (access.editable && !access.readable) problems.push(`${access.field} is editable but not readable`);
  }
  const objects = new Set(fields.map((field) => field.object));
  for (const access of permissionSet.objects) {
    if (!objects.has(access.object)) problems.push(`object ${access.object} does not exist`);
  }
  return problems;
}

// ---- mutation helpers for the "can fail" half of each check

const clone = (permissionSet: PermissionSet): PermissionSet => structuredClone(permissionSet);

const fields = readPackFields();
const admin = readPermissionSet('Glocal_Admin');
const manager = readPermissionSet('Glocal_Manager');
const partner = readPermissionSet('Glocal_Partner');
const all = [admin, manager, partner];

describe('the pack fields these checks read', () => {
  it('includes every top object with its fields', () => {
    for (const object of TOP_OBJECTS) {
      expect(fields.filter((field) => field.object === object).length).toBeGreaterThan(0);
    }
    // Spot checks of the classification the checks rely on.
    const find = (name: string): PackField | undefined => fields.find((field) => qualified(field) === name);
    expect(find('Partner_Feedback__c.Partner_Review__c')?.type).toBe('MasterDetail');
    expect(find('Partner_Review__c.Partner__c')?.required).toBe(true);
    expect(find('Partner_Review__c.NPS__c')?.computed).toBe(true);
    expect(find('Partner_Review__c.Given_Count__c')?.computed).toBe(true);
    expect(find('Partner_Feedback__c.Strengths__c')?.computed).toBe(false);
  });
});

describe('Glocal_Admin', () => {
  it('covers every field that can have field-level security: readable, and editable unless computed', () => {
    expect(adminFieldGaps(fields, admin)).toEqual([]);
    expect(admin.fields.length).toBe(fields.filter(canHaveFls).length);
  });

  it('reports a field the permission set forgot', () => {
    const broken = clone(admin);
    broken.fields = broken.fields.filter((access) => access.field !== 'Partner_Feedback__c.Trust__c');
    expect(adminFieldGaps(fields, broken)).toEqual(['Partner_Feedback__c.Trust__c is not readable']);
    const readOnly = clone(admin);
    readOnly.fields.find((access) => access.field === 'Market__c.Locale__c')!.editable = false;
    expect(adminFieldGaps(fields, readOnly)).toEqual(['Market__c.Locale__c is not editable']);
  });

  it('has full access with View All and Modify All on all 8 objects, every tab and the app', () => {
    expect(adminObjectGaps(admin)).toEqual([]);
    const broken = clone(admin);
    broken.objects.find((access) => access.object === 'Service_Unit__c')!.modifyAllRecords = false;
    broken.apps = [];
    expect(adminObjectGaps(broken)).toEqual([
      'Service_Unit__c lacks full access with View All and Modify All',
      'app Glocal is not visible',
    ]);
  });

  it('does not hold the partner permission, which would restrict feedback direction', () => {
    expect(admin.customPermissions.map((entry) => entry.name)).not.toContain('Glocal_Partner_User');
  });
});

describe('Glocal_Partner', () => {
  it('grants nothing on internal objects', () => {
    expect(grantsOnObjects(partner, INTERNAL_OBJECTS)).toEqual([]);
  });

  it('reports any grant on an internal object', () => {
    const broken = clone(partner);
    broken.objects.push({
      object: 'Market__c',
      allowCreate: false,
      allowRead: true,
      allowEdit: false,
      allowDelete: false,
      viewAllRecords: false,
      modifyAllRecords: false,
    });
    broken.fields.push({ field: 'Internal_Feedback__c.Comments__c', readable: true, editable: false });
    broken.tabs.push({ tab: 'Service_Unit__c', visibility: 'Visible' });
    expect(grantsOnObjects(broken, INTERNAL_OBJECTS)).toEqual([
      'object Market__c',
      'field Internal_Feedback__c.Comments__c',
      'tab Service_Unit__c',
    ]);
  });

  it('reads partner reviews and creates feedback, nothing more', () => {
    const access = Object.fromEntries(partner.objects.map((entry) => [entry.object, entry]));
    expect(Object.keys(access).sort()).toEqual(['Partner_Feedback__c', 'Partner_Review__c']);
    expect(access.Partner_Review__c).toMatchObject({ allowRead: true, allowCreate: false, allowEdit: false });
    expect(access.Partner_Feedback__c).toMatchObject({ allowRead: true, allowCreate: true, allowEdit: false });
    for (const entry of partner.objects) {
      expect(entry).toMatchObject({ allowDelete: false, viewAllRecords: false, modifyAllRecords: false });
    }
    expect(partner.apps).toEqual([]);
  });

  it('holds the custom permission that limits partners to Partner to Company feedback', () => {
    expect(partner.customPermissions).toEqual([{ name: 'Glocal_Partner_User', enabled: true }]);
    expect(manager.customPermissions.map((entry) => entry.name)).not.toContain('Glocal_Partner_User');
  });

  it('edits only the feedback fields a partner fills in', () => {
    const editable = partner.fields.filter((access) => access.editable).map((access) => access.field);
    expect(editable.every((field) => objectOf(field) === 'Partner_Feedback__c')).toBe(true);
    expect(editable).not.toContain('Partner_Feedback__c.Action_Items__c');
    expect(editable).not.toContain('Partner_Feedback__c.Feedback_Key__c');
  });
});

describe('Glocal_Manager', () => {
  it('cannot delete, View All or Modify All anything, and cannot change markets, courses or units', () => {
    expect(managerOverreach(manager)).toEqual([]);
  });

  it('reports delete, Modify All and edits on read-only objects', () => {
    const broken = clone(manager);
    broken.objects.find((access) => access.object === 'Training_Record__c')!.allowDelete = true;
    broken.objects.find((access) => access.object === 'Market__c')!.allowEdit = true;
    broken.objects.find((access) => access.object === 'CQ_Assessment__c')!.modifyAllRecords = true;
    broken.fields.find((access) => access.field === 'Training_Course__c.Active__c')!.editable = true;
    expect(managerOverreach(broken).sort()).toEqual(
      [
        'CQ_Assessment__c: Modify All',
        'Market__c: create or edit',
        'Training_Course__c.Active__c: editable',
        'Training_Record__c: delete',
      ].sort()
    );
  });

  it('reads markets and courses and creates, reads and edits the records managers keep', () => {
    const access = Object.fromEntries(manager.objects.map((entry) => [entry.object, entry]));
    for (const object of MANAGER_READ_ONLY) expect(access[object]).toMatchObject({ allowRead: true });
    for (const object of MANAGER_WRITES) {
      expect(access[object]).toMatchObject({ allowCreate: true, allowRead: true, allowEdit: true });
    }
    expect(manager.apps).toEqual([{ application: 'Glocal', visible: true }]);
  });
});

describe('every permission set', () => {
  it.each(all.map((permissionSet) => [permissionSet.name, permissionSet] as const))(
    '%s references only fields and objects that exist and can carry the permission',
    (_name, permissionSet) => {
      expect(invalidFieldReferences(fields, permissionSet)).toEqual([]);
    }
  );

  it('reports a missing field, a required field and an editable formula', () => {
    const broken = clone(manager);
    broken.fields.push({ field: 'Market__c.No_Such_Field__c', readable: true, editable: false });
    broken.fields.push({ field: 'Partner_Feedback__c.Direction__c', readable: true, editable: true });
    broken.fields.find((access) => access.field === 'Partner_Review__c.NPS__c')!.editable = true;
    broken.objects.push({ ...broken.objects[0], object: 'Ghost__c' });
    expect(invalidFieldReferences(fields, broken)).toEqual([
      'Partner_Review__c.NPS__c is computed and cannot be editable',
      'Market__c.No_Such_Field__c does not exist',
      'Partner_Feedback__c.Direction__c is required or master-detail and cannot have FLS',
      'object Ghost__c does not exist',
    ]);
  });
});
