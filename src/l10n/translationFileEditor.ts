// Puts one translation into (or removes it from) a parsed translation file, touching nothing else:
// new elements go where Salesforce's retrieve would put them (element names in alphabetical order,
// entries of one kind sorted by name) and take the indentation of their neighbours.
import type { XmlDocument, XmlElement } from './safeXml.js';
import type { ElementStep, TranslationFileRef, TranslationSlot } from './translatableItem.js';
import { encodeXmlText } from './xmlText.js';
import {
  childElements,
  childText,
  firstChild,
  insertChild,
  newElement,
  newMetadataDocument,
  removeChild,
  textElement,
  textOf,
} from './xmlTree.js';

export interface EditOutcome {
  changed: boolean;
  /** The translation before the edit, if there was one. */
  previous?: string;
}

function matches(element: XmlElement, step: ElementStep): boolean {
  return (
    step.match.every(([child, value]) => childText(element, child) === value) &&
    (step.absent ?? []).every((child) => !firstChild(element, child))
  );
}

function findStep(parent: XmlElement, step: ElementStep): XmlElement | undefined {
  return childElements(parent, step.tag).find((element) => matches(element, step));
}

/** The sibling a new element must precede to keep Salesforce's order. */
function insertionPoint(
  parent: XmlElement,
  tag: string,
  sortChild?: string,
  sortValue?: string
): XmlElement | undefined {
  return childElements(parent).find((sibling) => {
    if (sibling.name !== tag) return sibling.name > tag;
    if (sortChild === undefined || sortValue === undefined) return false;
    return (childText(sibling, sortChild) ?? '') > sortValue;
  });
}

/** A fresh subtree for the remaining steps, ending in the value element. */
function buildSubtree(steps: ElementStep[], valueTag: string, rawValue: string): XmlElement {
  const [step, ...rest] = steps;
  const children = step.match.map(([child, value]) => textElement(child, encodeXmlText(value)));
  children.push(rest.length ? buildSubtree(rest, valueTag, rawValue) : textElement(valueTag, rawValue));
  children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return newElement(step.tag, children);
}

export function setTranslation(document: XmlDocument, slot: TranslationSlot, text: string): EditOutcome {
  const rawValue = encodeXmlText(text);
  let parent = document.root;
  for (let depth = 0; depth < slot.path.length; depth++) {
    const step = slot.path[depth];
    const existing = findStep(parent, step);
    if (!existing) {
      const subtree = buildSubtree(slot.path.slice(depth), slot.valueTag, rawValue);
      const [sortChild, sortValue] = step.match[0] ?? [];
      insertChild(parent, subtree, depth, insertionPoint(parent, step.tag, sortChild, sortValue));
      return { changed: true };
    }
    parent = existing;
  }
  const valueElement = firstChild(parent, slot.valueTag);
  if (!valueElement) {
    const element = textElement(slot.valueTag, rawValue);
    insertChild(parent, element, slot.path.length, insertionPoint(parent, slot.valueTag));
    return { changed: true };
  }
  const previous = textOf(valueElement);
  if (previous === text) return { changed: false, previous };
  valueElement.children = [{ kind: 'text', raw: rawValue }];
  // The tag layout may have depended on the old text's length.
  delete valueElement.rawOpen;
  delete valueElement.rawClose;
  return { changed: true, previous };
}

export function deleteTranslation(document: XmlDocument, slot: TranslationSlot): EditOutcome {
  const chain: XmlElement[] = [document.root];
  for (const step of slot.path) {
    const next = findStep(chain[chain.length - 1], step);
    if (!next) return { changed: false };
    chain.push(next);
  }
  const holder = chain[chain.length - 1];
  const valueElement = firstChild(holder, slot.valueTag);
  if (!valueElement) return { changed: false };
  const previous = textOf(valueElement);
  removeChild(holder, valueElement);
  // Drop entries left with nothing but their identifying children (e.g. a <customLabels> with only <name>).
  for (let level = slot.path.length; level >= 1; level--) {
    const element = chain[level];
    const identifying = new Set(slot.path[level - 1].match.map(([child]) => child));
    if (childElements(element).every((child) => identifying.has(child.name))) removeChild(chain[level - 1], element);
    else break;
  }
  return { changed: true, previous };
}

/** An empty translation file of the given kind, as Salesforce would retrieve it. */
export function newTranslationDocument(ref: TranslationFileRef, declaration?: string): XmlDocument {
  const document = newMetadataDocument(ref.type, declaration);
  if (ref.type === 'CustomFieldTranslation' && ref.field) {
    insertChild(document.root, textElement('name', encodeXmlText(ref.field)), 0);
  }
  return document;
}
