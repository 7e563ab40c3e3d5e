// Flat config. Besides the usual TypeScript rules it enforces the layering
// of DESIGN.md: the engine never imports Electron, React or the app; its
// platform-free part imports no Node built-ins; the renderer imports no Node;
// code outside the engine enters it only through its front doors; shipped code
// imports no test helpers.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const appImports = ['electron', 'electron/*', 'react', 'react-dom', 'react-dom/*'];
const appFolders = ['**/src-main/**', '**/src-renderer/**'];

const restrict = (names, patterns, why, extraPatterns = []) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: names.map((name) => ({ name, message: why })),
      patterns: [...(patterns.length ? [{ group: patterns, message: why }] : []), ...extraPatterns],
    },
  ],
});

// The engine's front doors: engine/index.ts (platform-free), engine/node/index.ts
// (Node side), and for what must not load with those, engine/node/bench/index.ts
// (the benchmark suite), engine/node/queue/index.ts (the Redis job queue) and
// engine/node/test-support/index.ts (vitest helpers).
const frontDoors =
  'The engine is used only through its front doors: engine/index.ts (platform-free) and engine/node/index.ts (Node side); engine/node/bench/index.ts, engine/node/queue/index.ts and engine/node/test-support/index.ts for the benchmark, the job queue and test helpers. Export what you need there instead of importing engine internals.';
const deepEngineImport = {
  regex: String.raw`(^|/)engine/(?!(node/(bench/|queue/|test-support/)?)?index(\.ts)?$)`,
  message: frontDoors,
};
// Test helpers (tiny untrained models, a Redis server, vitest hooks) never ship.
const testSupportImport = {
  regex: String.raw`(^|/)test-support(/|$)`,
  message:
    'engine/test-support and engine/node/test-support are for tests (and benchmarks): shipped code must not import them.',
};
// The CLI's commands sit in engine/node/cli/commands/: two folders up is engine/node/, three is engine/.
const deepImportFromCliCommand = {
  regex: String.raw`^\.\./\.\./(?!(\.\./|bench/|queue/)?index(\.ts)?$)`,
  message: frontDoors,
};

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
        [testSupportImport],
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
    // The Node side as it ships: the same, and no test helpers.
    files: ['engine/**/node/**'],
    ignores: ['**/*.test.ts', '**/test-support/**', '**/fixtures/**', 'engine/node/bench/**'],
    rules: restrict(
      appImports,
      appFolders,
      'The engine must not depend on Electron, React or the app.',
      [testSupportImport],
    ),
  },
  {
    files: ['engine/node/cli/commands/**'],
    ignores: ['**/*.test.ts'],
    rules: restrict(
      appImports,
      appFolders,
      'The engine must not depend on Electron, React or the app.',
      [deepImportFromCliCommand, testSupportImport],
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
        [deepEngineImport],
      ),
    },
  },
  {
    files: ['src-main/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src-common/**', 'src-main/**', 'scripts/**', 'test/**'],
    rules: restrict([], [], frontDoors, [deepEngineImport]),
  },
  {
    // The app's back end as it ships: no test helpers either.
    files: ['src-common/**', 'src-main/**'],
    ignores: ['**/*.test.ts'],
    rules: restrict([], [], frontDoors, [deepEngineImport, testSupportImport]),
  },
);
