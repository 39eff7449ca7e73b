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
  if (parent.rawOpen?.endsWith('/>')) {
    // A self-closing tag as read cannot take children.
    delete parent.rawOpen;
    delete parent.rawClose;
  }
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

/**
 * prettier's XML plugin (our repo's formatter, printWidth 120, strict whitespace) cannot break text,
 * so an element whose line is too long gets its start tag's ">" moved to the next line:
 * `<help\n    >long text</help>`. It also writes `<?xml … ?>` with a space, which is how we tell that a
 * file is prettier-formatted; Salesforce's own files never break tags.
 */
const PRETTIER_PRINT_WIDTH = 120;
const isPrettierStyle = (document: XmlDocument): boolean => / \?>$/.test(document.declaration ?? '');

const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}]/u;

/**
 * Display width as prettier counts it: combining marks (Arabic vowel signs …) and format characters
 * count 0, East Asian wide and fullwidth characters 2.
 */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    if (ZERO_WIDTH.test(char)) continue;
    const code = char.codePointAt(0) ?? 0;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x1f300 && code <= 0x1f64f) ||
      (code >= 0x1f900 && code <= 0x1f9ff) ||
      (code >= 0x20000 && code <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

interface SerializeContext {
  out: string[];
  breakLongLeaves: boolean;
}

function openTag(node: XmlElement, indent: string, context: SerializeContext): string {
  if (node.rawOpen !== undefined) return node.rawOpen;
  const tag = `<${node.name}${serializeAttributes(node.attributes)}`;
  const isLeaf = node.children.length > 0 && node.children.every((child) => child.kind === 'text');
  if (context.breakLongLeaves && isLeaf) {
    const text = node.children.map((child) => (child as { raw: string }).raw).join('');
    if (!text.includes('\n') && displayWidth(`${indent}${tag}>${text}</${node.name}>`) > PRETTIER_PRINT_WIDTH) {
      return `${tag}\n${indent}>`;
    }
  }
  return `${tag}>`;
}

function serializeNode(node: XmlNode, indent: string, context: SerializeContext): void {
  const { out } = context;
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
    default: {
      if (node.children.length === 0) {
        out.push(node.rawOpen ?? `<${node.name}${serializeAttributes(node.attributes)} />`);
        if (node.rawOpen !== undefined && node.rawClose !== undefined) out.push(node.rawClose);
        return;
      }
      out.push(openTag(node, indent, context));
      let childIndent = indent;
      for (const child of node.children) {
        serializeNode(child, childIndent, context);
        if (child.kind === 'text') {
          const match = /\n([ \t]*)$/.exec(child.raw);
          if (match) childIndent = match[1];
        }
      }
      out.push(node.rawClose ?? `</${node.name}>`);
    }
  }
}

export function serializeXmlDocument(document: XmlDocument): string {
  const context: SerializeContext = { out: [], breakLongLeaves: isPrettierStyle(document) };
  if (document.declaration) context.out.push(`${document.declaration}\n`);
  serializeNode(document.root, '', context);
  context.out.push('\n');
  return context.out.join('');
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
