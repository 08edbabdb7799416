// The re-creation engine against a scripted gateway on a fake clock: the saved profile in each call, bots already
// there left alone, paced at the limit, the quota refusing accounts while the batch goes on, credentials stopping it,
// and the listing afterwards settling what an OK or an unclear answer did.
import { describe, expect, it } from 'vitest';
import type { AccountResult, BotProfile } from '../../../../../shared/sweep.js';
import { runRecreation, type RecreationGateway } from '../../../../../electron/core/sweep/recreate.js';
import type { SweepJournal, SweepOptions } from '../../../../../electron/core/sweep/types.js';
import type { CallOutcome, RobotListing } from '../../../../../electron/core/tim/outcome.js';
import { classifyErrorCode } from '../../../../../electron/core/tim/errors.js';
import { FakeClock } from '../../../../helpers/fake-clock.js';

const OK: CallOutcome = { ok: true, answer: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' } };
const code = (errorCode: number, errorInfo = `error ${errorCode}`): CallOutcome => {
  const info = classifyErrorCode(errorCode);
  return { ok: false, errorClass: info.errorClass, errorCode, errorInfo, advice: info.advice, ambiguous: errorCode === 10002 };
};

/** A gateway that answers create_robot from a script (an OK makes the account a bot) and lists what it holds. */
class ScriptedGateway implements RecreationGateway {
  readonly calls: { account: string; profile: BotProfile | null; at: number }[] = [];
  readonly bots: Set<string>;
  listings = 0;
  /** Replaces the listing: `index` counts from 1 (1 is the one before the first call). */
  listing: ((index: number, truth: string[]) => CallOutcome<RobotListing>) | null = null;

  constructor(
    private readonly clock: FakeClock,
    private readonly script: (account: string, attempt: number, index: number) => CallOutcome,
    bots: readonly string[] = [],
  ) {
    this.bots = new Set(bots);
  }

  async createRobot(account: string, profile: BotProfile | null): Promise<CallOutcome> {
    const attempt = this.calls.filter((call) => call.account === account).length + 1;
    const index = this.calls.length;
    this.calls.push({ account, profile, at: this.clock.now() });
    await this.clock.sleep(30);
    const outcome = this.script(account, attempt, index);
    if (outcome.ok || (!outcome.ok && outcome.errorInfo === 'acted')) this.bots.add(account);
    return outcome;
  }

  async getAllRobots(): Promise<CallOutcome<RobotListing>> {
    this.listings++;
    await this.clock.sleep(30);
    if (this.listing) return this.listing(this.listings, [...this.bots]);
    return { ok: true, answer: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', Robot_Account: [...this.bots] } };
  }
}

const names = (n: number) => Array.from({ length: n }, (_, i) => `@RBT#bot${i + 1}`);
const profileOf = (account: string): BotProfile => ({
  nickname: `Nick ${account}`,
  faceUrl: `https://a.example/${account}.png`,
  signature: 'hi',
});

async function recreate(
  accounts: string[],
  script: ConstructorParameters<typeof ScriptedGateway>[1],
  options: SweepOptions = {},
  setup: (gateway: ScriptedGateway) => void = () => {},
) {
  const clock = new FakeClock();
  const gateway = new ScriptedGateway(clock, script);
  setup(gateway);
  const outcomes: AccountResult[] = [];
  const sent: string[] = [];
  const journal: SweepJournal = { outcome: (r) => outcomes.push(r), sent: (a) => sent.push(a), classified: () => {} };
  const profiles = new Map(accounts.map((account) => [account, profileOf(account)]));
  const report = await clock.run(runRecreation(accounts, profiles, { gateway, journal, clock, random: () => 0.5 }, options));
  const status = Object.fromEntries(report.results.map((result) => [result.account, result.status]));
  return { report, gateway, outcomes, sent, status };
}

describe('runRecreation', () => {
  it('re-creates each account with its saved profile, settled by the listing afterwards', async () => {
    const { report, gateway, sent } = await recreate(names(3), () => OK);
    expect(report.status).toBe('completed');
    expect(report.summary).toMatchObject({ total: 3, recreated: 3 });
    expect(report.verification).toEqual({ status: 'verified', reason: null });
    expect(gateway.calls.map((call) => call.profile)).toEqual(names(3).map(profileOf));
    expect(sent).toEqual(names(3));
    expect(gateway.listings).toBe(2);
  });

  it('leaves a bot that is one already alone: already-a-bot, nothing sent for it', async () => {
    const { report, gateway, status } = await recreate(
      names(3),
      () => OK,
      {},
      (g) => g.bots.add('@RBT#bot2'),
    );
    expect(status).toEqual({ '@RBT#bot1': 'recreated', '@RBT#bot2': 'already-a-bot', '@RBT#bot3': 'recreated' });
    expect(gateway.calls.map((call) => call.account)).toEqual(['@RBT#bot1', '@RBT#bot3']);
    expect(report.results.find((result) => result.account === '@RBT#bot2')?.attempts).toBe(0);
  });

  it('goes on past the quota: the accounts it refuses fail with the quota explained, the others are re-created', async () => {
    const { report, status, gateway } = await recreate(names(30), (_, __, index) =>
      index < 20 ? OK : code(10008, 'the number of created chatbots reaches the upper limit'),
    );
    expect(report.status).toBe('completed');
    expect(report.stop).toBeNull();
    expect(report.summary).toMatchObject({ recreated: 20, failed: 10 });
    expect(gateway.calls).toHaveLength(30);
    const failed = report.results.filter((result) => result.status === 'failed');
    expect(failed.every((result) => result.errorCode === 10008 && /per-account bot quota/.test(result.errorInfo ?? ''))).toBe(true);
    expect(status['@RBT#bot1']).toBe('recreated');
  });

  it('paces at the limit: no second of calls holds more than the rate', async () => {
    const { gateway, report } = await recreate(names(600), () => OK, { rate: 195 });
    expect(report.summary.recreated).toBe(600);
    const times = gateway.calls.map((call) => call.at);
    let most = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= 1000) j++;
      most = Math.max(most, i - j + 1);
    }
    expect(most).toBeLessThanOrEqual(195);
    expect(times.at(-1)! - times[0]!).toBeGreaterThan(2900);
  });

  it('stops at a credentials refusal: what was not sent is skipped', async () => {
    const { report } = await recreate(names(30), (_, __, index) => (index === 0 ? code(70009) : OK));
    expect(report.status).toBe('aborted');
    expect(report.stop?.kind).toBe('credentials');
    expect(report.summary.skipped).toBeGreaterThan(0);
    expect(report.summary.recreated).toBe(0);
  });

  it('an OK the listing afterwards does not show, or that no listing can check, is unconfirmed', async () => {
    const hidden = await recreate(
      names(2),
      () => OK,
      {},
      (g) => {
        g.listing = (index, truth) => ({
          ok: true,
          answer: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', Robot_Account: index === 1 ? truth : truth.slice(1) },
        });
      },
    );
    expect(hidden.status).toEqual({ '@RBT#bot1': 'unconfirmed', '@RBT#bot2': 'recreated' });
    const unchecked = await recreate(
      names(2),
      () => OK,
      {},
      (g) => {
        g.listing = (index, truth) =>
          index === 1
            ? { ok: true, answer: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', Robot_Account: truth } }
            : (code(60003) as never);
      },
    );
    expect(unchecked.report.verification.status).toBe('failed');
    expect(Object.values(unchecked.status)).toEqual(['unconfirmed', 'unconfirmed']);
  });

  it('a listing afterwards that lost a bot listed before is not believed', async () => {
    const { report, status } = await recreate(
      names(2),
      () => OK,
      {},
      (g) => {
        g.bots.add('@RBT#outside');
        g.listing = (index, truth) => ({
          ok: true,
          answer: {
            ActionStatus: 'OK',
            ErrorCode: 0,
            ErrorInfo: '',
            Robot_Account: index === 1 ? truth : truth.filter((a) => a !== '@RBT#outside'),
          },
        });
      },
    );
    expect(report.verification.status).toBe('untrusted');
    expect(Object.values(status)).toEqual(['unconfirmed', 'unconfirmed']);
  });

  it('an internal error the gateway acted on is a bot once listed, but not "recreated": its profile may be someone else’s', async () => {
    const { status } = await recreate(
      names(2),
      (account) =>
        account === '@RBT#bot1'
          ? ({ ...(code(10002, 'acted') as object), ambiguous: true } as CallOutcome)
          : { ok: false, errorClass: 'network', errorCode: null, errorInfo: 'acted', advice: '', ambiguous: true },
      { maxAttempts: 1 },
    );
    expect(status).toEqual({ '@RBT#bot1': 'unconfirmed', '@RBT#bot2': 'unconfirmed' });
  });

  it('a process that dies after OK answers leaves them unconfirmed in the journal: only the listing afterwards makes them recreated', async () => {
    const clock = new FakeClock();
    const gateway = new ScriptedGateway(clock, () => OK, []);
    const journaled: AccountResult[] = [];
    const journal: SweepJournal = { outcome: (result) => journaled.push(result), sent: () => {}, classified: () => {} };
    await clock.run(runRecreation(names(2), new Map(), { gateway, journal, clock, random: () => 0.5 }));
    const [first, last] = [journaled.slice(0, 2), journaled.slice(2)];
    expect(first.map((result) => result.status)).toEqual(['unconfirmed', 'unconfirmed']);
    expect(last.map((result) => result.status)).toEqual(['recreated', 'recreated']);
  });

  it('an account left alone as already a bot by a stale listing before is put in doubt when the listing afterwards lacks it', async () => {
    const clock = new FakeClock();
    const gateway = new ScriptedGateway(clock, () => OK, ['@RBT#bot1']);
    let listings = 0;
    const listed = gateway.getAllRobots.bind(gateway);
    gateway.getAllRobots = async () => {
      listings++;
      const answer = await listed();
      // The first listing still shows bot1, deleted a moment ago; the one afterwards is honest.
      if (listings > 1 && answer.ok) return { ...answer, answer: { ...answer.answer, Robot_Account: ['@RBT#bot2'] } };
      return answer;
    };
    const journal: SweepJournal = { outcome: () => {}, sent: () => {}, classified: () => {} };
    const report = await clock.run(runRecreation(names(2), new Map(), { gateway, journal, clock, random: () => 0.5 }));
    expect(report.results.find((result) => result.account === '@RBT#bot1')).toMatchObject({ status: 'unconfirmed' });
  });

  it('sends again an account an earlier re-creation may have made a bot, even though it is listed', async () => {
    const clock = new FakeClock();
    const gateway = new ScriptedGateway(clock, () => OK, ['@RBT#bot1']);
    const journal: SweepJournal = { outcome: () => {}, sent: () => {}, classified: () => {} };
    const report = await clock.run(
      runRecreation(['@RBT#bot1'], new Map(), { gateway, journal, clock, random: () => 0.5 }, { previouslySent: new Set(['@RBT#bot1']) }),
    );
    expect(gateway.calls.map((call) => [call.account, call.profile])).toEqual([['@RBT#bot1', null]]);
    expect(report.results[0]?.status).toBe('recreated');
  });
});
