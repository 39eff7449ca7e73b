// XML reading and writing for metadata files and SOAP envelopes. Documents with a DOCTYPE are
// refused outright: a real org never needs one and it is the door to entity-expansion attacks.
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

export type XmlNode = { [key: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

export class MetadataXmlError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'MetadataXmlError';
  }
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  indentBy: '    ',
  suppressEmptyNode: false,
});

export function parseXml(text: string, fileName: string): XmlNode {
  if (/<!DOCTYPE/i.test(text)) throw new MetadataXmlError(`${fileName}: DOCTYPE declarations are not allowed`);
  try {
    return parser.parse(text, true) as XmlNode;
  } catch (error) {
    throw new MetadataXmlError(`${fileName}: ${(error as Error).message}`);
  }
}

/** Serialises one root element with the metadata namespace, formatted like Salesforce's own files. */
export function buildMetadataXml(rootName: string, body: XmlNode): string {
  const root: XmlNode = { ...body, '@_xmlns': 'http://soap.sforce.com/2006/04/metadata' };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [rootName]: root }) as string}`;
}

export function buildXmlFragment(node: XmlNode): string {
  return builder.build(node) as string;
}

/** A repeated element read as an array whether it appeared once or many times. */
export function list(value: XmlValue | undefined): XmlValue[] {
  if (value === undefined || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

export function nodes(value: XmlValue | undefined): XmlNode[] {
  return list(value).filter((item): item is XmlNode => typeof item === 'object' && !Array.isArray(item));
}

/** The text of an element (attributes such as xsi:type are ignored). */
export function text(value: XmlValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return text(value[0]);
  const inner = value['#text'];
  if (typeof inner === 'string') return inner;
  return Object.keys(value).every((key) => key.startsWith('@_')) ? '' : undefined;
}

export function bool(value: XmlValue | undefined, fallback = false): boolean {
  const raw = text(value);
  return raw === undefined || raw === '' ? fallback : raw === 'true';
}

export function num(value: XmlValue | undefined): number | undefined {
  const raw = text(value);
  if (raw === undefined || raw === '') return undefined;
  const parsed = Number(raw);
  return Number.isFinite(parsed) ? parsed : undefined;
}

export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
