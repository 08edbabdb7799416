// A stand-in for the `electron` module, so the desktop shell (main.ts, preload.ts, ipc.ts) runs under plain Node: its
// app, windows and IPC. Every member is typed against Electron's own definitions (checked by `npm run typecheck`), so a
// renamed method or a changed signature there fails to compile here; it keeps the lifecycle rules the shell depends on
// (what must happen before `ready`, and what cannot) and records what the shell did. One per test.
import { EventEmitter } from 'node:events';
import { notReady, windowlessStandIns } from './electron-stand-in-system.js';
import type {
  App,
  BrowserWindow,
  BrowserWindowConstructorOptions,
  ContextBridge,
  HandlerDetails,
  IpcMain,
  IpcMainInvokeEvent,
  IpcRenderer,
  SaveDialogReturnValue,
  WebContents,
  WebFrameMain,
  WindowOpenHandlerResponse,
} from 'electron';

type ElectronModule = typeof import('electron');
type InvokeListener = Parameters<IpcMain['handle']>[1];

/** The frame facts IPC reads (a WebFrameMain's url and parent). */
export interface FrameStandIn {
  readonly url: WebFrameMain['url'];
  readonly parent: FrameStandIn | null;
}

export interface StandInOptions {
  /** `app.isPackaged`: true for an installed build. */
  readonly packaged?: boolean;
  /** What `app.requestSingleInstanceLock()` answers: false when another instance holds the lock. */
  readonly singleInstanceLock?: boolean;
  readonly paths?: Readonly<Record<string, string>>;
  /** What the save dialog answers. */
  readonly saveDialog?: SaveDialogReturnValue;
  readonly notificationsSupported?: boolean;
}

