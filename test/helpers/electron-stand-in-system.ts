// The parts of the Electron stand-in that need no window: protocol, session, shell, dialog, menus, notifications, net.
// Typed against Electron's own definitions like the rest (see electron-stand-in.ts).
import type {
  BaseWindow,
  CustomScheme,
  Dialog,
  Menu,
  MenuItemConstructorOptions,
  Net,
  Notification,
  NotificationConstructorOptions,
  Protocol,
  SaveDialogOptions,
  SaveDialogReturnValue,
  Session,
  Shell,
} from 'electron';
import type { StandInOptions } from './electron-stand-in.js';

type ProtocolHandler = Parameters<Protocol['handle']>[1];
type PermissionRequestHandler = Parameters<Session['setPermissionRequestHandler']>[0];
type PermissionCheckHandler = Parameters<Session['setPermissionCheckHandler']>[0];

export function notReady(what: string): never {
  throw new Error(`${what} cannot be used before the app is ready (Electron throws here too)`);
}

export function windowlessStandIns(options: StandInOptions, isReady: () => boolean, log: string[]) {
  const protocolHandlers = new Map<string, ProtocolHandler>();
  const protocol = {
    privileged: [] as CustomScheme[],
    registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void {
      if (isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
      log.push('registerSchemesAsPrivileged');
      protocol.privileged.push(...customSchemes);
    },
    handle(scheme: string, handler: ProtocolHandler): void {
      if (!isReady()) notReady('protocol.handle()');
      protocolHandlers.set(scheme, handler);
    },
    /** A request the page makes to a custom scheme, answered by its handler (404 without one). */
    async fetch(url: string): Promise<Response> {
      const handler = protocolHandlers.get(new URL(url).protocol.slice(0, -1));
      return handler ? handler(new Request(url)) : new Response(null, { status: 404 });
    },
  } satisfies Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'> & Record<string, unknown>;

  const defaultSession = {
    permissionRequestHandler: null as PermissionRequestHandler,
    permissionCheckHandler: null as PermissionCheckHandler,
    setPermissionRequestHandler(handler: PermissionRequestHandler): void {
      defaultSession.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: PermissionCheckHandler): void {
      defaultSession.permissionCheckHandler = handler;
    },
  } satisfies Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & Record<string, unknown>;
  const session = {
    get defaultSession() {
      if (!isReady()) notReady('session.defaultSession');
      return defaultSession;
    },
  };

  const shell = {
    opened: [] as string[],
    async openExternal(url: string): Promise<void> {
      shell.opened.push(url);
    },
  } satisfies Pick<Shell, 'openExternal'> & Record<string, unknown>;

  const dialog = {
    saveOptions: [] as SaveDialogOptions[],
    async showSaveDialog(...args: [BaseWindow, SaveDialogOptions] | [SaveDialogOptions]): Promise<SaveDialogReturnValue> {
      dialog.saveOptions.push(args.length === 2 ? args[1] : args[0]);
      return options.saveDialog ?? { canceled: true, filePath: '' };
    },
  } satisfies Pick<Dialog, 'showSaveDialog'> & Record<string, unknown>;

  /** Menus are their templates here. */
  const MenuStandIn = {
    application: null as MenuItemConstructorOptions[] | null,
    buildFromTemplate(template: MenuItemConstructorOptions[]): Menu {
      return { items: template } as unknown as Menu;
    },
    setApplicationMenu(menu: Menu | null): void {
      MenuStandIn.application = menu ? ((menu as unknown as { items: MenuItemConstructorOptions[] }).items ?? null) : null;
    },
  } satisfies Pick<typeof import('electron').Menu, 'buildFromTemplate' | 'setApplicationMenu'> & Record<string, unknown>;

  const shown: NotificationConstructorOptions[] = [];
  const NotificationStandIn = class implements Pick<Notification, 'show'> {
    static isSupported(): boolean {
      return options.notificationsSupported ?? true;
    }
    /** Every notification shown, in order. */
    static shown = shown;
    constructor(readonly options: NotificationConstructorOptions = {}) {}
    show(): void {
      shown.push(this.options);
    }
  } satisfies Pick<typeof import('electron').Notification, 'isSupported'>;

  const net = {
    fetch: (async () => {
      throw new Error('the Electron stand-in has no network');
    }) as Net['fetch'],
  } satisfies Pick<Net, 'fetch'>;

  return { protocol, session, shell, dialog, Menu: MenuStandIn, Notification: NotificationStandIn, net };
}
