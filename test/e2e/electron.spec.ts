// The real desktop app through Playwright's Electron driver: a smoke flow against the sandbox gateway, the OS keychain
// path (a key saved in one run is used by the next), the app:// page's CSP (chunks loaded on demand included) and its
// one permission (notifications). It runs wherever an Electron binary is installed (CI: .github/workflows/ci.yml; on
// Linux under xvfb-run with an unlocked gnome-keyring); elsewhere it is skipped and says why.
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { startSandbox, type Sandbox } from '../../electron/core/sandbox/server.js';

const require = createRequire(import.meta.url);
const SECRET = 'electron-e2e-sandbox-secret';

function launch(home: string): Promise<ElectronApplication> {
  return electron.launch({ executablePath: binary.path!, args: ['.'], env: { ...process.env, BOTSWEEP_HOME: home } });
}

async function addProfile(window: Page, name: string, url: string, sessionOnly: boolean): Promise<void> {
  await window.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Profiles', exact: true }).click();
  await window.getByLabel('Profile name').fill(name);
  await window.getByLabel('Region').selectOption('custom');
  await window.getByLabel('Endpoint URL').fill(url);
  await window.getByLabel('SDKAppID').fill('1400000000');
  await window.getByLabel('Secret key', { exact: true }).fill(SECRET);
  if (sessionOnly) await window.getByLabel('Keep the secret key for this session only').check();
  await window.getByRole('button', { name: 'Save profile' }).click();
}

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
// CI sets BOTSWEEP_REQUIRE_ELECTRON: there a missing binary is a failure, not a skip.
if (!binary.path && process.env.BOTSWEEP_REQUIRE_ELECTRON) throw new Error(`electron.spec.ts cannot run: ${binary.reason}`);
if (!binary.path) console.log(`electron.spec.ts skipped: ${binary.reason}`);

test.describe('desktop app', () => {
  test.skip(!binary.path, binary.reason);
  let sandbox: Sandbox;
  test.beforeAll(async () => {
    sandbox = await startSandbox({ sdkAppId: 1400000000, identifier: 'administrator', secretKey: SECRET, bots: 12 });
  });
  test.afterAll(async () => sandbox?.close());

  test('adds a profile, loads the bots and deletes three, in a sandboxed window with no Node', async () => {
    const app = await launch(mkdtempSync(join(tmpdir(), 'botsweep-electron-')));
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { name: 'Botsweep' })).toBeVisible();
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');

    await addProfile(window, 'Sandbox', sandbox.url, true);
    await window.getByRole('button', { name: 'Bots', exact: true }).click();
    await window.getByRole('button', { name: 'Refresh' }).click();
    for (const name of ['@RBT#sandbox0001', '@RBT#sandbox0002', '@RBT#sandbox0003']) await window.getByRole('checkbox', { name }).check();
    await window.getByRole('button', { name: 'Delete selected (3)' }).click();
    await window.getByRole('dialog').getByRole('button', { name: 'Delete 3 bots' }).click();
    await expect(window.getByText('Finished: 3 of 3 deleted')).toBeVisible();
    expect(sandbox.store.list()).toHaveLength(9);
    await app.close();
  });

  test('serves the page from app:// under a CSP with sealed scripts only and no network', async () => {
    const app = await launch(mkdtempSync(join(tmpdir(), 'botsweep-electron-')));
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { name: 'Botsweep' })).toBeVisible();
    expect(window.url()).toBe('app://botsweep/index.html');
    const csp = await app.evaluate(async ({ net }) =>
      (await net.fetch('app://botsweep/index.html')).headers.get('content-security-policy'),
    );
    expect(csp).toMatch(/script-src 'sha384-[^']+'/);
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("default-src 'none'");
    // Chunks loaded on demand (a language, a view) are admitted by hash too: each is in the import map, its hash in the CSP.
    const page = await app.evaluate(async ({ net }) => (await net.fetch('app://botsweep/index.html')).text());
    const integrity = JSON.parse(/<script type="importmap">(.*?)<\/script>/.exec(page)![1]!).integrity as Record<string, string>;
    expect(Object.keys(integrity).length).toBeGreaterThan(1);
    for (const hash of Object.values(integrity)) expect(csp).toContain(`'${hash}'`);
    await window.getByLabel('Language').selectOption('ko');
    await expect(window.getByRole('navigation').getByRole('button', { name: '챗봇' })).toBeVisible();
    await window.getByRole('navigation').getByRole('button', { name: '프로필' }).click();
    await expect(window.getByRole('button', { name: '프로필 저장' })).toBeVisible();
    await window.getByLabel('언어').selectOption('en');
    // The end-of-sweep notification is the page's (renderer/src/notify.ts): main lets this page, and only it, notify.
    expect(await window.evaluate(() => Notification.permission)).toBe('granted');
    // The policy holds in the page: an injected inline script does not run, and the page cannot reach the network.
    const inlineRan = await window.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'document.body.dataset.inline = "ran"';
      document.head.append(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return document.body.dataset.inline === 'ran';
    });
    expect(inlineRan).toBe(false);
    const callsBefore = sandbox.stats.calls;
    const reached = await window.evaluate(
      (url) =>
        fetch(`${url}/v4/openim_robot_http_svc/get_all_robots`, { method: 'POST', body: '{}' }).then(
          () => true,
          () => false,
        ),
      sandbox.url,
    );
    expect(reached).toBe(false);
    expect(sandbox.stats.calls).toBe(callsBefore);
    await app.close();
  });

  test('keeps a saved key in the OS keychain: the next run uses it, and removing the profile removes it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'botsweep-electron-'));
    const first = await launch(home);
    let window = await first.firstWindow();
    await addProfile(window, 'Keychain', sandbox.url, false);
    await expect(window.getByText('Profile “Keychain” saved. Its secret key is stored in the OS keychain.')).toBeVisible();
    await first.close();
    expect(readFileSync(join(home, 'profiles.json'), 'utf8')).not.toContain(SECRET);

    const second = await launch(home);
    window = await second.firstWindow();
    await window.getByRole('button', { name: 'Bots', exact: true }).click();
    await window.getByRole('button', { name: 'Refresh' }).click();
    await expect(window.getByRole('checkbox', { name: '@RBT#sandbox0012' })).toBeVisible();

    await window.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Profiles', exact: true }).click();
    await window.getByRole('button', { name: 'Remove Keychain' }).click();
    await window.getByRole('button', { name: 'Remove profile' }).click();
    await expect(window.getByRole('button', { name: 'Remove Keychain' })).toHaveCount(0);
    await second.close();
  });
});
