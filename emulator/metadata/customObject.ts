// Translates CustomObject metadata (the object, its CustomFields and ValidationRules) into the
// local org's schema model, and splits/reassembles .object files so that components deployed at
// different times are stored separately and retrieved together, as a real org does.
import type { FormulaReturnType } from '../formula/index.js';
import type {
  FieldSchema,
  FieldType,
  PicklistValue,
  RollupSchema,
  SObjectSchema,
  ValidationRuleSchema,
} from '../org/schema.js';
import { bool, buildMetadataXml, buildXmlFragment, list, nodes, num, parseXml, text, type XmlNode } from './xml.js';

/** Child element of a .object file → its metadata type (the registry's CustomObject children). */
export const OBJECT_CHILD_TYPES: Record<string, string> = {
  fields: 'CustomField',
  validationRules: 'ValidationRule',
  listViews: 'ListView',
  recordTypes: 'RecordType',
  webLinks: 'WebLink',
  compactLayouts: 'CompactLayout',
  fieldSets: 'FieldSet',
  businessProcesses: 'BusinessProcess',
  sharingReasons: 'SharingReason',
  indexes: 'Index',
};
const CHILD_ELEMENT_BY_TYPE = Object.fromEntries(Object.entries(OBJECT_CHILD_TYPES).map(([k, v]) => [v, k]));

export interface ObjectChild {
  type: string;
  /** 'Object.Child' */
  fullName: string;
  name: string;
  node: XmlNode;
}

export interface ParsedObjectFile {
  objectName: string;
  /** object-level elements (label, nameField, sharingModel …) without children; empty when only children were sent */
  attributes: XmlNode;
  children: ObjectChild[];
}

export function parseObjectFile(objectName: string, xml: string, fileName: string): ParsedObjectFile {
  const root = parseXml(xml, fileName).CustomObject;
  if (root === undefined || typeof root !== 'object' || Array.isArray(root)) {
    throw new Error(`${fileName}: the root element must be <CustomObject>`);
  }
  const attributes: XmlNode = {};
  const children: ObjectChild[] = [];
  for (const [key, value] of Object.entries(root)) {
    if (key.startsWith('@_')) continue;
    const childType = OBJECT_CHILD_TYPES[key];
    if (!childType) {
      attributes[key] = value;
      continue;
    }
    for (const node of nodes(value)) {
      const name = text(node.fullName) ?? '';
      children.push({ type: childType, fullName: `${objectName}.${name}`, name, node });
    }
  }
  return { objectName, attributes, children };
}

export function childFragment(child: ObjectChild): string {
  return buildXmlFragment({ [CHILD_ELEMENT_BY_TYPE[child.type]]: child.node });
}

export function attributesFragment(attributes: XmlNode): string {
  return buildXmlFragment({ CustomObject: attributes });
}

/** Rebuilds a metadata-format .object file from stored object attributes and child fragments. */
export function assembleObjectFile(
  attributesXml: string | undefined,
  childXml: Array<{ type: string; xml: string }>
): string {
  const body: XmlNode = {};
  if (attributesXml) {
    const attributes = parseXml(attributesXml, 'stored object').CustomObject;
    if (attributes && typeof attributes === 'object' && !Array.isArray(attributes)) Object.assign(body, attributes);
  }
  for (const child of childXml) {
    const element = CHILD_ELEMENT_BY_TYPE[child.type];
    const parsed = parseXml(child.xml, 'stored child')[element];
    const existing = body[element];
    body[element] = existing === undefined ? parsed : [...list(existing), parsed];
  }
  return buildMetadataXml('CustomObject', body);
}

export function isCustomObjectName(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_]*__(c|mdt)$/.test(name) && !/__.*__/.test(name.replace(/__(c|mdt)$/, ''));
}

