// The engine against gateways that limit harder than 200/s, refuse connections, fail every call, or answer an
// unknown code: the adaptive pace and the early stop, in virtual time.
import { describe, expect, it } from 'vitest';
import { runSweep, type SweepGateway, type SweepOptions } from '../../electron/core/sweep/engine.js';
import { SlidingWindowLimit } from '../../electron/core/sandbox/window-limit.js';
import { classifyErrorCode } from '../../electron/core/tim/errors.js';
import type { CallOutcome } from '../../electron/core/tim/gateway.js';
import { FakeClock } from '../helpers/fake-clock.js';

const OK: CallOutcome = { ok: true, answer: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' } };
const code = (errorCode: number): CallOutcome => {
  const info = classifyErrorCode(errorCode);
  return { ok: false, errorClass: info.errorClass, errorCode, errorInfo: info.meaning, advice: info.advice, ambiguous: false };
};
const REFUSED: CallOutcome = {
  ok: false,
  errorClass: 'network',
  errorCode: null,
  errorInfo: 'network error: ECONNREFUSED at 127.0.0.1:9',
  advice: '',
  ambiguous: false,
};
const HTTP_502: CallOutcome = {
  ok: false,
  errorClass: 'transient',
  errorCode: null,
  errorInfo: 'the gateway answered HTTP 502',
  advice: '',
  ambiguous: true,
};

/** A gateway that counts every call in a sliding 1-second window like the real one, answering after `latencyMs`. */
class LimitedGateway implements SweepGateway {
  readonly live: Set<string>;
  calls = 0;
  deleteCalls = 0;
  limited = 0;
  private readonly window: SlidingWindowLimit;

  constructor(
    private readonly clock: FakeClock,
    accounts: string[],
    limit: number,
    private readonly answer: (account: string) => CallOutcome | null = () => null,
    private readonly latencyMs = 30,
  ) {
    this.live = new Set(accounts);
    this.window = new SlidingWindowLimit(limit);
  }

  private async arrive(): Promise<boolean> {
    this.calls++;
    const accepted = this.window.tryAcquire(this.clock.now());
    await this.clock.sleep(this.latencyMs);
    if (!accepted) this.limited++;
    return accepted;
  }

  async deleteRobot(account: string): Promise<CallOutcome> {
    this.deleteCalls++;
    const scripted = this.answer(account);
    if (scripted) {
      this.calls++;
      await this.clock.sleep(this.latencyMs);
      return scripted;
    }
    if (!(await this.arrive())) return code(60007);
    return this.live.delete(account) ? OK : code(10004);
  }

  async getAllRobots() {
    if (!(await this.arrive())) return code(60007) as never;
    return { ok: true as const, answer: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', Robot_Account: [...this.live] } };
  }
}

const names = (n: number) => Array.from({ length: n }, (_, i) => `@RBT#bot${i + 1}`);

async function sweepAgainst(gateway: (clock: FakeClock) => LimitedGateway, accounts: string[], options: SweepOptions = {}) {
  const clock = new FakeClock(0);
  const box = gateway(clock);
  const paces: number[] = [];
  const report = await clock.run(
    runSweep(
      accounts,
      { gateway: box, clock, journal: { outcome: () => {}, sent: () => {}, classified: () => {} }, random: () => 0.5 },
      { ...options, onProgress: (progress) => paces.push(progress.pace!) },
    ),
  );
  return { report, box, paces, seconds: report.durationMs / 1000 };
}

describe('a pace that follows the gateway', () => {
  it('600 deletions against a 50 calls/s gateway: all succeed within 1.3× of 12 s, with at most 30 limit answers', async () => {
    const { report, box, paces, seconds } = await sweepAgainst((clock) => new LimitedGateway(clock, names(600), 50), names(600));
    expect(report.summary.deleted).toBe(600);
    expect(seconds).toBeLessThanOrEqual(12 * 1.3);
    expect(box.limited).toBeLessThanOrEqual(30);
    expect(Math.min(...paces)).toBeLessThan(55); // the pace came down to the gateway's, and progress showed it
  });

  it('600 deletions against a 20 calls/s gateway: within 1.25× of 30 s, with at most 30 limit answers', async () => {
    const { report, box, seconds } = await sweepAgainst((clock) => new LimitedGateway(clock, names(600), 20), names(600));
    expect(report.summary.deleted).toBe(600);
    expect(seconds).toBeLessThanOrEqual(30 * 1.25);
    expect(box.limited).toBeLessThanOrEqual(30);
  });

  it('keeps the learned ceiling through a long quiet spell: no jump toward the configured rate', async () => {
    const { report, box, paces } = await sweepAgainst((clock) => new LimitedGateway(clock, names(2000), 20), names(2000));
    expect(report.summary.deleted).toBe(2000);
    // After the first cut (the first second), the pace never strays far above the gateway's 20/s.
    expect(Math.max(...paces.slice(20))).toBeLessThan(25);
    expect(box.limited).toBeLessThanOrEqual(60);
  });

  it('300 deletions against a 10 calls/s gateway: none fails on the frequency limit', async () => {
    const { report, seconds } = await sweepAgainst((clock) => new LimitedGateway(clock, names(300), 10), names(300));
    expect(report.summary).toMatchObject({ deleted: 300, failed: 0, unconfirmed: 0 });
    expect(seconds).toBeLessThan((300 / 10) * 1.3);
  });

  it('2000 deletions against a 200 calls/s gateway: no limit answer, within 1.05× of 10 s', async () => {
    const { report, box, seconds } = await sweepAgainst((clock) => new LimitedGateway(clock, names(2000), 200), names(2000));
    expect(report.summary.deleted).toBe(2000);
    expect(box.limited).toBe(0);
    expect(seconds).toBeLessThanOrEqual(10.5);
  });
});

describe('an early stop when the gateway is down', () => {
  it('1000 accounts against a closed port: stops within seconds, says unreachable, the rest skipped', async () => {
    const { report, box, seconds } = await sweepAgainst(
      (clock) => new LimitedGateway(clock, names(1000), 200, () => REFUSED, 1),
      names(1000),
    );
    expect(report.status).toBe('aborted');
    expect(report.stop).toMatchObject({ kind: 'unreachable', errorInfo: expect.stringMatching(/could not be reached: .*ECONNREFUSED/) });
    expect(seconds).toBeLessThan(15);
    expect(box.deleteCalls).toBeLessThanOrEqual(200);
    expect(report.summary.skipped).toBeGreaterThan(800);
  });

  it('a gateway answering 502 to everything costs at most 200 calls', async () => {
    const { report, box } = await sweepAgainst((clock) => new LimitedGateway(clock, names(1000), 200, () => HTTP_502), names(1000));
    expect(report.stop).toMatchObject({ kind: 'gateway-failing', errorInfo: expect.stringContaining('answered HTTP 502 to every call') });
    expect(box.deleteCalls).toBeLessThanOrEqual(200);
    // A 502 may come after the gateway acted: those accounts are unconfirmed, never failed or deleted.
    expect(report.summary.deleted + report.summary.failed).toBe(0);
  });

  it('calls that all time out stop the batch within seconds of the first timeouts', async () => {
    const timeout: CallOutcome = { ...REFUSED, errorInfo: 'no answer within 10000 ms', ambiguous: true };
    const { report, seconds } = await sweepAgainst(
      (clock) => new LimitedGateway(clock, names(1000), 200, () => timeout, 10_000),
      names(1000),
    );
    expect(report.stop).toMatchObject({ kind: 'unreachable' });
    // The first call alone times out at 10 s, the next wave by 20 s; the batch stops then, and its calls in flight end by 31 s.
    expect(seconds).toBeLessThan(31);
    expect(report.summary.skipped).toBeGreaterThan(800);
  });

  it('an unknown error code for account after account stops the batch', async () => {
    const { report, box } = await sweepAgainst((clock) => new LimitedGateway(clock, names(500), 200, () => code(60099)), names(500));
    expect(report.stop).toMatchObject({ kind: 'unknown-error', errorCode: 60099 });
    expect(box.deleteCalls).toBeLessThan(60);
  });

  it('a few failures among successes do not stop a batch', async () => {
    let n = 0;
    const { report } = await sweepAgainst(
      (clock) => new LimitedGateway(clock, names(500), 200, () => (++n % 7 === 0 ? HTTP_502 : null)),
      names(500),
    );
    expect(report.status).toBe('completed');
    expect(report.summary.deleted).toBe(500);
  });
});
