// Reads the translations of one language from its translation files (Translations,
// CustomObjectTranslation + fieldTranslation, GlobalValueSetTranslation, StandardValueSetTranslation).
// An empty element counts as untranslated: metadata-format retrieves write untranslated items empty.
import { readXmlFileValues, type XmlElement } from './safeXml.js';
import { childElements, childText } from './xmlTree.js';
import type { TranslationFile } from './sourceProject.js';
import type { FoundTranslation } from './translatableItem.js';
import {
  customAppKey,
  customLabelKey,
  customTabKey,
  fieldKey,
  fieldPicklistValueKey,
  globalQuickActionKey,
  globalValueKey,
  layoutSectionKey,
  nameFieldLabelKey,
  objectLabelKey,
  objectQuickActionKey,
  recordTypeKey,
  standardValueKey,
  validationRuleKey,
  webLinkKey,
} from './workbenchKeys.js';

type Emit = (key: string, text: string | undefined) => void;

function named(root: XmlElement, tag: string, valueTag: string, key: (name: string) => string, emit: Emit): void {
  for (const element of childElements(root, tag)) {
    emit(key(childText(element, 'name') ?? ''), childText(element, valueTag));
  }
}

function fieldTranslations(object: string, field: XmlElement, fieldName: string, emit: Emit): void {
  emit(fieldKey(object, fieldName, 'FieldLabel').key, childText(field, 'label'));
  emit(fieldKey(object, fieldName, 'HelpText').key, childText(field, 'help'));
  emit(fieldKey(object, fieldName, 'RelationshipLabel').key, childText(field, 'relationshipLabel'));
  for (const value of childElements(field, 'picklistValues')) {
    emit(
      fieldPicklistValueKey(object, fieldName, childText(value, 'masterLabel') ?? '').key,
      childText(value, 'translation')
    );
  }
}

function objectTranslations(object: string, root: XmlElement, emit: Emit): void {
  for (const caseValue of childElements(root, 'caseValues')) {
    const otherForm = ['article', 'possessive', 'caseType'].some((tag) => childText(caseValue, tag) !== undefined);
    if (otherForm) continue;
    emit(objectLabelKey(object, childText(caseValue, 'plural') === 'true').key, childText(caseValue, 'value'));
  }
  emit(nameFieldLabelKey(object).key, childText(root, 'nameFieldLabel'));
  for (const layout of childElements(root, 'layouts')) {
    const layoutName = childText(layout, 'layout') ?? '';
    for (const section of childElements(layout, 'sections')) {
      emit(layoutSectionKey(object, layoutName, childText(section, 'section') ?? '').key, childText(section, 'label'));
    }
  }
  named(root, 'validationRules', 'errorMessage', (name) => validationRuleKey(object, name).key, emit);
  named(root, 'recordTypes', 'label', (name) => recordTypeKey(object, name).key, emit);
  named(root, 'webLinks', 'label', (name) => webLinkKey(object, name).key, emit);
  named(root, 'quickActions', 'label', (name) => objectQuickActionKey(object, name).key, emit);
  // Metadata format keeps fields inline; source format splits them into fieldTranslation files.
  for (const field of childElements(root, 'fields'))
    fieldTranslations(object, field, childText(field, 'name') ?? '', emit);
}

/** Every non-empty translation in one file, keyed like the catalog. */
export function translationsInDocument(file: TranslationFile, root: XmlElement): FoundTranslation[] {
  const found: FoundTranslation[] = [];
  const emit: Emit = (key, text) => {
    if (text !== undefined && text !== '') found.push({ key, text, file: file.path });
  };
  const owner = file.ref.owner ?? '';
  switch (file.ref.type) {
    case 'Translations':
      named(root, 'customLabels', 'label', (name) => customLabelKey(name).key, emit);
      named(root, 'customApplications', 'label', (name) => customAppKey(name).key, emit);
      named(root, 'customTabs', 'label', (name) => customTabKey(name).key, emit);
      named(root, 'quickActions', 'label', (name) => globalQuickActionKey(name).key, emit);
      break;
    case 'CustomObjectTranslation':
      objectTranslations(owner, root, emit);
      break;
    case 'CustomFieldTranslation':
      fieldTranslations(owner, root, childText(root, 'name') ?? file.ref.field ?? '', emit);
      break;
    case 'GlobalValueSetTranslation':
      for (const value of childElements(root, 'valueTranslation')) {
        emit(globalValueKey(owner, childText(value, 'masterLabel') ?? '').key, childText(value, 'translation'));
      }
      break;
    case 'StandardValueSetTranslation':
      for (const value of childElements(root, 'valueTranslation')) {
        emit(standardValueKey(owner, childText(value, 'masterLabel') ?? '').key, childText(value, 'translation'));
      }
      break;
  }
  return found;
}

export async function readTranslationFile(file: TranslationFile): Promise<FoundTranslation[]> {
  const document = readXmlFileValues(file.path);
  return translationsInDocument(file, document.root);
}

/** All translations of one language; later files win when a key appears twice. */
export async function readLanguageTranslations(files: TranslationFile[]): Promise<Map<string, FoundTranslation>> {
  const translations = new Map<string, FoundTranslation>();
  for (const file of files) {
    for (const found of await readTranslationFile(file)) translations.set(found.key, found);
  }
  return translations;
}
