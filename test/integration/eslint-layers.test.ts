// The layers of docs/ARCHITECTURE.md, as eslint.config.js enforces them: probe files (linted as text, never written) that
// cross a layer get a no-restricted-imports error; ones that stay inside their layer get none.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  expect(result!.messages.filter((message) => message.fatal)).toEqual([]);
  return result!.messages
    .filter((message) => message.ruleId === 'no-restricted-imports' || message.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((message) => message.message);
}

const use = (specifier: string, name = 'x') => `import { ${name} } from '${specifier}';\nexport const probe = ${name};\n`;

describe('layer rules', () => {
  it.each([
    ['electron/core/probe.ts', '../cli/io.js', /electron\/core imports only shared/],
    ['electron/core/sweep/probe.ts', '../../cli/io.js', /electron\/core imports only shared/],
    ['electron/core/probe.ts', '../web.js', /electron\/core imports only shared/],
    ['electron/core/probe.ts', 'electron', /Only electron\/main\.ts, preload\.ts and ipc\.ts/],
    ['electron/core/probe.ts', './sandbox/server.js', /sandbox is stripped from the desktop app/],
    ['electron/main.ts', './cli/io.js', /ships without the CLI/],
    ['electron/web-probe.ts', 'electron', /Only electron\/main\.ts, preload\.ts and ipc\.ts/],
    ['renderer/src/probe.ts', 'node:fs', /no Node modules/],
    ['renderer/src/probe.ts', 'fs', /no Node modules/],
    ['renderer/src/components/probe.tsx', '../../../electron/core/data-dir.js', /imports only shared\/ and renderer\//],
    ['shared/probe.ts', '../electron/core/data-dir.js', /shared\/ imports nothing of ours but shared\//],
    ['shared/probe.ts', '../renderer/src/api.js', /shared\/ imports nothing of ours but shared\//],
    ['shared/probe.ts', 'node:path', /shared\/ is pure TypeScript/],
    ['shared/probe.ts', 'zod', /their zod schemas in electron\/core\/contract/],
    ['renderer/src/probe.ts', 'zod', /Keep validation in main/],
    ['electron/cli/probe.ts', '../core/sweep/engine.js', /only through electron\/core\/usecases/],
    ['electron/cli/probe.ts', '../core/history.js', /only through electron\/core\/usecases/],
    ['electron/cli/probe.ts', '../core/sweep/batch.js', /only through electron\/core\/usecases/],
    ['electron/cli/probe.ts', '../core/profiles.js', /only through electron\/core\/usecases/],
    ['electron/cli/probe.ts', '../core/vault.js', /only through electron\/core\/usecases/],
    ['electron/cli/probe.ts', '../core/sweeps.js', /only through electron\/core\/usecases/],
    ['electron/cli/probe.ts', '../core/tim/gateway.js', /only through electron\/core\/usecases/],
    ['electron/cli.ts', './core/gateway-env.js', /only through electron\/core\/usecases/],
    ['electron/core/services.ts', './profiles.js', /only through electron\/core\/usecases/],
    ['electron/core/services.ts', './vault.js', /only through electron\/core\/usecases/],
    ['electron/core/services.ts', './sweeps.js', /only through electron\/core\/usecases/],
    ['electron/core/services.ts', './tim/gateway.js', /only through electron\/core\/usecases/],
    ['test/unit/electron/probe.test.ts', 'electron', /Tests run without Electron: import its types only/],
  ])('%s importing %s is an error', async (filePath, specifier, message) => {
    const errors = await restrictedImports(filePath, use(specifier));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(message);
  });

  it.each([
    ['electron/core/probe.ts', '../../shared/api.js'],
    ['electron/core/contract/probe.ts', 'zod'],
    ['electron/core/sweep/probe.ts', '../tim/gateway.js'],
    ['electron/core/probe.ts', 'node:fs'],
    ['electron/core/sandbox/probe.ts', './robots.js'],
    ['electron/cli/probe.ts', '../core/sandbox/server.js'],
    ['electron/cli/probe.ts', '../core/usecases/index.js'],
    ['electron/core/services.ts', './usecases/index.js'],
    ['electron/main.ts', 'electron'],
    ['renderer/src/components/probe.tsx', '../../../shared/accounts.js'],
    ['renderer/src/components/probe.tsx', '../store/app.js'],
    ['shared/probe.ts', './regions.js'],
  ])('%s importing %s is allowed', async (filePath, specifier) => {
    expect(await restrictedImports(filePath, use(specifier))).toEqual([]);
  });

  it("lets tests import Electron's types (the stand-in is checked against them)", async () => {
    const code = `import type { App } from 'electron';\nexport const probe: Pick<App, 'isPackaged'> = { isPackaged: false };\n`;
    expect(await restrictedImports('test/helpers/probe.ts', code)).toEqual([]);
  });
});
