// Every path to a deletion against every guard of an app, in one table: the CLI (named, --file, --match, a second
// unguarded profile, spelled-out flags, a session-only profile; retry with a stored key, a session profile, the
// environment's key with and without --profile) and the contract through the web host (sweep.start, sweep.retry).
// A protected account is never sent; a production app always needs a production profile's exact name — on every path
// to a re-creation too (recreate by stored key, TIM_SECRET_KEY or --profile, and sweep.recreate).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../electron/core/sandbox/server.js';
import { History } from '../../electron/core/history.js';
import { createServices } from '../../electron/core/services.js';
import { realGatewayEnv } from '../../electron/core/usecases/index.js';
import { Vault } from '../../electron/core/vault.js';
import { startWebHost } from '../../electron/web.js';
import { runCli, tempHome } from '../helpers/cli.js';
import { skippingClock } from '../helpers/fake-clock.js';
import { MemoryKeychain } from '../helpers/fake-keychain.js';
import { sandboxFetch, withSandbox, TEST_ADMIN, TEST_SDKAPPID, TEST_SECRET } from '../helpers/sandbox.js';

const PROTECTED = ['@RBT#prod-1', '@RBT#prod-2'];
const BOTS = [...PROTECTED, ...Array.from({ length: 60 }, (_, i) => `@RBT#bot-${i + 1}`)];

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanups.splice(0).reverse()) await step();
});

/** One app with three profiles: "Prod" guards it, "Shadow" (same app) does not, "Session" keeps its key in memory only. */
async function world() {
  const sandbox: Sandbox = await withSandbox({ bots: BOTS, recordRequests: 10_000 });
  cleanups.push(() => sandbox.close());
  const dataDir = tempHome('botsweep-guards-');
  const memory = new MemoryKeychain();
  const keychain = () => Promise.resolve(memory);
  const clock = skippingClock();
  const connection = ['--endpoint', sandbox.url, '--sdkappid', String(TEST_SDKAPPID), '--identifier', TEST_ADMIN];
  const cli = (args: string[], env: Record<string, string> = {}, input?: string) =>
    runCli(args, { dataDir, keychain, clock, env, ...(input === undefined ? {} : { input }) });
  for (const name of ['Prod', 'Shadow']) {
    const added = await cli(['profile', 'add', '--name', name, ...connection, '--secret-stdin'], {}, `${TEST_SECRET}\n`);
    expect(added.code, added.stderr).toBe(0);
  }
  // The web host's services: their vault holds the session-only profile's key, as the desktop app's would.
  const services = createServices({
    dataDir,
    vault: new Vault({ keychain: memory, platform: 'linux' }),
    gateway: { ...realGatewayEnv(sandboxFetch), clock },
    emit: () => undefined,
  });
  const target = { kind: 'endpoint', url: sandbox.url } as const;
  const session = await services.useCases.profiles.save({
    name: 'Session',
    target,
    sdkAppId: TEST_SDKAPPID,
    identifier: TEST_ADMIN,
    secret: TEST_SECRET,
    secretStorage: 'session',
  });
  const host = await startWebHost({ handlers: services.handlers, port: 0 });
  cleanups.push(
    () => services.dispose(),
    () => host.close(),
  );
  const call = async (channel: string, payload: unknown) => {
    const response = await fetch(`${host.origin}/api/call`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-botsweep-token': host.token, origin: host.origin },
      body: JSON.stringify({ channel, payload }),
    });
    return (await response.json()) as { ok: boolean; value?: { batchId: string }; error?: { code: string } };
  };
  const profileId = (name: string) => services.useCases.profiles.get(name).id;
  /** A batch of `profile` that left these accounts undone (journaled as Botsweep writes it), for retries. */
  const undoneBatch = (profile: string | null, accounts: string[]) => {
    const history = new History(dataDir);
    const writer = history.begin(
      { target, sdkAppId: TEST_SDKAPPID, identifier: TEST_ADMIN, profile, profileId: profile ? profileId(profile) : null },
      accounts,
    );
    const results = accounts.map((account) => ({ account, status: 'skipped' as const, errorCode: null, errorInfo: null, attempts: 0 }));
    writer.end({ status: 'cancelled', stop: null, verification: { status: 'skipped', reason: null }, signal: null, results });
    return writer.id;
  };
  /** A batch of `profile` that deleted these accounts, for re-creations. */
  const deletedBatch = (profile: string, accounts: string[]) => {
    const writer = new History(dataDir).begin(
      { target, sdkAppId: TEST_SDKAPPID, identifier: TEST_ADMIN, profile, profileId: profileId(profile) },
      accounts,
    );
    const results = accounts.map((account) => ({ account, status: 'deleted' as const, errorCode: null, errorInfo: null, attempts: 1 }));
    for (const result of results) writer.outcome(result);
    writer.end({ status: 'completed', stop: null, verification: { status: 'verified', reason: null }, signal: null, results });
    return writer.id;
  };
  /** Every account create_robot was called for so far. */
  const created = () =>
    sandbox.requests.filter((request) => request.command === 'create_robot').map((request) => JSON.parse(request.body).UserID);
  /** Every account delete_robot was called for so far. */
  const sent = () =>
    sandbox.requests.filter((request) => request.command === 'delete_robot').map((request) => JSON.parse(request.body).Robot_Account);
  // Guard the app: protect prod-* and mark it production, in "Prod" only.
  const guarded = await cli(['profile', 'edit', 'Prod', '--protect', '@RBT#prod-*', '--production']);
  expect(guarded.code, guarded.stderr).toBe(0);
  return { cli, call, connection, undoneBatch, deletedBatch, sent, created, profileId, sessionId: session.id, dataDir };
}

