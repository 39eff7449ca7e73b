// Runs LWC jest tests as a user of one language would see them: every custom label resolved
// from the pack's own labels file (en_US) or translations/<lang>.translation-meta.xml, and the
// @salesforce/i18n values of that user's locale. loadAsUser gives a test file the component as
// each language's user gets it, so one file covers da, zh_CN and ar with one table of expectations.
const fs = require('node:fs');
const path = require('node:path');
/* global jest -- the jest object Jest gives every module it loads */

const PACK = path.join(__dirname, '..', '..', 'main', 'default');
const LABELS_FILE = path.join(PACK, 'labels', 'CustomLabels.labels-meta.xml');
const BASE_LANGUAGE = 'en_US';
const LANGUAGES = ['en_US', 'da', 'zh_CN', 'de', 'fr', 'es', 'ja', 'pt_BR', 'ar'];

/** What a user of each language gets from @salesforce/i18n in these tests. */
const USERS = {
  en_US: { lang: 'en-US', locale: 'en-US', dir: 'ltr', timeZone: 'America/New_York', currency: 'USD' },
  da: { lang: 'da', locale: 'da-DK', dir: 'ltr', timeZone: 'Europe/Copenhagen', currency: 'DKK' },
  zh_CN: { lang: 'zh-CN', locale: 'zh-CN', dir: 'ltr', timeZone: 'Asia/Shanghai', currency: 'CNY' },
  de: { lang: 'de', locale: 'de-DE', dir: 'ltr', timeZone: 'Europe/Berlin', currency: 'EUR' },
  fr: { lang: 'fr', locale: 'fr-FR', dir: 'ltr', timeZone: 'Europe/Paris', currency: 'EUR' },
  es: { lang: 'es', locale: 'es-ES', dir: 'ltr', timeZone: 'Europe/Madrid', currency: 'EUR' },
  ja: { lang: 'ja', locale: 'ja-JP', dir: 'ltr', timeZone: 'Asia/Tokyo', currency: 'JPY' },
  pt_BR: { lang: 'pt-BR', locale: 'pt-BR', dir: 'ltr', timeZone: 'America/Sao_Paulo', currency: 'BRL' },
  ar: { lang: 'ar', locale: 'ar-SA', dir: 'rtl', timeZone: 'Asia/Riyadh', currency: 'SAR' },
};

function decodeXml(text) {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (match, code) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&');
}

function elementText(block, tag) {
  // Prettier may wrap a long element as <label\n        >text</label>
  const match = block.match(new RegExp(`<${tag}\\s*>([\\s\\S]*?)</${tag}>`));
  return match ? decodeXml(match[1]) : undefined;
}

/** Label name → English value, from the labels file. */
function readBaseLabels() {
  const xml = fs.readFileSync(LABELS_FILE, 'utf8');
  const labels = new Map();
  for (const [, block] of xml.matchAll(/<labels>([\s\S]*?)<\/labels>/g)) {
    labels.set(elementText(block, 'fullName'), elementText(block, 'value'));
  }
  return labels;
}

/** Label name → translated value, from translations/<language>.translation-meta.xml. */
function readTranslatedLabels(language) {
  const file = path.join(PACK, 'translations', `${language}.translation-meta.xml`);
  const xml = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const labels = new Map();
  for (const [, block] of xml.matchAll(/<customLabels>([\s\S]*?)<\/customLabels>/g)) {
    labels.set(elementText(block, 'name'), elementText(block, 'label'));
  }
  return labels;
}

/** Every label as a user of `language` reads it; a missing translation fails loudly. */
function labelsFor(language) {
  const base = readBaseLabels();
  if (language === BASE_LANGUAGE) {
    return base;
  }
  const translated = readTranslatedLabels(language);
  const labels = new Map();
  for (const name of base.keys()) {
    if (!translated.has(name)) {
      throw new Error(`Label ${name} has no ${language} translation in translations/${language}.translation-meta.xml`);
    }
    labels.set(name, translated.get(name));
  }
  return labels;
}

/** Mocks every @salesforce/label/c.* and @salesforce/i18n/* import for the modules loaded next. */
function useLocale(language) {
  const user = USERS[language];
  if (!user) {
    throw new Error(`No test user for language ${language}`);
  }
  const labels = labelsFor(language);
  for (const [name, value] of labels) {
    jest.doMock(`@salesforce/label/c.${name}`, () => ({ __esModule: true, default: value }), { virtual: true });
  }
  for (const [key, value] of Object.entries(user)) {
    jest.doMock(`@salesforce/i18n/${key}`, () => ({ __esModule: true, default: value }), { virtual: true });
  }
  return { labels, user };
}

/**
 * Loads modules as a user of `language` gets them, in a module registry of their own. The
 * transformer reads a label or i18n import once, when its module is first evaluated, so a test
 * file can only cover several languages if each language gets freshly evaluated modules.
 * `load` requires the component and the wire adapters the test emits through, so they are the
 * instances the component was loaded with. The LWC engine stays the test file's own (import
 * createElement as usual): a second engine would register the same custom element tags again.
 * Returns what `load` returned, plus the user's `labels` and i18n values (`user`).
 */
function loadAsUser(language, load) {
  const engine = require('@lwc/engine-dom');
  let loaded;
  jest.isolateModules(() => {
    jest.doMock('@lwc/engine-dom', () => engine);
    const { labels, user } = useLocale(language);
    loaded = { ...load(), labels, user };
  });
  return loaded;
}

module.exports = {
  LANGUAGES,
  BASE_LANGUAGE,
  USERS,
  readBaseLabels,
  readTranslatedLabels,
  labelsFor,
  loadAsUser,
};
