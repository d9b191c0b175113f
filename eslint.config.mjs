// Flat ESLint config: typescript-eslint's recommended rules (syntax only, no type information, so
// `eslint .` stays fast) plus the process boundaries — the renderer never reaches Node, Electron or
// the main-process code directly, and shared/ stays free of either side.
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['fs', 'fs/promises', 'path', 'child_process', 'os', 'net', 'worker_threads'];

// eslint-plugin-react-hooks is not installed (no network for new packages), but the code carries
// `eslint-disable-next-line react-hooks/exhaustive-deps` comments; this stand-in defines the rule as a
// no-op so those comments resolve. Swap in the real plugin when it is added to devDependencies.
const reactHooksStandIn = {
  meta: { name: 'react-hooks-stand-in' },
  rules: {
    'exhaustive-deps': { meta: { type: 'suggestion', schema: false }, create: () => ({}) },
    'rules-of-hooks': { meta: { type: 'problem', schema: false }, create: () => ({}) },
  },
};

export default [
  {
    ignores: [
      'dist/**',
      'dist-*/**',
      'out/**',
      'node_modules/**',
      'assets/**',
      'bench/out/**',
      'bench/results/**',
      'bench/output/**',
      'test-results/**',
      '.earmark-data/**',
      '**/*.d.ts.map',
    ],
  },
  ...tseslint.configs.recommended.map((c) => ({ ...c, files: ['**/*.ts', '**/*.tsx'] })),
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { 'react-hooks': reactHooksStandIn },
    // The stand-in never reports, so its disable comments would all be flagged as unused.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-explicit-any': 'warn',
      // `handler?.(msg)` and `ok && done()` are ordinary statements here.
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true, allowTaggedTemplates: true }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-empty-function': 'off',
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...NODE_BUILTINS.map((name) => ({ name, message: 'The renderer is sandboxed: no Node built-ins. Go through window.earmark (shared/bridge.ts).' })),
            { name: 'electron', message: 'The renderer talks to the main process only through the preload bridge (shared/bridge.ts).' },
            { name: 'better-sqlite3-multiple-ciphers', message: 'The database lives in the main process; ask for data through the bridge.' },
            { name: 'keytar', message: 'The keychain lives in the main process; ask through the bridge.' },
          ],
          patterns: [
            { group: ['node:*'], message: 'The renderer is sandboxed: no Node built-ins.' },
            { group: ['**/electron/**'], message: 'The renderer may not import main-process code; use shared/ types and the bridge.' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts', 'shared/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'shared/ is imported by both processes and must not depend on Electron.' },
            { name: 'react', message: 'shared/ is imported by both processes and must not depend on React.' },
          ],
          patterns: [
            { group: ['**/electron/**'], message: 'shared/ must not import main-process code.' },
            { group: ['**/renderer/**'], message: 'shared/ must not import renderer code.' },
          ],
        },
      ],
    },
  },
];
