// The Electron main process: one secure window over the app's own protocol, the contract's handlers, and nothing else.
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session, shell, type MenuItemConstructorOptions } from 'electron';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAllowedExternalUrl, DOC_LINKS } from '../shared/links.js';
import { createServices, type ExportFile, type Services } from './core/services.js';
import { realGatewayEnv } from './core/gateway-env.js';
import type { FetchLike } from './core/tim/gateway.js';
import { osKeychain, Vault } from './core/vault.js';
import { contentSecurityPolicy, rendererScriptHashes } from './csp.js';
import { APP_HOST, APP_SCHEME, APP_URL, registerIpc } from './ipc.js';
import { allowsPermission } from './permissions.js';
import { readRendererFile } from './renderer-files.js';

const here = dirname(fileURLToPath(import.meta.url));
const RENDERER_DIR = join(here, '..', 'renderer');
const PRELOAD = join(here, 'preload.cjs');

// Every renderer in Chromium's sandbox, whatever a window's webPreferences say (Electron allows this only before ready).
app.enableSandbox();
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);

let window: BrowserWindow | null = null;
let services: Services | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  const csp = contentSecurityPolicy(rendererScriptHashes(RENDERER_DIR), "'none'");
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? await readRendererFile(RENDERER_DIR, url.pathname) : null;
    if (!file) return new Response('not found', { status: 404 });
    return new Response(new Uint8Array(file.body), { headers: { 'content-type': file.mimeType, 'content-security-policy': csp } });
  });
  // Botsweep's page may notify (the end of a long sweep, in the renderer's words); nothing else, and no other page.
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(allowsPermission(permission, details.requestingUrl, details.isMainFrame)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, origin, details) =>
    allowsPermission(permission, details.requestingUrl ?? origin, details.isMainFrame),
  );

  services = createServices({
    dataDir: process.env.BOTSWEEP_HOME ?? app.getPath('userData'),
    vault: new Vault({ keychain: osKeychain }),
    // net.fetch: the system proxy and certificate store apply to gateway calls.
    gateway: realGatewayEnv(net.fetch as unknown as FetchLike),
    // The end of a long sweep is notified by the renderer (renderer/src/notify.ts), in the user's language.
    emit: (event, payload) => window?.webContents.send(event, payload),
    deliverExport: saveExport,
  });
  registerIpc(ipcMain, services.handlers, (channel, error) =>
    console.error(`botsweep: ${channel} failed:`, error instanceof Error ? error.message : error),
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate()));
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

function createWindow(): void {
  window = new BrowserWindow({
    width: 1180,
    height: 780,
    minWidth: 760,
    minHeight: 520,
    show: false,
    title: 'Botsweep',
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // An installed build has nothing for its user to debug: no DevTools, however they are asked for.
      devTools: !app.isPackaged,
      // Middle-click must not open links in new windows either.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window?.show());
  window.on('closed', () => (window = null));
  void window.loadURL(APP_URL);
}

// Every web contents: no navigation away from the app, no new windows, no webviews; allowed links open in the browser.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (url !== APP_URL) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
});

let quitting = false;
app.on('before-quit', (event) => {
  // Let a running sweep finish its in-flight calls and journal its end before the process goes.
  if (quitting || !services) return;
  event.preventDefault();
  quitting = true;
  void services.dispose().finally(() => app.quit());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

async function saveExport(file: ExportFile) {
  const options = {
    defaultPath: join(app.getPath('documents'), file.filename),
    filters: [{ name: file.mimeType, extensions: [file.filename.split('.').pop()!] }],
  };
  const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return { kind: 'saved' as const, path: null };
  await writeFile(choice.filePath, file.content, { mode: 0o600 });
  return { kind: 'saved' as const, path: choice.filePath };
}

/** Development builds keep Electron's View menu (reload, DevTools); an installed build only zooms and goes full screen. */
function viewMenu(): MenuItemConstructorOptions {
  if (!app.isPackaged) return { role: 'viewMenu' };
  return {
    label: 'View',
    submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
  };
}

function menuTemplate(): MenuItemConstructorOptions[] {
  const mac = process.platform === 'darwin';
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    viewMenu(),
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'delete_robot documentation', click: () => void shell.openExternal(DOC_LINKS.deleteRobot) },
        { label: 'Error codes', click: () => void shell.openExternal(DOC_LINKS.errorCodes) },
      ],
    },
  ];
}
