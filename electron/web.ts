// The loopback web host: serves the built renderer on 127.0.0.1 (and holds the same port on [::1], so no other
// user can answer for "localhost") and bridges the same contract over HTTP (calls) and a server-sent event stream
// (events), guarded by a per-launch token in a header, never a URL, and strict Host/Origin checks.
// For development, tests and the demo; not part of the packaged app.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventName, Events, Handlers } from '../shared/api.js';
import { createDispatcher } from './core/api-dispatch.js';
import { contentSecurityPolicy, rendererScriptHashes, sriHash } from './csp.js';
import { readRendererFile } from './renderer-files.js';

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_RENDERER_DIR = join(here, '..', 'renderer');
export const DEFAULT_BRIDGE_FILE = join(here, '..', 'web', 'web-bridge.js');
export const BRIDGE_PATH = '/__botsweep/web-bridge.js';
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface WebHostOptions {
  readonly handlers: Handlers;
  readonly port?: number;
  readonly rendererDir?: string;
  readonly bridgeFile?: string;
  /** Fixed for tests; random per launch otherwise. */
  readonly token?: string;
}

export interface WebHost {
  /**
   * The URL to open, token included: in the fragment, so it is never sent to the host (no request line, access log or
   * Referer carries it); `botsweep web` prints it on stdout for the user to open, so that output is as secret as the token.
   */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  const bridgeFile = options.bridgeFile ?? DEFAULT_BRIDGE_FILE;
  const dispatch = createDispatcher(options.handlers, (channel, error) =>
    console.error(`botsweep web: ${channel} failed: ${error instanceof Error ? error.message : String(error)}`),
  );
  const streams = new Set<ServerResponse>();
  let port = 0;
  // The page may run the sealed renderer scripts and the bridge, by hash, and call back to this host only.
  const bridge = await readFile(bridgeFile).catch(() => null);
  const bridgeHash = bridge ? sriHash(bridge) : null;
  const csp = contentSecurityPolicy([...rendererScriptHashes(rendererDir), ...(bridgeHash ? [bridgeHash] : [])], "'self'");

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`]);
  const tokenMatches = (given: string | null | undefined) => {
    if (!given) return false;
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  const send = (res: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}) => {
    res.writeHead(status, {
      ...SECURITY_HEADERS,
      'content-security-policy': csp,
      'content-type': type,
      'cache-control': 'no-store',
      ...extra,
    });
    res.end(body);
  };
  const refuse = (res: ServerResponse, status: number, message: string) =>
    send(res, status, JSON.stringify({ error: message }), 'application/json');

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          reject(new Error('request too large'));
          req.destroy();
        } else chunks.push(chunk);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  const serveIndex = async (res: ServerResponse) => {
    const file = await readRendererFile(rendererDir, '/index.html');
    if (!file) return send(res, 500, 'The renderer is not built: run "npm run build".', 'text/plain; charset=utf-8');
    // The bridge defines window.botsweep before the app's own module runs (module scripts run in order), after the
    // import map that seals the chunks loaded on demand. The page's own CSP meta (no network) gives way to the header,
    // which lets the bridge call this host.
    const tag = `<script type="module" src="${BRIDGE_PATH}"${bridgeHash ? ` integrity="${bridgeHash}"` : ''}></script>`;
    const page = file.body.toString('utf8').replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    const html = page.includes('<script type="module"')
      ? page.replace('<script type="module"', `${tag}\n    <script type="module"`)
      : page.replace('<head>', `<head>\n    ${tag}`);
    send(res, 200, html, file.mimeType);
  };

  const server = createServer(async (req, res) => {
    try {
      // A DNS-rebinding page or another site must not reach the host: exact Host, and Origin when sent.
      if (!allowedHosts().has(req.headers.host ?? '')) return refuse(res, 421, 'wrong Host');
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedOrigins().has(origin)) return refuse(res, 403, 'foreign Origin');
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

      if (url.pathname === '/api/call') {
        if (req.method !== 'POST') return refuse(res, 405, 'POST only');
        if (origin === undefined) return refuse(res, 403, 'missing Origin');
        if (!tokenMatches(req.headers['x-botsweep-token'] as string | undefined)) return refuse(res, 401, 'missing or wrong token');
        if (!String(req.headers['content-type']).startsWith('application/json')) return refuse(res, 415, 'JSON only');
        let call: { channel?: unknown; payload?: unknown };
        try {
          call = JSON.parse(await readBody(req));
        } catch {
          return refuse(res, 400, 'the body is not JSON');
        }
        if (typeof call !== 'object' || call === null || Array.isArray(call))
          return refuse(res, 400, 'the body must be a JSON object {channel, payload}');
        const result = await dispatch(String(call.channel), call.payload);
        return send(res, 200, JSON.stringify(result), 'application/json');
      }
      if (url.pathname === '/api/events') {
        // The token comes in a header (the bridge reads the stream with fetch), never in the URL, where logs,
        // history and proxies would keep it.
        if (req.method !== 'GET') return refuse(res, 405, 'GET only');
        if (!tokenMatches(req.headers['x-botsweep-token'] as string | undefined)) return refuse(res, 401, 'missing or wrong token');
        res.writeHead(200, {
          ...SECURITY_HEADERS,
          'content-security-policy': csp,
          'content-type': 'text/event-stream',
          'cache-control': 'no-store',
          connection: 'keep-alive',
        });
        res.write(': connected\n\n');
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'GET only');
      if (url.pathname === BRIDGE_PATH) {
        if (!bridge) return send(res, 500, 'The web bridge is not built: run "npm run build".', 'text/plain; charset=utf-8');
        return send(res, 200, bridge, 'text/javascript; charset=utf-8');
      }
      if (url.pathname === '/' || url.pathname === '/index.html') return serveIndex(res);
      const file = await readRendererFile(rendererDir, url.pathname);
      if (!file) return refuse(res, 404, 'not found');
      return send(res, 200, file.body, file.mimeType, { 'cache-control': 'public, max-age=3600' });
    } catch (error) {
      if (!res.headersSent) refuse(res, 500, error instanceof Error ? error.message : 'internal error');
    }
  });

  const v6 = createServer((req, res) => server.emit('request', req, res));
  port = await listenOnBoth(server, v6, options.port ?? 0);
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    emit(event, payload) {
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const stream of streams) stream.write(frame);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.closeAllConnections();
        v6.closeAllConnections();
        v6.close();
        server.close(() => resolve());
      }),
  };
}

function listen(server: Server, port: number, address: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, address, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/**
 * Listens on 127.0.0.1 and the same port on [::1]: a browser may send "localhost" to either, and a port left
 * free on [::1] could be taken by another user of this machine, who would then receive the token. With a
 * chosen port taken on [::1] the host refuses to start; with a random one it tries another. A machine without
 * IPv6 has no [::1] to take.
 */
async function listenOnBoth(v4: Server, v6: Server, wanted: number): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    await listen(v4, wanted, '127.0.0.1');
    const port = (v4.address() as AddressInfo).port;
    try {
      await listen(v6, port, '::1');
      return port;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT') return port;
      await new Promise<void>((resolve) => v4.close(() => resolve()));
      if (code !== 'EADDRINUSE' || wanted !== 0 || attempt >= 20) {
        throw new Error(`port ${port} is already in use on [::1] (by another program or user): choose another --port`, { cause: error });
      }
    }
  }
}
