// A Metadata API deploy against the local org: the package is applied to a staging copy of the
// schema first and checked as a whole (references, formulas, roll-ups, value sets, permissions),
// so a deploy is all-or-nothing like a real one; only then is it replayed on the live schema.
import {
  compileFormula,
  FormulaError,
  FormulaNotSupportedError,
  FormulaSyntaxError,
  type FormulaReturnType,
} from '../formula/index.js';
import { fieldOf, OrgSchema, type FieldSchema, type PicklistValue, type SObjectSchema } from '../org/schema.js';
import type { StoredValue } from '../org/store.js';
import type { OrgContext } from '../types.js';
import {
  attributesFragment,
  childFragment,
  fieldFromMetadata,
  isCustomObjectName,
  objectFromMetadata,
  OBJECT_CHILD_TYPES,
  parseObjectFile,
  validationRuleFromMetadata,
  type ParsedObjectFile,
} from './customObject.js';
import { DeployPackageError, readDeployZip, type PackageComponent, type PackageManifest } from './package.js';
import { bool, buildXmlFragment, nodes, parseXml, text, type XmlNode } from './xml.js';

export interface DeployOptions {
  checkOnly: boolean;
  rollbackOnError: boolean;
  singlePackage: boolean;
  purgeOnDelete: boolean;
  ignoreWarnings: boolean;
}

export interface DeployMessage {
  changed: boolean;
  componentType: string;
  created: boolean;
  createdDate: string;
  deleted: boolean;
  fileName: string;
  fullName: string;
  id?: string;
  problem?: string;
  problemType?: 'Warning' | 'Error';
  success: boolean;
  lineNumber?: number;
  columnNumber?: number;
}

export interface DeployOutcome {
  success: boolean;
  successes: DeployMessage[];
  failures: DeployMessage[];
  /** whole-deploy error (unreadable zip …) */
  errorMessage?: string;
  errorStatusCode?: string;
}

const OBJECT_CHILD_TYPE_NAMES = new Set(Object.values(OBJECT_CHILD_TYPES));
const NOT_INTERPRETED = 'Stored by the local org; not interpreted (its behaviour is not emulated)';

/** A unit of the deploy result: one component (or a child of a .object file). */
interface Unit {
  type: string;
  fullName: string;
  fileName: string;
  problems: string[];
  warnings: string[];
  existedBefore: boolean;
  changed: boolean;
  notInterpreted?: boolean;
  deleted?: boolean;
  /** applies this unit to a schema (staging first, then the live schema) */
  applySchema?: (schema: OrgSchema) => void;
  /** applies data side effects on the live org (records, metadata store) */
  applyLive?: (org: OrgContext) => void;
}

interface FieldPlan {
  unit: Unit;
  objectName: string;
  field: FieldSchema;
  pendingRollup?: ReturnType<typeof fieldFromMetadata>['pendingRollup'];
}

interface RulePlan {
  unit: Unit;
  objectName: string;
  source: string;
  errorDisplayField?: string;
}

