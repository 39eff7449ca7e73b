// LWC tests (sfdx-lwc-jest). Kept apart from the ESM plugin tests: see jest.plugin.config.js.
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
  ...jestConfig,
  roots: ['<rootDir>/force-app'],
  modulePathIgnorePatterns: ['<rootDir>/.localdevserver'],
  reporters: ['default', ['<rootDir>/scripts/jest-summary-reporter.cjs', { suite: 'lwc' }]],
  // Accessibility checks (axe) of a whole card take seconds when two workers share two cores.
  testTimeout: 30000,
  setupFilesAfterEnv: [...(jestConfig.setupFilesAfterEnv ?? []), '<rootDir>/jest-sa11y-setup.cjs'],
};
