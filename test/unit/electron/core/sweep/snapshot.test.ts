// The snapshot before deletion, in the deletion engine on a fake clock: one portrait_get per 100 accounts through the
// batch's limiter, each account's profile journaled before its first deletion, a failed or unanswered part recorded
// missing (never invented), and no deletion held back beyond its own part's call.
import { describe, expect, it } from 'vitest';
import type { AccountResult, BotProfile } from '../../../../../shared/sweep.js';
import { runSweep, type SweepGateway, type SweepJournal, type SweepOptions } from '../../../../../electron/core/sweep/engine.js';
import { PROFILES_PER_CALL, SNAPSHOT_WAIT_MS } from '../../../../../electron/core/sweep/snapshot.js';
import type { ProfilesRead } from '../../../../../electron/core/tim/answers.js';
import type { CallOutcome, GatewayAnswer } from '../../../../../electron/core/tim/outcome.js';
import { FakeClock } from '../../../../helpers/fake-clock.js';
import { INTERNAL_ERROR } from '../../../../helpers/failures.js';

const OK: CallOutcome = { ok: true, answer: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' } };
const profileOf = (account: string): BotProfile => ({ nickname: `Nick ${account}`, faceUrl: '', signature: `sig ${account}` });
const names = (n: number) => Array.from({ length: n }, (_, i) => `@RBT#bot${i + 1}`);

type ProfilesAnswer = CallOutcome<GatewayAnswer & ProfilesRead>;

class Gateway implements SweepGateway {
  readonly log: { what: string; at: number; accounts?: readonly string[] }[] = [];
  readonly bots: Set<string>;
  profilesLatencyMs = 30;
  profilesAnswer: ((accounts: readonly string[]) => ProfilesAnswer) | null = null;

  constructor(
    private readonly clock: FakeClock,
    accounts: readonly string[],
  ) {
    this.bots = new Set(accounts);
  }

  async deleteRobot(account: string): Promise<CallOutcome> {
    this.log.push({ what: `delete ${account}`, at: this.clock.now() });
    await this.clock.sleep(30);
    this.bots.delete(account);
    return OK;
  }

  async getAllRobots() {
    this.log.push({ what: 'list', at: this.clock.now() });
    await this.clock.sleep(30);
    return { ok: true as const, answer: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', Robot_Account: [...this.bots] } };
  }

  async profiles(accounts: readonly string[], signal?: AbortSignal): Promise<ProfilesAnswer> {
    this.log.push({ what: 'portrait_get', at: this.clock.now(), accounts });
    try {
      await this.clock.sleep(this.profilesLatencyMs, signal);
    } catch {
      return { ok: false, errorClass: 'network', errorCode: null, errorInfo: 'cancelled', advice: '', ambiguous: true };
    }
    if (this.profilesAnswer) return this.profilesAnswer(accounts);
    const profiles = Object.fromEntries(accounts.map((account) => [account, profileOf(account)]));
    return { ok: true, answer: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', profiles, missing: {} } };
  }
}

async function sweep(accounts: string[], options: SweepOptions = { snapshot: true }, setup: (gateway: Gateway) => void = () => {}) {
  const clock = new FakeClock();
  const gateway = new Gateway(clock, accounts);
  setup(gateway);
  const order: string[] = [];
  const snapshots: ProfilesRead[] = [];
  const journal: SweepJournal = {
    classified: () => {},
    sent: (account) => order.push(`sent ${account}`),
    outcome: (result: AccountResult) => order.push(`outcome ${result.account}`),
    snapshot: (taken) => {
      snapshots.push(taken);
      order.push(`snapshot ${Object.keys(taken.profiles).length + Object.keys(taken.missing).length}`);
    },
  };
  const report = await clock.run(runSweep(accounts, { gateway, journal, clock, random: () => 0.5 }, options));
  const saved = Object.assign({}, ...snapshots.map((taken) => taken.profiles)) as Record<string, BotProfile>;
  const missing = Object.assign({}, ...snapshots.map((taken) => taken.missing)) as Record<string, string>;
  return { report, gateway, order, saved, missing };
}

describe('the snapshot before deletion', () => {
  it('takes one portrait_get per 100 accounts and journals every profile before its account is sent', async () => {
    const accounts = names(250);
    // Slower than the listing: each deletion must still wait for its own part's answer.
    const { report, gateway, order, saved } = await sweep(accounts, { snapshot: true }, (g) => (g.profilesLatencyMs = 200));
    const calls = gateway.log.filter((entry) => entry.what === 'portrait_get');
    expect(calls.map((call) => call.accounts!.length)).toEqual([PROFILES_PER_CALL, PROFILES_PER_CALL, 50]);
    expect(report.summary.deleted).toBe(250);
    expect(Object.keys(saved)).toHaveLength(250);
    expect(saved['@RBT#bot7']).toEqual(profileOf('@RBT#bot7'));
    for (const account of ['@RBT#bot1', '@RBT#bot100', '@RBT#bot101', '@RBT#bot250']) {
      const part = Math.floor((Number(account.slice(8)) - 1) / PROFILES_PER_CALL);
      const journaled = order.findIndex(
        (line, index) =>
          line.startsWith('snapshot') && order.slice(0, index + 1).filter((l) => l.startsWith('snapshot')).length === part + 1,
      );
      expect(journaled).toBeGreaterThanOrEqual(0);
      expect(journaled).toBeLessThan(order.indexOf(`sent ${account}`));
    }
  });

  it('runs beside the first listing: at 100 ms latency the first deletion is not later than without it', async () => {
    const first = async (snapshot: boolean) => {
      const { gateway } = await sweep(names(200), { snapshot }, (g) => (g.profilesLatencyMs = 100));
      const start = gateway.log[0]!.at;
      return gateway.log.find((entry) => entry.what.startsWith('delete'))!.at - start;
    };
    expect(await first(true)).toBeLessThanOrEqual((await first(false)) + 100);
  });

  it('is not taken when turned off: no portrait_get', async () => {
    const { gateway } = await sweep(names(5), { snapshot: false });
    expect(gateway.log.some((entry) => entry.what === 'portrait_get')).toBe(false);
  });

  it('a failed portrait_get records its accounts missing with why, and the deletions go ahead', async () => {
    const { report, missing, saved } = await sweep(names(3), { snapshot: true }, (g) => {
      g.profilesAnswer = () => INTERNAL_ERROR;
    });
    expect(report.summary.deleted).toBe(3);
    expect(saved).toEqual({});
    expect(missing).toEqual(Object.fromEntries(names(3).map((account) => [account, 'portrait_get failed: internal error'])));
  });

  it('keeps what the answer gives per account: a refused account is missing, the others saved', async () => {
    const { missing, saved } = await sweep(names(2), { snapshot: true }, (g) => {
      g.profilesAnswer = () => ({
        ok: true,
        answer: {
          ActionStatus: 'OK',
          ErrorCode: 0,
          ErrorInfo: '',
          profiles: { '@RBT#bot1': profileOf('@RBT#bot1') },
          missing: { '@RBT#bot2': 'portrait_get answered 40006 for it' },
        },
      });
    });
    expect(saved).toEqual({ '@RBT#bot1': profileOf('@RBT#bot1') });
    expect(missing).toEqual({ '@RBT#bot2': 'portrait_get answered 40006 for it' });
  });

  it('a portrait_get that never answers holds the deletions back at most a few seconds, then is recorded missing', async () => {
    const { report, gateway, missing } = await sweep(names(3), { snapshot: true }, (g) => (g.profilesLatencyMs = 60_000));
    expect(report.summary.deleted).toBe(3);
    const start = gateway.log[0]!.at;
    expect(gateway.log.find((entry) => entry.what.startsWith('delete'))!.at - start).toBeLessThanOrEqual(SNAPSHOT_WAIT_MS + 100);
    expect(missing['@RBT#bot1']).toBe(`portrait_get did not answer within ${SNAPSHOT_WAIT_MS / 1000} s`);
  });
});

describe('a retry’s snapshot', () => {
  it('keeps the profiles the batch it retries saved (the bots may be gone), and fetches only the others', async () => {
    const saved = new Map([['@RBT#bot1', { nickname: 'saved before', faceUrl: 'https://a/1.png', signature: 's' }]]);
    const { gateway, saved: journaled } = await sweep(names(2), { snapshot: true, savedProfiles: saved });
    expect(journaled['@RBT#bot1']).toEqual(saved.get('@RBT#bot1'));
    expect(journaled['@RBT#bot2']).toEqual(profileOf('@RBT#bot2'));
    expect(gateway.log.filter((entry) => entry.what === 'portrait_get').map((entry) => entry.accounts)).toEqual([['@RBT#bot2']]);
  });

  it('keeps them even with the snapshot turned off, which only stops fetching', async () => {
    const saved = new Map([['@RBT#bot1', profileOf('@RBT#bot1')]]);
    const { gateway, saved: journaled } = await sweep(names(2), { snapshot: false, savedProfiles: saved });
    expect(Object.keys(journaled)).toEqual(['@RBT#bot1']);
    expect(gateway.log.some((entry) => entry.what === 'portrait_get')).toBe(false);
  });
});
