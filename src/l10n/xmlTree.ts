// Reading and editing the ordered XML tree of safeXml.ts without disturbing what is not edited:
// whitespace, comments and raw entity text of untouched nodes are written back exactly as read.
import { decodeXmlText, encodeXmlAttribute } from './xmlText.js';
import type { XmlDocument, XmlElement, XmlNode } from './safeXml.js';

export const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';
const INDENT = '    ';

export function childElements(element: XmlElement, name?: string): XmlElement[] {
  return element.children.filter(
    (child): child is XmlElement => child.kind === 'element' && (name === undefined || child.name === name)
  );
}

export function firstChild(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child): child is XmlElement => child.kind === 'element' && child.name === name);
}

/** Decoded text content of an element (text and CDATA children). */
export function textOf(element: XmlElement | undefined): string {
  if (!element) return '';
  let text = '';
  for (const child of element.children) {
    if (child.kind === 'text') text += decodeXmlText(child.raw);
    else if (child.kind === 'cdata') text += child.raw;
  }
  return text;
}

export function childText(element: XmlElement, name: string): string | undefined {
  const child = firstChild(element, name);
  return child ? textOf(child) : undefined;
}

export function newElement(name: string, children: XmlNode[] = []): XmlElement {
  return { kind: 'element', name, attributes: [], children };
}

export function textElement(name: string, rawText: string): XmlElement {
  return newElement(name, rawText === '' ? [] : [{ kind: 'text', raw: rawText }]);
}

/** The indentation of `element`'s children: taken from the file where possible, else Salesforce's 4 spaces. */
function childIndent(element: XmlElement, depth: number): string {
  for (let index = 0; index < element.children.length - 1; index++) {
    const node = element.children[index];
    if (node.kind === 'text' && element.children[index + 1].kind !== 'text') {
      const match = /\n([ \t]*)$/.exec(node.raw);
      if (match) return match[1];
    }
  }
  return INDENT.repeat(depth + 1);
}

function isWhitespace(node: XmlNode | undefined): boolean {
  return node?.kind === 'text' && /^\s*$/.test(node.raw);
}

/** Lays out a freshly built element (no whitespace yet) in Salesforce's indented style. */
function indentNew(element: XmlElement, depth: number): void {
  const elements = element.children.filter((child) => child.kind === 'element') as XmlElement[];
  if (elements.length === 0) return;
  const inner = INDENT.repeat(depth + 1);
  const laidOut: XmlNode[] = [];
  for (const child of elements) {
    indentNew(child, depth + 1);
    laidOut.push({ kind: 'text', raw: `\n${inner}` }, child);
  }
  laidOut.push({ kind: 'text', raw: `\n${INDENT.repeat(depth)}` });
  element.children = laidOut;
}

/**
 * Inserts `child` into `parent` (at `depth`, root = 0) before `beforeElement` (or after the last
 * element), with the indentation the neighbours use.
 */
export function insertChild(parent: XmlElement, child: XmlElement, depth: number, beforeElement?: XmlElement): void {
  indentNew(child, depth + 1);
  const indent = childIndent(parent, depth);
  const hasElements = parent.children.some((node) => node.kind === 'element');
  if (!hasElements) {
    // Empty or text-only parent (e.g. a freshly created root): lay it out from scratch.
    parent.children = [{ kind: 'text', raw: `\n${indent}` }, child, { kind: 'text', raw: `\n${INDENT.repeat(depth)}` }];
    return;
  }
  if (beforeElement) {
    const index = parent.children.indexOf(beforeElement);
    parent.children.splice(index, 0, child, { kind: 'text', raw: `\n${indent}` });
    return;
  }
  // After the last element: reuse the whitespace that closes the parent.
  let lastElementIndex = -1;
  parent.children.forEach((node, index) => {
    if (node.kind !== 'text') lastElementIndex = index;
  });
  parent.children.splice(lastElementIndex + 1, 0, { kind: 'text', raw: `\n${indent}` }, child);
}

/** Removes `child` and the whitespace that introduced it. */
export function removeChild(parent: XmlElement, child: XmlElement): void {
  const index = parent.children.indexOf(child);
  if (index < 0) return;
  if (index > 0 && isWhitespace(parent.children[index - 1])) parent.children.splice(index - 1, 2);
  else parent.children.splice(index, 1);
  if (!parent.children.some((node) => node.kind !== 'text' || !/^\s*$/.test(node.raw))) parent.children = [];
}

function serializeAttributes(attributes: Array<[string, string]>): string {
  return attributes.map(([name, value]) => ` ${name}="${value}"`).join('');
}

function serializeNode(node: XmlNode, out: string[]): void {
  switch (node.kind) {
    case 'text':
      out.push(node.raw);
      return;
    case 'comment':
      out.push(`<!--${node.raw}-->`);
      return;
    case 'cdata':
      out.push(`<![CDATA[${node.raw}]]>`);
      return;
    default:
      if (node.children.length === 0) {
        out.push(`<${node.name}${serializeAttributes(node.attributes)} />`);
        return;
      }
      out.push(`<${node.name}${serializeAttributes(node.attributes)}>`);
      for (const child of node.children) serializeNode(child, out);
      out.push(`</${node.name}>`);
  }
}

export function serializeXmlDocument(document: XmlDocument): string {
  const out: string[] = [];
  if (document.declaration) out.push(`${document.declaration}\n`);
  serializeNode(document.root, out);
  out.push('\n');
  return out.join('');
}

/** Salesforce's own declaration; new files copy the project's instead where there is one. */
export const SALESFORCE_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** A new, empty metadata file: the declaration and a root in the metadata namespace. */
export function newMetadataDocument(rootName: string, declaration = SALESFORCE_XML_DECLARATION): XmlDocument {
  return {
    declaration,
    root: {
      kind: 'element',
      name: rootName,
      attributes: [['xmlns', encodeXmlAttribute(METADATA_NAMESPACE)]],
      children: [],
    },
  };
}
