// The progress a sweep reports while it runs: counts by outcome (revised when verification changes one), the rate of
// answers over the last seconds, the current pace and the time left, at most once per interval.
import type { AccountResult } from '../../../shared/sweep.js';
import type { Clock } from '../clock.js';
import type { SweepOptions } from './types.js';

/** The window the answer rate is measured over. */
const RATE_WINDOW_MS = 2000;

export interface ProgressReporter {
  /** An account's outcome, first or revised. */
  settled(result: AccountResult): void;
  /** Reports what is not reported yet (always once at the end). */
  flush(): void;
}

export function progressReporter(
  total: number,
  clock: Clock,
  intervalMs: number,
  pace: () => number,
  onProgress: SweepOptions['onProgress'],
): ProgressReporter {
  const counts = { done: 0, deleted: 0, absent: 0, recreated: 0, 'already-a-bot': 0, failed: 0, skipped: 0 };
  /** The status each settled account counts under; verification may revise it. */
  const counted = new Map<string, Exclude<AccountResult['status'], 'unconfirmed'>>();
  const answeredAt: number[] = [];
  const startedAt = clock.now();
  let recent: AccountResult[] = [];
  let lastEmit = -Infinity;
  const emit = (now: number) => {
    lastEmit = now;
    if (!onProgress) return;
    while (answeredAt.length && now - answeredAt[0]! > RATE_WINDOW_MS) answeredAt.shift();
    const span = Math.min(RATE_WINDOW_MS, Math.max(now - startedAt, 1)) / 1000;
    const ratePerSecond = answeredAt.length / span;
    const remaining = total - counts.done;
    onProgress({
      ...counts,
      total,
      ratePerSecond: Math.round(ratePerSecond * 10) / 10,
      pace: Math.round(pace() * 10) / 10,
      etaSeconds: remaining === 0 ? 0 : ratePerSecond > 0 ? Math.ceil(remaining / ratePerSecond) : null,
      recent,
    });
    recent = [];
  };
  return {
    settled(result) {
      const now = clock.now();
      const previous = counted.get(result.account);
      const status = result.status === 'unconfirmed' ? 'failed' : result.status;
      if (previous) counts[previous]--;
      else {
        counts.done++;
        if (status !== 'skipped') answeredAt.push(now);
      }
      counted.set(result.account, status);
      counts[status]++;
      recent.push(result);
      if (now - lastEmit >= intervalMs) emit(now);
    },
    flush() {
      if (recent.length || lastEmit === -Infinity) emit(clock.now());
    },
  };
}
