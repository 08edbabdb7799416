// When a long sweep ends, the words for a desktop notification (the user may have switched to other work). On Linux a
// notification body is markup: text from the gateway in it is escaped, so it can neither format nor link anything.
import type { SweepFinished } from '../../shared/api.js';

/** Sweeps shorter than this end while the user is still watching: no notification. */
export const NOTIFY_AFTER_MS = 10_000;

/** Text as a notification body shows it: Linux notification servers read the body as markup (`<b>`, `<a>`, `&amp;`). */
export function notificationText(text: string, platform: NodeJS.Platform = process.platform): string {
  if (platform !== 'linux') return text;
  return text.replace(/[&<>"']/g, (char) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[char]};`);
}

/** Remembers when each batch started and says what to tell when it ends, or null for a short one. */
export function batchNotices(now: () => number, platform: NodeJS.Platform = process.platform) {
  const startedAt = new Map<string, number>();
  return {
    progress(batchId: string): void {
      if (!startedAt.has(batchId)) startedAt.set(batchId, now());
    },
    finished(finished: SweepFinished): { title: string; body: string } | null {
      const started = startedAt.get(finished.batchId);
      startedAt.delete(finished.batchId);
      if (started === undefined || now() - started < NOTIFY_AFTER_MS) return null;
      const { summary } = finished;
      const notDone = summary.failed + summary.unconfirmed + summary.skipped;
      const title = finished.stop ? 'Botsweep: the batch stopped' : notDone ? 'Botsweep: finished with failures' : 'Botsweep: finished';
      const body =
        `Deleted ${summary.deleted} of ${summary.total}` +
        (summary.absent ? `; ${summary.absent} not chatbots` : '') +
        (notDone ? `; ${notDone} not done` : '') +
        (finished.stop ? `. ${finished.stop.errorInfo}` : '.');
      return { title, body: notificationText(body, platform) };
    },
  };
}
