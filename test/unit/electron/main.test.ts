// electron/main.ts over the Electron stand-in: its start order, the single-instance lock, the secure window, the
// permission and navigation guards, the app:// protocol, the IPC wiring, the menu, events, export and quit.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../../shared/api-channels.js';
import { DOC_LINKS } from '../../../shared/links.js';
import { APP_URL } from '../../../electron/ipc.js';
import type { MenuItemConstructorOptions } from 'electron';
import { settle, startMain } from '../../helpers/desktop-shell.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const appFrame = { url: APP_URL, parent: null };

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** Every item of a menu template, submenus included. */
function menuItems(template: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? menuItems(item.submenu) : [])]);
}

describe('start', () => {
  it('enables the sandbox and makes app:// privileged before ready, and opens nothing until then', async () => {
    const { electron, services } = await startMain({ ready: false });
    expect(electron.log).toEqual(['enableSandbox', 'registerSchemesAsPrivileged', 'requestSingleInstanceLock']);
    expect(electron.protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
    expect(electron.windows).toEqual([]);
    expect(services.created()).toBe(false);
    await electron.ready();
    expect(electron.log.slice(3)).toEqual(['ready', 'new BrowserWindow']);
    expect(electron.ipcMain.channels()).not.toEqual([]);
  });

  it('quits at once, with no window and no services, when another instance holds the lock', async () => {
    const { electron, services } = await startMain({ singleInstanceLock: false });
    expect(electron.log).toContain('quit');
    expect(electron.windows).toEqual([]);
    expect(electron.ipcMain.channels()).toEqual([]);
    expect(services.created()).toBe(false);
  });

  it('brings its window back when a second instance starts', async () => {
    const { electron } = await startMain();
    const [window] = electron.windows;
    window!.minimize();
    electron.app.emit('second-instance', {}, [], ROOT, {});
    expect(window!.isMinimized()).toBe(false);
    expect(window!.focused).toBe(true);
    window!.close();
    expect(() => electron.app.emit('second-instance', {}, [], ROOT, {})).not.toThrow();
  });

  it('keeps its data where BOTSWEEP_HOME says, else in the user data folder', async () => {
    vi.stubEnv('BOTSWEEP_HOME', '/tmp/botsweep-home');
    expect((await startMain()).services.deps.dataDir).toBe('/tmp/botsweep-home');
    vi.stubEnv('BOTSWEEP_HOME', undefined);
    expect((await startMain({ paths: { userData: '/home/u/.config/Botsweep' } })).services.deps.dataDir).toBe('/home/u/.config/Botsweep');
  });
});

describe('the window', () => {
  it('is sandboxed, isolated, without Node, with the preload beside main, and loads the app page once ready to show', async () => {
    const { electron } = await startMain();
    expect(electron.windows).toHaveLength(1);
    const [window] = electron.windows;
    expect(window!.options.webPreferences).toMatchObject({
      preload: join(ROOT, 'electron', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      devTools: true,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(window!.options.webPreferences).not.toHaveProperty('webviewTag', true);
    expect(window!.loadedUrl).toBe('app://botsweep/index.html');
    expect(window!.isVisible()).toBe(false);
    window!.emit('ready-to-show');
    expect(window!.isVisible()).toBe(true);
  });

  it('opens again on activate when none is open, and not a second one', async () => {
    const { electron } = await startMain();
    electron.app.emit('activate');
    expect(electron.windows).toHaveLength(1);
    electron.windows[0]!.close();
    electron.app.emit('activate');
    expect(electron.windows).toHaveLength(1);
  });
});

describe('the menu', () => {
  it('of a development build keeps Electron’s View menu (reload, DevTools)', async () => {
    const { electron } = await startMain({ packaged: false });
    expect(menuItems(electron.Menu.application!).map((item) => item.role)).toContain('viewMenu');
  });

  it('of an installed build has no DevTools and no reload, and the window refuses DevTools', async () => {
    const { electron } = await startMain({ packaged: true });
    const items = menuItems(electron.Menu.application!);
    const roles = items.map((item) => item.role?.toLowerCase());
    for (const role of ['viewmenu', 'toggledevtools', 'reload', 'forcereload']) expect(roles).not.toContain(role);
    expect(items.find((item) => item.label === 'View')?.submenu).toContainEqual({ role: 'togglefullscreen' });
    expect(electron.windows[0]!.options.webPreferences?.devTools).toBe(false);
  });

  it('opens the documentation in the browser from Help', async () => {
    const { electron } = await startMain();
    const help = menuItems(electron.Menu.application!).filter((item) => item.click);
    for (const item of help) (item.click as () => void)();
    expect(electron.shell.opened).toEqual([DOC_LINKS.deleteRobot, DOC_LINKS.errorCodes]);
  });
});

describe('guards', () => {
  it('deny every permission a page asks for or checks, but notifications for the app’s own top-level page', async () => {
    const { electron } = await startMain();
    const session = electron.session.defaultSession;
    const ask = (permission: string, details: object) => {
      const answer = vi.fn();
      session.permissionRequestHandler!(electron.windows[0]!.webContents as never, permission as never, answer, details as never);
      expect(answer).toHaveBeenCalledOnce();
      return answer.mock.calls[0]![0] as boolean;
    };
    const app = { requestingUrl: APP_URL, isMainFrame: true };
    for (const permission of ['media', 'geolocation', 'openExternal', 'clipboard-read'] as const) {
      expect(ask(permission, app)).toBe(false);
      expect(session.permissionCheckHandler!(null, permission as never, 'app://botsweep', app as never)).toBe(false);
    }
    expect(ask('notifications', app)).toBe(true);
    expect(session.permissionCheckHandler!(null, 'notifications' as never, 'app://botsweep', app as never)).toBe(true);
    expect(ask('notifications', { ...app, isMainFrame: false })).toBe(false);
    expect(ask('notifications', { requestingUrl: 'https://attacker.example/', isMainFrame: true })).toBe(false);
    expect(ask('notifications', {})).toBe(false);
  });

  it('block navigation away from the app page, redirects and webviews, in every web contents', async () => {
    const { electron } = await startMain();
    const other = new electron.BrowserWindow();
    for (const contents of [electron.windows[0]!.webContents, other.webContents]) {
      expect(contents.navigate(APP_URL)).toBe(true);
      expect(contents.navigate('https://attacker.example/')).toBe(false);
      expect(contents.navigate('app://botsweep/other.html')).toBe(false);
      expect(contents.navigate('file:///etc/passwd')).toBe(false);
      expect(contents.redirect(APP_URL)).toBe(false);
      expect(contents.attachWebview('https://attacker.example/')).toBe(false);
    }
  });

  it('never open a window; a link on the allow-list opens in the browser, any other nowhere', async () => {
    const { electron } = await startMain();
    const contents = electron.windows[0]!.webContents;
    const links = [
      DOC_LINKS.userSig,
      'https://attacker.example/',
      'http://www.tencentcloud.com/document/product/1047/34385',
      'https://user:pw@www.tencentcloud.com/',
      'javascript:alert(1)',
      APP_URL,
    ];
    for (const url of links) expect(contents.openWindow(url)).toEqual({ action: 'deny' });
    expect(electron.shell.opened).toEqual([DOC_LINKS.userSig]);
  });
});

describe('the app:// protocol', () => {
  it('serves the renderer’s files under the app’s CSP', async () => {
    const { electron } = await startMain();
    const index = readFileSync(join(ROOT, 'renderer', 'index.html'), 'utf8');
    for (const url of [APP_URL, 'app://botsweep/']) {
      const response = await electron.protocol.fetch(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const csp = response.headers.get('content-security-policy') ?? '';
      for (const directive of ["default-src 'none'", 'script-src ', "connect-src 'none'", "object-src 'none'", "frame-ancestors 'none'"])
        expect(csp).toContain(directive);
      expect(await response.text()).toBe(index);
    }
  });

  it('answers 404 for another host, a path out of the renderer’s folder, an unknown type or a missing file', async () => {
    const { electron } = await startMain();
    for (const url of [
      'app://evil/index.html',
      'app://botsweep/..%2f..%2fpackage.json',
      'app://botsweep/%2e%2e/package.json',
      'app://botsweep/main.tsx',
      'app://botsweep/missing.html',
    ]) {
      const response = await electron.protocol.fetch(url);
      expect({ url, status: response.status }).toEqual({ url, status: 404 });
      expect(await response.text()).toBe('not found');
    }
  });
});

describe('IPC', () => {
  it('handles every contract channel, and only for the app page’s top frame', async () => {
    const { electron, services } = await startMain();
    expect(electron.ipcMain.channels().sort()).toEqual([...CHANNELS].sort());
    const refused = [{ url: 'https://attacker.example/', parent: null }, { url: APP_URL, parent: appFrame }, null];
    for (const channel of CHANNELS)
      for (const frame of refused)
        expect(await electron.ipcMain.invoke(channel, frame, {})).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(services.calls).toEqual([]);
    expect(await electron.ipcMain.invoke('settings.get', appFrame, {})).toEqual({ ok: true, value: { handled: 'settings.get' } });
    expect(services.calls).toEqual([['settings.get', {}]]);
  });

  it('logs an internal failure by channel and message only', async () => {
    const { electron, services } = await startMain();
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    services.fail('history.clear', new TypeError('x is not a function'));
    expect(await electron.ipcMain.invoke('history.clear', appFrame, {})).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(log).toHaveBeenCalledExactlyOnceWith('botsweep: history.clear failed:', 'x is not a function');
  });
});

describe('events', () => {
  const progress = (batchId: string) =>
    ({ batchId, done: 1, total: 3, deleted: 1, absent: 0, failed: 0, skipped: 0, ratePerSecond: 1, etaSeconds: 2, recent: [] }) as const;
  const finished = (batchId: string) =>
    ({
      batchId,
      status: 'completed',
      summary: { total: 3, deleted: 3, absent: 0, failed: 0, unconfirmed: 0, skipped: 0 },
      stop: null,
      verification: { status: 'verified', reason: null },
    }) as never;

  it('go to the window; the end-of-sweep notification is the renderer’s, never a second one from main', async () => {
    let now = 1_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    const { electron, services } = await startMain();
    const received: unknown[] = [];
    electron.ipcRenderer.on('sweep.progress', (_event, payload) => received.push(payload));
    services.deps.emit('sweep.progress', progress('20261126T003902123Z-aaaaaa'));
    services.deps.emit('sweep.progress', progress('20261126T003902123Z-bbbbbb'));
    expect(received).toEqual([progress('20261126T003902123Z-aaaaaa'), progress('20261126T003902123Z-bbbbbb')]);
    now += 9_000;
    services.deps.emit('sweep.finished', finished('20261126T003902123Z-bbbbbb'));
    expect(electron.Notification.shown).toEqual([]);
    now += 60_000;
    services.deps.emit('sweep.finished', finished('20261126T003902123Z-aaaaaa'));
    expect(electron.Notification.shown).toEqual([]);
  });

  it('reach no window once it closed', async () => {
    let now = 1_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    const { electron, services } = await startMain({ notificationsSupported: false });
    electron.windows[0]!.close();
    services.deps.emit('sweep.progress', progress('20261126T003902123Z-aaaaaa'));
    now += 60_000;
    expect(() => services.deps.emit('sweep.finished', finished('20261126T003902123Z-aaaaaa'))).not.toThrow();
    expect(electron.Notification.shown).toEqual([]);
  });
});

describe('quitting', () => {
  it('waits for the services to wind down (a running sweep journals its end), then quits', async () => {
    const { electron, services } = await startMain();
    electron.app.quit();
    expect(electron.app.quitted).toBe(false);
    expect(services.disposed()).toBe(1);
    electron.app.quit(); // a second request while winding down
    services.finishDispose();
    await settle();
    expect(electron.app.quitted).toBe(true);
    expect(services.disposed()).toBe(1);
  });

  it('when the last window closes, except on macOS', async () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    try {
      for (const [os, quits] of [
        ['linux', true],
        ['win32', true],
        ['darwin', false],
      ] as const) {
        Object.defineProperty(process, 'platform', { ...platform, value: os });
        const { electron } = await startMain();
        expect(electron.Menu.application![0]!.role === 'appMenu').toBe(os === 'darwin');
        electron.windows[0]!.close();
        expect({ os, quit: electron.log.includes('quit') }).toEqual({ os, quit: quits });
      }
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
  });
});

describe('export', () => {
  it('saves where the user chose, readable by the user alone, or nowhere when they cancel', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'botsweep-export-'));
    try {
      const target = join(dir, 'batches.csv');
      const file = { filename: 'batches.csv', mimeType: 'text/csv', content: 'batch,account\n' };
      const { electron, services } = await startMain({ saveDialog: { canceled: false, filePath: target }, paths: { documents: dir } });
      expect(await services.deps.deliverExport!(file)).toEqual({ kind: 'saved', path: target });
      expect(readFileSync(target, 'utf8')).toBe(file.content);
      if (process.platform !== 'win32') expect(statSync(target).mode & 0o777).toBe(0o600);
      expect(electron.dialog.saveOptions).toEqual([
        { defaultPath: join(dir, 'batches.csv'), filters: [{ name: 'text/csv', extensions: ['csv'] }] },
      ]);

      const cancelled = await startMain({ saveDialog: { canceled: true, filePath: '' } });
      expect(await cancelled.services.deps.deliverExport!(file)).toEqual({ kind: 'saved', path: null });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