/** Object-level schema attributes from a .object file, or a problem a real org would report. */
export function objectFromMetadata(
  objectName: string,
  attributes: XmlNode
): {
  object?: Omit<SObjectSchema, 'fields' | 'validationRules'> & { fields: Record<string, FieldSchema> };
  problem?: string;
} {
  const label = text(attributes.label);
  const pluralLabel = text(attributes.pluralLabel);
  if (!label) return { problem: 'Must specify a non-empty label for the CustomObject' };
  const isMetadataType = objectName.endsWith('__mdt');
  if (!isMetadataType && !pluralLabel) return { problem: 'Must specify a non-empty plural label for the CustomObject' };
  const fields: Record<string, FieldSchema> = {};
  if (!isMetadataType) {
    const nameField = nodes(attributes.nameField)[0];
    if (!nameField) return { problem: 'Must specify a nameField for the CustomObject' };
    const nameType = text(nameField.type);
    const nameLabel = text(nameField.label) ?? `${label} Name`;
    if (nameType === 'AutoNumber') {
      const format = text(nameField.displayFormat);
      if (!format || !/\{0+\}/.test(format)) {
        return { problem: 'nameField: an AutoNumber name needs a displayFormat such as TR-{000000}' };
      }
      fields.Name = {
        name: 'Name',
        label: nameLabel,
        type: 'autonumber',
        length: 80,
        nillable: false,
        nameField: true,
        autoNumberFormat: format,
        createable: false,
        updateable: false,
      };
    } else if (nameType === 'Text') {
      fields.Name = {
        name: 'Name',
        label: nameLabel,
        type: 'string',
        length: 80,
        nillable: false,
        required: true,
        nameField: true,
      };
    } else {
      return { problem: `nameField: type must be Text or AutoNumber, not ${nameType ?? 'blank'}` };
    }
  }
  return {
    object: {
      name: objectName,
      label,
      labelPlural: pluralLabel ?? label,
      custom: true,
      description: text(attributes.description),
      sharingModel: text(attributes.sharingModel),
      customMetadata: isMetadataType || undefined,
      fields,
    },
  };
}

const FORMULA_DESCRIBE_TYPES: Record<string, FieldType> = {
  Number: 'double',
  Percent: 'percent',
  Currency: 'currency',
  Text: 'string',
  Date: 'date',
  DateTime: 'datetime',
  Checkbox: 'boolean',
};

function picklistValues(valueSet: XmlNode): { values: PicklistValue[]; problem?: string } {
  const definition = nodes(valueSet.valueSetDefinition)[0];
  const values = nodes(definition?.value).map((value) => {
    const apiName = text(value.fullName) ?? '';
    return {
      value: apiName,
      label: text(value.label) ?? apiName,
      active: bool(value.isActive, true),
      default: bool(value.default),
    };
  });
  const seen = new Set<string>();
  for (const value of values) {
    if (!value.value) return { values, problem: 'Picklist value without a fullName' };
    if (seen.has(value.value.toLowerCase())) return { values, problem: `Duplicate picklist value: ${value.value}` };
    seen.add(value.value.toLowerCase());
  }
  return { values };
}

export interface FieldTranslation {
  field?: FieldSchema;
  problem?: string;
  /** summary fields: resolved against the child object once the whole deploy is staged */
  pendingRollup?: {
    operation: string;
    foreignKey: string;
    summarizedField?: string;
    filters: Array<{ field: string; operation: string; value: string }>;
  };
}

