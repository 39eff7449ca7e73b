// The standard objects the Glocal pack and the sf CLI touch, with their common fields, and the
// records a fresh org starts with (the admin user, a few more users, profiles, the organization).
import type { FieldSchema, FieldType, OrgSchema, SObjectSchema } from './schema.js';
import type { RecordStore } from './store.js';

type Extra = Partial<FieldSchema>;

const field = (name: string, label: string, type: FieldType, extra: Extra = {}): FieldSchema => ({
  name,
  label,
  type,
  nillable: true,
  ...(type === 'string' && extra.length === undefined ? { length: 255 } : {}),
  ...extra,
});

const readOnly = (name: string, label: string, type: FieldType, extra: Extra = {}): FieldSchema =>
  field(name, label, type, { nillable: false, system: true, createable: false, updateable: false, ...extra });

const ref = (name: string, label: string, to: string, relationshipName: string, extra: Extra = {}): FieldSchema =>
  field(name, label, 'reference', { referenceTo: [to], relationshipName, length: 18, ...extra });

function systemFields(label: string): FieldSchema[] {
  return [
    readOnly('Id', `${label} ID`, 'id', { length: 18 }),
    readOnly('IsDeleted', 'Deleted', 'boolean'),
    readOnly('CreatedDate', 'Created Date', 'datetime'),
    ref('CreatedById', 'Created By ID', 'User', 'CreatedBy', { system: true, createable: false, updateable: false }),
    readOnly('LastModifiedDate', 'Last Modified Date', 'datetime'),
    ref('LastModifiedById', 'Last Modified By ID', 'User', 'LastModifiedBy', {
      system: true,
      createable: false,
      updateable: false,
    }),
    readOnly('SystemModstamp', 'System Modstamp', 'datetime'),
  ];
}

const owner = (): FieldSchema =>
  ref('OwnerId', 'Owner ID', 'User', 'Owner', { nillable: false, defaultedOnCreate: true });

const fullName: FieldSchema = field('Name', 'Full Name', 'string', {
  length: 121,
  calculated: true,
  nameField: true,
  formula: { source: 'IF(ISBLANK(FirstName), LastName, FirstName & " " & LastName)', returnType: 'Text' },
});

const picklist = (name: string, label: string, values: string[], extra: Extra = {}): FieldSchema =>
  field(name, label, 'picklist', {
    length: 255,
    picklistValues: values.map((v) => ({ value: v, label: v, active: true, default: false })),
    ...extra,
  });

const LOCALES = ['en_US', 'da_DK', 'de_DE', 'fr_FR', 'es_ES', 'ja_JP', 'pt_BR', 'zh_CN', 'ar_AE', 'en_GB'];
const LANGUAGES = ['en_US', 'da', 'de', 'fr', 'es', 'ja', 'pt_BR', 'zh_CN', 'ar', 'iw', 'ur', 'fa'];

function object(
  name: string,
  label: string,
  labelPlural: string,
  keyPrefix: string,
  fields: FieldSchema[],
  extra: Partial<SObjectSchema> = {}
): SObjectSchema {
  const all = [...systemFields(label), ...fields];
  return {
    name,
    label,
    labelPlural,
    custom: false,
    keyPrefix,
    fields: Object.fromEntries(all.map((f) => [f.name, f])),
    validationRules: [],
    ...extra,
  };
}