/** Runs a whole deploy synchronously and returns the per-component result. */
export function runDeploy(org: OrgContext, zip: Buffer, options: DeployOptions): DeployOutcome {
  let pkg;
  try {
    pkg = readDeployZip(zip);
  } catch (error) {
    const message = error instanceof DeployPackageError ? error.message : `Invalid zip: ${(error as Error).message}`;
    return {
      success: false,
      successes: [],
      failures: [],
      errorMessage: message,
      errorStatusCode: 'INVALID_CROSS_REFERENCE_KEY',
    };
  }
  const prefix = options.singlePackage ? '' : 'unpackaged/';
  const units: Unit[] = [];
  const fields: FieldPlan[] = [];
  const rules: RulePlan[] = [];
  const staging = new OrgSchema();
  staging.restore(org.schema.snapshot());
  const newUnit = (type: string, fullName: string, fileName: string, existedBefore: boolean): Unit => {
    const unit: Unit = {
      type,
      fullName,
      fileName: prefix + fileName,
      problems: [],
      warnings: [],
      existedBefore,
      changed: true,
    };
    units.push(unit);
    return unit;
  };

  // destructiveChangesPre runs before anything else is staged
  const preDeletes = destructiveUnits(org, pkg.destructivePre, newUnit);

  const byType = (type: string): PackageComponent[] => pkg.components.filter((c) => c.type === type);
  const mainXml = (component: PackageComponent): string | undefined => {
    const file = component.files.find((f) => f.path === component.xmlPath) ?? component.files[0];
    return file?.content.toString('utf8');
  };

  // Global value sets first: picklist fields resolve against them.
  for (const component of byType('GlobalValueSet')) {
    const unit = newUnit(
      'GlobalValueSet',
      component.fullName,
      component.xmlPath ?? '',
      !!org.metadata.get('GlobalValueSet', component.fullName)
    );
    const xml = mainXml(component) ?? '';
    try {
      const root = parseXml(xml, unit.fileName).GlobalValueSet as XmlNode;
      const values: PicklistValue[] = nodes(root?.customValue).map((value) => ({
        value: text(value.fullName) ?? '',
        label: text(value.label) ?? text(value.fullName) ?? '',
        active: bool(value.isActive, true),
        default: bool(value.default),
      }));
      if (!text(root?.masterLabel)) unit.problems.push('Must specify a masterLabel for the GlobalValueSet');
      if (values.length === 0) unit.problems.push('A global value set needs at least one value');
      const seen = new Set<string>();
      for (const value of values) {
        if (seen.has(value.value.toLowerCase())) unit.problems.push(`Duplicate value: ${value.value}`);
        seen.add(value.value.toLowerCase());
      }
      const sorted = bool(root?.sorted);
      unit.applySchema = (schema) => schema.upsertGlobalValueSet(component.fullName, values, sorted);
      unit.applyLive = storeComponent(component, xml);
    } catch (error) {
      unit.problems.push((error as Error).message);
    }
  }

  // Objects: object-level attributes, then fields and validation rules as their own units.
  const parsedObjects: ParsedObjectFile[] = [];
  for (const component of byType('CustomObject')) {
    const fileName = component.xmlPath ?? `objects/${component.fullName}.object`;
    let parsed: ParsedObjectFile;
    try {
      parsed = parseObjectFile(component.fullName, mainXml(component) ?? '', fileName);
    } catch (error) {
      newUnit('CustomObject', component.fullName, fileName, false).problems.push((error as Error).message);
      continue;
    }
    parsedObjects.push(parsed);
    const objectName = component.fullName;
    const existing = org.schema.getObject(objectName);
    const hasAttributes = Object.keys(parsed.attributes).length > 0;
    if (hasAttributes || !existing) {
      const unit = newUnit(
        'CustomObject',
        objectName,
        fileName,
        !!org.metadata.get('CustomObject', objectName) || !!existing
      );
      if (existing && !existing.custom) {
        // a standard object file carries only its custom children; attributes are not redeployable here
        unit.notInterpreted = hasAttributes;
        unit.applyLive = (live) => {
          if (hasAttributes)
            live.metadata.put('CustomObject', objectName, { xml: attributesFragment(parsed.attributes), files: [] });
        };
      } else if (!isCustomObjectName(objectName)) {
        unit.problems.push(
          `Cannot create the object ${objectName}: custom object names end with __c (or __mdt for custom metadata types)`
        );
      } else if (!hasAttributes) {
        unit.problems.push(
          `Cannot find the object ${objectName} in the org; deploy it with its label, pluralLabel and nameField`
        );
      } else {
        const { object, problem } = objectFromMetadata(objectName, parsed.attributes);
        if (problem) unit.problems.push(problem);
        if (object) {
          unit.applySchema = (schema) => schema.upsertObject(object as SObjectSchema);
          unit.applyLive = (live) =>
            live.metadata.put('CustomObject', objectName, { xml: attributesFragment(parsed.attributes), files: [] });
        }
      }
    }
    const seenChildren = new Set<string>();
    for (const child of parsed.children) {
      const existed = !!org.metadata.get(child.type, child.fullName);
      const unit = newUnit(child.type, child.fullName, fileName, existed);
      const key = `${child.type}:${child.name.toLowerCase()}`;
      if (seenChildren.has(key)) unit.problems.push(`Duplicate name '${child.name}' specified`);
      seenChildren.add(key);
      const fragment = childFragment(child);
      unit.changed = !existed || org.metadata.get(child.type, child.fullName)?.xml !== fragment;
      const storeChild = (live: OrgContext): void => {
        live.metadata.put(child.type, child.fullName, { xml: fragment, files: [] });
      };
      if (child.type === 'CustomField') {
        if (!child.name.endsWith('__c')) {
          // standard fields (e.g. Name on Account) can be customised in metadata; keep them as stored
          unit.notInterpreted = true;
          unit.applyLive = storeChild;
          continue;
        }
        const translation = fieldFromMetadata(objectName, child.node);
        if (translation.problem) unit.problems.push(translation.problem);
        if (translation.field) {
          const field = translation.field;
          fields.push({ unit, objectName, field, pendingRollup: translation.pendingRollup });
          unit.applySchema = (schema) => schema.upsertField(objectName, field);
        }
        unit.applyLive = storeChild;
      } else if (child.type === 'ValidationRule') {
        const { rule, problem } = validationRuleFromMetadata(child.node);
        if (problem) unit.problems.push(problem);
        if (rule) {
          rules.push({
            unit,
            objectName,
            source: rule.errorConditionFormula,
            errorDisplayField: rule.errorDisplayField,
          });
          unit.applySchema = (schema) => schema.upsertValidationRule(objectName, rule);
        }
        unit.applyLive = storeChild;
      } else {
        unit.notInterpreted = true;
        unit.applyLive = storeChild;
      }
    }
  }

  // Stage everything so checks see the package as a whole (a field may reference an object
  // or a roll-up defined later in the same deploy).
  for (const unit of units) stage(unit, staging);

  for (const plan of fields) checkField(plan, staging);
  for (const plan of fields) if (plan.field.formula) checkFormula(plan, staging);
  for (const plan of rules) checkRule(plan, staging);
  checkMasterDetailLimits(fields, staging);

  const customPermissions = new Set([
    ...org.metadata.list('CustomPermission').map((entry) => entry.fullName),
    ...byType('CustomPermission').map((component) => component.fullName),
  ]);
  for (const component of byType('CustomPermission')) {
    const unit = newUnit(
      'CustomPermission',
      component.fullName,
      component.xmlPath ?? '',
      !!org.metadata.get('CustomPermission', component.fullName)
    );
    unit.applyLive = storeComponent(component, mainXml(component));
  }
  for (const component of byType('PermissionSet')) {
    permissionSetUnit(component, mainXml(component) ?? '', newUnit, staging, customPermissions, org);
  }
  for (const component of byType('CustomMetadata')) {
    customMetadataUnit(component, mainXml(component) ?? '', newUnit, staging, org);
  }
  const labelNames = byType('CustomLabels').flatMap((component) =>
    customLabelsUnits(component, mainXml(component) ?? '', newUnit, org)
  );

  const interpreted = new Set([
    'GlobalValueSet',
    'CustomObject',
    'CustomPermission',
    'PermissionSet',
    'CustomMetadata',
    'CustomLabels',
  ]);
  for (const component of pkg.components) {
    if (interpreted.has(component.type)) continue;
    const unit = newUnit(
      component.type,
      component.fullName,
      component.xmlPath ?? component.files[0]?.path ?? '',
      !!org.metadata.get(component.type, component.fullName)
    );
    unit.notInterpreted = component.type !== 'Translations';
    unit.applyLive = storeComponent(component, mainXml(component));
    if (component.xmlPath) {
      try {
        parseXml(mainXml(component) ?? '', unit.fileName);
      } catch (error) {
        unit.problems.push((error as Error).message);
      }
    }
  }

  const postDeletes = destructiveUnits(org, pkg.destructivePost, newUnit);
  checkManifest(pkg.manifest, pkg.components, parsedObjects, labelNames, units, prefix);
  for (const file of pkg.unknownFiles) {
    const unit = newUnit('', file, file, false);
    unit.problems.push(`Could not infer a metadata type for ${file}`);
  }
  for (const unit of units) {
    const fault = org.faults.deployComponentFailure(unit.type, unit.fullName);
    if (fault) unit.problems.push(fault);
  }

  // A redeploy of identical metadata reports components as unchanged, as a real org does.
  for (const unit of units) {
    if (!unit.existedBefore || unit.deleted || OBJECT_CHILD_TYPE_NAMES.has(unit.type)) continue;
    const stored = org.metadata.get(unit.type, unit.fullName)?.xml;
    if (unit.type === 'CustomObject') {
      const parsed = parsedObjects.find((object) => object.objectName === unit.fullName);
      unit.changed = !parsed || stored !== attributesFragment(parsed.attributes);
    } else {
      const component = pkg.components.find((c) => c.type === unit.type && c.fullName === unit.fullName);
      unit.changed = !component || stored !== mainXml(component);
    }
  }

  const failed = units.filter((unit) => unit.problems.length > 0);
  const allOrNothing = options.rollbackOnError;
  const applicable =
    options.checkOnly || (allOrNothing && failed.length > 0) ? [] : units.filter((u) => u.problems.length === 0);
  if (applicable.length > 0) {
    const apply = new Set(applicable);
    for (const deletion of preDeletes) if (apply.has(deletion)) deletion.applyLive?.(org);
    for (const unit of applicable) {
      if (unit.deleted) continue;
      unit.applySchema?.(org.schema);
    }
    for (const unit of applicable) if (!unit.deleted) unit.applyLive?.(org);
    for (const deletion of postDeletes) if (apply.has(deletion)) deletion.applyLive?.(org);
  }

  const now = new Date().toISOString();
  const message = (unit: Unit, success: boolean): DeployMessage => ({
    changed: success && !unit.deleted && unit.existedBefore && unit.changed,
    componentType: unit.type,
    created: success && !unit.deleted && !unit.existedBefore,
    createdDate: now,
    deleted: success && !!unit.deleted,
    fileName: unit.fileName,
    fullName: unit.fullName,
    success,
    ...(success
      ? unit.warnings.length > 0
        ? { problem: unit.warnings.join('; '), problemType: 'Warning' as const }
        : unit.notInterpreted
          ? { problem: NOT_INTERPRETED }
          : {}
      : { problem: unit.problems.join('; '), problemType: 'Error' as const }),
  });
  const success = failed.length === 0;
  return {
    success,
    successes: units.filter((u) => u.problems.length === 0).map((u) => message(u, true)),
    failures: failed.map((u) => message(u, false)),
  };
}

