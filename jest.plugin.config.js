// Plugin, emulator and end-to-end tests: TypeScript run as ESM through ts-jest.
// LWC tests run separately (jest.config.cjs) because sfdx-lwc-jest needs CommonJS.
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'test/tsconfig.json' }] },
  setupFilesAfterEnv: ['<rootDir>/test/setup/resetExitCode.ts'],
  testTimeout: 60000,
  reporters: ['default', ['<rootDir>/scripts/jest-summary-reporter.cjs', { suite: 'plugin' }]],
};
