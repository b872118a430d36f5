// Flat config. Lint enforces the house's walls (docs: ../shared/docs/architecture.md "Boundaries worth a lint
// rule"): shared/ is pure, the core never touches Electron, the renderer never reaches into electron/.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert',
  'buffer',
  'child_process',
  'crypto',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'net',
  'os',
  'path',
  'process',
  'stream',
  'tls',
  'url',
  'util',
  'worker_threads',
  'zlib',
  'readline',
  'timers',
];

export default tseslint.config(
  {
    ignores: ['out/**', 'node_modules/**', '.cache/**', '.tmp/**', 'test-results/**', 'playwright-report/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
      eqeqeq: ['error', 'always'],
      // Japanese text legitimately holds U+3000 (full-width space) in strings, templates and patterns.
      'no-irregular-whitespace': [
        'error',
        { skipStrings: true, skipTemplates: true, skipRegExps: true, skipComments: true },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'shared/ is pure: no Electron.' },
            ...NODE_BUILTINS.map((name) => ({ name, message: 'shared/ is pure: no Node.' })),
          ],
          patterns: [
            { group: ['node:*'], message: 'shared/ is pure: no Node.' },
            { group: ['react', 'react-dom', 'react/*'], message: 'shared/ is pure: no React.' },
            {
              group: [
                '**/electron/**',
                '**/renderer/**',
                '**/e2e/**',
                '**/fixtures/**',
                '**/scripts/**',
                '**/package.json',
              ],
              message: 'shared/ imports only from itself.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'process',
        'Buffer',
        'require',
        '__dirname',
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/headless/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The core and the headless shell run in plain Node: reach Electron through Platform.',
            },
          ],
          patterns: [
            {
              group: ['**/renderer/**', '**/main/**', '**/preload/**'],
              message: 'The core does not import shells or the renderer.',
            },
          ],
        },
      ],
      // Static rules cannot see import(): ban the dynamic form of the same boundary.
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportExpression[source.value='electron']",
          message: 'The core runs in plain Node: no Electron, not even lazily.',
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The core runs in plain Node: reach Electron through Platform.' },
          ],
          patterns: [
            {
              group: ['**/renderer/**', '**/main/**', '**/preload/**', '**/headless/**'],
              message: 'The core does not import shells or the renderer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/renderer/**'], message: 'Main and preload never import the renderer.' }] },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', message: 'Keep the sandboxed preload small: validate in main.' }],
          patterns: [
            {
              group: ['**/core/**', '**/renderer/**'],
              message: 'The preload exposes the contract and nothing else.',
            },
            {
              group: ['**/shared/api', '**/shared/domain'],
              allowTypeImports: true,
              message: 'Type-only imports from the contract: keep zod out of the preload.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to main only through the contract.' }],
          patterns: [
            {
              group: ['**/electron/**'],
              message: 'renderer/ never imports electron/: use shared/ and the client.',
            },
            { group: ['node:*'], message: 'The renderer is browser code.' },
          ],
        },
      ],
      'react-hooks/set-state-in-effect': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression[source.value=/electron/]',
          message: 'renderer/ never imports electron/, not even lazily.',
        },
      ],
    },
  },
  {
    files: [
      'e2e/**/*.ts',
      'scripts/**/*.{ts,mjs,js}',
      'bench/**/*.ts',
      'fixtures/**/*.ts',
      '*.config.{ts,js}',
      '**/*.test.ts',
    ],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-console': 'off' },
  },
);
