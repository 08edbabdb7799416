// ESLint flat config: typescript-eslint's recommended rules, React hooks rules in the renderer, Prettier owning formatting,
// and the layering rules: only the Electron glue imports electron; the renderer reaches nothing but window.botsweep.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'out', 'release', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only electron/main.ts, preload.ts and ipc.ts may import electron.' }] },
      ],
    },
  },
  {
    files: ['electron/main.ts', 'electron/preload.ts', 'electron/ipc.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks only to window.botsweep.' },
            { name: 'zod', message: 'Keep validation in main; the renderer bundle stays small.', allowTypeImports: true },
            { name: '@napi-rs/keyring', message: 'The keychain belongs to the main process.' },
          ],
          patterns: [{ group: ['node:*', '**/electron/**'], message: 'The renderer talks only to window.botsweep.' }],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', 'electron', '**/electron/**'], message: 'shared/ is pure TypeScript: no Node or Electron.' }] },
      ],
    },
  },
);
