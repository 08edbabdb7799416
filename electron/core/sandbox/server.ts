// The sandbox gateway over loopback HTTP: ./sandbox-core.ts's answers, served on 127.0.0.1 (`botsweep sandbox`, and the
// integration tests that need real sockets).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FetchLike } from '../tim/outcome.js';
import { JSON_CONTENT_TYPE, type Reply } from './exchange.js';
import type { Sandbox, SandboxOptions } from './options.js';
import { createSandboxCore } from './sandbox-core.js';

export * from './options.js';

const MAX_BODY_BYTES = 1 << 20;

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const core = createSandboxCore(options);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return void req.socket.destroy();
      chunks.push(chunk);
    });
    req.on('end', () =>
      core.handle(
        {
          method: req.method ?? '',
          url: req.url ?? '/',
          contentType: req.headers['content-type'],
          body: Buffer.concat(chunks).toString('utf8'),
        },
        httpReply(req, res),
      ),
    );
  });
  server.keepAliveTimeout = 30_000;

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  await listen(options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  if (core.outage === 'refuse') await stopListening();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store: core.store,
    stats: core.stats,
    requests: core.requests,
    fetch: fetch as unknown as FetchLike,
    setQuota(quota) {
      core.store.quota = quota;
    },
    async setOutage(kind) {
      const wasRefusing = core.outage === 'refuse';
      core.outage = kind;
      if (kind === 'refuse' && !wasRefusing) await stopListening();
      if (kind !== 'refuse' && wasRefusing) await listen(port);
    },
    close: () => (core.outage === 'refuse' ? Promise.resolve() : stopListening()),
  };
}

function httpReply(req: IncomingMessage, res: ServerResponse): Reply {
  return {
    send(status, text, headers = {}) {
      res.writeHead(status, { 'content-type': JSON_CONTENT_TYPE, 'content-length': Buffer.byteLength(text), ...headers });
      res.end(text);
    },
    drop: () => req.socket.destroy(),
    cut(partial, declaredBytes) {
      res.writeHead(200, { 'content-type': JSON_CONTENT_TYPE, 'content-length': declaredBytes });
      res.write(partial);
      setTimeout(() => req.socket.destroy(), 5);
    },
  };
}
