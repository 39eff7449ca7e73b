// XLIFF 1.2 as the Translation Workbench and translators' tools exchange it: one <file> per language,
// trans-unit ids = Workbench keys, maxwidth/size-unit from the platform's length limits, no <target>
// = untranslated. Language codes are written in BCP-47 (he, zh-Hans …) and read in either form.
import { fromAnyLanguageCode, toBcp47 } from '../languageCodes.js';
import { l10nError } from '../l10nErrors.js';
import { parseXmlDocument, type XmlElement } from '../safeXml.js';
import { decodeXmlText, encodeXmlAttribute, encodeXmlText } from '../xmlText.js';
import { attribute, unitText } from './xliffText.js';
import type { TranslationDocument, TranslationUnit } from './translationDocument.js';
import { childElements } from '../xmlTree.js';

export function writeXliff12(document: TranslationDocument): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">',
    `    <file original="Salesforce" source-language="${toBcp47(document.sourceLanguage)}" target-language="${toBcp47(
      document.language
    )}" translation-type="metadata" datatype="xml">`,
    '        <body>',
  ];
  for (const unit of document.units) {
    const width = unit.maxLength ? ` maxwidth="${unit.maxLength}" size-unit="char"` : '';
    lines.push(`            <trans-unit id="${encodeXmlAttribute(unit.key)}"${width}>`);
    lines.push(`                <source>${encodeXmlText(unit.source)}</source>`);
    if (unit.target !== undefined) {
      const state = unit.outdated ? ' state="needs-review-translation"' : '';
      lines.push(`                <target${state}>${encodeXmlText(unit.target)}</target>`);
    }
    lines.push('            </trans-unit>');
  }
  lines.push('        </body>', '    </file>', '</xliff>', '');
  return lines.join('\n');
}

function readUnit(element: XmlElement, fileName: string): TranslationUnit {
  const key = decodeXmlText(attribute(element, 'id') ?? '');
  const source = childElements(element, 'source')[0];
  const target = childElements(element, 'target')[0];
  const maxWidth = attribute(element, 'maxwidth');
  const unit: TranslationUnit = { key, source: source ? unitText(source, fileName, key, 'source') : '' };
  if (target) {
    const text = unitText(target, fileName, key, 'target');
    // An empty target is how several tools write "not translated yet".
    if (text !== '') unit.target = text;
    if (attribute(target, 'state') === 'needs-review-translation') unit.outdated = true;
  }
  if (maxWidth) unit.maxLength = Number(maxWidth);
  return unit;
}

function collectUnits(element: XmlElement, fileName: string, units: TranslationUnit[]): void {
  for (const child of childElements(element)) {
    if (child.name === 'trans-unit') units.push(readUnit(child, fileName));
    else if (child.name === 'group' || child.name === 'body') collectUnits(child, fileName, units);
  }
}

export function readXliff12(text: string, fileName: string): TranslationDocument[] {
  const { root } = parseXmlDocument(text, fileName);
  return childElements(root, 'file').map((file) => {
    const rawLanguage = attribute(file, 'target-language');
    if (!rawLanguage) throw l10nError('MissingLanguage', [fileName]);
    const language = fromAnyLanguageCode(decodeXmlText(rawLanguage));
    if (!language) throw l10nError('InvalidLanguage', [fileName, rawLanguage]);
    const units: TranslationUnit[] = [];
    collectUnits(file, fileName, units);
    const sourceLanguage = fromAnyLanguageCode(decodeXmlText(attribute(file, 'source-language') ?? '')) ?? 'en_US';
    return { language, sourceLanguage, kind: 'bilingual', units };
  });
}
