// The only way this toolkit reads XML. Translation files come from translators, vendors and orgs, so
// they are untrusted: a DOCTYPE (and with it every ENTITY declaration, the route to billion-laughs
// expansion and XXE file disclosure) is refused with an error naming the file, entities are never
// expanded (only the five predefined ones and character references exist; anything else is an
// error), and files over MAX_XML_FILE_BYTES are refused unread.
//
// It is a small strict tokenizer rather than fast-xml-parser (which we would configure to exactly
// this: no DTD, processEntities off, order preserved). Coverage parses every translation file of
// every language, and validating plus parsing with fast-xml-parser cost ~10× a plain read of the
// files; this reader keeps `coverage` within the 3× budget of the benchmark (npm run bench:l10n).
import { closeSync, openSync, readSync } from 'node:fs';
import { l10nDetail, l10nError, type L10nDetail } from './l10nErrors.js';

/** 20 MB: five times the Workbench's own 5 MB export part, far above any real metadata file. */
export const MAX_XML_FILE_BYTES = 20 * 1024 * 1024;

export interface XmlElement {
  kind: 'element';
  name: string;
  /** Attribute name → raw (still escaped) value, in file order. */
  attributes: Array<[string, string]>;
  children: XmlNode[];
  /** Start and end tag exactly as read (formatters may break them over lines); unset on new or edited elements. */
  rawOpen?: string;
  rawClose?: string;
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

/** Refuses the constructs that make XML dangerous; called on every text before parsing. */
export function assertSafeXml(text: string, fileName: string): void {
  const forbidden = /<!DOCTYPE|<!ENTITY/i.exec(text);
  if (forbidden) {
    throw l10nError('UnsafeXml', [fileName, forbidden[0].toUpperCase()]);
  }
}

export async function readTextFileWithinLimit(path: string, maxBytes = MAX_XML_FILE_BYTES): Promise<string> {
  return readTextFileWithinLimitSync(path, maxBytes);
}

let readBuffer = Buffer.allocUnsafe(1 << 20);

/**
 * Synchronous on purpose: for thousands of small files it is several times faster than fs/promises.
 * Reads into one reused buffer and stops one byte past the limit, so an oversized file is refused
 * without being read whole (and without a separate stat call per file).
 */
export function readTextFileWithinLimitSync(path: string, maxBytes = MAX_XML_FILE_BYTES): string {
  const fd = openSync(path, 'r');
  try {
    let length = 0;
    for (;;) {
      if (length === readBuffer.length) {
        if (length > maxBytes) break;
        const larger = Buffer.allocUnsafe(Math.min(readBuffer.length * 2, maxBytes + 1));
        readBuffer.copy(larger, 0, 0, length);
        readBuffer = larger;
      }
      const wanted = readBuffer.length - length;
      const read = readSync(fd, readBuffer, length, wanted, null);
      length += read;
      // A short read of a regular file is its end: saves the second, empty read per file.
      if (read < wanted) break;
    }
    if (length > maxBytes)
      throw l10nError('FileTooLarge', [path, l10nDetail('moreThan', [String(maxBytes)]), String(maxBytes)]);
    return readBuffer.toString('utf8', 0, length);
  } finally {
    closeSync(fd);
  }
}

// One token starting at "<": closing or opening tag (with attributes, maybe self-closing), comment,
// CDATA section, or the XML declaration. Anything else after "<" (<!DOCTYPE, <!ENTITY, other
// processing instructions) does not match and is refused.
const TOKEN =
  /<(?:(\/)?([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/)?>|!--([\s\S]*?)-->|!\[CDATA\[([\s\S]*?)\]\]>|\?xml\s[^>]*\?>)/y;
const ATTRIBUTE = /([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const NON_BLANK = /\S/;
const PLAIN_NAME = /^[A-Za-z_][\w:.-]*$/;
const UNDEFINED_ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

function isBlank(text: string, start: number, end: number): boolean {
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code !== 32 && code !== 10 && code !== 13 && code !== 9) return false;
  }
  return true;
}

function lineAt(text: string, position: number): string {
  let line = 1;
  for (let index = text.indexOf('\n'); index >= 0 && index < position; index = text.indexOf('\n', index + 1)) line++;
  return String(line);
}

/**
 * Parses XML text into an ordered tree that keeps whitespace, comments and raw entity text (needed
 * to write a file back unchanged). `keepLayout: false` drops whitespace-only text and comments, for
 * callers that only read values.
 */
export function parseXmlDocument(text: string, fileName: string, keepLayout = true): XmlDocument {
  assertSafeXml(text, fileName);
  const fail = (position: number, problem: L10nDetail, tokens: string[] = []): never => {
    throw l10nError('MalformedXml', [fileName, lineAt(text, position), l10nDetail(problem, tokens)]);
  };
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let declaration: string | undefined;
  let root: XmlElement | undefined;
  const stack: XmlElement[] = [];
  let position = start;
  while (position < text.length) {
    const lt = text.indexOf('<', position);
    const end = lt < 0 ? text.length : lt;
    // Whitespace between tags is skipped without allocating unless the layout is kept.
    if (end > position && (keepLayout || !isBlank(text, position, end))) {
      const raw = text.slice(position, end);
      const parent = stack[stack.length - 1];
      if (parent) {
        if (raw.includes('&') && UNDEFINED_ENTITY.test(raw)) fail(position, 'xmlUndefinedEntity');
        parent.children.push({ kind: 'text', raw });
      } else if (NON_BLANK.test(raw)) {
        fail(position, 'xmlTextOutsideRoot');
      }
    }
    if (lt < 0) break;
    const parentOfTag = stack[stack.length - 1];
    // Fast path for the common case, a tag without attributes (<label>, </label>, <name/>).
    const next = text.charCodeAt(lt + 1);
    const gt = text.indexOf('>', lt);
    if (gt > 0 && (next === 47 || (next >= 65 && next <= 90) || (next >= 97 && next <= 122) || next === 95)) {
      const closing = next === 47;
      const selfClosing = !closing && text.charCodeAt(gt - 1) === 47;
      const name = text.slice(closing ? lt + 2 : lt + 1, selfClosing ? gt - 1 : gt);
      if (PLAIN_NAME.test(name)) {
        position = gt + 1;
        if (closing) {
          if (!parentOfTag || parentOfTag.name !== name) fail(lt, 'xmlUnexpectedClose', [name]);
          if (keepLayout) (parentOfTag as XmlElement).rawClose = text.slice(lt, position);
          stack.pop();
          continue;
        }
        const element: XmlElement = { kind: 'element', name, attributes: [], children: [] };
        if (keepLayout) element.rawOpen = text.slice(lt, position);
        if (parentOfTag) parentOfTag.children.push(element);
        else if (root) fail(lt, 'xmlSecondRoot');
        else root = element;
        if (!selfClosing) stack.push(element);
        continue;
      }
    }
    TOKEN.lastIndex = lt;
    const match = TOKEN.exec(text);
    if (!match) fail(lt, 'xmlUnexpectedMarkup', [text.slice(lt, lt + 12)]);
    const token = match as RegExpExecArray;
    position = TOKEN.lastIndex;
    const parent = stack[stack.length - 1];
    if (token[2] !== undefined) {
      const name = token[2];
      if (token[1]) {
        if (!parent || parent.name !== name) fail(lt, 'xmlUnexpectedClose', [name]);
        if (keepLayout) (parent as XmlElement).rawClose = token[0];
        stack.pop();
        continue;
      }
      const attributes: Array<[string, string]> = [];
      for (const attribute of token[3].matchAll(ATTRIBUTE)) {
        attributes.push([attribute[1], attribute[2] ?? attribute[3] ?? '']);
      }
      const element: XmlElement = { kind: 'element', name, attributes, children: [] };
      if (keepLayout) element.rawOpen = token[0];
      if (parent) parent.children.push(element);
      else if (root) fail(lt, 'xmlSecondRoot');
      else root = element;
      if (!token[4]) stack.push(element);
    } else if (token[5] !== undefined) {
      if (parent && keepLayout) parent.children.push({ kind: 'comment', raw: token[5] });
    } else if (token[6] !== undefined) {
      if (!parent) fail(lt, 'xmlCdataOutsideRoot');
      parent?.children.push({ kind: 'cdata', raw: token[6] });
    } else {
      if (lt !== start) fail(lt, 'xmlDeclarationFirst');
      declaration = token[0];
    }
  }
  if (stack.length > 0) fail(text.length, 'xmlNotClosed', [stack[stack.length - 1].name]);
  if (!root) return fail(text.length, 'xmlNoRoot');
  return { declaration, root };
}

export async function readXmlFile(path: string): Promise<XmlDocument> {
  return parseXmlDocument(readTextFileWithinLimitSync(path), path);
}

/** For reading values only (catalog, coverage): no whitespace or comment nodes. */
export function readXmlFileValues(path: string): XmlDocument {
  return parseXmlDocument(readTextFileWithinLimitSync(path), path, false);
}
