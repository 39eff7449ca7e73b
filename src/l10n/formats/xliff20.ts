// XLIFF 2.0 (OASIS): units with one segment each, the length limit in the size-restriction module
// (slr:sizeRestriction, code points), segment state initial/translated/reviewed.
import { fromAnyLanguageCode, toBcp47 } from '../languageCodes.js';
import { l10nError } from '../l10nErrors.js';
import { parseXmlDocument, type XmlElement } from '../safeXml.js';
import { decodeXmlText, encodeXmlAttribute, encodeXmlText } from '../xmlText.js';
import { childElements } from '../xmlTree.js';
import { attribute, unitText } from './xliffText.js';
import type { TranslationDocument, TranslationUnit } from './translationDocument.js';

export function writeXliff20(document: TranslationDocument): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:slr="urn:oasis:names:tc:xliff:sizerestriction:2.0" version="2.0" srcLang="${toBcp47(
      document.sourceLanguage
    )}" trgLang="${toBcp47(document.language)}">`,
    '    <file id="salesforce-metadata">',
    '        <slr:profiles generalProfile="xliff:codepoints" />',
  ];
  for (const unit of document.units) {
    const size = unit.maxLength ? ` slr:sizeRestriction="${unit.maxLength}"` : '';
    lines.push(`        <unit id="${encodeXmlAttribute(unit.key)}"${size}>`);
    const state = unit.target === undefined ? 'initial' : unit.outdated ? 'translated' : 'reviewed';
    lines.push(`            <segment state="${state}">`);
    lines.push(`                <source>${encodeXmlText(unit.source)}</source>`);
    if (unit.target !== undefined) lines.push(`                <target>${encodeXmlText(unit.target)}</target>`);
    lines.push('            </segment>', '        </unit>');
  }
  lines.push('    </file>', '</xliff>', '');
  return lines.join('\n');
}

function collectUnits(element: XmlElement, fileName: string, units: TranslationUnit[]): void {
  for (const child of childElements(element)) {
    if (child.name === 'group') {
      collectUnits(child, fileName, units);
      continue;
    }
    if (child.name !== 'unit') continue;
    const key = decodeXmlText(attribute(child, 'id') ?? '');
    let source = '';
    let target: string | undefined;
    for (const segment of childElements(child).filter((node) => node.name === 'segment' || node.name === 'ignorable')) {
      const sourceElement = childElements(segment, 'source')[0];
      const targetElement = childElements(segment, 'target')[0];
      if (sourceElement) source += unitText(sourceElement, fileName, key, 'source');
      if (targetElement) target = (target ?? '') + unitText(targetElement, fileName, key, 'target');
    }
    const unit: TranslationUnit = { key, source };
    if (target !== undefined && target !== '') unit.target = target;
    const size = attribute(child, 'slr:sizeRestriction');
    if (size) unit.maxLength = Number(size);
    units.push(unit);
  }
}

export function readXliff20(text: string, fileName: string): TranslationDocument[] {
  const { root } = parseXmlDocument(text, fileName);
  const rawLanguage = attribute(root, 'trgLang');
  if (!rawLanguage) throw l10nError('MissingLanguage', [fileName]);
  const language = fromAnyLanguageCode(decodeXmlText(rawLanguage));
  if (!language) throw l10nError('InvalidLanguage', [fileName, rawLanguage]);
  const sourceLanguage = fromAnyLanguageCode(decodeXmlText(attribute(root, 'srcLang') ?? '')) ?? 'en_US';
  const units: TranslationUnit[] = [];
  for (const file of childElements(root, 'file')) collectUnits(file, fileName, units);
  return [{ language, sourceLanguage, kind: 'bilingual', units }];
}