type World = Awaited<ReturnType<typeof world>>;
/** The outcome of one attempt: a CLI exit code, or the contract's answer. */
type Attempt = { code: number; text: string } | { ok: boolean; error?: string };
const refusedWith = (attempt: Attempt, code: string, exit = 2) =>
  'code' in attempt ? attempt.code === exit && attempt.text.includes(code) : !attempt.ok && attempt.error === code;
const wentAhead = (attempt: Attempt) => ('code' in attempt ? attempt.code === 0 : attempt.ok);

interface Path {
  readonly name: string;
  /** Named accounts refuse the request when one is protected; chosen ones (--match, retry) leave protected ones out. */
  readonly protectedAre: 'refused' | 'left out';
  readonly attempt: (world: World, accounts: string[], confirmation: string | null) => Promise<Attempt>;
}

const cliAttempt = async (run: Promise<{ code: number; stderr: string }>): Promise<Attempt> => {
  const { code, stderr } = await run;
  return { code, text: stderr };
};
const yes = (confirmation: string | null) => ['--yes', ...(confirmation === null ? [] : ['--confirm-profile', confirmation])];
const contractAttempt = async (answer: Promise<{ ok: boolean; error?: { code: string } }>): Promise<Attempt> => {
  const result = await answer;
  return { ok: result.ok, ...(result.error ? { error: result.error.code } : {}) };
};

/** Error codes as the CLI says them (its English text), so one table serves both faces. */
const WORDS: Record<string, string> = {
  'production-confirmation': 'is a production app (profile "Prod")',
  'protected-accounts': 'protected accounts are never deleted',
};