function stage(unit: Unit, staging: OrgSchema): void {
  if (!unit.applySchema) return;
  try {
    unit.applySchema(staging);
  } catch (error) {
    unit.problems.push((error as Error).message);
  }
}

function storeComponent(component: PackageComponent, xml: string | undefined): (org: OrgContext) => void {
  return (org) => org.metadata.put(component.type, component.fullName, { xml, files: component.files });
}

// ---------------------------------------------------------------- field and formula checks

const FORMULA_TYPE_OF: Record<string, string> = {
  double: 'Number',
  int: 'Number',
  currency: 'Currency',
  percent: 'Percent',
  boolean: 'Checkbox',
  date: 'Date',
  datetime: 'DateTime',
  picklist: 'Picklist',
  multipicklist: 'MultiselectPicklist',
};

/** The field a formula path names, following relationships (Course__r.X, Owner.Name). */
export function resolveFieldPath(schema: OrgSchema, objectName: string, path: string): FieldSchema | undefined {
  const segments = path.split('.');
  let current: SObjectSchema | undefined = schema.getObject(objectName);
  for (let i = 0; i < segments.length - 1; i++) {
    if (!current) return undefined;
    const segment = segments[i];
    const reference: FieldSchema | undefined = segment.toLowerCase().endsWith('__r')
      ? fieldOf(current, `${segment.slice(0, -3)}__c`)
      : (fieldOf(current, `${segment}Id`) ??
        Object.values(current.fields).find(
          (f) => !f.custom && f.relationshipName?.toLowerCase() === segment.toLowerCase()
        ));
    if (!reference || reference.type !== 'reference' || !reference.referenceTo?.length) return undefined;
    current = schema.getObject(reference.referenceTo[0]);
  }
  return current ? fieldOf(current, segments[segments.length - 1]) : undefined;
}