export function standardObjects(): SObjectSchema[] {
  return [
    object(
      'Organization',
      'Organization',
      'Organizations',
      '00D',
      [
        field('Name', 'Name', 'string', { length: 80, nameField: true, updateable: false, createable: false }),
        field('InstanceName', 'Instance Name', 'string', { length: 5, createable: false, updateable: false }),
        field('IsSandbox', 'Is Sandbox', 'boolean', { createable: false, updateable: false }),
        field('TrialExpirationDate', 'Trial Expiration Date', 'datetime', { createable: false, updateable: false }),
        field('NamespacePrefix', 'Namespace Prefix', 'string', { length: 15, createable: false, updateable: false }),
        field('OrganizationType', 'Edition', 'string', { length: 40, createable: false, updateable: false }),
        field('LanguageLocaleKey', 'Language', 'string', { length: 40, createable: false, updateable: false }),
        field('DefaultLocaleSidKey', 'Locale', 'string', { length: 40, createable: false, updateable: false }),
        field('TimeZoneSidKey', 'Time Zone', 'string', { length: 40, createable: false, updateable: false }),
      ],
      { createable: false, updateable: false, deletable: false }
    ),
    object(
      'Profile',
      'Profile',
      'Profiles',
      '00e',
      [
        field('Name', 'Name', 'string', { length: 255, nameField: true, nillable: false }),
        field('UserType', 'User Type', 'string', { length: 40 }),
      ],
      { createable: false, updateable: false, deletable: false }
    ),
    object(
      'User',
      'User',
      'Users',
      '005',
      [
        field('Username', 'Username', 'string', { length: 80, nillable: false, unique: true }),
        field('Email', 'Email', 'email', { length: 128, nillable: false }),
        field('FirstName', 'First Name', 'string', { length: 40 }),
        field('LastName', 'Last Name', 'string', { length: 80, nillable: false }),
        fullName,
        field('Alias', 'Alias', 'string', { length: 8, nillable: false }),
        field('CommunityNickname', 'Nickname', 'string', { length: 40 }),
        field('Title', 'Title', 'string', { length: 80 }),
        field('Department', 'Department', 'string', { length: 80 }),
        field('IsActive', 'Active', 'boolean', { defaultValue: 'true' }),
        ref('ProfileId', 'Profile ID', 'Profile', 'Profile', { nillable: false }),
        ref('ManagerId', 'Manager ID', 'User', 'Manager'),
        picklist('LanguageLocaleKey', 'Language', LANGUAGES, { nillable: false, restrictedPicklist: true }),
        picklist('LocaleSidKey', 'Locale', LOCALES, { nillable: false }),
        field('TimeZoneSidKey', 'Time Zone', 'picklist', { length: 40, nillable: false }),
        field('EmailEncodingKey', 'Email Encoding', 'picklist', { length: 40, nillable: false }),
        field('UserType', 'User Type', 'string', { length: 40, createable: false, updateable: false }),
        field('Country', 'Country', 'string', { length: 80 }),
      ],
      { deletable: false }
    ),
    object('Account', 'Account', 'Accounts', '001', [
      field('Name', 'Account Name', 'string', { length: 255, nillable: false, nameField: true }),
      field('AccountNumber', 'Account Number', 'string', { length: 40 }),
      picklist('Type', 'Account Type', [
        'Prospect',
        'Customer - Direct',
        'Customer - Channel',
        'Channel Partner / Reseller',
        'Installation Partner',
        'Technology Partner',
        'Other',
      ]),
      picklist('Industry', 'Industry', [
        'Agriculture',
        'Banking',
        'Consulting',
        'Education',
        'Retail',
        'Technology',
        'Other',
      ]),
      field('Phone', 'Account Phone', 'phone', { length: 40 }),
      field('Website', 'Website', 'url', { length: 255 }),
      field('BillingCity', 'Billing City', 'string', { length: 40 }),
      field('BillingCountry', 'Billing Country', 'string', { length: 80 }),
      field('Description', 'Account Description', 'textarea', { length: 32000 }),
      ref('ParentId', 'Parent Account ID', 'Account', 'Parent', { childRelationshipName: 'ChildAccounts' }),
      owner(),
    ]),
    object('Contact', 'Contact', 'Contacts', '003', [
      field('FirstName', 'First Name', 'string', { length: 40 }),
      field('LastName', 'Last Name', 'string', { length: 80, nillable: false }),
      fullName,
      field('Email', 'Email', 'email', { length: 80 }),
      field('Phone', 'Business Phone', 'phone', { length: 40 }),
      field('Title', 'Title', 'string', { length: 128 }),
      field('Department', 'Department', 'string', { length: 80 }),
      field('MailingCity', 'Mailing City', 'string', { length: 40 }),
      field('MailingCountry', 'Mailing Country', 'string', { length: 80 }),
      ref('AccountId', 'Account ID', 'Account', 'Account', { childRelationshipName: 'Contacts' }),
      owner(),
    ]),
    object('PermissionSet', 'Permission Set', 'Permission Sets', '0PS', [
      field('Name', 'Name', 'string', { length: 80, nillable: false, unique: true }),
      field('Label', 'Label', 'string', { length: 80, nillable: false, nameField: true }),
      field('Description', 'Description', 'textarea', { length: 255 }),
      field('IsOwnedByProfile', 'Is Owned By Profile', 'boolean', { createable: false, updateable: false }),
      field('NamespacePrefix', 'Namespace Prefix', 'string', { length: 15, createable: false, updateable: false }),
    ]),
    object(
      'PermissionSetAssignment',
      'Permission Set Assignment',
      'Permission Set Assignments',
      '0Pa',
      [
        ref('AssigneeId', 'Assignee ID', 'User', 'Assignee', {
          nillable: false,
          updateable: false,
          childRelationshipName: 'PermissionSetAssignments',
        }),
        ref('PermissionSetId', 'Permission Set ID', 'PermissionSet', 'PermissionSet', {
          nillable: false,
          updateable: false,
        }),
      ],
      { compositeUnique: [['AssigneeId', 'PermissionSetId']], updateable: false }
    ),
  ];
}

