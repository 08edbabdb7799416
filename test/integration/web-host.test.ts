// The web host (electron/web.ts) over loopback HTTP: the token, its ports, the CSP and files it serves, the contract
// through /api/call, and events streamed to a client.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Handlers } from '../../shared/api.js';
import { CHANNELS } from '../../shared/api-channels.js';
import { sriHash } from '../../electron/csp.js';
import { BRIDGE_PATH, startWebHost, type WebHost } from '../../electron/web.js';

const TOKEN = 'test-token-0123456789abcdef';
let host: WebHost | undefined;
const fixtures: string[] = [];
afterEach(async () => {
  await host?.close();
  host = undefined;
  for (const dir of fixtures.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function rendererFixture() {
  const dir = mkdtempSync(join(tmpdir(), 'botsweep-web-'));
  fixtures.push(dir);
  mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
  writeFileSync(
    join(dir, 'renderer', 'index.html'),
    `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="connect-src 'none'" /><title>x</title></head><body></body></html>`,
  );
  writeFileSync(join(dir, 'renderer', 'csp-hashes.json'), '["sha384-APPHASH"]');
  writeFileSync(join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside');
  writeFileSync(join(dir, 'bridge.js'), 'window.bridge = 1');
  return { rendererDir: join(dir, 'renderer'), bridgeFile: join(dir, 'bridge.js') };
}

const handlers = Object.fromEntries(CHANNELS.map((channel) => [channel, async () => ({ channel })])) as unknown as Handlers;

/** A raw HTTP request, so Host and Origin can be anything. */
function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host!.port, path, method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const callHeaders = (overrides: Record<string, string> = {}) => ({
  host: `127.0.0.1:${host!.port}`,
  origin: `http://127.0.0.1:${host!.port}`,
  'content-type': 'application/json',
  'x-botsweep-token': TOKEN,
  ...overrides,
});
const callBody = JSON.stringify({ channel: 'settings.get', payload: {} });

describe('web host', () => {
  it('prints a URL on 127.0.0.1 carrying a random token in the fragment', async () => {
    host = await startWebHost({ handlers, ...rendererFixture() });
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{32}$/);
    const other = await startWebHost({ handlers, ...rendererFixture() });
    expect(other.token).not.toBe(host.token);
    await other.close();
  });

  it('answers a call with the right token, Host and Origin', async () => {
    host = await startWebHost({ handlers, token: TOKEN, ...rendererFixture() });
    const response = await send('/api/call', { method: 'POST', headers: callHeaders(), body: callBody });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ ok: true, value: { channel: 'settings.get' } });
    const invalid = await send('/api/call', {
      method: 'POST',
      headers: callHeaders(),
      body: JSON.stringify({ channel: 'sweep.start', payload: {} }),
    });
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
  });

  it.each([
    ['a missing token', { 'x-botsweep-token': '' }, 401],
    ['a wrong token', { 'x-botsweep-token': 'nope' }, 401],
    ['a foreign Origin', { origin: 'https://attacker.example' }, 403],
    ['an Origin on another port', { origin: 'http://127.0.0.1:1' }, 403],
    ['a foreign Host (DNS rebinding)', { host: 'attacker.example' }, 421],
    ['a non-JSON body type', { 'content-type': 'text/plain' }, 415],
  ])('refuses %s', async (_label, change, status) => {
    host = await startWebHost({ handlers, token: TOKEN, ...rendererFixture() });
    const response = await send('/api/call', { method: 'POST', headers: callHeaders(change), body: callBody });
    expect(response.status).toBe(status);
    expect(response.body).not.toContain('"ok":true');
  });

  it('refuses a call without an Origin, and event streams without the token', async () => {
    host = await startWebHost({ handlers, token: TOKEN, ...rendererFixture() });
    const { origin: _origin, ...noOrigin } = callHeaders();
    expect((await send('/api/call', { method: 'POST', headers: noOrigin, body: callBody })).status).toBe(403);
    expect((await send('/api/events', { headers: { host: `127.0.0.1:${host.port}` } })).status).toBe(401);
    expect((await send('/api/events?token=wrong', { headers: { host: `127.0.0.1:${host.port}` } })).status).toBe(401);
  });

  it('never takes the token from a URL: the event stream wants it in a header', async () => {
    host = await startWebHost({ handlers, token: TOKEN, ...rendererFixture() });
    const inQuery = await send(`/api/events?token=${TOKEN}`, { headers: { host: `127.0.0.1:${host.port}` } });
    expect(inQuery.status).toBe(401);
  });

  it.each(['null', '[]', '"x"', '3'])('answers a %s body with 400, not 500', async (body) => {
    host = await startWebHost({ handlers, token: TOKEN, ...rendererFixture() });
    const response = await send('/api/call', { method: 'POST', headers: callHeaders(), body });
    expect(response.status).toBe(400);
    expect(response.body).toMatch(/JSON object/);
  });

  it('holds its port on [::1] too, so no other user can answer for localhost', async () => {
    host = await startWebHost({ handlers, token: TOKEN, ...rendererFixture() });
    const { createServer } = await import('node:net');
    const squatter = createServer();
    const outcome = await new Promise<string>((resolve) => {
      squatter.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      squatter.listen(host!.port, '::1', () => resolve('listening'));
    });
    squatter.close();
    // EADDRNOTAVAIL: this machine has no IPv6 loopback, so there is nothing to take.
    expect(['EADDRINUSE', 'EADDRNOTAVAIL', 'EAFNOSUPPORT']).toContain(outcome);
  });

  it('streams events to a client with the token', async () => {
    host = await startWebHost({ handlers, token: TOKEN, ...rendererFixture() });
    const received = new Promise<string>((resolve) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: host!.port,
          path: '/api/events',
          headers: { host: `127.0.0.1:${host!.port}`, 'x-botsweep-token': TOKEN },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk) => {
            text += chunk;
            if (text.includes('sweep.finished')) {
              resolve(text);
              req.destroy();
            }
          });
          // The host subscribed this stream before it sent the head: an event now reaches it.
          host!.emit('sweep.finished', {
            batchId: 'b',
            kind: 'delete',
            status: 'completed',
            summary: { total: 0, deleted: 0, absent: 0, recreated: 0, 'already-a-bot': 0, failed: 0, skipped: 0, unconfirmed: 0 },
            stop: null,
            verification: { status: 'verified', reason: null },
            durationMs: 0,
          });
        },
      );
      req.end();
    });
    expect(await received).toMatch(/event: sweep\.finished\ndata: \{"batchId":"b"/);
  });

  it('serves the renderer under a strict CSP with the bridge injected, and nothing outside its folder', async () => {
    host = await startWebHost({ handlers, token: TOKEN, ...rendererFixture() });
    const hostHeader = { host: `localhost:${host.port}` };
    const index = await send('/', { headers: hostHeader });
    expect(index.status).toBe(200);
    const bridgeHash = sriHash('window.bridge = 1');
    expect(index.body).toContain(`<script type="module" src="${BRIDGE_PATH}" integrity="${bridgeHash}"></script>`);
    expect(index.body).not.toContain('http-equiv="Content-Security-Policy"');
    const csp = String(index.headers['content-security-policy']);
    expect(csp).toBe(
      `default-src 'none'; script-src 'sha384-APPHASH' '${bridgeHash}'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'`,
    );
    expect((await send(BRIDGE_PATH, { headers: hostHeader })).body).toBe('window.bridge = 1');
    expect((await send('/assets/app.js', { headers: hostHeader })).status).toBe(200);
    expect((await send('/../secret.txt', { headers: hostHeader })).status).toBe(404);
    expect((await send('/%2e%2e/secret.txt', { headers: hostHeader })).status).toBe(404);
    expect((await send('/', { headers: { host: 'evil.example' } })).status).toBe(421);
  });

  it('runs the bridge after the import map and before the page’s first module script (module scripts run in order)', async () => {
    const fixture = rendererFixture();
    writeFileSync(
      join(fixture.rendererDir, 'index.html'),
      `<!doctype html><html><head><script type="importmap">{"integrity":{}}</script>\n<script type="module">window.early = 1</script>\n<script type="module" crossorigin src="/assets/app.js"></script></head><body></body></html>`,
    );
    host = await startWebHost({ handlers, token: TOKEN, ...fixture });
    const { body } = await send('/', { headers: { host: `127.0.0.1:${host.port}` } });
    const order = ['<script type="importmap">', `src="${BRIDGE_PATH}"`, 'window.early = 1', 'src="/assets/app.js"'].map((part) =>
      body.indexOf(part),
    );
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});