function formulaFieldType(field: FieldSchema): string {
  if (field.formula) return field.formula.returnType;
  return FORMULA_TYPE_OF[field.type] ?? 'Text';
}

function compileProblem(error: unknown): string {
  if (error instanceof FormulaNotSupportedError) {
    return `Formula not evaluable by the local org: ${error.construct} is outside the supported subset`;
  }
  if (error instanceof FormulaSyntaxError) return `Syntax error. ${error.message}`;
  if (error instanceof FormulaError) return error.message;
  return `Formula error: ${(error as Error).message}`;
}

function compileOn(
  staging: OrgSchema,
  objectName: string,
  source: string,
  returnType: FormulaReturnType,
  treatBlanksAsZero: boolean
): string | undefined {
  try {
    compileFormula(source, {
      returnType,
      treatBlanksAsZero,
      fieldType: (path) => {
        const field = resolveFieldPath(staging, objectName, path);
        return field ? formulaFieldType(field) : undefined;
      },
    });
    return undefined;
  } catch (error) {
    return compileProblem(error);
  }
}

function checkFormula(plan: FieldPlan, staging: OrgSchema): void {
  const formula = plan.field.formula!;
  const problem = compileOn(
    staging,
    plan.objectName,
    formula.source,
    formula.returnType,
    formula.treatBlanksAsZero ?? true
  );
  if (problem) plan.unit.problems.push(problem);
}

