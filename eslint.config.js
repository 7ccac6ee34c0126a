import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Layering rules of DESIGN.md: src/dtdl imports nothing of ours, src/engine only src/dtdl,
// and neither touches React, three or Cytoscape. Dexie lives in src/engine/storage only.
const uiLibs = ['react', 'react-dom', 'react-dom/*', 'three', 'three/*', '@react-three/*', 'cytoscape', 'cytoscape-*', 'zustand', 'zustand/*'];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'public/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.worker } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/use*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['src/dtdl/**/*.ts'],
    ignores: ['src/dtdl/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['../*', '!../dtdl', '!../dtdl/*'], message: 'src/dtdl depends on nothing of ours.' },
        { group: [...uiLibs, 'dexie', 'node:*', 'fs', 'path'], message: 'src/dtdl is pure TypeScript: no UI, storage or Node APIs.' },
      ] }],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts', 'src/engine/node/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['../../app/*', '../../explorer/*', '../../scenes/*', '../../embed/*', '../../cli/*', '../app/*', '../explorer/*', '../scenes/*', '../embed/*', '../cli/*'], message: 'src/engine depends on src/dtdl only.' },
        { group: uiLibs, message: 'src/engine knows nothing of the UI.' },
        { group: ['node:*', 'fs', 'path'], message: 'Node APIs only in src/engine/node/.' },
      ] }],
    },
  },
);
