// Shared by the XLIFF 1.2 and 2.0 readers: attributes and the plain text of <source>/<target>.
import { l10nError } from '../l10nErrors.js';
import type { XmlElement } from '../safeXml.js';
import { textOf } from '../xmlTree.js';

export function attribute(element: XmlElement, name: string): string | undefined {
  return element.attributes.find(([attributeName]) => attributeName === name)?.[1];
}

/**
 * The text of a <source> or <target>. Salesforce texts carry HTML as escaped text, so inline XLIFF
 * markup (<g>, <x/>, <pc> …) means a tool rewrote the text; refuse rather than silently drop it.
 */
export function unitText(element: XmlElement, fileName: string, key: string, which: string): string {
  if (element.children.some((child) => child.kind === 'element')) {
    throw l10nError('InlineMarkup', [fileName, which, key]);
  }
  return textOf(element);
}
