// One lint for the whole repo: typescript-eslint for the plugin, emulator, scripts and tests;
// Salesforce's LWC rules (with the i18n and jest rules) for components under force-app.
import { createRequire } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const require = createRequire(import.meta.url);
const lwcConfig = require('@salesforce/eslint-config-lwc');
const jestPlugin = require('eslint-plugin-jest');

const lwcFiles = ['force-app/**/lwc/**/*.js'];
const scope = (configs, files) => configs.map((config) => ({ ...config, files }));

export default [
  { ignores: ['node_modules/**', 'lib/**', 'coverage/**', 'tmp/**', '**/.sfdx/**', '**/.sf/**'] },
  ...scope([js.configs.recommended, ...tseslint.configs.recommended], ['**/*.ts']),
  {
    files: ['**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    ignores: lwcFiles,
    ...js.configs.recommended,
    languageOptions: { globals: { ...globals.node } },
  },
  ...scope(lwcConfig.configs.recommended, lwcFiles),
  ...scope(lwcConfig.configs.i18n, lwcFiles),
  {
    files: ['force-app/**/lwc/**/__tests__/**/*.js', 'force-app/**/lwc/**/__mocks__/**/*.js'],
    ...jestPlugin.configs['flat/recommended'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    // Tests emit data through the wire adapters' test API (getRecord.emit), as lwc-recipes does.
    rules: { ...jestPlugin.configs['flat/recommended'].rules, '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off' },
  },
];
