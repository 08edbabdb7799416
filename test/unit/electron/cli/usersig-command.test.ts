// `botsweep usersig`: the UserSig Tencent's own library gives, an hour by default, and refusals that never echo the key.
import { createRequire } from 'node:module';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { verifyUserSig } from '../../../../electron/core/tim/usersig.js';
import { runCli } from '../../../helpers/cli.js';

const require = createRequire(import.meta.url);
// Tencent's official Node signing library, as an independent implementation to compare with.
const { Api: OfficialApi } = require('tls-sig-api-v2') as {
  Api: new (sdkappid: number, key: string) => { genUserSig(identifier: string, expire: number): string };
};

const KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';

describe('botsweep usersig', () => {
  it('prints the UserSig Tencent’s own tls-sig-api-v2 gives for the same key, app, identifier, time and validity', async () => {
    const run = await runCli(['usersig', '--sdkappid', '1400000000', '--identifier', '0', '--expire', '15552000', '--time', '1569910200'], {
      env: { TIM_SECRET_KEY: KEY },
    });
    expect(run.code).toBe(0);
    const sig = run.stdout.trim();
    vi.useFakeTimers({ toFake: ['Date'] });
    onTestFinished(() => void vi.useRealTimers());
    vi.setSystemTime(1569910200_000);
    expect(sig).toBe(new OfficialApi(1400000000, KEY).genUserSig('0', 15552000));
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
