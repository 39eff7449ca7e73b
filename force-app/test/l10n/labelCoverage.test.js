/* global describe, it, expect -- Jest provides them */
// Every custom label a component imports exists in the labels file and is translated into all
// eight translation languages (the ninth, en_US, is the labels file itself).
const fs = require('node:fs');
const path = require('node:path');
const { LANGUAGES, BASE_LANGUAGE, readBaseLabels, readTranslatedLabels } = require('./glocalLocale');

const LWC_DIR = path.join(__dirname, '..', '..', 'main', 'default', 'lwc');

function componentSources() {
  return fs
    .readdirSync(LWC_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('__'))
    .flatMap((entry) =>
      fs
        .readdirSync(path.join(LWC_DIR, entry.name))
        .filter((file) => file.endsWith('.js'))
        .map((file) => path.join(LWC_DIR, entry.name, file))
    );
}

function importedLabels() {
  const imports = new Map();
  for (const file of componentSources()) {
    const source = fs.readFileSync(file, 'utf8');
    for (const [, name] of source.matchAll(/from\s+['"]@salesforce\/label\/c\.([A-Za-z0-9_]+)['"]/g)) {
      imports.set(name, [...(imports.get(name) ?? []), path.relative(LWC_DIR, file)]);
    }
  }
  return imports;
}

describe('custom labels of the components', () => {
  const imports = importedLabels();
  const base = readBaseLabels();

  it('finds the label imports of the components', () => {
    expect(imports.size).toBeGreaterThan(90);
  });

  it('has every imported label in labels/CustomLabels.labels-meta.xml', () => {
    const missing = [...imports.keys()]
      .filter((name) => !base.has(name))
      .map((name) => `${name} (${imports.get(name)})`);
    expect(missing).toEqual([]);
  });

  it('translates every imported label into all languages', () => {
    const untranslated = [];
    for (const language of LANGUAGES.filter((code) => code !== BASE_LANGUAGE)) {
      const translated = readTranslatedLabels(language);
      for (const name of imports.keys()) {
        const value = translated.get(name);
        if (!value || !value.trim()) {
          untranslated.push(`${language}: ${name}`);
        }
      }
    }
    expect(LANGUAGES).toHaveLength(9);
    expect(untranslated).toEqual([]);
  });

  it('keeps the placeholders of each label in every translation', () => {
    const placeholders = (text) => [...new Set(text.match(/\{\d+\}/g) ?? [])].sort();
    const broken = [];
    for (const language of LANGUAGES.filter((code) => code !== BASE_LANGUAGE)) {
      const translated = readTranslatedLabels(language);
      for (const [name, value] of base) {
        if (translated.has(name) && placeholders(translated.get(name)).join() !== placeholders(value).join()) {
          broken.push(`${language}: ${name}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('leaves no label of ours unused', () => {
    const unused = [...base.keys()].filter((name) => name.startsWith('Glocal_') && !imports.has(name));
    expect(unused).toEqual([]);
  });
});
