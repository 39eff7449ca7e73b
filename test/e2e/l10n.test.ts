// sf glocal l10n in org mode through the real sf CLI against the local org: the fixture project is
// deployed with `sf project deploy start`, then coverage and check read it back with a retrieve
// (listMetadata + source-deploy-retrieve) and must agree with the same commands on the local files.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import type { CoverageResult } from '../../src/commands/glocal/l10n/coverage.js';
import type { CheckResult } from '../../src/commands/glocal/l10n/check.js';
import { coverageOfProject, type CoverageReport } from '../../src/l10n/coverage.js';
import { FIXTURES } from '../l10n/fixtureProject.js';
import { startE2e, type E2eEnv } from './harness.js';

describe('sf glocal l10n -o (org mode) against the local org', () => {
  let env: E2eEnv;
  let project: string;

  beforeAll(async () => {
    env = await startE2e();
    await env.loginSf('local');
    await env.linkPlugin();
    project = mkdtempSync(join(tmpdir(), 'glocal-l10n-e2e-'));
    cpSync(join(FIXTURES, 'project'), project, { recursive: true });
    const deploy = await env.runSf(['project', 'deploy', 'start', '-d', 'force-app', '-o', 'local', '--json'], {
      cwd: project,
    });
    if (deploy.exitCode !== 0) throw new Error(`deploy failed:\n${deploy.stdout}\n${deploy.stderr}`);
  }, 300_000);
  afterAll(async () => {
    await env?.stop();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('coverage of the org equals coverage of the deployed files', async () => {
    const org = await env.runSf(['glocal', 'l10n', 'coverage', '-o', 'local', '--json'], { cwd: project });
    expect(org.exitCode).toBe(0);
    const summary = (result: CoverageReport): Array<[string, number, number]> =>
      result.languages.map((language) => [language.language, language.translated, language.total]);
    const local = await coverageOfProject(join(project, 'force-app'));
    expect(summary(org.json?.result as CoverageResult)).toEqual(summary(local));
    expect(summary(local)).toEqual([
      ['da', 30, 30],
      ['de', 2, 30],
    ]);
  });

  it('check of the org finds no errors (config/ read from the local project)', async () => {
    const check = await env.runSf(['glocal', 'l10n', 'check', '-o', 'local', '--json'], { cwd: project });
    expect(check.exitCode).toBe(0);
    expect(check.json?.result as CheckResult).toMatchObject({ languages: ['da', 'de'], errors: 0, warnings: 0 });
  });
});