/** The running user's system permissions (always the admin here: the local org has one real session). */
function userPermissionAccess(): SObjectSchema {
  const perm = (name: string, label: string): FieldSchema =>
    field(name, label, 'boolean', { createable: false, updateable: false });
  return object(
    'UserPermissionAccess',
    'User Permission Access',
    'User Permission Access',
    '0UP',
    [
      perm('PermissionsModifyAllData', 'Modify All Data'),
      perm('PermissionsModifyMetadata', 'Modify Metadata Through Metadata API Functions'),
      perm('PermissionsCustomizeApplication', 'Customize Application'),
      perm('PermissionsViewSetup', 'View Setup and Configuration'),
      perm('PermissionsApiEnabled', 'API Enabled'),
    ],
    { createable: false, updateable: false, deletable: false }
  );
}

export interface SeedIdentity {
  orgId: string;
  userId: string;
  username: string;
}

/** Installs the standard objects and the records of a fresh org. */
export function seedStandardOrg(schema: OrgSchema, store: RecordStore, identity: SeedIdentity): void {
  for (const obj of [...standardObjects(), userPermissionAccess()]) schema.upsertObject(obj);
  const org = store.table('Organization');
  store.addRow(org, {
    Id: identity.orgId,
    Name: 'Glocal Local Org',
    InstanceName: 'LOCAL',
    IsSandbox: false,
    TrialExpirationDate: null,
    NamespacePrefix: null,
    OrganizationType: 'Developer Edition',
    LanguageLocaleKey: 'en_US',
    DefaultLocaleSidKey: 'en_US',
    TimeZoneSidKey: 'Europe/Copenhagen',
    IsDeleted: false,
  });
  const adminProfile = store.putSystemRecord('Profile', 'Name', { Name: 'System Administrator', UserType: 'Standard' });
  const standardProfile = store.putSystemRecord('Profile', 'Name', { Name: 'Standard User', UserType: 'Standard' });
  const users = store.table('User');
  const user = (
    id: string,
    first: string,
    last: string,
    username: string,
    profile: string,
    locale: string,
    lang: string,
    tz: string
  ) => ({
    Id: id,
    Username: username,
    Email: username.replace(/\.local$/, ''),
    FirstName: first,
    LastName: last,
    Alias: (first[0] + last).slice(0, 8).toLowerCase(),
    CommunityNickname: `${first}.${last}`.toLowerCase(),
    IsActive: true,
    ProfileId: profile,
    ManagerId: null,
    LanguageLocaleKey: lang,
    LocaleSidKey: locale,
    TimeZoneSidKey: tz,
    EmailEncodingKey: 'UTF-8',
    UserType: 'Standard',
    IsDeleted: false,
    CreatedById: identity.userId,
    LastModifiedById: identity.userId,
  });
  store.addRow(
    users,
    user(identity.userId, 'Ada', 'Admin', identity.username, adminProfile, 'en_US', 'en_US', 'Europe/Copenhagen')
  );
  const others: Array<[string, string, string, string, string]> = [
    ['Mette', 'Jensen', 'da_DK', 'da', 'Europe/Copenhagen'],
    ['Li', 'Wei', 'zh_CN', 'zh_CN', 'Asia/Shanghai'],
    ['Fatima', 'Haddad', 'ar_AE', 'ar', 'Asia/Dubai'],
    ['Jonas', 'Becker', 'de_DE', 'de', 'Europe/Berlin'],
  ];
  for (const [first, last, locale, lang, tz] of others) {
    const id = store.nextId('005');
    store.addRow(
      users,
      user(
        id,
        first,
        last,
        `${first.toLowerCase()}.${last.toLowerCase()}@glocal.example.local`,
        standardProfile,
        locale,
        lang,
        tz
      )
    );
  }
  const access = store.table('UserPermissionAccess');
  store.addRow(access, {
    Id: store.nextId('0UP'),
    PermissionsModifyAllData: true,
    PermissionsModifyMetadata: true,
    PermissionsCustomizeApplication: true,
    PermissionsViewSetup: true,
    PermissionsApiEnabled: true,
    IsDeleted: false,
  });
  const now = new Date().toISOString().replace('Z', '+0000');
  for (const table of [org, users, access]) {
    for (const r of table.rows.values()) {
      r.CreatedDate ??= now;
      r.LastModifiedDate ??= now;
      r.SystemModstamp ??= now;
    }
  }
}
