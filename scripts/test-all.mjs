// `npm test`: every suite runs even when an earlier one fails, so one run shows all failures;
// the exit code is non-zero if any step failed. Steps are plain commands, listed here in order.
import { spawnSync } from 'node:child_process';

const steps = [
  ['type-check tests', 'tsc', ['-p', 'test', '--noEmit']],
  [
    'plugin tests',
    'node',
    ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--config', 'jest.plugin.config.js'],
  ],
  ['LWC tests', 'sfdx-lwc-jest', ['--', '--config', 'jest.config.cjs']],
  // Dog-fooding: the pack's own translations pass the gate we offer to every team (needs lib/, built by pretest).
  ['translation check of the pack', 'node', ['bin/run.js', 'glocal', 'l10n', 'check']],
  ['translation coverage of the pack', 'node', ['bin/run.js', 'glocal', 'l10n', 'coverage', '--min-coverage', '100']],
];

const failed = [];
for (const [name, command, args] of steps) {
  process.stdout.write(`\n=== ${name}: ${command} ${args.join(' ')}\n`);
  const { status, error } = spawnSync(command, args, { stdio: 'inherit' });
  if (error || status !== 0) failed.push(name);
}

process.stdout.write(
  failed.length === 0 ? '\nAll test steps passed.\n' : `\nFailed test steps: ${failed.join(', ')}\n`
);
process.exit(failed.length === 0 ? 0 : 1);
