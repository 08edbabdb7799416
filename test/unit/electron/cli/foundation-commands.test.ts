import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyUserSig } from '../../../../electron/core/tim/usersig.js';
import { runCli, startCli } from '../../../helpers/cli.js';
import { gatewayFor } from '../../../helpers/sandbox.js';

const KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';

describe('botsweep (no command)', () => {
  it('prints help listing the commands', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: botsweep <command>/);
    expect(run.stdout).toMatch(/sandbox/);
  });

  it.each(['--version', '-v'])('%s prints the version package.json gives', async (flag) => {
    const { version } = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string };
    const run = await runCli([flag]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${version}\n`);
  });

  it('rejects an unknown command with exit 2', async () => {
    const run = await runCli(['explode']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown command "explode"/);
  });
});

describe('botsweep usersig', () => {
  it('prints the known-answer UserSig with a fixed clock', async () => {
    const run = await runCli(['usersig', '--sdkappid', '1400000000', '--identifier', '0', '--expire', '15552000', '--time', '1569910200'], {
      env: { TIM_SECRET_KEY: KEY },
    });
    expect(run.code).toBe(0);
    const sig = run.stdout.trim();
    expect(verifyUserSig(sig, { secretKey: KEY, sdkAppId: 1400000000, identifier: '0', now: () => 1569910200_000 })).toMatchObject({
      ok: true,
      fields: { time: 1569910200, expire: 15552000 },
    });
  });

  it('lasts one hour unless --expire says otherwise', async () => {
    const run = await runCli(['usersig', '--sdkappid', '1400000000', '--identifier', '0', '--time', '1569910200'], {
      env: { TIM_SECRET_KEY: KEY },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(
      verifyUserSig(run.stdout.trim(), { secretKey: KEY, sdkAppId: 1400000000, identifier: '0', now: () => 1569910200_000 }),
    ).toMatchObject({
      ok: true,
      fields: { expire: 3600 },
    });
  });

  it('refuses to run without TIM_SECRET_KEY, and says where the key goes', async () => {
    const run = await runCli(['usersig', '--sdkappid', '1', '--identifier', 'a']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/TIM_SECRET_KEY/);
  });

  it.each([
    [['--sdkappid', 'abc', '--identifier', 'a'], /--sdkappid takes a whole number/],
    [['--sdkappid', '1'], /--identifier is required/],
    [['--sdkappid', '1', '--identifier', 'a', '--secret', 'x'], /Unknown option '--secret'/],
  ])('rejects bad flags %j with exit 2', async (args, message) => {
    const run = await runCli(['usersig', ...args], { env: { TIM_SECRET_KEY: KEY } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toContain(KEY);
  });
});

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

  it('rejects a bad fail rate with exit 2', async () => {
    const run = await runCli(['sandbox', '--fail-rate', '2']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--fail-rate takes a number from 0 to 1/);
  });
});