function checkRule(plan: RulePlan, staging: OrgSchema): void {
  const problem = compileOn(staging, plan.objectName, plan.source, 'Checkbox', false);
  if (problem) plan.unit.problems.push(problem);
  if (plan.errorDisplayField && !staging.getField(plan.objectName, plan.errorDisplayField)) {
    plan.unit.problems.push(`The errorDisplayField ${plan.errorDisplayField} does not exist on ${plan.objectName}`);
  }
}

function checkField(plan: FieldPlan, staging: OrgSchema): void {
  const { field, unit, objectName } = plan;
  if (field.type === 'reference') {
    const target = field.referenceTo?.[0] ?? '';
    if (!staging.getObject(target)) {
      unit.problems.push(`referenceTo value of '${target}' does not resolve to a valid sObject type`);
    } else if (field.masterDetail) {
      const parent = staging.getObject(target)!;
      if (parent.customMetadata)
        unit.problems.push(`A master-detail relationship cannot point at the custom metadata type ${target}`);
      const own = staging.getObject(objectName);
      if (own?.sharingModel && own.sharingModel !== 'ControlledByParent') {
        unit.problems.push(
          `Cannot set sharingModel to ${own.sharingModel} on a CustomObject with a MasterDetail relationship field (use ControlledByParent)`
        );
      }
    }
  }
  if (field.valueSetName && !staging.getGlobalValueSet(field.valueSetName)) {
    unit.problems.push(
      `Could not resolve the value set name ${field.valueSetName}: no GlobalValueSet named ${field.valueSetName} found`
    );
  }
  if (plan.pendingRollup) resolveRollup(plan, staging);
}

const FILTER_OPERATIONS = new Set([
  'equals',
  'notEqual',
  'lessThan',
  'greaterThan',
  'lessOrEqual',
  'greaterOrEqual',
  'contains',
  'notContain',
  'startsWith',
  'includes',
  'excludes',
  'within',
]);

