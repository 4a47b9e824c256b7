import js from '@eslint/js';
import globals from 'globals';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { boundaryBlocks } from './eslint.boundaries.js';

export default tseslint.config(
  {
    ignores: [
      'dist',
      'node_modules',
      'frontend/public/mockServiceWorker.js',
      '.zedops',
      'test-results',
      'playwright-report',
      'e2e/artifacts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['frontend/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Playwright fixtures take `{}` when they need no other fixture.
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    // Imports are resolved like TypeScript does (tsconfig paths `@contract/*`, `@mocks/*`, `@/*`),
    // so the boundary zones and the cycle check see aliased imports as the files they are.
    files: ['**/*.{ts,tsx,js}'],
    plugins: { 'import-x': importX },
    settings: {
      // Without these, import-x does not parse imported .ts/.tsx files and the cycle walk stops
      // at the first hop (the values of import-x's own `flatConfigs.typescript`).
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/external-module-folders': ['node_modules', 'node_modules/@types'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: `${import.meta.dirname}/tsconfig.json` }),
      ],
    },
    rules: {
      // Type-only imports are skipped (they vanish at runtime); externals are not walked.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  ...boundaryBlocks,
);
