// The sweep engine (electron/core/sweep/engine.ts) in virtual time against a scripted gateway: concurrency, backoff,
// stops, cancellation, progress and the evidence each outcome is recorded on.
import { describe, expect, it } from 'vitest';
import type { AccountResult, SweepProgress } from '../../../../../shared/sweep.js';
import {
  backoffDelay,
  runSweep,
  type StartListing,
  type SweepGateway,
  type SweepDeps,
  type SweepJournal,
  type SweepOptions,
} from '../../../../../electron/core/sweep/engine.js';
import type { CallOutcome } from '../../../../../electron/core/tim/gateway.js';
import type { Failure } from '../../../../../electron/core/tim/outcome.js';
import { classifyErrorCode } from '../../../../../electron/core/tim/errors.js';
import { REASONS } from '../../../../../electron/core/sweep/evidence.js';
import { FakeClock } from '../../../../helpers/fake-clock.js';
import { LOST_ANSWER } from '../../../../helpers/failures.js';

const OK: CallOutcome = { ok: true, answer: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' } };
const code = (errorCode: number, errorInfo = `error ${errorCode}`): Failure => {
  const info = classifyErrorCode(errorCode);
  return { ok: false, errorClass: info.errorClass, errorCode, errorInfo, advice: info.advice, ambiguous: false };
};
const TIMEOUT: CallOutcome = LOST_ANSWER;

/** A gateway whose answers come from a script; it answers after `latencyMs` of virtual time and remembers every call. */
class ScriptedGateway implements SweepGateway {
  calls: { account: string; at: number }[] = [];
  listings = 0;
  listed: Set<string>;
  /** Replaces the listing's answer; `index` counts listings from 1 (1 is the one before the first deletion). */
  listingAnswer: ((index: number, truth: string[]) => CallOutcome) | null = null;

  constructor(
    private readonly clock: FakeClock,
    private readonly script: (account: string, attempt: number, callIndex: number) => CallOutcome,
    initiallyListed: readonly string[],
    private readonly latencyMs = 30,
  ) {
    this.listed = new Set(initiallyListed);
  }

  async deleteRobot(account: string): Promise<CallOutcome> {
    const attempt = this.calls.filter((call) => call.account === account).length + 1;
    const index = this.calls.length;
    this.calls.push({ account, at: this.clock.now() });
    await this.clock.sleep(this.latencyMs);
    const outcome = this.script(account, attempt, index);
    if (outcome.ok) this.listed.delete(account);
    return outcome;
  }

  async getAllRobots() {
    this.listings++;
    await this.clock.sleep(this.latencyMs);
    if (this.listingAnswer) return this.listingAnswer(this.listings, [...this.listed]) as never;
    return { ok: true as const, answer: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', Robot_Account: [...this.listed] } };
  }
}

const listingOf = (accounts: string[] | undefined): CallOutcome =>
  ({
    ok: true,
    answer: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ...(accounts ? { Robot_Account: accounts } : {}) },
  }) as CallOutcome;

const names = (n: number, prefix = 'bot') => Array.from({ length: n }, (_, i) => `@RBT#${prefix}${i + 1}`);

async function sweep(
  accounts: string[],
  script: ConstructorParameters<typeof ScriptedGateway>[1],
  options: SweepOptions = {},
  setup: (gateway: ScriptedGateway, clock: FakeClock) => void = () => {},
  journalFor?: (journal: SweepJournal) => SweepJournal,
  extraDeps: Partial<Pick<SweepDeps, 'pauses'>> = {},
) {
  const clock = new FakeClock();
  const gateway = new ScriptedGateway(clock, script, accounts);
  setup(gateway, clock);
  const journal: AccountResult[] = [];
  const sent: string[] = [];
  const listings: StartListing[] = [];
  const sink: SweepJournal = { outcome: (r) => journal.push(r), sent: (a) => sent.push(a), classified: (l) => listings.push(l) };
  const deps: SweepDeps = { gateway, clock, journal: journalFor?.(sink) ?? sink, random: () => 0.5, ...extraDeps };
  const report = await clock.run(runSweep(accounts, deps, options));
  const byAccount = Object.fromEntries(report.results.map((result) => [result.account, result]));
  return { report, gateway, journal, sent, listings, byAccount, clock };
}

describe('runSweep', () => {
  it('deletes every account and verifies with one listing', async () => {
    const { report, gateway, journal } = await sweep(names(50), () => OK);
    expect(report.status).toBe('completed');
    expect(report.summary).toEqual({
      total: 50,
      deleted: 50,
      absent: 0,
      recreated: 0,
      'already-a-bot': 0,
      failed: 0,
      skipped: 0,
      unconfirmed: 0,
    });
    expect(report.verification).toEqual({ status: 'verified', reason: null });
    expect(report.listedAtStart).toBe(50);
    expect(gateway.calls).toHaveLength(50);
    expect(gateway.listings).toBe(2); // one before the first deletion, one after the last
    expect(new Set(gateway.calls.map((call) => call.account)).size).toBe(50);
    expect(journal.filter((r) => r.status === 'deleted')).toHaveLength(50);
  });

  it('retries transient, rate-limited, network and malformed failures with growing backoff', async () => {
    const failures: CallOutcome[] = [code(10002), code(60007), { ...TIMEOUT, ambiguous: false }, { ...TIMEOUT, errorClass: 'malformed' }];
    const { byAccount, gateway } = await sweep(['@RBT#a'], (_account, attempt) => failures[attempt - 1] ?? OK, { maxAttempts: 5 });
    expect(byAccount['@RBT#a']).toMatchObject({ status: 'deleted', attempts: 5 });
    const gaps = gateway.calls.slice(1).map((call, i) => call.at - gateway.calls[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(30 + 187); // 250 ms base with jitter (random 0.5 → 0.75 × 250)
    expect(gaps[1]).toBeGreaterThanOrEqual(1000); // a rate-limit answer waits out the gateway's window
    expect(gaps[2]).toBeGreaterThan(gaps[0]!);
  });

  it('gives up after the configured number of attempts', async () => {
    const { byAccount, gateway } = await sweep(['@RBT#a'], () => code(10002, 'internal error'), { maxAttempts: 3 });
    expect(byAccount['@RBT#a']).toEqual({
      account: '@RBT#a',
      status: 'failed',
      errorCode: 10002,
      errorInfo: 'internal error',
      attempts: 3,
    });
    expect(gateway.calls).toHaveLength(3);
  });

  it('never retries an error that is permanent for the account, and goes on with the batch', async () => {
    const { byAccount, report, gateway } = await sweep(['@RBT#a', '@RBT#b'], (account) => (account === '@RBT#a' ? code(60099) : OK));
    expect(byAccount['@RBT#a']).toMatchObject({ status: 'failed', errorCode: 60099, attempts: 1 });
    expect(byAccount['@RBT#b']!.status).toBe('deleted');
    expect(report.status).toBe('completed');
    expect(gateway.calls).toHaveLength(2);
  });

  it('stops at once on a credentials error: without a first listing one call for a wrong key, the rest skipped', async () => {
    const { report, gateway } = await sweep(
      names(500),
      () => code(70009, 'UserSig verification failed'),
      {},
      (gateway) => {
        gateway.listingAnswer = () => code(10002, 'internal error'); // no listing: the first call goes alone
      },
    );
    expect(report.status).toBe('aborted');
    expect(report.stop).toMatchObject({ errorCode: 70009, advice: expect.stringMatching(/secret key.*SDKAppID.*region/) });
    expect(gateway.calls).toHaveLength(1);
    // Refused, but with no listing nothing says it is a chatbot: not "failed" (still a bot), but unconfirmed, saying why.
    expect(report.summary).toMatchObject({ failed: 0, unconfirmed: 1, skipped: 499 });
    expect(gateway.listings).toBe(5);
  });

  it('after a first listing that came back (the key works), sends without a lone first call, and still stops at once', async () => {
    const { report, gateway } = await sweep(names(500), () => code(60010, 'not an admin'), { concurrency: 8 });
    expect(report.stop).toMatchObject({ kind: 'credentials', errorCode: 60010 });
    expect(gateway.calls.length).toBeLessThanOrEqual(8); // the calls in flight when the first refusal came
    expect(gateway.calls[1]!.at - gateway.calls[0]!.at).toBeLessThan(30); // the second went before the first answered
    expect(report.summary.skipped).toBe(500 - gateway.calls.length);
  });

  it('stops before any deletion when the first listing is refused for the credentials', async () => {
    const { report, gateway, listings } = await sweep(
      names(20),
      () => OK,
      {},
      (gateway) => {
        gateway.listingAnswer = () => code(70009, 'UserSig verification failed');
      },
    );
    expect(report.status).toBe('aborted');
    expect(report.stop).toMatchObject({ kind: 'credentials', errorCode: 70009 });
    expect(gateway.calls).toHaveLength(0);
    expect(report.summary).toMatchObject({ skipped: 20 });
    expect(listings).toHaveLength(0);
  });

  it('sends nothing more once a fatal error arrives mid-batch; in-flight calls still finish', async () => {
    const { report, gateway } = await sweep(names(300), (_a, _t, index) => (index === 40 ? code(60020, 'plan expired') : OK));
    expect(report.status).toBe('aborted');
    const stopAt = gateway.calls[40]!.at + 30;
    expect(gateway.calls.every((call) => call.at <= stopAt)).toBe(true);
    expect(gateway.calls.length).toBeLessThan(60);
    expect(report.summary.deleted + report.summary.failed).toBe(gateway.calls.length);
    expect(report.summary.skipped).toBe(300 - gateway.calls.length);
  });

  it('cancels: in-flight calls finish and are recorded, the rest are skipped, nothing is verified', async () => {
    const controller = new AbortController();
    const { report, gateway, journal } = await sweep(
      names(200),
      (_a, _t, index) => {
        if (index === 20) controller.abort();
        return OK;
      },
      { signal: controller.signal },
    );
    expect(report.status).toBe('cancelled');
    expect(report.summary.deleted).toBe(gateway.calls.length);
    expect(report.summary.skipped).toBe(200 - gateway.calls.length);
    expect(gateway.listings).toBe(1); // only the first listing: a cancelled batch is not verified
    expect(journal).toHaveLength(200);
  });

  describe('verification', () => {
    it('flags an account answered OK but still listed', async () => {
      const { byAccount } = await sweep(
        ['@RBT#a', '@RBT#b'],
        () => OK,
        {},
        (gateway) => {
          const original = gateway.deleteRobot.bind(gateway);
          gateway.deleteRobot = async (account) => {
            const outcome = await original(account);
            if (account === '@RBT#b') gateway.listed.add(account); // the gateway says OK but keeps it
            return outcome;
          };
        },
      );
      expect(byAccount['@RBT#a']!.status).toBe('deleted');
      expect(byAccount['@RBT#b']).toMatchObject({
        status: 'unconfirmed',
        errorInfo: 'the gateway answered OK, but the bot is still listed',
      });
    });

    it('never settles an account whose answers were all lost by the listing alone: gone or still listed, it stays unconfirmed', async () => {
      const { byAccount, journal } = await sweep(
        ['@RBT#gone', '@RBT#kept'],
        () => TIMEOUT,
        { maxAttempts: 2 },
        (gateway) => {
          const original = gateway.deleteRobot.bind(gateway);
          gateway.deleteRobot = async (account) => {
            const outcome = await original(account);
            if (account === '@RBT#gone') gateway.listed.delete(account); // it took effect; the answer was lost
            return outcome;
          };
        },
      );
      expect(byAccount['@RBT#gone']).toMatchObject({
        status: 'unconfirmed',
        attempts: 2,
        errorInfo: expect.stringMatching(/a listing alone/),
      });
      // Still listed after calls that may have reached the gateway: never failed on the listing's word.
      expect(byAccount['@RBT#kept']).toMatchObject({ status: 'unconfirmed', errorInfo: expect.stringMatching(/still listed/) });
      // The journal never held it as failed.
      expect(journal.filter((r) => r.account === '@RBT#gone').map((r) => r.status)).toEqual(['unconfirmed', 'unconfirmed']);
    });

    it('treats "not found" after an earlier ambiguous attempt as ambiguous', async () => {
      const { byAccount } = await sweep(
        ['@RBT#a'],
        (_a, attempt) => (attempt === 1 ? TIMEOUT : code(10004, 'does not exist')),
        {},
        (gateway) => {
          const original = gateway.deleteRobot.bind(gateway);
          gateway.deleteRobot = async (account) => {
            const outcome = await original(account);
            gateway.listed.delete(account); // the first call took effect; its answer was lost
            return outcome;
          };
        },
      );
      expect(byAccount['@RBT#a']).toMatchObject({ status: 'deleted', attempts: 2 });
    });

    it('settles "not found" for an account an earlier batch sent only with the final listing, never absent on its word', async () => {
      const { byAccount } = await sweep(
        ['@RBT#was-a-bot', '@RBT#never-a-bot', '@RBT#new'],
        () => code(10004),
        {
          previouslySent: new Set(['@RBT#was-a-bot', '@RBT#never-a-bot']),
          inheritedBots: new Map([
            ['@RBT#was-a-bot', true],
            ['@RBT#never-a-bot', false],
          ]),
        },
        (gateway) => {
          gateway.listed.clear(); // the earlier batch deleted the bot; the others never were bots
        },
      );
      expect(byAccount['@RBT#was-a-bot']!.status).toBe('deleted');
      // The earlier batch's listing said "no bot", but its call was unsettled: had it deleted the bot, that listing was
      // wrong. "Not found" now may be that call's doing, so it stays in doubt.
      expect(byAccount['@RBT#never-a-bot']).toMatchObject({ status: 'unconfirmed', errorInfo: REASONS.notFoundAfterSend });
      expect(byAccount['@RBT#new']!.status).toBe('absent');
    });

    it('leaves ambiguous outcomes unconfirmed when the listing fails, and skips it with --no-verify', async () => {
      const failedListing = await sweep(
        ['@RBT#a'],
        () => TIMEOUT,
        { maxAttempts: 1 },
        (gateway) => {
          gateway.listingAnswer = (index, truth) => (index === 1 ? listingOf(truth) : code(10002));
        },
      );
      expect(failedListing.report.verification).toMatchObject({
        status: 'failed',
        reason: expect.stringContaining('get_all_robots failed'),
      });
      expect(failedListing.byAccount['@RBT#a']!.status).toBe('unconfirmed');
      const noVerify = await sweep(['@RBT#a'], () => OK, { verify: false });
      expect(noVerify.report.verification).toEqual({ status: 'skipped', reason: 'turned off' });
      expect(noVerify.gateway.listings).toBe(1);
    });
  });

  describe('accounts that are not chatbots (absent)', () => {
    /** The app's bots are bot1..bot6; `@RBT#typo` never existed. The gateway answers "not found" (10004) for non-bots. */
    const realGateway = (account: string, _attempt: number, gateway: ScriptedGateway) =>
      gateway.listed.has(account) ? OK : code(10004, `${account} does not exist`);
    async function sweepApp(batch: string[], options: SweepOptions = {}, setup: (gateway: ScriptedGateway) => void = () => {}) {
      let self!: ScriptedGateway;
      return sweep(
        batch,
        (account, attempt) => realGateway(account, attempt, self),
        options,
        (gateway) => {
          self = gateway;
          gateway.listed = new Set(names(6));
          setup(gateway);
        },
      );
    }

    it('records a mistyped account as absent, and counts the batch as done', async () => {
      const { byAccount, report, listings } = await sweepApp(['@RBT#bot1', '@RBT#typo']);
      expect(byAccount['@RBT#bot1']!.status).toBe('deleted');
      expect(byAccount['@RBT#typo']).toMatchObject({ status: 'absent', errorCode: null });
      expect(report.summary).toMatchObject({ deleted: 1, absent: 1, failed: 0, unconfirmed: 0 });
      expect(listings).toEqual([{ botCount: 6, problem: null, bots: ['@RBT#bot1'], notBots: ['@RBT#typo'] }]);
    });

    it('never turns a non-bot into deleted after a transient first answer', async () => {
      let self!: ScriptedGateway;
      const { byAccount } = await sweep(
        ['@RBT#bot1', '@RBT#typo'],
        (account, attempt) => (attempt === 1 ? code(10002, 'internal error') : realGateway(account, attempt, self)),
        {},
        (gateway) => {
          self = gateway;
          gateway.listed = new Set(names(6));
        },
      );
      expect(byAccount['@RBT#bot1']).toMatchObject({ status: 'deleted', attempts: 2 });
      expect(byAccount['@RBT#typo']).toMatchObject({ status: 'absent', attempts: 2 });
    });

    it('believes a first listing for no account once the gateway answers OK for an account it lacked', async () => {
      const { byAccount, report, listings } = await sweep(
        ['@RBT#bot1', '@RBT#unlisted'],
        () => OK,
        {},
        (gateway) => {
          gateway.listed = new Set(['@RBT#bot1', '@RBT#other']);
        },
      );
      expect(byAccount['@RBT#bot1']!.status).toBe('deleted');
      expect(byAccount['@RBT#unlisted']!.status).toBe('deleted');
      expect(report.listingContradicted).toMatch(/OK for @RBT#unlisted, which the listing before the batch did not have/);
      expect(report.listedAtStart).toBeNull();
      // The journal's last verdict believes nothing, so a retry inherits no listing either.
      expect(listings.at(-1)).toMatchObject({ botCount: null, bots: [], notBots: [], contradicted: expect.any(String) });
    });

    it('never calls a listed bot that the gateway says does not exist deleted: someone else may have, or the listing lied', async () => {
      const { byAccount } = await sweepApp(['@RBT#bot1', '@RBT#bot2'], {}, (gateway) => {
        const original = gateway.deleteRobot.bind(gateway);
        gateway.deleteRobot = async (account) => {
          if (account === '@RBT#bot2') gateway.listed.delete(account); // a colleague got there first
          return original(account);
        };
      });
      expect(byAccount['@RBT#bot2']).toMatchObject({ status: 'unconfirmed', errorInfo: REASONS.notFoundGone });
      expect(byAccount['@RBT#bot1']).toMatchObject({ status: 'deleted' });
    });

    it('still sends every account when the first listing fails, and then claims nothing it cannot know', async () => {
      const { byAccount, report, gateway } = await sweepApp(['@RBT#bot1', '@RBT#typo'], {}, (gateway) => {
        gateway.listingAnswer = (index, truth) => (index <= 5 ? code(10002) : listingOf(truth)); // 5 attempts, all failed
      });
      expect(gateway.calls.map((call) => call.account).sort()).toEqual(['@RBT#bot1', '@RBT#typo']);
      expect(report.listedAtStart).toBeNull();
      expect(byAccount['@RBT#bot1']!.status).toBe('deleted');
      // "Not found", but nothing says whether it was ever a chatbot: neither absent nor failed.
      expect(byAccount['@RBT#typo']).toMatchObject({ status: 'unconfirmed', errorCode: 10004 });
    });
  });

  describe('what a red team played against an independent gateway', () => {
    it('a bot the first listing left out is never absent on the listing alone: "too frequent", refused, or stopped', async () => {
      for (const answer of [() => code(60007), () => code(10008)]) {
        const { byAccount } = await sweep(['@RBT#x'], answer, { maxAttempts: 2 }, (gateway) => {
          gateway.listingAnswer = (_index, truth) => listingOf(truth.filter((account) => account !== '@RBT#x'));
        });
        expect(byAccount['@RBT#x']).toMatchObject({ status: 'unconfirmed', errorInfo: REASONS.notListedNoAnswer });
      }
    });

    it('an OK that a disbelieved final listing contradicts (it still lists the bot) is put in doubt', async () => {
      const { byAccount, report } = await sweep(
        ['@RBT#x'],
        () => OK,
        {},
        (gateway) => {
          gateway.listed = new Set(['@RBT#x', '@RBT#y1', '@RBT#y2']);
          // The OK did not delete, and the final listings lose y2, a bot outside the batch: not believed.
          gateway.deleteRobot = async () => OK;
          gateway.listingAnswer = (index) => listingOf(index === 1 ? ['@RBT#x', '@RBT#y1', '@RBT#y2'] : ['@RBT#x', '@RBT#y1']);
        },
      );
      expect(report.verification.status).toBe('untrusted');
      expect(byAccount['@RBT#x']).toMatchObject({ status: 'unconfirmed', errorInfo: REASONS.listedByUntrusted });
    });

    it('an address that answers 204 or 302 after passing the deletion on leaves it unconfirmed, never failed', async () => {
      for (const status of [204, 302]) {
        const answer: Failure = {
          ok: false,
          errorClass: status === 302 ? 'redirect' : 'not-gateway',
          errorCode: null,
          errorInfo: `HTTP ${status}`,
          advice: '',
          ambiguous: true,
          httpStatus: status,
        };
        const { byAccount, report } = await sweep(['@RBT#x'], () => answer, { maxAttempts: 1 });
        expect(report.status).toBe('aborted');
        expect(byAccount['@RBT#x']!.status).toBe('unconfirmed');
      }
    });
  });

  describe('a final listing that lies', () => {
    /** Ten bots; the batch is bot1..bot4; every answer for bot1 and bot2 is lost and they still exist. */
    const lost = new Set(['@RBT#bot1', '@RBT#bot2']);
    const script = (account: string) => (lost.has(account) ? TIMEOUT : OK);
    const lies: [string, (truth: string[]) => CallOutcome][] = [
      ['without its Robot_Account field', () => listingOf(undefined)],
      ['empty', () => listingOf([])],
      ['with half the list', (truth) => listingOf(truth.slice(0, Math.floor(truth.length / 2)))],
      ['with a random half each time', (truth) => listingOf(truth.filter((_, i) => (i + Math.floor(Math.random() * 2)) % 2 === 0))],
    ];
    for (const [name, lie] of lies) {
      for (const from of [1, 2]) {
        it(`never records a bot that still exists as deleted or absent: listing ${name}${from === 1 ? ', from the first listing on' : ''}`, async () => {
          const { byAccount, report } = await sweep(names(4), script, { maxAttempts: 2 }, (gateway) => {
            gateway.listed = new Set(names(10));
            gateway.listingAnswer = (index, truth) => (index >= from ? lie(truth) : listingOf(truth));
          });
          for (const account of lost) expect(['unconfirmed', 'failed']).toContain(byAccount[account]!.status);
          for (const account of ['@RBT#bot3', '@RBT#bot4'])
            expect(['deleted', 'absent', 'unconfirmed']).toContain(byAccount[account]!.status);
          if (from === 2) expect(report.verification).toMatchObject({ status: 'untrusted', reason: expect.any(String) });
        });
      }
    }

    it('a truncated listing (its first half) with the batch in the second half and every answer lost: nothing deleted', async () => {
      const all = names(20);
      const { byAccount } = await sweep(
        all.slice(10),
        () => TIMEOUT, // lost before the gateway acted: every bot still exists
        { maxAttempts: 2 },
        (gateway) => {
          gateway.listed = new Set(all);
          gateway.listingAnswer = (index, truth) => listingOf(index === 1 ? truth : truth.slice(0, 10));
        },
      );
      for (const account of all.slice(10)) expect(byAccount[account]!.status).toBe('unconfirmed');
    });

    it('does not believe a listing that has lost a bot the gateway refused to delete', async () => {
      const { byAccount, report } = await sweep(
        ['@RBT#refused', '@RBT#lost'],
        (account) => (account === '@RBT#refused' ? code(60099) : TIMEOUT),
        { maxAttempts: 1 },
        (gateway) => {
          gateway.listingAnswer = (index, truth) => listingOf(index === 1 ? truth : []);
        },
      );
      expect(report.verification).toMatchObject({ status: 'untrusted', reason: expect.stringContaining('did not delete') });
      expect(byAccount['@RBT#lost']!.status).toBe('unconfirmed');
    });
  });

  describe('the journal', () => {
    it('marks each account as sent before its first call, and only once', async () => {
      const order: string[] = [];
      const { sent, gateway } = await sweep(
        names(30),
        (_a, attempt) => (attempt === 1 ? code(10002) : OK),
        {},
        (gateway) => {
          const original = gateway.deleteRobot.bind(gateway);
          gateway.deleteRobot = (account) => {
            order.push(`call ${account}`);
            return original(account);
          };
        },
        (journal) => ({ ...journal, sent: (account) => (order.push(`sent ${account}`), journal.sent(account)) }),
      );
      expect(sent).toHaveLength(30);
      expect(gateway.calls).toHaveLength(60);
      for (const account of names(30)) expect(order.indexOf(`sent ${account}`)).toBeLessThan(order.indexOf(`call ${account}`));
    });

    it('stops sending at once when the journal cannot be written, and reports why', async () => {
      const diskFull = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      let marks = 0;
      const { report, gateway, sent } = await sweep(
        names(200),
        () => OK,
        {},
        undefined,
        (journal) => ({
          ...journal,
          sent: (account) => {
            if (++marks > 50) throw diskFull;
            journal.sent(account);
          },
        }),
      );
      expect(report.status).toBe('aborted');
      expect(report.stop).toMatchObject({ kind: 'journal', errorInfo: expect.stringContaining('the disk is full (ENOSPC)') });
      // Nothing is sent without its marker.
      expect(gateway.calls.map((call) => call.account).sort()).toEqual(sent.sort());
      expect(report.summary.deleted).toBe(50);
      expect(report.summary.skipped).toBe(150);
      expect(report.calls).toBe(50);
    });

    it('also stops when an outcome cannot be written; the answers are still reported', async () => {
      let outcomes = 0;
      const { report, gateway } = await sweep(
        names(200),
        () => OK,
        {},
        undefined,
        (journal) => ({
          ...journal,
          outcome: (result) => {
            if (++outcomes === 20) throw Object.assign(new Error('read-only'), { code: 'EROFS' });
            journal.outcome(result);
          },
        }),
      );
      expect(report.stop).toMatchObject({ kind: 'journal', errorInfo: expect.stringContaining('read-only') });
      expect(gateway.calls.length).toBeLessThan(200);
      expect(report.summary.deleted).toBe(gateway.calls.length);
    });
  });

  it('paces calls: 400 calls at 200/s take about 2 s and no second holds more than 201', async () => {
    const { gateway } = await sweep(names(400), () => OK, { rate: 200, burst: 2 });
    const times = gateway.calls.map((call) => call.at);
    const span = times[times.length - 1]! - times[0]!;
    expect(span).toBeGreaterThan(1900);
    expect(span).toBeLessThan(2100);
    for (let i = 0; i + 202 <= times.length; i++) expect(times[i + 201]! - times[i]!).toBeGreaterThanOrEqual(1000);
  });

  it('reports progress at most ten times a second, ending with everything done', async () => {
    const events: Omit<SweepProgress, 'batchId'>[] = [];
    await sweep(names(400), () => OK, { rate: 200, onProgress: (p) => events.push(p) });
    expect(events.length).toBeGreaterThan(5);
    expect(events.length).toBeLessThanOrEqual(25);
    const last = events[events.length - 1]!;
    expect(last).toMatchObject({ done: 400, total: 400, deleted: 400, etaSeconds: 0 });
    const middle = events[Math.floor(events.length / 2)]!;
    expect(middle.ratePerSecond).toBeGreaterThan(150);
    expect(middle.ratePerSecond).toBeLessThan(230);
    expect(middle.etaSeconds).toBeGreaterThan(0);
    expect(events.flatMap((event) => event.recent).filter((r) => r.status === 'deleted')).toHaveLength(400);
  });
});

describe('backoffDelay', () => {
  it('doubles up to the cap, with jitter between half and all of it', () => {
    const settings = { backoffBaseMs: 100, backoffMaxMs: 1000 };
    expect(backoffDelay(1, false, settings, () => 0)).toBe(50);
    expect(backoffDelay(1, false, settings, () => 0.999)).toBeCloseTo(100, 0);
    expect(backoffDelay(3, false, settings, () => 0)).toBe(200);
    expect(backoffDelay(10, false, settings, () => 0)).toBe(500);
    expect(backoffDelay(1, true, settings, () => 0)).toBe(1000);
  });
});

describe('a status needs agreeing evidence', () => {
  const FAIL_0: CallOutcome = {
    ok: false,
    errorClass: 'transient',
    errorCode: 0,
    errorInfo: 'the gateway answered "FAIL" with error code 0, which contradict each other',
    advice: '',
    ambiguous: true,
  };
  const INTERNAL: CallOutcome = { ...code(10002, 'internal error'), ambiguous: true };
  /** A gateway that deletes a real bot and answers OK, and answers "not found" for anything else. */
  const truthful = (gateway: () => ScriptedGateway) => (account: string) => (gateway().listed.has(account) ? OK : code(10004));

  for (const [label, keep] of [
    ['an empty first listing', 0],
    ['a first listing with 10 of 30 bots', 10],
  ] as const) {
    it(`${label}, every real bot deleted with OK: no real bot absent, the listing believed for none, and why`, async () => {
      const bots = names(30);
      let self!: ScriptedGateway;
      const { byAccount, report, listings } = await sweep(
        [...bots, '@RBT#typo'],
        (account) => truthful(() => self)(account),
        {},
        (gateway) => {
          self = gateway;
          gateway.listed = new Set(bots);
          gateway.listingAnswer = (index, truth) => listingOf(index === 1 ? truth.slice(0, keep) : truth);
        },
      );
      for (const bot of bots) expect(byAccount[bot]!.status).toBe('deleted');
      // "Not found" for the typo, with no believed listing: not absent, not failed.
      expect(byAccount['@RBT#typo']).toMatchObject({ status: 'unconfirmed', errorCode: 10004 });
      expect(report.listingContradicted).toMatch(/answered OK for @RBT#bot\d+, which the listing before the batch did not have/);
      expect(report.listedAtStart).toBeNull();
      expect(listings.at(-1)).toMatchObject({ botCount: null, bots: [], notBots: [] });
    });
  }

  it('a typo stays absent when nothing contradicts the first listing', async () => {
    let self!: ScriptedGateway;
    const { byAccount, report } = await sweep(
      ['@RBT#bot1', '@RBT#bot2', '@RBT#typo'],
      (account) => truthful(() => self)(account),
      {},
      (gateway) => {
        self = gateway;
        gateway.listed = new Set(names(5));
      },
    );
    expect(byAccount['@RBT#typo']!.status).toBe('absent');
    expect(report.listingContradicted).toBeNull();
    expect(report.summary).toMatchObject({ deleted: 2, absent: 1 });
  });

  for (const [label, answer] of [
    ['FAIL with ErrorCode 0', FAIL_0],
    ['10002 on every attempt', INTERNAL],
  ] as const) {
    it(`${label} while the first call really deleted: never failed, settled deleted by the final listings`, async () => {
      const { byAccount, report, gateway } = await sweep(
        names(5),
        () => answer,
        {},
        (gateway) => {
          const original = gateway.deleteRobot.bind(gateway);
          gateway.deleteRobot = async (account) => {
            const outcome = await original(account);
            gateway.listed.delete(account); // it took effect, whatever the answer said
            return outcome;
          };
        },
      );
      for (const account of names(5)) expect(byAccount[account]!.status).toBe('deleted');
      expect(gateway.calls.length).toBe(25); // retried like any unclear answer
      expect(report.verification).toEqual({ status: 'verified', reason: null });
      expect(gateway.listings).toBe(3); // settling as gone took two final listings that agree
    });

    it(`${label} and a final listing that fails: unconfirmed, never failed`, async () => {
      const { report } = await sweep(
        names(5),
        () => answer,
        {},
        (gateway) => {
          gateway.listingAnswer = (index, truth) => (index === 1 ? listingOf(truth) : code(10002));
        },
      );
      expect(report.summary).toMatchObject({ unconfirmed: 5, failed: 0 });
    });
  }

  it('a batch stopped because every deletion answered unclearly is still checked: the listing settles what they did', async () => {
    const { report } = await sweep(
      names(40),
      () => FAIL_0,
      {},
      (gateway) => {
        const original = gateway.deleteRobot.bind(gateway);
        gateway.deleteRobot = async (account) => {
          const outcome = await original(account);
          gateway.listed.delete(account);
          return outcome;
        };
      },
    );
    expect(report.stop).toMatchObject({ kind: 'gateway-failing' });
    expect(report.verification).toEqual({ status: 'verified', reason: null });
    expect(report.summary).toMatchObject({ deleted: 40, failed: 0, unconfirmed: 0 });
  });

  it('a retry of those accounts never records one absent on its own listing’s word', async () => {
    const sent = names(4);
    for (const answer of [code(10004), INTERNAL, FAIL_0]) {
      const { byAccount } = await sweep(
        sent,
        () => answer,
        { previouslySent: new Set(sent), inheritedBots: new Map(sent.map((account) => [account, true])) },
        (gateway) => gateway.listed.clear(), // the earlier batch deleted them all
      );
      for (const account of sent) expect(byAccount[account]!.status).toBe('deleted');
    }
    // Nothing known of them from before: unconfirmed, still never absent.
    const { report } = await sweep(
      sent,
      () => code(10004),
      { previouslySent: new Set(sent) },
      (gateway) => gateway.listed.clear(),
    );
    expect(report.summary).toMatchObject({ unconfirmed: 4, absent: 0 });
  });
});

describe('stops that come, and come on time', () => {
  /** A call that waits out the client's timeout: accepted, never answered (a listing is cut short when the batch stops). */
  const hang =
    (clock: FakeClock) =>
    async (_account?: string | AbortSignal, signal?: AbortSignal): Promise<CallOutcome> => {
      try {
        await clock.sleep(10_000, signal ?? (typeof _account === 'object' ? _account : undefined));
      } catch {
        return { ...TIMEOUT, errorInfo: 'cancelled', network: 'other' };
      }
      return { ...TIMEOUT, network: 'timeout' };
    };

  it('a gateway that accepts and never answers stops within 15 s of the start, the listing included', async () => {
    const { report, gateway } = await sweep(
      names(100),
      () => OK,
      {},
      (gateway, clock) => {
        gateway.getAllRobots = hang(clock) as never;
        gateway.deleteRobot = hang(clock);
      },
    );
    expect(report.status).toBe('aborted');
    expect(report.stop).toMatchObject({ kind: 'unreachable', errorInfo: expect.stringMatching(/too slow or not answering/) });
    expect(report.durationMs).toBeLessThanOrEqual(15_000);
    expect(report.calls).toBe(0);
    expect(gateway.calls).toHaveLength(0);
    expect(report.summary.skipped).toBe(100);
  });

  it('"too frequent" and nothing else stops the batch within 60 s, with its own reason', async () => {
    const { report, gateway } = await sweep(
      names(100),
      () => code(60007, 'REST call frequency over the limit'),
      {},
      (gateway) => {
        gateway.listingAnswer = () => code(60007, 'REST call frequency over the limit');
      },
    );
    expect(report.stop).toMatchObject({ kind: 'too-frequent', errorInfo: expect.stringMatching(/only "too frequent" for 3\d s/) });
    expect(report.durationMs).toBeGreaterThanOrEqual(30_000);
    expect(report.durationMs).toBeLessThanOrEqual(60_000);
    expect(gateway.calls.length).toBeLessThan(100);
  });

  it('honours Retry-After: no call before the wait the gateway asked for', async () => {
    const limited: CallOutcome = { ...code(60007), errorInfo: 'the gateway answered HTTP 429 (too many requests)', retryAfterMs: 4000 };
    const { report, gateway } = await sweep(['@RBT#a'], (_account, attempt) => (attempt <= 2 ? limited : OK));
    expect(report.summary.deleted).toBe(1);
    const [first, second, third] = gateway.calls.map((call) => call.at);
    expect(second! - first!).toBeGreaterThanOrEqual(4000);
    expect(third! - second!).toBeGreaterThanOrEqual(4000);
  });

  it('a pause of the process is no evidence against the gateway: its timeouts are retried and the counts start again', async () => {
    // For the first 25 s every call waits out its timeout, as calls do that a stopped process could not read.
    const run = (paused: boolean) => {
      let pauses = 0;
      return sweep(
        names(200),
        () => OK,
        {},
        (gateway, clock) => {
          const original = gateway.deleteRobot.bind(gateway);
          gateway.deleteRobot = async (account) => {
            if (clock.now() >= 1_000_000 + 25_000) return original(account);
            await clock.sleep(10_000);
            if (paused) pauses++;
            return { ...TIMEOUT, network: 'timeout', ...(paused ? { acrossPause: true } : {}) };
          };
        },
        undefined,
        { pauses: { check: () => pauses } },
      );
    };
    const unpaused = await run(false);
    expect(unpaused.report.stop).toMatchObject({ kind: 'unreachable' }); // the same timeouts without a pause: the gateway is down
    const { report } = await run(true);
    expect(report.status).toBe('completed');
    expect(report.stop).toBeNull();
    expect(report.summary.deleted + report.summary.unconfirmed).toBe(200);
    expect(report.summary.failed + report.summary.absent).toBe(0);
  });
});