function resolveRollup(plan: FieldPlan, staging: OrgSchema): void {
  const pending = plan.pendingRollup!;
  const { unit, field, objectName } = plan;
  const [childObject, relationshipField] = pending.foreignKey.split('.');
  const child = childObject ? staging.getObject(childObject) : undefined;
  if (!child || !relationshipField) {
    unit.problems.push(`summaryForeignKey ${pending.foreignKey}: no object named ${childObject} found`);
    return;
  }
  const key = fieldOf(child, relationshipField);
  if (!key?.masterDetail || key.referenceTo?.[0]?.toLowerCase() !== objectName.toLowerCase()) {
    unit.problems.push(
      `summaryForeignKey ${pending.foreignKey} must be a master-detail field on ${childObject} that points at ${objectName}`
    );
    return;
  }
  let summarized: FieldSchema | undefined;
  if (pending.operation !== 'count') {
    const [summaryObject, summaryField] = (pending.summarizedField ?? '').split('.');
    summarized =
      summaryObject?.toLowerCase() === childObject.toLowerCase() && summaryField
        ? fieldOf(child, summaryField)
        : undefined;
    if (!summarized) {
      unit.problems.push(`summarizedField ${pending.summarizedField}: no such field on ${childObject}`);
      return;
    }
    const allowed =
      pending.operation === 'sum'
        ? ['double', 'int', 'currency', 'percent']
        : ['double', 'int', 'currency', 'percent', 'date', 'datetime'];
    if (!allowed.includes(summarized.type)) {
      unit.problems.push(
        `summarizedField ${pending.summarizedField} has type ${summarized.type}, which ${pending.operation} cannot summarise`
      );
      return;
    }
  }
  const filters = [];
  for (const filter of pending.filters) {
    const [filterObject, filterField] = filter.field.split('.');
    const target =
      filterField && filterObject.toLowerCase() === childObject.toLowerCase() ? fieldOf(child, filterField) : undefined;
    if (!target) {
      unit.problems.push(`summaryFilterItems: field ${filter.field} does not exist`);
      return;
    }
    if (!FILTER_OPERATIONS.has(filter.operation)) {
      unit.problems.push(`summaryFilterItems: unknown operation ${filter.operation}`);
      return;
    }
    filters.push({ field: target.name, operation: filter.operation, value: filter.value });
  }
  field.rollup = {
    function: pending.operation as 'count' | 'sum' | 'min' | 'max',
    childObject: child.name,
    field: summarized?.name,
    relationshipField: key.name,
    filters,
  };
  if (summarized) {
    field.type = summarized.type === 'int' ? 'double' : summarized.type;
    field.precision = summarized.precision ?? 18;
    field.scale = summarized.scale ?? 0;
  }
  staging.upsertField(objectName, field);
}

function checkMasterDetailLimits(fields: FieldPlan[], staging: OrgSchema): void {
  const objects = new Set(
    fields.filter((plan) => plan.field.masterDetail).map((plan) => plan.objectName.toLowerCase())
  );
  for (const name of objects) {
    const object = staging.getObject(name);
    const count = object ? Object.values(object.fields).filter((field) => field.masterDetail).length : 0;
    if (count > 2) {
      for (const plan of fields) {
        if (plan.field.masterDetail && plan.objectName.toLowerCase() === name) {
          plan.unit.problems.push(`${object!.name} cannot have more than 2 master-detail relationships`);
        }
      }
    }
  }
}

// ---------------------------------------------------------------- other interpreted types

type NewUnit = (type: string, fullName: string, fileName: string, existedBefore: boolean) => Unit;