/** One CustomField element → FieldSchema; problems are the messages a real deploy reports. */
export function fieldFromMetadata(objectName: string, node: XmlNode): FieldTranslation {
  const name = text(node.fullName) ?? '';
  const label = text(node.label);
  const type = text(node.type);
  if (!/^[A-Za-z][A-Za-z0-9_]*__c$/.test(name) || name.includes('___')) {
    return {
      problem: `Invalid custom field name: ${name || '(blank)'}. Names end with __c and use letters, digits and single underscores`,
    };
  }
  if (!label) return { problem: 'Must specify a non-empty label for the CustomField' };
  const base: FieldSchema = {
    name,
    label,
    type: 'string',
    custom: true,
    description: text(node.description),
    inlineHelpText: text(node.inlineHelpText),
    nillable: !bool(node.required),
    required: bool(node.required) || undefined,
    unique: bool(node.unique) || undefined,
    externalId: bool(node.externalId) || undefined,
    caseSensitive: bool(node.caseSensitive) || undefined,
    defaultValue: text(node.defaultValue),
  };
  const formula = text(node.formula);
  if (formula !== undefined && type !== 'Summary') {
    const describeType = type ? FORMULA_DESCRIBE_TYPES[type] : undefined;
    if (!describeType) return { problem: `Formula fields cannot have the return type ${type ?? '(blank)'}` };
    const treat = text(node.formulaTreatBlanksAs);
    return {
      field: {
        ...base,
        type: describeType,
        nillable: true,
        required: undefined,
        precision: num(node.precision),
        scale: num(node.scale),
        length: describeType === 'string' ? 1300 : undefined,
        formula: {
          source: formula,
          returnType: type as FormulaReturnType,
          // the Metadata API default is BlankAsZero
          treatBlanksAsZero: treat !== 'BlankAsBlank',
        },
        calculated: true,
        createable: false,
        updateable: false,
      },
    };
  }
  switch (type) {
    case 'Text':
    case 'EncryptedText': {
      const length = num(node.length);
      if (length === undefined || length < 1 || length > 255) return { problem: 'Length must be between 1 and 255' };
      return { field: { ...base, type: 'string', length } };
    }
    case 'TextArea':
      return { field: { ...base, type: 'textarea', length: 255 } };
    case 'LongTextArea':
    case 'Html': {
      const length = num(node.length);
      if (length === undefined || length < 256 || length > 131072)
        return { problem: 'Length must be between 256 and 131,072' };
      const visibleLines = num(node.visibleLines);
      if (visibleLines === undefined) return { problem: 'Must specify visibleLines for a long text area' };
      return { field: { ...base, type: 'textarea', length, visibleLines, nillable: true, required: undefined } };
    }
    case 'Email':
      return { field: { ...base, type: 'email', length: 80 } };
    case 'Phone':
      return { field: { ...base, type: 'phone', length: 40 } };
    case 'Url':
      return { field: { ...base, type: 'url', length: 255 } };
    case 'Checkbox': {
      const defaultValue = text(node.defaultValue);
      if (defaultValue !== 'true' && defaultValue !== 'false') {
        return { problem: 'Checkbox fields need a defaultValue of true or false' };
      }
      return { field: { ...base, type: 'boolean', nillable: false, required: undefined, defaultValue } };
    }
    case 'Number':
    case 'Currency':
    case 'Percent': {
      const precision = num(node.precision);
      const scale = num(node.scale) ?? 0;
      if (precision === undefined || precision < 1 || precision > 18)
        return { problem: 'Precision must be between 1 and 18' };
      if (scale < 0 || scale > precision) return { problem: 'Scale must be between 0 and the precision' };
      const describeType: FieldType = type === 'Number' ? 'double' : type === 'Currency' ? 'currency' : 'percent';
      return { field: { ...base, type: describeType, precision, scale } };
    }
    case 'Date':
      return { field: { ...base, type: 'date' } };
    case 'DateTime':
      return { field: { ...base, type: 'datetime' } };
    case 'Time':
      return { field: { ...base, type: 'time' } };
    case 'Picklist':
    case 'MultiselectPicklist': {
      const valueSet = nodes(node.valueSet)[0];
      if (!valueSet) return { problem: 'A picklist field needs a valueSet' };
      const valueSetName = text(valueSet.valueSetName);
      const { values, problem } = picklistValues(valueSet);
      if (problem) return { problem };
      if (!valueSetName && values.length === 0)
        return { problem: 'A picklist field needs at least one value or a valueSetName' };
      return {
        field: {
          ...base,
          type: type === 'Picklist' ? 'picklist' : 'multipicklist',
          length: type === 'Picklist' ? 255 : 4099,
          picklistValues: valueSetName ? [] : values,
          valueSetName,
          // global value sets are always restricted
          restrictedPicklist: valueSetName ? true : bool(valueSet.restricted),
          visibleLines: num(node.visibleLines),
        },
      };
    }
    case 'Lookup':
    case 'MasterDetail': {
      const referenceTo = text(node.referenceTo);
      const relationshipName = text(node.relationshipName);
      if (!referenceTo) return { problem: 'Must specify referenceTo for a relationship field' };
      if (!relationshipName) return { problem: 'Must specify relationshipName for a relationship field' };
      const masterDetail = type === 'MasterDetail';
      const field: FieldSchema = {
        ...base,
        type: 'reference',
        length: 18,
        referenceTo: [referenceTo],
        // The schema's relationshipName is the parent-side name (Course__c → Course__r); the
        // metadata's <relationshipName> names the child relationship seen from the parent
        // (Training_Records__r) and is kept as childRelationshipName.
        relationshipName: name.slice(0, -3),
        childRelationshipName: relationshipName,
        masterDetail: masterDetail || undefined,
        nillable: masterDetail ? false : base.nillable,
        required: masterDetail ? true : base.required,
        updateable: masterDetail ? bool(node.reparentableMasterDetail) : undefined,
      };
      return { field };
    }
    case 'AutoNumber': {
      const format = text(node.displayFormat);
      if (!format || !/\{0+\}/.test(format))
        return { problem: 'An AutoNumber field needs a displayFormat such as X-{0000}' };
      return {
        field: {
          ...base,
          type: 'autonumber',
          length: 30,
          autoNumberFormat: format,
          nillable: false,
          required: undefined,
          createable: false,
          updateable: false,
        },
      };
    }
    case 'Summary': {
      const operation = text(node.summaryOperation);
      const foreignKey = text(node.summaryForeignKey);
      if (!operation || !['count', 'sum', 'min', 'max'].includes(operation)) {
        return { problem: `summaryOperation must be count, sum, min or max, not ${operation ?? '(blank)'}` };
      }
      if (!foreignKey) return { problem: 'Must specify summaryForeignKey for a roll-up summary field' };
      const summarizedField = text(node.summarizedField);
      if (operation !== 'count' && !summarizedField) return { problem: `A ${operation} roll-up needs summarizedField` };
      return {
        field: {
          ...base,
          type: 'double',
          precision: 18,
          scale: 0,
          nillable: true,
          required: undefined,
          calculated: true,
          createable: false,
          updateable: false,
        },
        pendingRollup: {
          operation,
          foreignKey,
          summarizedField,
          filters: nodes(node.summaryFilterItems).map((item) => ({
            field: text(item.field) ?? '',
            operation: text(item.operation) ?? '',
            value: text(item.value) ?? '',
          })),
        },
      };
    }
    default:
      return { problem: `Field type ${type ?? '(blank)'} is not supported by the local org` };
  }
}

export function validationRuleFromMetadata(node: XmlNode): { rule?: ValidationRuleSchema; problem?: string } {
  const name = text(node.fullName) ?? '';
  const errorConditionFormula = text(node.errorConditionFormula);
  const errorMessage = text(node.errorMessage);
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) return { problem: `Invalid validation rule name: ${name || '(blank)'}` };
  if (!errorConditionFormula) return { problem: 'Must specify an errorConditionFormula' };
  if (!errorMessage) return { problem: 'Must specify an errorMessage' };
  return {
    rule: {
      name,
      active: bool(node.active, true),
      errorConditionFormula,
      errorMessage,
      errorDisplayField: text(node.errorDisplayField),
      description: text(node.description),
    },
  };
}

export type { RollupSchema };
