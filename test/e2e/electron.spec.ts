// The real desktop app through Playwright's Electron driver: a smoke flow against the sandbox gateway.
// It runs wherever an Electron binary is installed; elsewhere it is skipped and says why.
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { startSandbox, type Sandbox } from '../../electron/core/sandbox/server.js';

const require = createRequire(import.meta.url);
const SECRET = 'electron-e2e-sandbox-secret';

function electronBinary(): { path: string | null; reason: string } {
  try {
    // The electron package exports the path of its binary, and throws when the binary was never downloaded.
    return { path: require('electron') as string, reason: '' };
  } catch (error) {
    return {
      path: null,
      reason: `no Electron binary is installed here (${(error as Error).message.split('\n')[0]}); install electron without ELECTRON_SKIP_BINARY_DOWNLOAD to run this test`,
    };
  }
}

const binary = electronBinary();
if (!binary.path) console.log(`electron.spec.ts skipped: ${binary.reason}`);

test.describe('desktop app', () => {
  test.skip(!binary.path, binary.reason);
  let sandbox: Sandbox;
  test.beforeAll(async () => {
    sandbox = await startSandbox({ sdkAppId: 1400000000, identifier: 'administrator', secretKey: SECRET, bots: 12 });
  });
  test.afterAll(async () => sandbox?.close());

  test('adds a profile, loads the bots and deletes three, in a sandboxed window with no Node', async () => {
    const app = await electron.launch({
      executablePath: binary.path!,
      args: ['.'],
      env: { ...process.env, BOTSWEEP_HOME: mkdtempSync(join(tmpdir(), 'botsweep-electron-')) },
    });
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { name: 'Botsweep' })).toBeVisible();
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');

    await window.getByRole('button', { name: 'Profiles' }).click();
    await window.getByLabel('Profile name').fill('Sandbox');
    await window.getByLabel('Region').selectOption('custom');
    await window.getByLabel('Endpoint URL').fill(sandbox.url);
    await window.getByLabel('SDKAppID').fill('1400000000');
    await window.getByLabel('Secret key', { exact: true }).fill(SECRET);
    await window.getByLabel('Keep the secret key for this session only').check();
    await window.getByRole('button', { name: 'Save profile' }).click();
    await window.getByRole('button', { name: 'Bots' }).click();
    await window.getByRole('button', { name: 'Refresh' }).click();
    for (const name of ['@RBT#sandbox0001', '@RBT#sandbox0002', '@RBT#sandbox0003']) await window.getByRole('checkbox', { name }).check();
    await window.getByRole('button', { name: 'Delete selected (3)' }).click();
    await window.getByRole('dialog').getByRole('button', { name: 'Delete 3 bots' }).click();
    await expect(window.getByText('Finished: 3 deleted, 0 failed, 0 skipped')).toBeVisible();
    expect(sandbox.store.list()).toHaveLength(9);
    await app.close();
  });
});