const PATHS: Path[] = [
  {
    name: 'delete ACCOUNT… --profile Prod',
    protectedAre: 'refused',
    attempt: (w, accounts, c) => cliAttempt(w.cli(['delete', ...accounts, '--profile', 'Prod', ...yes(c)])),
  },
  {
    name: 'delete --file PATH --profile Prod',
    protectedAre: 'refused',
    attempt: (w, accounts, c) => {
      const file = join(w.dataDir, `accounts-${accounts.join('-').length}.txt`);
      writeFileSync(file, `${accounts.join('\n')}\n`);
      return cliAttempt(w.cli(['delete', '--file', file, '--profile', 'Prod', ...yes(c)]));
    },
  },
  {
    name: 'delete --file - (stdin) with spelled-out flags and TIM_SECRET_KEY',
    protectedAre: 'refused',
    attempt: (w, accounts, c) =>
      cliAttempt(w.cli(['delete', '--file', '-', ...w.connection, ...yes(c)], { TIM_SECRET_KEY: TEST_SECRET }, `${accounts.join('\n')}\n`)),
  },
  {
    name: 'delete --match GLOB --profile Prod',
    protectedAre: 'left out',
    attempt: (w, accounts, c) => cliAttempt(w.cli(['delete', '--match', glob(accounts), '--profile', 'Prod', ...yes(c)])),
  },
  {
    name: 'delete --profile Shadow (a second, unguarded profile of the app)',
    protectedAre: 'refused',
    attempt: (w, accounts, c) => cliAttempt(w.cli(['delete', ...accounts, '--profile', 'Shadow', ...yes(c)])),
  },
  {
    name: 'delete with spelled-out flags and TIM_SECRET_KEY',
    protectedAre: 'refused',
    attempt: (w, accounts, c) => cliAttempt(w.cli(['delete', ...accounts, ...w.connection, ...yes(c)], { TIM_SECRET_KEY: TEST_SECRET })),
  },
  {
    name: 'delete --profile Session (session-only) with TIM_SECRET_KEY',
    protectedAre: 'refused',
    attempt: (w, accounts, c) =>
      cliAttempt(w.cli(['delete', ...accounts, '--profile', 'Session', ...yes(c)], { TIM_SECRET_KEY: TEST_SECRET })),
  },
  {
    name: 'retry of a Prod batch (its stored key)',
    protectedAre: 'left out',
    attempt: (w, accounts, c) => cliAttempt(w.cli(['retry', w.undoneBatch('Prod', accounts), ...yes(c)])),
  },
  {
    name: 'retry --profile Shadow',
    protectedAre: 'left out',
    attempt: (w, accounts, c) => cliAttempt(w.cli(['retry', w.undoneBatch('Prod', accounts), '--profile', 'Shadow', ...yes(c)])),
  },
  {
    name: 'retry of a session-only profile’s batch with TIM_SECRET_KEY',
    protectedAre: 'left out',
    attempt: (w, accounts, c) =>
      cliAttempt(w.cli(['retry', w.undoneBatch('Session', accounts), ...yes(c)], { TIM_SECRET_KEY: TEST_SECRET })),
  },
  {
    name: 'retry with TIM_SECRET_KEY and no profile',
    protectedAre: 'left out',
    attempt: (w, accounts, c) => cliAttempt(w.cli(['retry', w.undoneBatch(null, accounts), ...yes(c)], { TIM_SECRET_KEY: TEST_SECRET })),
  },
  {
    name: 'retry --profile Shadow with TIM_SECRET_KEY',
    protectedAre: 'left out',
    attempt: (w, accounts, c) =>
      cliAttempt(w.cli(['retry', w.undoneBatch('Shadow', accounts), '--profile', 'Shadow', ...yes(c)], { TIM_SECRET_KEY: TEST_SECRET })),
  },
  {
    name: 'web host sweep.start (profile Prod)',
    protectedAre: 'refused',
    attempt: (w, accounts, c) =>
      contractAttempt(w.call('sweep.start', { profileId: w.profileId('Prod'), accounts, ...(c === null ? {} : { confirmation: c }) })),
  },
  {
    name: 'web host sweep.start (profile Shadow)',
    protectedAre: 'refused',
    attempt: (w, accounts, c) =>
      contractAttempt(w.call('sweep.start', { profileId: w.profileId('Shadow'), accounts, ...(c === null ? {} : { confirmation: c }) })),
  },
  {
    name: 'web host sweep.retry (a Session batch)',
    protectedAre: 'left out',
    attempt: (w, accounts, c) =>
      contractAttempt(w.call('sweep.retry', { batchId: w.undoneBatch('Session', accounts), ...(c === null ? {} : { confirmation: c }) })),
  },
];

