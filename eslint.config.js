// ESLint flat config: typescript-eslint's recommended rules, React hooks rules in the renderer, Prettier owning formatting,
// and the layers of docs/ARCHITECTURE.md as import rules: shared/ imports only shared/; electron/core/ only shared/ and itself
// (never the CLI, the web host, the Electron glue, nor the sandbox, which packaging strips); the renderer only shared/ and
// itself, no Node and no zod (nor shared/, which it loads); only electron/{main,preload,ipc}.ts import electron; the
// adapters (the CLI and electron/core/services.ts) reach profiles, vault, gateway, sweeps and history only through
// electron/core/usecases/. test/integration/eslint-layers.test.ts checks each rule.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const onlyGlue = { name: 'electron', message: 'Only electron/main.ts, preload.ts and ipc.ts may import electron.' };
const nodeBuiltins = (message) => [
  ...builtinModules.filter((name) => !name.startsWith('_')).map((name) => ({ name, message })),
  { name: 'node:*', message },
];
/** Code of ours outside electron/core and shared: the CLI, the web host, the Electron glue, the renderer. */
const outsideCore = [
  '**/cli',
  '**/cli/**',
  '**/cli.js',
  '**/web.js',
  '**/main.js',
  '**/ipc.js',
  '**/preload.js',
  '**/csp.js',
  '**/renderer-files.js',
  '**/renderer/**',
];
const sandbox = ['**/sandbox/**', '**/core/sandbox/**'];
/** What lies below the use cases: an adapter that reached for it would be holding a rule of its own. */
const belowUseCases = [
  'profiles',
  'vault',
  'sweeps',
  'sweep/*',
  'sweep-lock',
  'history',
  'history-export',
  'gateway-env',
  'tim/gateway',
  'connection-test',
  'account-files',
  'error-codes',
];
const throughUseCases = (prefix) => ({
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: belowUseCases.flatMap((module) => [`${prefix}${module}`, `${prefix}${module}.js`]),
          allowTypeImports: true,
          message:
            'Adapters hold no rule: the CLI and services.ts reach profiles, vault, gateway, sweeps and history only through electron/core/usecases/.',
        },
      ],
    },
  ],
});
const restrict = (paths, patterns) => ({ 'no-restricted-imports': ['error', { paths, patterns }] });

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'out', 'release', 'test-results', 'playwright-report', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      ...restrict([onlyGlue], []),
    },
  },
  {
    // Tests run without Electron: its types, which the stand-in is checked against, but never the module itself.
    files: ['test/**/*.ts'],
    rules: restrict(
      [
        {
          name: 'electron',
          allowTypeImports: true,
          message: 'Tests run without Electron: import its types only, and run the shell over test/helpers/electron-stand-in.ts.',
        },
      ],
      [],
    ),
  },
  {
    files: ['electron/main.ts', 'electron/preload.ts', 'electron/ipc.ts'],
    rules: restrict(
      [],
      [
        {
          group: ['**/cli', '**/cli/**', '**/cli.js', '**/web.js', ...sandbox],
          message: 'The desktop app ships without the CLI, the web host and the sandbox.',
        },
      ],
    ),
  },
  {
    files: ['electron/csp.ts', 'electron/renderer-files.ts'],
    rules: restrict(
      [onlyGlue],
      [{ group: ['**/cli', '**/cli/**', '**/cli.js', ...sandbox], message: 'The desktop app ships without the CLI and the sandbox.' }],
    ),
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: restrict(
      [onlyGlue],
      [{ group: outsideCore, message: 'electron/core imports only shared/ and electron/core: pass what it needs in as parameters.' }],
    ),
  },
  {
    files: ['electron/core/**/*.ts'],
    ignores: ['electron/core/sandbox/**'],
    rules: restrict(
      [onlyGlue],
      [
        { group: outsideCore, message: 'electron/core imports only shared/ and electron/core: pass what it needs in as parameters.' },
        { group: sandbox, message: 'The sandbox is stripped from the desktop app: only the CLI, the web host and tests may import it.' },
      ],
    ),
  },
  // The adapters enter the core through the use cases: every rule of what may be sent exists once, there.
  { files: ['electron/cli.ts', 'electron/cli/**/*.ts'], rules: throughUseCases('**/core/') },
  { files: ['electron/core/services.ts'], rules: throughUseCases('./') },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        [
          { name: 'electron', message: 'The renderer talks only to window.botsweep.' },
          { name: 'zod', message: 'Keep validation in main (electron/core/contract/); the renderer bundle stays small.' },
          { name: '@napi-rs/keyring', message: 'The keychain belongs to the main process.' },
          ...nodeBuiltins('The renderer runs in a browser: no Node modules.'),
        ],
        [
          { group: ['node:*'], message: 'The renderer runs in a browser: no Node modules.' },
          {
            group: ['**/electron', '**/electron/**', '**/test/**', '**/scripts/**'],
            message: 'The renderer imports only shared/ and renderer/; it talks to the app through window.botsweep.',
          },
        ],
      ),
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      [
        { name: 'electron', message: 'shared/ is pure TypeScript: no Node or Electron.' },
        { name: 'zod', message: 'shared/ reaches the renderer: pure validators here, their zod schemas in electron/core/contract/.' },
        ...nodeBuiltins('shared/ is pure TypeScript: no Node or Electron.'),
      ],
      [
        {
          group: ['node:*'],
          message: 'shared/ is pure TypeScript: no Node or Electron.',
        },
        { group: ['../*', '../**'], message: 'shared/ imports nothing of ours but shared/.' },
      ],
    ),
  },
);