function permissionSetUnit(
  component: PackageComponent,
  xml: string,
  newUnit: NewUnit,
  staging: OrgSchema,
  customPermissions: Set<string>,
  org: OrgContext
): void {
  const unit = newUnit(
    'PermissionSet',
    component.fullName,
    component.xmlPath ?? '',
    !!org.metadata.get('PermissionSet', component.fullName)
  );
  let root: XmlNode;
  try {
    root = parseXml(xml, unit.fileName).PermissionSet as XmlNode;
  } catch (error) {
    unit.problems.push((error as Error).message);
    return;
  }
  const label = text(root?.label);
  if (!label) unit.problems.push('Must specify a non-empty label for the PermissionSet');
  for (const permission of nodes(root?.fieldPermissions)) {
    const fieldName = text(permission.field) ?? '';
    const [objectName, name] = fieldName.split('.');
    const target = name ? staging.getField(objectName, name) : undefined;
    if (!target) {
      unit.problems.push(`In field: field - no CustomField named ${fieldName} found`);
    } else if (target.required || target.masterDetail) {
      // required fields are always visible and editable; Salesforce refuses permissions on them
      unit.problems.push(`You cannot deploy to a required field: ${fieldName}`);
    } else if (
      bool(permission.editable) &&
      (target.calculated || target.formula || target.rollup || target.type === 'autonumber')
    ) {
      unit.problems.push(`Field ${fieldName} is read-only (formula, roll-up or auto-number) and cannot be editable`);
    }
  }
  for (const permission of nodes(root?.objectPermissions)) {
    const objectName = text(permission.object) ?? '';
    if (!staging.getObject(objectName))
      unit.problems.push(`In field: object - no CustomObject named ${objectName} found`);
  }
  for (const permission of nodes(root?.customPermissions)) {
    const name = text(permission.name) ?? '';
    if (!customPermissions.has(name)) unit.problems.push(`In field: name - no CustomPermission named ${name} found`);
  }
  unit.applyLive = (live) => {
    live.metadata.put('PermissionSet', component.fullName, { xml, files: component.files });
    if (live.schema.getObject('PermissionSet')) {
      live.store.putSystemRecord('PermissionSet', 'Name', {
        Name: component.fullName,
        Label: label ?? component.fullName,
      });
    }
  };
}

function customMetadataUnit(
  component: PackageComponent,
  xml: string,
  newUnit: NewUnit,
  staging: OrgSchema,
  org: OrgContext
): void {
  const unit = newUnit(
    'CustomMetadata',
    component.fullName,
    component.xmlPath ?? '',
    !!org.metadata.get('CustomMetadata', component.fullName)
  );
  const [typeName, developerName] = component.fullName.split('.');
  const objectName = `${typeName}__mdt`;
  const object = staging.getObject(objectName);
  if (!object || !developerName) {
    unit.problems.push(`Cannot find the custom metadata type ${objectName} for the record ${component.fullName}`);
    return;
  }
  let root: XmlNode;
  try {
    root = parseXml(xml, unit.fileName).CustomMetadata as XmlNode;
  } catch (error) {
    unit.problems.push((error as Error).message);
    return;
  }
  const label = text(root?.label) ?? developerName;
  const values: Record<string, StoredValue> = {
    DeveloperName: developerName,
    MasterLabel: label,
    Label: label,
    QualifiedApiName: developerName,
    Language: 'en_US',
  };
  for (const value of nodes(root?.values)) {
    const fieldName = text(value.field) ?? '';
    const field = fieldOf(object, fieldName);
    if (!field) {
      unit.problems.push(`In field: field - no CustomField named ${objectName}.${fieldName} found`);
      continue;
    }
    const raw = value.value;
    const isNil = typeof raw === 'object' && !Array.isArray(raw) && raw['@_nil'] === 'true';
    const content = isNil ? undefined : text(raw);
    values[field.name] = content === undefined ? null : coerceMetadataValue(field, content);
  }
  unit.applyLive = (live) => {
    live.metadata.put('CustomMetadata', component.fullName, { xml, files: component.files });
    live.store.putSystemRecord(objectName, 'DeveloperName', values);
  };
}

function coerceMetadataValue(field: FieldSchema, value: string): StoredValue {
  if (field.type === 'boolean') return value === 'true';
  if (['double', 'int', 'currency', 'percent'].includes(field.type)) return Number(value);
  return value;
}

/** Stages a CustomLabels file; returns the names of its labels. */
function customLabelsUnits(component: PackageComponent, xml: string, newUnit: NewUnit, org: OrgContext): string[] {
  const unit = newUnit(
    'CustomLabels',
    component.fullName,
    component.xmlPath ?? '',
    !!org.metadata.get('CustomLabels', component.fullName)
  );
  let labels: XmlNode[] = [];
  try {
    labels = nodes((parseXml(xml, unit.fileName).CustomLabels as XmlNode)?.labels);
  } catch (error) {
    unit.problems.push((error as Error).message);
    return [];
  }
  const seen = new Set<string>();
  for (const label of labels) {
    const name = text(label.fullName) ?? '';
    if (seen.has(name.toLowerCase())) unit.problems.push(`Duplicate label name: ${name}`);
    seen.add(name.toLowerCase());
    if (!text(label.value)) unit.problems.push(`Label ${name}: value is required`);
  }
  unit.applyLive = (live) => {
    live.metadata.put('CustomLabels', component.fullName, { xml, files: component.files });
    for (const label of labels) {
      const name = text(label.fullName) ?? '';
      live.metadata.put('CustomLabel', name, { xml: childLabelXml(label), files: [] });
    }
  };
  return labels.map((label) => text(label.fullName) ?? '');
}

