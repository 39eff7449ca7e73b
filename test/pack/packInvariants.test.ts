// Invariants of the pack's data model, read from the source metadata itself: field documentation,
// one API version, no Apex, formulas and roll-ups that only name fields that exist, and a clean
// source → Metadata API conversion. Each check is a function returning its violations; it runs on
// the real pack (expect none) and on a deliberately broken copy (expect the break to be named), so
// no check can pass vacuously.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { XMLParser } from 'fast-xml-parser';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';

const repoRoot = process.cwd();
const packageDir = join(repoRoot, 'force-app');

const REPEATED_TAGS = new Set(['summaryFilterItems', 'columns', 'filters', 'fields', 'customValue', 'value']);
const xml = new XMLParser({
  ignoreAttributes: true,
  processEntities: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => REPEATED_TAGS.has(name),
});

type Xml = Record<string, unknown>;

type FieldDef = {
  object: string;
  name: string;
  file: string;
  type?: string;
  description?: string;
  help?: string;
  formula?: string;
  referenceTo?: string;
  summaryOperation?: string;
  summaryForeignKey?: string;
  summarizedField?: string;
  summaryFilterFields: string[];
};

type ValidationRuleDef = { object: string; name: string; file: string; formula: string };

type ListViewDef = { object: string; name: string; file: string; fields: string[] };

type PackModel = {
  /** Paths relative to the package directory, with '/' separators. */
  files: string[];
  sourceApiVersion: string;
  /** Every <apiVersion> found in a -meta.xml file. */
  apiVersions: Array<{ file: string; version: string }>;
  objects: Map<string, Map<string, FieldDef>>;
  validationRules: ValidationRuleDef[];
  listViews: ListViewDef[];
  customPermissions: Set<string>;
};

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]
  );
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

function parse(file: string, root: string): Xml {
  const parsed = xml.parse(readFileSync(file, 'utf8')) as Record<string, Xml | undefined>;
  const element = parsed[root];
  if (!element) throw new Error(`${file}: expected a <${root}> root element`);
  return element;
}

/** Reads the parts of a package directory the invariants look at. */
function loadPack(pkgDir: string, sfdxProjectFile: string): PackModel {
  const absolute = walk(pkgDir);
  const files = absolute.map((f) => relative(pkgDir, f).split(sep).join('/'));
  const project = JSON.parse(readFileSync(sfdxProjectFile, 'utf8')) as { sourceApiVersion?: string };
  const model: PackModel = {
    files,
    sourceApiVersion: project.sourceApiVersion ?? '',
    apiVersions: [],
    objects: new Map(),
    validationRules: [],
    listViews: [],
    customPermissions: new Set(),
  };
  absolute.forEach((file, index) => {
    const rel = files[index];
    if (rel.endsWith('-meta.xml')) {
      const version = /<apiVersion>\s*([^<\s]+)\s*<\/apiVersion>/.exec(readFileSync(file, 'utf8'));
      if (version) model.apiVersions.push({ file: rel, version: version[1] });
    }
    const objectPart = /\/objects\/([^/]+)\/(?:([^/]+)\/)?([^/]+?)\.([A-Za-z]+)-meta\.xml$/.exec(`/${rel}`);
    if (objectPart) {
      const [, object, , name, kind] = objectPart;
      if (!model.objects.has(object)) model.objects.set(object, new Map());
      if (kind === 'field') {
        const f = parse(file, 'CustomField');
        const filterItems = (f.summaryFilterItems as Xml[] | undefined) ?? [];
        model.objects.get(object)?.set(name, {
          object,
          name,
          file: rel,
          type: text(f.type),
          description: text(f.description),
          help: text(f.inlineHelpText),
          formula: text(f.formula),
          referenceTo: text(f.referenceTo),
          summaryOperation: text(f.summaryOperation),
          summaryForeignKey: text(f.summaryForeignKey),
          summarizedField: text(f.summarizedField),
          summaryFilterFields: filterItems.map((item) => text(item.field) ?? ''),
        });
      } else if (kind === 'validationRule') {
        const r = parse(file, 'ValidationRule');
        model.validationRules.push({ object, name, file: rel, formula: text(r.errorConditionFormula) ?? '' });
      } else if (kind === 'listView') {
        const v = parse(file, 'ListView');
        const columns = ((v.columns as unknown[] | undefined) ?? []).map((c) => text(c) ?? '');
        const filters = ((v.filters as Xml[] | undefined) ?? []).map((item) => text(item.field) ?? '');
        model.listViews.push({ object, name, file: rel, fields: [...columns, ...filters] });
      }
    }
    const permission = /customPermissions\/([^/]+)\.customPermission-meta\.xml$/.exec(rel);
    if (permission) model.customPermissions.add(permission[1]);
  });
  return model;
}

