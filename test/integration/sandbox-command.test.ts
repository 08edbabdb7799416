// `botsweep sandbox` serving on 127.0.0.1: a generated or given key, seeded bots, its rate limit, Ctrl-C.
import { describe, expect, it } from 'vitest';
import { startCli } from '../helpers/cli.js';
import { gatewayFor } from '../helpers/sandbox.js';

const KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';

describe('botsweep sandbox', () => {
  it('listens on 127.0.0.1, generates and prints a key when none is set, seeds bots, and stops on Ctrl-C', async () => {
    const cli = startCli(['sandbox', '--port', '0', '--sdkappid', '1400000042', '--identifier', 'boss', '--bots', '3']);
    const [, key] = await cli.waitForStdout(/secret key \(generated[^)]*\): ([0-9a-f]{64})/);
    const [, url] = await cli.waitForStdout(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const gateway = gatewayFor({ url: url! }, { sdkAppId: 1400000042, identifier: 'boss', secretKey: key! });
    expect(await gateway.getAllRobots()).toMatchObject({
      ok: true,
      answer: { Robot_Account: ['@RBT#sandbox0001', '@RBT#sandbox0002', '@RBT#sandbox0003'] },
    });
    cli.interrupt();
    const run = await cli.done;
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/sandbox stopped/);
    await expect(gateway.getAllRobots()).resolves.toMatchObject({ ok: false });
  });

  it('uses TIM_SECRET_KEY when set and never prints it', async () => {
    const cli = startCli(['sandbox', '--bots', '1', '--rate', '2'], { env: { TIM_SECRET_KEY: KEY } });
    const [, url] = await cli.waitForStdout(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const gateway = gatewayFor({ url: url! }, { sdkAppId: 1400000000, identifier: 'administrator', secretKey: KEY });
    const outcomes = await Promise.all([1, 2, 3].map(() => gateway.getAllRobots()));
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.errorCode === 60007)).toHaveLength(1);
    cli.interrupt();
    const run = await cli.done;
    expect(run.stdout + run.stderr).not.toContain(KEY);
  });
});