function childLabelXml(label: XmlNode): string {
  return buildXmlFragment({ labels: label });
}

// ---------------------------------------------------------------- destructive changes and package.xml

function destructiveUnits(org: OrgContext, manifest: PackageManifest | undefined, newUnit: NewUnit): Unit[] {
  if (!manifest) return [];
  const units: Unit[] = [];
  for (const type of manifest.types) {
    for (const member of type.members) {
      const existing = org.metadata.get(type.name, member);
      const unit = newUnit(type.name, member, `destructiveChanges/${type.name}/${member}`, !!existing);
      unit.deleted = true;
      units.push(unit);
      const inSchema =
        type.name === 'CustomObject'
          ? !!org.schema.getObject(member)
          : type.name === 'CustomField'
            ? !!org.schema.getField(member.split('.')[0], member.split('.')[1] ?? '')
            : false;
      if (!existing && !inSchema) {
        // a real org answers this as a warning, the deploy still succeeds
        unit.warnings.push(`No ${type.name} named: ${member} found`);
        unit.deleted = false;
        continue;
      }
      unit.applyLive = (live) => deleteComponent(live, type.name, member);
    }
  }
  return units;
}

function deleteComponent(org: OrgContext, type: string, fullName: string): void {
  org.metadata.remove(type, fullName);
  if (type === 'CustomObject') {
    for (const childType of Object.values(OBJECT_CHILD_TYPES)) {
      for (const entry of org.metadata.list(childType)) {
        if (entry.fullName.toLowerCase().startsWith(`${fullName.toLowerCase()}.`))
          org.metadata.remove(childType, entry.fullName);
      }
    }
    org.schema.removeObject(fullName);
    org.store.dropTable(fullName);
  } else if (type === 'CustomField') {
    const [objectName, fieldName] = fullName.split('.');
    org.schema.removeField(objectName, fieldName);
  } else if (type === 'ValidationRule') {
    const [objectName, ruleName] = fullName.split('.');
    org.schema.removeValidationRule(objectName, ruleName);
  } else if (type === 'GlobalValueSet') {
    org.schema.removeGlobalValueSet(fullName);
  } else if (type === 'PermissionSet') {
    org.store.removeSystemRecord('PermissionSet', 'Name', fullName);
  } else if (type === 'CustomMetadata') {
    const [typeName, developerName] = fullName.split('.');
    org.store.removeSystemRecord(`${typeName}__mdt`, 'DeveloperName', developerName ?? '');
  }
}

/** Every package.xml member must be in the zip (a real org fails the deploy otherwise). */
function checkManifest(
  manifest: PackageManifest,
  components: PackageComponent[],
  objects: ParsedObjectFile[],
  labelNames: string[],
  units: Unit[],
  prefix: string
): void {
  const present = new Set(components.map((c) => `${c.type}:${c.fullName}`.toLowerCase()));
  for (const object of objects) {
    for (const child of object.children) present.add(`${child.type}:${child.fullName}`.toLowerCase());
  }
  for (const name of labelNames) present.add(`customlabel:${name}`.toLowerCase());
  for (const type of manifest.types) {
    for (const member of type.members) {
      if (member === '*' || present.has(`${type.name}:${member}`.toLowerCase())) continue;
      const unit: Unit = {
        type: type.name,
        fullName: member,
        fileName: `${prefix}package.xml`,
        problems: [
          `An object '${member}' of type ${type.name} was named in package.xml, but was not found in zipped directory`,
        ],
        warnings: [],
        existedBefore: false,
        changed: false,
      };
      units.push(unit);
    }
  }
}
