// What the tests of the pack's source metadata share: where the pack is, its top-level objects, and
// a reader for one metadata file that always returns the tags that may repeat as arrays (a single
// <fieldPermissions> would otherwise come back as an object).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

export const packDir = join(process.cwd(), 'force-app/main/default');

export const TOP_OBJECTS = [
  'Market__c',
  'Training_Course__c',
  'Training_Record__c',
  'CQ_Assessment__c',
  'Partner_Review__c',
  'Partner_Feedback__c',
  'Service_Unit__c',
  'Internal_Feedback__c',
];

export type XmlRecord = Record<string, unknown>;

export const list = (value: unknown): XmlRecord[] => (Array.isArray(value) ? (value as XmlRecord[]) : []);

/** A reader of metadata files in which these tags are always arrays. */
export function metadataReader(repeatedTags: ReadonlySet<string>): (path: string, rootTag: string) => XmlRecord {
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    isArray: (tagName) => repeatedTags.has(tagName),
  });
  return (path, rootTag) => {
    const root = (parser.parse(readFileSync(path, 'utf8')) as XmlRecord)[rootTag];
    if (typeof root !== 'object' || root === null) throw new Error(`${path}: no <${rootTag}> root element`);
    return root as XmlRecord;
  };
}