/** An Electron event as listeners see it: preventable. */
function preventable(fields: object = {}) {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export function createElectronStandIn(options: StandInOptions = {}) {
  /** What the shell did, in order: the lifecycle calls tests check the order of. */
  const log: string[] = [];
  let ready = false;
  let resolveReady: () => void = () => {};
  const readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));

  class AppStandIn
    extends EventEmitter
    implements Pick<App, 'whenReady' | 'isReady' | 'quit' | 'requestSingleInstanceLock' | 'getPath' | 'enableSandbox' | 'isPackaged'>
  {
    readonly isPackaged = options.packaged ?? false;
    /** Set once a quit went through (no `before-quit` listener prevented it). */
    quitted = false;
    whenReady(): Promise<void> {
      return readyPromise;
    }
    isReady(): boolean {
      return ready;
    }
    requestSingleInstanceLock(): boolean {
      log.push('requestSingleInstanceLock');
      return options.singleInstanceLock ?? true;
    }
    enableSandbox(): void {
      if (ready) throw new Error('app.enableSandbox() can only be called before the app is ready');
      log.push('enableSandbox');
    }
    getPath(name: Parameters<App['getPath']>[0]): string {
      return options.paths?.[name] ?? `/stand-in/${name}`;
    }
    quit(): void {
      log.push('quit');
      const event = preventable();
      this.emit('before-quit', event);
      if (!event.defaultPrevented) this.quitted = true;
    }
  }
  const app = new AppStandIn();

  /** The renderer's side of IPC: events main sends, and invoke calls that reach ipcMain's handlers. */
  const rendererEvents = new EventEmitter();
  const invokeHandlers = new Map<string, InvokeListener>();

  class WebContentsStandIn extends EventEmitter implements Pick<WebContents, 'send' | 'setWindowOpenHandler'> {
    windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
    /** The frame the page runs in; a test may point it elsewhere (another site, a sub-frame). */
    mainFrame: FrameStandIn = { url: 'about:blank', parent: null };
    send(channel: string, ...args: unknown[]): void {
      rendererEvents.emit(channel, { sender: ipcRenderer, ports: [] }, ...args);
    }
    setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
      this.windowOpenHandler = handler;
    }
    /** The page tries to navigate the top frame; true when nothing prevented it. */
    navigate(url: string): boolean {
      const event = preventable({ url, isMainFrame: true });
      this.emit('will-navigate', event, url, false, true);
      return !event.defaultPrevented;
    }
    /** A server redirect of a navigation; true when nothing prevented it. */
    redirect(url: string): boolean {
      const event = preventable({ url, isMainFrame: true });
      this.emit('will-redirect', event, url, false, true);
      return !event.defaultPrevented;
    }
    /** The page tries to attach a <webview>; true when nothing prevented it. */
    attachWebview(src: string): boolean {
      const event = preventable();
      this.emit('will-attach-webview', event, { preload: '', src }, {});
      return !event.defaultPrevented;
    }
    /** `window.open(url)` or a target=_blank link: the handler's answer (without one, Electron opens the window). */
    openWindow(url: string): WindowOpenHandlerResponse {
      const details: HandlerDetails = {
        url,
        frameName: '',
        features: '',
        disposition: 'new-window',
        referrer: { url: '', policy: 'default' },
      };
      return this.windowOpenHandler ? this.windowOpenHandler(details) : { action: 'allow' };
    }
  }

  const windows: BrowserWindowStandIn[] = [];
  class BrowserWindowStandIn
    extends EventEmitter
    implements Pick<BrowserWindow, 'loadURL' | 'show' | 'focus' | 'restore' | 'minimize' | 'isMinimized' | 'isVisible' | 'close'>
  {
    static getAllWindows(): BrowserWindowStandIn[] {
      return [...windows];
    }
    readonly webContents = new WebContentsStandIn();
    visible: boolean;
    minimized = false;
    focused = false;
    loadedUrl: string | null = null;
    constructor(readonly options: BrowserWindowConstructorOptions = {}) {
      super();
      if (!ready) notReady('new BrowserWindow()');
      this.visible = options.show ?? true;
      windows.push(this);
      log.push('new BrowserWindow');
      app.emit('web-contents-created', preventable(), this.webContents);
    }
    async loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
      this.webContents.mainFrame = { url, parent: null };
    }
    show(): void {
      this.visible = true;
    }
    focus(): void {
      this.focused = true;
    }
    minimize(): void {
      this.minimized = true;
    }
    restore(): void {
      this.minimized = false;
    }
    isMinimized(): boolean {
      return this.minimized;
    }
    isVisible(): boolean {
      return this.visible;
    }
    close(): void {
      windows.splice(windows.indexOf(this), 1);
      this.emit('closed');
      if (!windows.length) app.emit('window-all-closed');
    }
  }

  const ipcMain = {
    handle(channel: string, listener: InvokeListener): void {
      if (invokeHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      invokeHandlers.set(channel, listener);
    },
    removeHandler(channel: string): void {
      invokeHandlers.delete(channel);
    },
    /** The channels with a handler. */
    channels: (): string[] => [...invokeHandlers.keys()],
    /** Calls a channel's handler as a renderer in `frame` would. */
    async invoke(channel: string, frame: FrameStandIn | null, ...args: unknown[]): Promise<unknown> {
      const listener = invokeHandlers.get(channel);
      if (!listener) throw new Error(`Error invoking remote method '${channel}': No handler registered for '${channel}'`);
      const event = { ...preventable(), frameId: 1, processId: 1, sender: windows[0]?.webContents, senderFrame: frame, type: 'frame' };
      return listener(event as unknown as IpcMainInvokeEvent, ...args);
    },
  } satisfies Pick<IpcMain, 'handle' | 'removeHandler'> & Record<string, unknown>;

  const ipcRenderer = {
    /** Goes to ipcMain's handler as a call from the first window's page (the preload's page). */
    invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      return ipcMain.invoke(channel, windows[0]?.webContents.mainFrame ?? null, ...args);
    },
    on(channel: string, listener: Parameters<IpcRenderer['on']>[1]): IpcRenderer {
      rendererEvents.on(channel, listener);
      return ipcRenderer as unknown as IpcRenderer;
    },
    removeListener(channel: string, listener: Parameters<IpcRenderer['removeListener']>[1]): IpcRenderer {
      rendererEvents.removeListener(channel, listener);
      return ipcRenderer as unknown as IpcRenderer;
    },
    listenerCount: (channel: string): number => rendererEvents.listenerCount(channel),
  } satisfies Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'> & Record<string, unknown>;

  /** What the preload put into the page's world, by key. */
  const mainWorld: Record<string, unknown> = {};
  const contextBridge = {
    exposeInMainWorld(apiKey: string, api: unknown): void {
      if (apiKey in mainWorld) throw new Error(`Cannot bind an API on top of an existing property on the window object`);
      mainWorld[apiKey] = api;
    },
  } satisfies Pick<ContextBridge, 'exposeInMainWorld'>;

  const { protocol, session, shell, dialog, Menu, Notification, net } = windowlessStandIns(options, () => ready, log);

  const module = {
    app,
    BrowserWindow: BrowserWindowStandIn,
    contextBridge,
    dialog,
    ipcMain,
    ipcRenderer,
    Menu,
    net,
    Notification,
    protocol,
    session,
    shell,
  } satisfies { [K in keyof ElectronModule]?: unknown };

  return {
    ...module,
    /** The module as `vi.doMock('electron', ...)` hands it to the shell (ESM: a default export too, as Node's CJS interop gives). */
    module: { ...module, default: module },
    log,
    mainWorld,
    windows,
    /** Fires Electron's `ready`: `app.whenReady()` resolves, and what needs a ready app may run. */
    async ready(): Promise<void> {
      ready = true;
      log.push('ready');
      resolveReady();
      app.emit('ready', preventable(), {});
      // Let the shell's `whenReady().then(...)` chain settle.
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

export type ElectronStandIn = ReturnType<typeof createElectronStandIn>;
