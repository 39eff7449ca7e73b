// sobjects list and sobjects/{T}/describe, shaped like a real org's answers (the fields the sf
// CLI, jsforce and SDR read), from the deployed schema.
import type { FieldSchema, OrgSchema, SObjectSchema } from '../org/schema.js';

const SOAP_TYPES: Record<string, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  time: 'xsd:time',
  base64: 'xsd:base64Binary',
};

export function objectUrls(version: string, name: string): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

export function objectSummary(obj: SObjectSchema, version: string): Record<string, unknown> {
  const dml = !obj.customMetadata;
  return {
    activateable: false,
    associateEntityType: null,
    associateParentEntity: null,
    createable: dml && obj.createable !== false,
    custom: obj.custom,
    customSetting: false,
    deepCloneable: false,
    deletable: dml && obj.deletable !== false,
    deprecatedAndHidden: false,
    feedEnabled: false,
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    keyPrefix: obj.keyPrefix ?? null,
    label: obj.label,
    labelPlural: obj.labelPlural,
    layoutable: !obj.customMetadata,
    mergeable: false,
    mruEnabled: obj.custom && !obj.customMetadata,
    name: obj.name,
    queryable: obj.queryable !== false,
    replicateable: true,
    retrieveable: true,
    searchable: !obj.customMetadata,
    triggerable: !obj.customMetadata,
    undeletable: dml && obj.deletable !== false,
    updateable: dml && obj.updateable !== false,
    urls: objectUrls(version, obj.name),
  };
}

export function describeField(schema: OrgSchema, obj: SObjectSchema, f: FieldSchema): Record<string, unknown> {
  const numeric = ['int', 'double', 'currency', 'percent'].includes(f.type);
  const text = ['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist', 'autonumber'].includes(
    f.type
  );
  const writable = !f.calculated && !f.system && f.type !== 'autonumber' && f.type !== 'id' && !obj.customMetadata;
  const length = text
    ? (f.length ?? (f.type === 'picklist' ? 255 : f.type === 'autonumber' ? 30 : 255))
    : f.type === 'id' || f.type === 'reference'
      ? 18
      : 0;
  const picklist = f.type === 'picklist' || f.type === 'multipicklist';
  return {
    aggregatable: f.type !== 'textarea' || (f.length ?? 0) <= 255,
    aiPredictionField: false,
    autoNumber: f.type === 'autonumber',
    byteLength: length * 3,
    calculated: !!f.calculated,
    calculatedFormula: f.formula?.source ?? null,
    cascadeDelete: !!f.masterDetail,
    caseSensitive: !!f.caseSensitive,
    compoundFieldName: null,
    controllerName: null,
    createable: writable && f.createable !== false,
    custom: f.custom ?? f.name.endsWith('__c'),
    defaultValue: f.type === 'boolean' ? f.defaultValue?.trim().toLowerCase() === 'true' : null,
    defaultValueFormula: f.type === 'boolean' ? null : (f.defaultValue ?? null),
    defaultedOnCreate: !!f.defaultedOnCreate || f.type === 'boolean' || f.system === true || f.type === 'autonumber',
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: f.type === 'int' ? (f.digits ?? f.precision ?? 9) : 0,
    displayLocationInDecimal: f.type === 'percent',
    encrypted: false,
    externalId: !!f.externalId,
    extraTypeInfo: f.type === 'textarea' ? 'plaintextarea' : null,
    filterable: f.type !== 'textarea' || (f.length ?? 0) <= 255,
    filteredLookupInfo: null,
    formulaTreatNullNumberAsZero: !!f.formula?.treatBlanksAsZero,
    groupable: !numeric && f.type !== 'textarea' && f.type !== 'datetime',
    highScaleNumber: false,
    htmlFormatted: false,
    idLookup:
      f.type === 'id' || !!f.externalId || (f.nameField === true && obj.name === 'User') || f.name === 'Username',
    inlineHelpText: f.inlineHelpText ?? null,
    label: f.label,
    length,
    mask: null,
    maskType: null,
    name: f.name,
    nameField: !!f.nameField || (f.name === 'Name' && !obj.fields.Name?.formula),
    namePointing: false,
    nillable: !isRequiredLike(f),
    permissionable: !!f.custom && !isRequiredLike(f),
    picklistValues: picklist
      ? schema.picklistValuesOf(f).map((v) => ({
          active: v.active !== false,
          defaultValue: !!v.default,
          label: v.label ?? v.value,
          validFor: null,
          value: v.value,
        }))
      : [],
    polymorphicForeignKey: (f.referenceTo?.length ?? 0) > 1,
    precision: numeric && f.type !== 'int' ? (f.precision ?? 18) : 0,
    queryByDistance: false,
    referenceTargetField: null,
    referenceTo: f.type === 'reference' ? (f.referenceTo ?? []) : [],
    relationshipName:
      f.type === 'reference' && f.relationshipName
        ? f.custom || f.name.endsWith('__c')
          ? `${f.relationshipName}__r`
          : f.relationshipName
        : null,
    relationshipOrder: f.masterDetail ? 0 : null,
    restrictedDelete: false,
    restrictedPicklist: picklist && !!f.restrictedPicklist,
    scale: numeric && f.type !== 'int' ? (f.scale ?? 0) : 0,
    searchPrefilterable: false,
    soapType: SOAP_TYPES[f.type] ?? 'xsd:string',
    sortable: f.type !== 'textarea' || (f.length ?? 0) <= 255,
    type: f.type === 'autonumber' ? 'string' : f.type,
    unique: !!f.unique,
    updateable: writable && f.updateable !== false,
    writeRequiresMasterRead: !!f.masterDetail,
  };
}

function isRequiredLike(f: FieldSchema): boolean {
  if (f.type === 'boolean' || f.type === 'id') return f.type === 'id' || f.system === true;
  if (f.system) return f.nillable === false;
  if (f.calculated || f.type === 'autonumber') return false;
  return f.masterDetail === true || f.required === true || f.nillable === false;
}

export function describeObject(schema: OrgSchema, obj: SObjectSchema, version: string): Record<string, unknown> {
  return {
    ...objectSummary(obj, version),
    actionOverrides: [],
    childRelationships: schema.childRelationshipsOf(obj.name).map((c) => ({
      cascadeDelete: c.cascadeDelete,
      childSObject: c.childSObject,
      deprecatedAndHidden: false,
      field: c.field,
      junctionIdListNames: [],
      junctionReferenceTo: [],
      relationshipName: c.relationshipName,
      restrictedDelete: false,
    })),
    compactLayoutable: !obj.customMetadata,
    defaultImplementation: null,
    extendedBy: null,
    extendsInterfaces: null,
    fields: Object.values(obj.fields).map((f) => describeField(schema, obj, f)),
    implementedBy: null,
    implementsInterfaces: null,
    listviewable: null,
    lookupLayoutable: null,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    recordTypeInfos: [],
    searchLayoutable: !obj.customMetadata,
    sobjectDescribeOption: 'FULL',
    supportedScopes: [{ label: 'All', name: 'everything' }],
    urls: {
      ...objectUrls(version, obj.name),
      compactLayouts: `/services/data/v${version}/sobjects/${obj.name}/describe/compactLayouts`,
      layouts: `/services/data/v${version}/sobjects/${obj.name}/describe/layouts`,
    },
  };
}