/** A glob that matches exactly these accounts (for the --match row). */
function glob(accounts: string[]): string {
  if (accounts.length === 1) return accounts[0]!;
  return accounts.some((account) => account.startsWith('@RBT#prod')) ? '@RBT#*-1' : '@RBT#bot-1?';
}

describe.each(PATHS)('$name', (path) => {
  it('needs a production profile’s exact name: none, or a wrong case, sends nothing', async () => {
    const w = await world();
    for (const confirmation of [null, 'PROD', 'Shadow']) {
      const attempt = await path.attempt(w, ['@RBT#bot-10', '@RBT#bot-11'], confirmation);
      expect(
        refusedWith(attempt, 'code' in attempt ? WORDS['production-confirmation']! : 'production-confirmation'),
        JSON.stringify(attempt),
      ).toBe(true);
    }
    expect(w.sent()).toEqual([]);
  });

  it(`never sends a protected account (they are ${path.protectedAre}); with the name it goes ahead`, async () => {
    const w = await world();
    const attempt = await path.attempt(w, ['@RBT#prod-1', '@RBT#bot-1'], ' Prod ');
    if (path.protectedAre === 'refused') {
      expect(refusedWith(attempt, 'code' in attempt ? WORDS['protected-accounts']! : 'protected-accounts'), JSON.stringify(attempt)).toBe(
        true,
      );
      expect(w.sent()).toEqual([]);
    } else {
      await settled(w);
      expect(w.sent()).toEqual(['@RBT#bot-1']);
    }
    expect(wentAhead(await path.attempt(w, ['@RBT#bot-2'], 'Prod')), 'an unprotected account with the name').toBe(true);
    await settled(w);
    expect(w.sent()).not.toContain('@RBT#prod-1');
    expect(w.sent()).toContain('@RBT#bot-2');
  });
});

/** The web host answers sweep.start once the batch is journaled: wait until the sandbox has seen its calls. */
async function settled(w: World): Promise<void> {
  await expect
    .poll(async () => ((await w.call('sweep.status', {})) as { value?: { running: unknown } }).value?.running ?? null, { timeout: 10_000 })
    .toBeNull();
}

/** Re-creations send no deletion, but a production app needs its name on every path to them too. */
const RECREATE_PATHS: { name: string; attempt: (w: World, batchId: string, confirmation: string | null) => Promise<Attempt> }[] = [
  { name: 'recreate BATCH (its stored key)', attempt: (w, batchId, c) => cliAttempt(w.cli(['recreate', batchId, ...yes(c)])) },
  {
    name: 'recreate BATCH with TIM_SECRET_KEY',
    attempt: (w, batchId, c) => cliAttempt(w.cli(['recreate', batchId, ...yes(c)], { TIM_SECRET_KEY: TEST_SECRET })),
  },
  {
    name: 'recreate BATCH --profile Shadow',
    attempt: (w, batchId, c) => cliAttempt(w.cli(['recreate', batchId, '--profile', 'Shadow', ...yes(c)])),
  },
  {
    name: 'web host sweep.recreate',
    attempt: (w, batchId, c) => contractAttempt(w.call('sweep.recreate', { batchId, ...(c === null ? {} : { confirmation: c }) })),
  },
];

describe.each(RECREATE_PATHS)('$name', (path) => {
  it('needs a production profile’s exact name: none, or a wrong case, creates nothing; with it, it goes ahead', async () => {
    const w = await world();
    const batchId = w.deletedBatch('Prod', ['@RBT#gone-1']);
    for (const confirmation of [null, 'PROD', 'Shadow']) {
      const attempt = await path.attempt(w, batchId, confirmation);
      expect(
        refusedWith(attempt, 'code' in attempt ? WORDS['production-confirmation']! : 'production-confirmation'),
        JSON.stringify(attempt),
      ).toBe(true);
    }
    expect(w.created()).toEqual([]);
    expect(wentAhead(await path.attempt(w, batchId, 'Prod'))).toBe(true);
    await settled(w);
    expect(w.created()).toEqual(['@RBT#gone-1']);
    expect(w.sent()).toEqual([]);
  });
});
