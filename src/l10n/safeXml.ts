// The only way this toolkit reads XML. Translation files come from translators, vendors and orgs, so
// they are untrusted: a DOCTYPE (and with it every ENTITY declaration, the route to billion-laughs
// expansion and XXE file disclosure) is refused before the parser sees the text, entities are never
// expanded (processEntities: false), and files over MAX_XML_FILE_BYTES are refused unread.
import { readFile, stat } from 'node:fs/promises';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { l10nError } from './l10nErrors.js';

/** 20 MB: five times the Workbench's own 5 MB export part, far above any real metadata file. */
export const MAX_XML_FILE_BYTES = 20 * 1024 * 1024;

export interface XmlElement {
  kind: 'element';
  name: string;
  /** Attribute name → raw (still escaped) value, in file order. */
  attributes: Array<[string, string]>;
  children: XmlNode[];
}
export interface XmlText {
  kind: 'text';
  /** Raw text as in the file (entities not decoded). */
  raw: string;
}
export interface XmlComment {
  kind: 'comment';
  raw: string;
}
export interface XmlCData {
  kind: 'cdata';
  raw: string;
}
export type XmlNode = XmlElement | XmlText | XmlComment | XmlCData;

export interface XmlDocument {
  /** The `<?xml … ?>` declaration exactly as written, undefined when the file has none. */
  declaration?: string;
  root: XmlElement;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  commentPropName: '#comment',
  cdataPropName: '#cdata',
  ignoreDeclaration: false,
  ignorePiTags: true,
});

/** Refuses the constructs that make XML dangerous; called on every text before parsing. */
export function assertSafeXml(text: string, fileName: string): void {
  const forbidden = /<!DOCTYPE|<!ENTITY/i.exec(text);
  if (forbidden) {
    throw l10nError('UnsafeXml', [fileName, forbidden[0].toUpperCase()]);
  }
}

export async function readTextFileWithinLimit(path: string, maxBytes = MAX_XML_FILE_BYTES): Promise<string> {
  const info = await stat(path);
  if (info.size > maxBytes) {
    throw l10nError('FileTooLarge', [path, String(info.size), String(maxBytes)]);
  }
  return readFile(path, 'utf8');
}

type RawNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function convertNodes(raw: RawNode[]): XmlNode[] {
  const nodes: XmlNode[] = [];
  for (const entry of raw) {
    const name = Object.keys(entry).find((k) => k !== ':@') as string;
    const value = entry[name] as RawNode[];
    if (name === '#text') {
      nodes.push({ kind: 'text', raw: String(value) });
    } else if (name === '#comment') {
      nodes.push({ kind: 'comment', raw: String((value[0] as { '#text'?: string })?.['#text'] ?? '') });
    } else if (name === '#cdata') {
      nodes.push({ kind: 'cdata', raw: String((value[0] as { '#text'?: string })?.['#text'] ?? '') });
    } else {
      nodes.push({
        kind: 'element',
        name,
        attributes: Object.entries(entry[':@'] ?? {}),
        children: convertNodes(value),
      });
    }
  }
  return nodes;
}

/** Parses XML text into an ordered tree that keeps whitespace, comments and raw entity text. */
export function parseXmlDocument(text: string, fileName: string): XmlDocument {
  assertSafeXml(text, fileName);
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    throw l10nError('MalformedXml', [fileName, String(validation.err.line), validation.err.msg]);
  }
  const nodes = convertNodes(parser.parse(text) as RawNode[]);
  const declaration = /^\uFEFF?(<\?xml[^>]*\?>)/.exec(text)?.[1];
  const root = nodes.find((node): node is XmlElement => node.kind === 'element' && node.name !== '?xml');
  if (!root) throw l10nError('MalformedXml', [fileName, '1', 'no root element']);
  return { declaration, root };
}

export async function readXmlFile(path: string): Promise<XmlDocument> {
  return parseXmlDocument(await readTextFileWithinLimit(path), path);
}
