import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect } from '@jest/globals';
import { readExchangeFile } from '../../src/l10n/formats/exchangeFiles.js';
import { parseXmlDocument, readTextFileWithinLimit, readXmlFile } from '../../src/l10n/safeXml.js';
import { serializeXmlDocument } from '../../src/l10n/xmlTree.js';
import { FIXTURES } from './fixtureProject.js';

describe('safe XML', () => {
  it('refuses a billion-laughs file, naming it', async () => {
    const file = join(FIXTURES, 'exchange', 'billion-laughs.xlf');
    await expect(readExchangeFile(file)).rejects.toThrow(`${file} contains <!DOCTYPE`);
  });

  it('refuses an XXE file, naming it', async () => {
    const file = join(FIXTURES, 'exchange', 'xxe.xlf');
    await expect(readExchangeFile(file)).rejects.toThrow(/xxe.xlf contains <!DOCTYPE.*billion laughs.*XXE/s);
  });

  it('refuses an ENTITY declaration even without a DOCTYPE line', () => {
    expect(() => parseXmlDocument('<a><!ENTITY x "y"></a>', 'sneaky.xml')).toThrow('sneaky.xml contains <!ENTITY');
  });

  it('refuses files over the size limit before reading them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'glocal-xml-'));
    try {
      const file = join(dir, 'big.xml');
      writeFileSync(file, `<a>${'x'.repeat(2000)}</a>`);
      await expect(readTextFileWithinLimit(file, 1000)).rejects.toThrow(
        /big.xml is more than 1000 bytes, over the limit of 1000/
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names file and line of malformed XML', () => {
    expect(() => parseXmlDocument('<a>\n<b></a>', 'broken.xml')).toThrow(
      /broken.xml is not well-formed XML \(line 2\): unexpected <\/a>/
    );
    expect(() => parseXmlDocument('<a>\n<b>x</b>', 'open.xml')).toThrow(/open.xml .*<a> is not closed/);
    expect(() => parseXmlDocument('<a/><b/>', 'two.xml')).toThrow(/a second root element/);
    expect(() => parseXmlDocument('text<a/>', 'text.xml')).toThrow(/text outside the root element/);
    expect(() => parseXmlDocument('<a><?php x ?></a>', 'pi.xml')).toThrow(/unexpected markup/);
  });

  it('expands no entity: undeclared ones are errors, predefined ones stay raw', () => {
    expect(() => parseXmlDocument('<a>&lol;</a>', 'lol.xml')).toThrow(/lol.xml .*undefined entity/);
    expect(() => parseXmlDocument('<a>Q&A</a>', 'amp.xml')).toThrow(/bare "&"/);
    const { root } = parseXmlDocument('<a>&lt;&#65;&#x42;</a>', 'ok.xml');
    expect(root.children).toEqual([{ kind: 'text', raw: '&lt;&#65;&#x42;' }]);
  });

  it('drops layout-only nodes when asked to read values only', () => {
    const { root } = parseXmlDocument('<a>\n    <!-- c -->\n    <b>x</b>\n</a>', 'values.xml', false);
    expect(root.children).toEqual([
      { kind: 'element', name: 'b', attributes: [], children: [{ kind: 'text', raw: 'x' }] },
    ]);
  });

  it('writes an unedited file back byte for byte (entities, comments, CDATA, attributes)', async () => {
    const text = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<Translations xmlns="http://soap.sforce.com/2006/04/metadata">',
      '    <!-- untranslated: Hello -->',
      '    <customLabels>',
      '        <label>&lt;b&gt;Hej&lt;/b&gt; &amp; &quot;venner&quot; &#169;</label>',
      '        <name>Greeting</name>',
      '    </customLabels>',
      '    <x a="1" b=\'2\'><![CDATA[raw <text>]]></x>',
      '</Translations>',
      '',
    ].join('\n');
    const document = parseXmlDocument(text, 'in-memory.xml');
    expect(serializeXmlDocument(document)).toBe(text);
    const dir = mkdtempSync(join(tmpdir(), 'glocal-xml-'));
    try {
      writeFileSync(join(dir, 'f.xml'), text);
      expect((await readXmlFile(join(dir, 'f.xml'))).root.name).toBe('Translations');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