// ---------------------------------------------------------------------------------------------
// The checks. Each returns human-readable violations naming the file.

function undocumentedFields(model: PackModel): string[] {
  const violations: string[] = [];
  for (const fields of model.objects.values()) {
    for (const field of fields.values()) {
      if (!field.description?.trim()) violations.push(`${field.file}: no <description>`);
      if (!field.help?.trim()) violations.push(`${field.file}: no <inlineHelpText>`);
    }
  }
  return violations;
}

function apiVersionMismatches(model: PackModel, expected: string): string[] {
  const violations: string[] = [];
  if (model.sourceApiVersion !== expected) {
    violations.push(`sfdx-project.json: sourceApiVersion ${model.sourceApiVersion || '(none)'} is not ${expected}`);
  }
  for (const { file, version } of model.apiVersions) {
    if (version !== expected) violations.push(`${file}: apiVersion ${version} is not ${expected}`);
  }
  return violations;
}

function apexFiles(model: PackModel): string[] {
  return model.files.filter((file) => /(^|\/)(classes|triggers)\/|\.(cls|trigger)(-meta\.xml)?$/.test(file));
}

// Standard fields every custom object has; formulas and list views may name them.
const STANDARD_FIELDS = new Set([
  'Id',
  'Name',
  'OwnerId',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
  'IsDeleted',
  'RecordTypeId',
]);
const USER_GLOBALS = new Set(['Id', 'Username', 'Email', 'FirstName', 'LastName', 'LanguageLocaleKey', 'LocaleSidKey']);
const LITERALS = new Set(['TRUE', 'FALSE', 'NULL']);

