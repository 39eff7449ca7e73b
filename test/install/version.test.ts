import { describe, it, expect } from '@jest/globals';
import { compareVersions, planInstall } from '../../src/install/version.js';

describe('versions and the install plan', () => {
  it('compares dotted versions numerically, pre-releases first', () => {
    expect(compareVersions('1.10.0', '1.9.2')).toBe(1);
    expect(compareVersions('0.1.0', '0.1.0')).toBe(0);
    expect(compareVersions('0.1.0-beta.1', '0.1.0')).toBe(-1);
    expect(compareVersions('2.0', '2.0.1')).toBe(-1);
  });

  const installed = { version: '1.2.0', checksum: 'abc', languages: ['en_US'] };
  it('decides fresh, up to date, repair, upgrade and downgrade', () => {
    expect(planInstall(undefined, { version: '1.2.0', checksum: 'abc' }, false)).toEqual({ action: 'fresh' });
    expect(planInstall(installed, { version: '1.2.0', checksum: 'abc' }, false)).toEqual({ action: 'up-to-date' });
    expect(planInstall(installed, { version: '1.2.0', checksum: 'abc' }, true)).toEqual({
      action: 'repair',
      from: '1.2.0',
    });
    expect(planInstall(installed, { version: '1.2.0', checksum: 'def' }, false).action).toBe('repair');
    expect(planInstall(installed, { version: '1.3.0', checksum: 'def' }, false)).toEqual({
      action: 'upgrade',
      from: '1.2.0',
    });
    expect(planInstall(installed, { version: '1.1.0', checksum: 'def' }, false)).toEqual({
      action: 'downgrade',
      from: '1.2.0',
      forced: false,
    });
  });
});
