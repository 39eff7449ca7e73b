/* global describe, it, expect -- Jest provides them */
// Every @salesforce/schema import of a component names an object and field of the pack, so the
// components deploy (the platform refuses a bundle with an unknown schema reference).
const fs = require('node:fs');
const path = require('node:path');

const PACK = path.join(__dirname, '..', '..', 'main', 'default');
const LWC_DIR = path.join(PACK, 'lwc');
const STANDARD_FIELDS = new Set(['Id', 'Name', 'OwnerId', 'CreatedDate', 'LastModifiedDate']);
// Standard objects every org has; only their standard fields may be referenced.
const STANDARD_OBJECTS = new Set(['Account', 'Contact', 'User']);

function schemaImports() {
  const found = [];
  for (const bundle of fs.readdirSync(LWC_DIR, { withFileTypes: true })) {
    if (!bundle.isDirectory() || bundle.name.startsWith('__')) continue;
    for (const file of fs.readdirSync(path.join(LWC_DIR, bundle.name)).filter((name) => name.endsWith('.js'))) {
      const source = fs.readFileSync(path.join(LWC_DIR, bundle.name, file), 'utf8');
      for (const [, reference] of source.matchAll(/from\s+['"]@salesforce\/schema\/([A-Za-z0-9_.]+)['"]/g)) {
        found.push({ file: `${bundle.name}/${file}`, reference });
      }
    }
  }
  return found;
}

describe('schema references of the components', () => {
  const imports = schemaImports();

  it('finds the schema imports', () => {
    expect(imports.length).toBeGreaterThan(60);
  });

  it('names only objects and fields that the pack defines', () => {
    const unknown = imports
      .filter(({ reference }) => {
        const [object, field] = reference.split('.');
        const objectDir = path.join(PACK, 'objects', object);
        if (STANDARD_OBJECTS.has(object)) return !!field && !STANDARD_FIELDS.has(field);
        if (!fs.existsSync(path.join(objectDir, `${object}.object-meta.xml`))) return true;
        if (!field || STANDARD_FIELDS.has(field)) return false;
        return !fs.existsSync(path.join(objectDir, 'fields', `${field}.field-meta.xml`));
      })
      .map(({ file, reference }) => `${file}: ${reference}`);
    expect(unknown).toEqual([]);
  });

  it('names only objects, fields and relationships of the pack in its GraphQL queries', () => {
    const objects = fs.readdirSync(path.join(PACK, 'objects'));
    const fields = new Set(
      objects.flatMap((object) => {
        const dir = path.join(PACK, 'objects', object, 'fields');
        return fs.existsSync(dir) ? fs.readdirSync(dir).map((file) => file.replace('.field-meta.xml', '')) : [];
      })
    );
    const unknown = [];
    for (const bundle of fs.readdirSync(LWC_DIR, { withFileTypes: true })) {
      if (!bundle.isDirectory() || bundle.name.startsWith('__')) continue;
      for (const file of fs.readdirSync(path.join(LWC_DIR, bundle.name)).filter((name) => name.endsWith('.js'))) {
        const source = fs.readFileSync(path.join(LWC_DIR, bundle.name, file), 'utf8');
        for (const [, query] of source.matchAll(/gql`([\s\S]*?)`/g)) {
          for (const [name] of query.matchAll(/\b[A-Za-z0-9_]+__[cr]\b/g)) {
            const known = name.endsWith('__r')
              ? fields.has(name.replace(/__r$/, '__c'))
              : objects.includes(name) || fields.has(name);
            if (!known) unknown.push(`${bundle.name}/${file}: ${name}`);
          }
        }
      }
    }
    expect(unknown).toEqual([]);
  });
});
