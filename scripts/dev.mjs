#!/usr/bin/env node
// `npm run dev`: the renderer from Vite's dev server (hot reload) in front of the loopback web host with a demo sandbox;
// the Node side rebuilds on save (tsc --watch) and the host restarts on the new build (node --watch).
// Extra arguments go to `botsweep web --demo` (e.g. npm run dev -- --bots 2000 --fail-rate 0.1).
import { spawn } from 'node:child_process';
import { createServer as createNetServer } from 'node:net';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { build } from './build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const BRIDGE_PATH = '/__botsweep/web-bridge.js';
const children = new Set();

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createNetServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function start(command, args, onLine) {
  const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(child);
  let pending = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop();
    for (const line of lines) onLine?.(line);
  });
  child.on('exit', () => children.delete(child));
  return child;
}

function stopAll(code = 0) {
  for (const child of children) child.kill('SIGTERM');
  process.exit(code);
}
process.on('SIGINT', () => stopAll(130));
process.on('SIGTERM', () => stopAll(143));

// The host serves the web bridge; the renderer comes from Vite.
build(['bridge'], { ifStale: true });
const hostPort = await freePort();
const hostOrigin = `http://127.0.0.1:${hostPort}`;

const vite = await createServer({
  configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': {
        target: hostOrigin,
        changeOrigin: true,
        configure: (proxy) =>
          // The host accepts calls from its own origin only: a call from this dev page's origin is vouched for as the
          // host's; a call from anywhere else keeps its Origin and is refused.
          proxy.on('proxyReq', (proxyReq, req) => {
            if (req.headers.origin === viteOrigin()) proxyReq.setHeader('origin', hostOrigin);
          }),
      },
      [BRIDGE_PATH]: { target: hostOrigin, changeOrigin: true },
    },
  },
  plugins: [
    {
      name: 'botsweep-dev-bridge',
      // As the host does for the built page: the bridge defines window.botsweep before the app's module runs.
      transformIndexHtml: (html) => html.replace('<head>', `<head>\n    <script type="module" src="${BRIDGE_PATH}"></script>`),
    },
  ],
});
await vite.listen();
const viteOrigin = () => {
  const address = vite.httpServer.address();
  return `http://127.0.0.1:${address.port}`;
};

// The host starts once tsc's first build is written (that build rewrites every file, which would restart it at once).
const tsc = require.resolve('typescript/bin/tsc');
let hostStarted = false;
start(process.execPath, [tsc, '-p', 'tsconfig.json', '--watch', '--preserveWatchOutput'], (line) => {
  if (hostStarted || !/Watching for file changes/.test(line)) return;
  hostStarted = true;
  start(
    process.execPath,
    // tsc's output, not the bundle bin/botsweep.js runs: that one is built once, not on every save.
    ['--watch', '--watch-preserve-output', 'dist/electron/cli.js', 'web', '--demo', '--port', String(hostPort), ...process.argv.slice(2)],
    (hostLine) => {
      const match = hostLine.match(/open http:\/\/127\.0\.0\.1:\d+\/(#token=\S+)/);
      if (match)
        console.log(
          `\nbotsweep dev: open ${viteOrigin()}/${match[1]}\n  (renderer: hot reload; Node side: rebuilt and restarted on save, with a new token to open)\n`,
        );
    },
  );
});
