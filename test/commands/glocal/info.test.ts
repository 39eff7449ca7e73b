import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it, expect, beforeEach } from '@jest/globals';
import { Config } from '@oclif/core';
import { TestContext } from '@salesforce/core/testSetup';
import { stubSfCommandUx } from '@salesforce/sf-plugins-core';
import Info from '../../../src/commands/glocal/info.js';
import { packageRoot } from '../../../src/pack/bundledPack.js';

describe('sf glocal info', () => {
  const $$ = new TestContext();
  let ux: ReturnType<typeof stubSfCommandUx>;

  beforeEach(() => {
    $$.stubAliases({});
    ux = stubSfCommandUx($$.SANDBOX);
  });

  it('reports the bundled pack from its metadata, with no org', async () => {
    const config = await Config.load({ root: packageRoot() });
    const result = await Info.run([], config);

    const objectDirs = (await readdir(join(packageRoot(), 'force-app/main/default/objects'))).filter((name) =>
      /__(c|mdt)$/.test(name)
    );
    expect(result.name).toBe('sf-plugin-glocal');
    expect(result.apiVersion).toMatch(/^\d+\.0$/);
    expect(result.objects.map((object) => object.apiName)).toEqual(objectDirs.sort());
    expect(result.languages[0]).toBe('en_US');

    const printed = ux.log.getCalls().flatMap((call) => call.args.map(String));
    expect(printed).toContain(`Languages: ${result.languages.join(', ')}`);
    expect(ux.table.callCount).toBe(1);
  });

  it('returns the same result under --json', async () => {
    const config = await Config.load({ root: packageRoot() });
    const result = await Info.run(['--json'], config);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(result.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