/** Field paths a formula reads: identifiers not called as functions, outside string literals. */
export function formulaReferences(formula: string): string[] {
  const code = formula.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  const references: string[] = [];
  const identifier = /\$?[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/g;
  for (let match = identifier.exec(code); match; match = identifier.exec(code)) {
    const after = code.slice(match.index + match[0].length);
    const isCall = /^\s*\(/.test(after);
    const precededByDigit = match.index > 0 && /[0-9.]/.test(code[match.index - 1]);
    if (isCall || precededByDigit || LITERALS.has(match[0].toUpperCase())) continue;
    references.push(match[0]);
  }
  return references;
}

/** Why a field path cannot be resolved from `object`, or undefined when it resolves. */
function unresolved(model: PackModel, object: string, path: string): string | undefined {
  if (path.startsWith('$')) {
    const [global, name] = path.split('.');
    if (global === '$User' && name && USER_GLOBALS.has(name)) return undefined;
    if (global === '$Permission' && name && model.customPermissions.has(name)) return undefined;
    return `${path} is not a known global or custom permission`;
  }
  const segments = path.split('.');
  let current = object;
  for (const [index, segment] of segments.entries()) {
    const fields = model.objects.get(current);
    const isLast = index === segments.length - 1;
    if (!fields) {
      // A standard object outside the pack (User, Contact, Account): only standard fields are known.
      return isLast && STANDARD_FIELDS.has(segment) ? undefined : `${path}: ${current} is not in the pack`;
    }
    if (isLast) {
      if (fields.has(segment) || STANDARD_FIELDS.has(segment)) return undefined;
      return `${path}: ${current} has no field ${segment}`;
    }
    if (!segment.endsWith('__r')) return `${path}: ${segment} is not a relationship`;
    const lookup = fields.get(segment.replace(/__r$/, '__c'));
    if (!lookup?.referenceTo) return `${path}: ${current} has no lookup ${segment.replace(/__r$/, '__c')}`;
    current = lookup.referenceTo;
  }
  return undefined;
}

function dangling(model: PackModel): string[] {
  const violations: string[] = [];
  const check = (file: string, object: string, path: string): void => {
    const why = unresolved(model, object, path);
    if (why) violations.push(`${file}: ${why}`);
  };
  for (const [object, fields] of model.objects) {
    for (const field of fields.values()) {
      if (field.formula) for (const ref of formulaReferences(field.formula)) check(field.file, object, ref);
      // Roll-ups name "<ChildObject>.<Field>"; the child must exist and point back at this object.
      for (const qualified of [field.summaryForeignKey, field.summarizedField, ...field.summaryFilterFields]) {
        if (!qualified) continue;
        const [child, childField] = qualified.split('.');
        if (!child || !childField)
          violations.push(`${field.file}: roll-up reference "${qualified}" is not Object.Field`);
        else check(field.file, child, childField);
      }
      if (field.summaryForeignKey) {
        const [child, key] = field.summaryForeignKey.split('.');
        const target = model.objects.get(child)?.get(key)?.referenceTo;
        if (target !== object)
          violations.push(`${field.file}: ${field.summaryForeignKey} is not a master-detail to ${object}`);
      }
    }
  }
  for (const rule of model.validationRules) {
    for (const ref of formulaReferences(rule.formula)) check(rule.file, rule.object, ref);
  }
  for (const view of model.listViews) {
    for (const column of view.fields) {
      // List views also use platform column names such as NAME or OWNER.ALIAS.
      if (/^[A-Z_.]+$/.test(column)) continue;
      check(view.file, view.object, column);
    }
  }
  return violations;
}

/** Roll-ups must use COUNT/SUM/MIN/MAX and never depend on TODAY() (the platform refuses both). */
function invalidRollups(model: PackModel): string[] {
  const violations: string[] = [];
  const usesToday = (object: string, field: string): boolean => {
    const formula = model.objects.get(object)?.get(field)?.formula;
    return formula !== undefined && /\bTODAY\s*\(/i.test(formula);
  };
  for (const fields of model.objects.values()) {
    for (const field of fields.values()) {
      if (field.type !== 'Summary') continue;
      if (!['count', 'sum', 'min', 'max'].includes(field.summaryOperation ?? '')) {
        violations.push(
          `${field.file}: summaryOperation ${field.summaryOperation ?? '(none)'} is not count/sum/min/max`
        );
      }
      for (const qualified of [field.summarizedField, ...field.summaryFilterFields]) {
        const [child, childField] = (qualified ?? '').split('.');
        if (child && childField && usesToday(child, childField)) {
          violations.push(`${field.file}: rolls up ${qualified}, a formula using TODAY()`);
        }
      }
    }
  }
  return violations;
}

async function convertWithSdr(pkgDir: string, outputDirectory: string): Promise<number> {
  const components = ComponentSet.fromSource(pkgDir);
  await new MetadataConverter().convert(components, 'metadata', { type: 'directory', outputDirectory });
  return components.size;
}

// ---------------------------------------------------------------------------------------------

describe('pack invariants', () => {
  const pack = loadPack(packageDir, join(repoRoot, 'sfdx-project.json'));
  const field = (object: string, name: string): FieldDef => {
    const found = pack.objects.get(object)?.get(name);
    if (!found) throw new Error(`${object}.${name} missing from the pack`);
    return found;
  };
  /** A deep copy of the real model with one change, so each check is shown to catch a real break. */
  const broken = (change: (copy: PackModel) => void): PackModel => {
    const copy: PackModel = {
      ...pack,
      files: [...pack.files],
      apiVersions: pack.apiVersions.map((v) => ({ ...v })),
      objects: new Map(
        [...pack.objects].map(([name, fields]) => [
          name,
          new Map([...fields].map(([n, f]) => [n, { ...f, summaryFilterFields: [...f.summaryFilterFields] }])),
        ])
      ),
      validationRules: pack.validationRules.map((r) => ({ ...r })),
      listViews: pack.listViews.map((v) => ({ ...v, fields: [...v.fields] })),
      customPermissions: new Set(pack.customPermissions),
    };
    change(copy);
    return copy;
  };
  const copyField = (model: PackModel, object: string, name: string): FieldDef => {
    const found = model.objects.get(object)?.get(name);
    if (!found) throw new Error(`${object}.${name} missing from the copy`);
    return found;
  };

  it('reads the whole data model', () => {
    for (const object of [
      'Market__c',
      'Training_Course__c',
      'Training_Record__c',
      'CQ_Assessment__c',
      'Glocal_Install__mdt',
    ]) {
      expect(pack.objects.get(object)?.size ?? 0).toBeGreaterThan(0);
    }
    expect(field('Training_Record__c', 'Cert_Expires_On__c').formula).toContain('Course__r.Recertify_Months__c');
    expect(pack.validationRules.length).toBeGreaterThan(20);
  });

  describe('every custom field has a description and help text', () => {
    it('holds for the pack', () => {
      expect(undocumentedFields(pack)).toEqual([]);
    });
    it('names a field that lost its help text', () => {
      const model = broken((m) => {
        copyField(m, 'Market__c', 'Country_Code__c').help = '  ';
      });
      expect(undocumentedFields(model)).toEqual([
        'main/default/objects/Market__c/fields/Country_Code__c.field-meta.xml: no <inlineHelpText>',
      ]);
    });
  });

  describe('one API version everywhere', () => {
    it('holds for the pack', () => {
      expect(apiVersionMismatches(pack, '62.0')).toEqual([]);
    });
    it('names a component on another version', () => {
      const model = broken((m) => {
        m.apiVersions.push({ file: 'main/default/lwc/x/x.js-meta.xml', version: '59.0' });
      });
      expect(apiVersionMismatches(model, '62.0')).toEqual([
        'main/default/lwc/x/x.js-meta.xml: apiVersion 59.0 is not 62.0',
      ]);
    });
  });

  describe('no Apex', () => {
    it('holds for the pack', () => {
      expect(apexFiles(pack)).toEqual([]);
    });
    it('finds a class or trigger', () => {
      const model = broken((m) => {
        m.files.push('main/default/classes/Helper.cls', 'main/default/triggers/T.trigger-meta.xml');
      });
      expect(apexFiles(model)).toEqual(['main/default/classes/Helper.cls', 'main/default/triggers/T.trigger-meta.xml']);
    });
  });

  describe('formulas, roll-ups and list views name only fields that exist', () => {
    it('extracts field paths, not functions or string contents', () => {
      expect(
        formulaReferences(
          'IF(ISPICKVAL(Status__c, "Due_On__c"), ADDMONTHS(Completed_On__c, Course__r.Recertify_Months__c), NULL)'
        )
      ).toEqual(['Status__c', 'Completed_On__c', 'Course__r.Recertify_Months__c']);
      expect(formulaReferences('Market__r.OwnerId = $User.Id && $Permission.Glocal_Partner_User')).toEqual([
        'Market__r.OwnerId',
        '$User.Id',
        '$Permission.Glocal_Partner_User',
      ]);
    });
    it('holds for the pack', () => {
      expect(dangling(pack)).toEqual([]);
    });
    it('names a formula that reads a field the parent does not have', () => {
      const model = broken((m) => {
        const f = copyField(m, 'Training_Record__c', 'Cert_Expires_On__c');
        f.formula = f.formula?.replace('Course__r.Recertify_Months__c', 'Course__r.Recertify_Month__c');
      });
      expect(dangling(model)).toEqual(
        expect.arrayContaining([
          'main/default/objects/Training_Record__c/fields/Cert_Expires_On__c.field-meta.xml: Course__r.Recertify_Month__c: Training_Course__c has no field Recertify_Month__c',
        ])
      );
    });
    it('names a deleted field that a validation rule, roll-up and list view still use', () => {
      const model = broken((m) => {
        m.objects.get('Training_Record__c')?.delete('Status__c');
      });
      const violations = dangling(model);
      expect(
        violations.some((v) => v.includes('validationRules/Completion_Needs_Date') && v.includes('Status__c'))
      ).toBe(true);
      expect(
        violations.some((v) => v.includes('Market__c/fields/Completed_Trainings__c') && v.includes('Status__c'))
      ).toBe(true);
      expect(violations.some((v) => v.includes('listViews/All.listView') && v.includes('Status__c'))).toBe(true);
    });
    it('names an unknown custom permission', () => {
      const model = broken((m) => {
        m.customPermissions.clear();
      });
      const partnerRules = dangling(model).filter((v) => v.includes('$Permission.Glocal_Partner_User'));
      expect(partnerRules.length).toBeGreaterThan(0);
    });
  });

  describe('roll-ups are COUNT/SUM/MIN/MAX and never depend on TODAY()', () => {
    it('holds for the pack', () => {
      expect(invalidRollups(pack)).toEqual([]);
    });
    it('names a roll-up filtered on a TODAY() formula', () => {
      const model = broken((m) => {
        const f = copyField(m, 'Market__c', 'Completed_Trainings__c');
        f.summaryFilterFields = ['Training_Record__c.Overdue__c'];
      });
      expect(invalidRollups(model)).toEqual([
        'main/default/objects/Market__c/fields/Completed_Trainings__c.field-meta.xml: rolls up Training_Record__c.Overdue__c, a formula using TODAY()',
      ]);
    });
  });

  describe('every file converts with source-deploy-retrieve', () => {
    let scratch: string;
    beforeAll(() => {
      scratch = mkdtempSync(join(tmpdir(), 'glocal-pack-'));
    });
    afterAll(() => {
      rmSync(scratch, { recursive: true, force: true });
    });

    it('converts the pack to Metadata API format', async () => {
      const size = await convertWithSdr(packageDir, join(scratch, 'mdapi'));
      expect(size).toBeGreaterThan(10);
      const converted = walk(join(scratch, 'mdapi'));
      expect(converted.some((f) => f.endsWith(join('objects', 'Training_Record__c.object')))).toBe(true);
      expect(converted.some((f) => f.endsWith(join('objectTranslations', 'Market__c-da.objectTranslation')))).toBe(
        true
      );
    });

    it('fails on a file it cannot resolve', async () => {
      const pkg = join(scratch, 'broken-app');
      cpSync(join(packageDir, 'main', 'default', 'globalValueSets'), join(pkg, 'main', 'default', 'globalValueSets'), {
        recursive: true,
      });
      mkdirSync(join(pkg, 'main', 'default', 'objects', 'Market__c'), { recursive: true });
      writeFileSync(join(pkg, 'main', 'default', 'objects', 'Market__c', 'Market__c.unknowntype-meta.xml'), '<x/>');
      await expect(convertWithSdr(pkg, join(scratch, 'broken-out'))).rejects.toThrow(/unknowntype/);
    });
  });
});
