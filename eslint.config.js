// Boundaries are enforced here, not by memory (docs/adr/0002-boundaries.md).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert', 'async_hooks', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises',
  'http', 'http2', 'https', 'inspector', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream',
  'string_decoder', 'timers', 'tls', 'tty', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
];

const DOMAIN_NODE_MESSAGE =
  'The domain runs in Node and Chromium: no Node-only modules (platform code goes in a *.node.ts file behind a package.json "imports" condition).';

/** Workspace packages are imported through their public entry only. */
const noDeepWorkspaceImports = {
  group: ['@steward/*/*', '**/packages/*/src/**', '../../packages/**', '../../../packages/**'],
  message: 'Import a workspace package through its public entry (e.g. "@steward/domain"), never its files.',
};

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/out/**', '.tooling/**', '**/test/vectors/**', 'coverage/**', '**/test-results/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Explicit projects: the desktop splits node (main, preload) and web (renderer) configs.
        project: [
          './tsconfig.json',
          './packages/*/tsconfig.json',
          './apps/sync-server/tsconfig.json',
          './apps/desktop/tsconfig.node.json',
          './apps/desktop/tsconfig.web.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
      'no-restricted-imports': ['error', { patterns: [noDeepWorkspaceImports] }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
  },
  {
    // Tool configuration files are loaded by their tools through a default export.
    files: ['**/vitest.config.ts', '**/electron.vite.config.ts', '**/vite.config.ts', 'eslint.config.js', '**/playwright.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // The domain is pure and isomorphic: no workspace package, no Node-only or browser-only API.
    files: ['packages/domain/src/**/*.ts'],
    ignores: ['packages/domain/src/**/*.node.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@steward/*'], message: 'The domain depends on no other workspace package.' },
            { group: ['node:*'], message: DOMAIN_NODE_MESSAGE },
          ],
          // Bare builtin names as exact paths: as gitignore-style patterns, 'crypto' would also match '../crypto/x.ts'.
          paths: NODE_BUILTINS.map((name) => ({ name, message: DOMAIN_NODE_MESSAGE })),
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['process', 'Buffer', 'require', '__dirname', '__filename', 'global', 'setImmediate'].map((name) => ({ name, message: 'Node-only global: the domain must run in the browser too.' })),
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'location', 'fetch', 'XMLHttpRequest', 'WebSocket'].map((name) => ({ name, message: 'The domain does no I/O and uses no browser-only API.' })),
        { name: 'Date', message: 'Pass the clock in; Date.now() inside a rule makes it untestable. Parse ISO strings with Date.parse only.' },
      ],
    },
  },
  {
    // Platform implementations may use Node, and nothing else of the workspace.
    files: ['packages/domain/src/**/*.node.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@steward/*'], message: 'The domain depends on no other workspace package.' }] }],
    },
  },
  {
    // The renderer runs sandboxed: it never imports main, preload, electron or Node.
    files: ['apps/desktop/src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noDeepWorkspaceImports,
            { group: ['**/main/**', '**/preload/**', 'electron'], message: 'The renderer talks to main only through the preload bridge (window.steward).' },
            { group: ['node:*'], message: 'The renderer is sandboxed: no Node modules.' },
          ],
          paths: NODE_BUILTINS.map((name) => ({ name, message: 'The renderer is sandboxed: no Node modules.' })),
        },
      ],
    },
  },
  {
    files: ['apps/desktop/src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/main/**', '**/renderer/**'], message: 'The preload may share only src/shared with other layers.' }] }],
    },
  },
);
