// `botsweep web` (npm run web): the renderer in a browser over the loopback host; --demo adds a sandbox gateway and profile.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { EventName, Events } from '../../shared/api.js';
import { startSandbox } from '../core/sandbox/server.js';
import { createServices } from '../core/services.js';
import { startWebHost, type WebHost } from '../web.js';
import { cliDataDir, cliGatewayEnv, takeEnvSecret } from './connection.js';
import { EXIT, nonNegativeInt, positiveInt, UsageError, writeLine, type CliIo } from './io.js';

export const WEB_HELP = `Usage: botsweep web [--port N] [--demo [--bots N] [--latency MS] [--fail-rate F] [--fail-first N] [--slow-app MS]]

Serves the Botsweep UI on 127.0.0.1 for a browser, with the same contract the desktop app uses,
guarded by a per-launch token in the printed URL. For development, tests and trying Botsweep out.
  --port N        port to listen on (default: any free port)
  --demo          also start a sandbox gateway with seeded bots (listed in no particular order,
                  as a real app's are) and a ready "Sandbox" profile
                  (its key, TIM_SECRET_KEY or a random one, is held in memory for this run;
                  data in a temporary folder unless BOTSWEEP_HOME is set)
  --bots N        bots to seed in the demo (default 250)
  --latency MS    the demo gateway's answer delay (default 20)
  --fail-rate F   share of demo calls that meet a transient fault, 0 to 1 (default 0)
  --fail-first N  each demo bot's first N deletions answer 10002, so "Retry failed" has work to do
  --slow-app MS   also a second sandbox app whose gateway answers after MS, with its own bots
                  (@RBT#slow0001…) and a "Slow sandbox" profile: for trying a profile switch mid-load`;

export async function webCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      demo: { type: 'boolean' },
      bots: { type: 'string' },
      latency: { type: 'string' },
      'fail-rate': { type: 'string' },
      'fail-first': { type: 'string' },
      'slow-app': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return (writeLine(io.stdout, WEB_HELP), EXIT.ok);
  const port = nonNegativeInt('port', values.port, 0);
  if (port > 65535) throw new UsageError('--port takes a number from 0 to 65535');
  const failRate = values['fail-rate'] === undefined ? 0 : Number(values['fail-rate']);
  if (!(failRate >= 0 && failRate <= 1)) throw new UsageError(`--fail-rate takes a number from 0 to 1 (got "${values['fail-rate']}")`);

  const demo = values.demo === true;
  const temporary = demo && !io.dataDir && !io.env.BOTSWEEP_HOME;
  const folder = temporary ? mkdtempSync(join(tmpdir(), 'botsweep-demo-')) : cliDataDir(io);
  try {
    return await serve(values, { demo, folder, port, failRate }, io);
  } finally {
    // The demo's own folder (history, profiles) goes with it.
    if (temporary) rmSync(folder, { recursive: true, force: true });
  }
}

async function serve(
  values: { bots?: string | undefined; latency?: string | undefined; 'fail-first'?: string | undefined; 'slow-app'?: string | undefined },
  { demo, folder, port, failRate }: { demo: boolean; folder: string; port: number; failRate: number },
  io: CliIo,
): Promise<number> {
  let host: WebHost | null = null;
  const services = createServices({
    dataDir: folder,
    ...(io.keychain ? { keychain: io.keychain } : {}),
    gateway: cliGatewayEnv(io),
    emit: <E extends EventName>(event: E, payload: Events[E]) => host?.emit(event, payload),
  });

  let sandbox: Awaited<ReturnType<typeof startSandbox>> | null = null;
  let slowSandbox: Awaited<ReturnType<typeof startSandbox>> | null = null;
  if (demo) {
    // TIM_SECRET_KEY, when set, is the sandbox's key (as for `botsweep sandbox`), so tests can add their own profile.
    const secretKey = takeEnvSecret(io) || randomBytes(32).toString('hex');
    sandbox = await startSandbox({
      sdkAppId: 1400000000,
      identifier: 'administrator',
      secretKey,
      bots: positiveInt('bots', values.bots, 250),
      latencyMs: nonNegativeInt('latency', values.latency, 20),
      failRate,
      faults: ['10002'],
      failFirst: nonNegativeInt('fail-first', values['fail-first'], 0),
      nicknames: true,
      // A real app lists its bots in the order they were created: the demo's list comes in no particular order either.
      shuffled: true,
    });
    const profiles = services.useCases.profiles;
    if (!profiles.find('Sandbox')) {
      const target = { kind: 'endpoint', url: sandbox.url } as const;
      await profiles.save({
        name: 'Sandbox',
        target,
        sdkAppId: 1400000000,
        identifier: 'administrator',
        secret: secretKey,
        secretStorage: 'session',
      });
    }
    writeLine(io.stdout, `demo: sandbox gateway at ${sandbox.url} with ${sandbox.store.list().length} bots; data in ${folder}`);
    if (values['slow-app'] !== undefined) {
      const botCount = Math.min(positiveInt('bots', values.bots, 250), 9999);
      slowSandbox = await startSandbox({
        sdkAppId: 1400000001,
        identifier: 'administrator',
        secretKey,
        bots: Array.from({ length: botCount }, (_, i) => `@RBT#slow${String(i + 1).padStart(4, '0')}`),
        latencyMs: nonNegativeInt('slow-app', values['slow-app'], 2000),
      });
      if (!profiles.find('Slow sandbox')) {
        const target = { kind: 'endpoint', url: slowSandbox.url } as const;
        await profiles.save({
          name: 'Slow sandbox',
          target,
          sdkAppId: 1400000001,
          identifier: 'administrator',
          secret: secretKey,
          secretStorage: 'session',
        });
      }
      writeLine(io.stdout, `demo: slow sandbox gateway at ${slowSandbox.url}`);
    }
  }
  host = await startWebHost({ handlers: services.handlers, port });
  // One URL, the one to open: without its token a page can do nothing but say how to get one.
  writeLine(io.stdout, `Botsweep web host: open ${host.url}`);

  try {
    await new Promise<void>((resolve) => {
      if (io.interrupted.aborted) resolve();
      io.interrupted.addEventListener('abort', () => resolve(), { once: true });
    });
  } finally {
    await services.dispose();
    await host.close();
    await sandbox?.close();
    await slowSandbox?.close();
  }
  return EXIT.ok;
}
