// Flat config. Besides the usual TypeScript rules it enforces the layering
// of DESIGN.md: the engine never imports Electron, React or the app; its
// platform-free part imports no Node built-ins; the renderer imports no Node.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const appImports = ['electron', 'electron/*', 'react', 'react-dom', 'react-dom/*'];
const appFolders = ['**/src-main/**', '**/src-renderer/**'];

const restrict = (names, patterns, why) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: names.map((name) => ({ name, message: why })),
      patterns: patterns.length ? [{ group: patterns, message: why }] : [],
    },
  ],
});

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'out/**',
      'test-results/**',
      'playwright-report/**',
      'engine/kernels/wasm/build/**',
      '.verbatim-cache/**',
      'engine/kernels/wasm/assembly/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  {
    files: ['scripts/**', 'bin/**', '.ci/**', '*.config.*', 'test/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Keyed on folder names: only folders named node/ (and tests) may use Node.
    files: ['engine/**/*.ts'],
    ignores: ['engine/**/node/**', 'engine/ctc-decode-ts/bench/**', '**/*.test.ts'],
    rules: {
      ...restrict(
        [...nodeBuiltins, ...appImports],
        [...appFolders, 'node:*'],
        'The platform-free engine must run in a browser worker: no Node built-ins, Electron, React or app code. Put platform code under a folder named node/ (engine/node/).',
      ),
      'no-console': 'error',
    },
  },
  {
    files: ['engine/**/node/**', 'engine/ctc-decode-ts/bench/**', 'engine/**/*.test.ts'],
    rules: restrict(
      appImports,
      appFolders,
      'The engine must not depend on Electron, React or the app.',
    ),
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        [...nodeBuiltins, 'electron'],
        ['node:*', '**/src-main/**', '**/engine/**/node/**'],
        'The renderer talks to the back end only through window.verbatim (VerbatimApi): no Node built-ins or main-process code.',
      ),
    },
  },
  {
    files: ['src-main/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
);
