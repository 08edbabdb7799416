// The one end-of-sweep notification, for the desktop app and the browser alike: when a sweep this window followed ran
// longer than LONG_SWEEP_MS, what it came to in the interface language (a cancelled batch says cancelled). Shown with
// the Web Notifications API, which the desktop app allows for its own page only; silently nothing when the host has no
// notifications or the user said no. Permission is asked once, when a sweep first turns out long. On Linux the desktop
// app's notifications go to a server that reads the body as markup: text in it is escaped, so gateway words can
// neither format nor link anything.
import type { SweepFinished } from '../../shared/api';
import type { Translate } from './i18n';
import { batchOutcome, stopText, summaryText } from './outcome';

export const LONG_SWEEP_MS = 10_000;

export interface Notice {
  readonly title: string;
  readonly body: string;
}

export function isLongSweep(startedAt: number | null, now: number): boolean {
  return startedAt !== null && now - startedAt >= LONG_SWEEP_MS;
}

/** What to tell when a sweep ends, or null for one the user was still watching. */
export function sweepNotice(t: Translate, finished: SweepFinished, startedAt: number | null, now: number): Notice | null {
  if (!isLongSweep(startedAt, now)) return null;
  const { summary, stop } = finished;
  const outcome = t(`outcome.${batchOutcome(finished.status, summary, finished.kind)}`);
  const body = summaryText(t, outcome, summary, finished.kind);
  return { title: t('notify.title', { outcome }), body: stop ? `${body}. ${stopText(t, stop)}` : body };
}

function available(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window;
}

/** Asks for permission (once: the host remembers the answer). */
export function askNotificationPermission(): void {
  if (!available() || Notification.permission !== 'default') return;
  Notification.requestPermission().catch(() => undefined);
}

/** A notification body as a Linux notification server must get it (markup escaped); elsewhere the text itself. */
export function notificationBody(text: string, linux: boolean): string {
  if (!linux) return text;
  return text.replace(/[&<>"']/g, (char) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[char]};`);
}

export function showNotice(notice: Notice | null): void {
  if (!notice || !available() || Notification.permission !== 'granted') return;
  try {
    const linux = typeof navigator !== 'undefined' && /\bLinux\b/.test(navigator.userAgent);
    new Notification(notice.title, { body: notificationBody(notice.body, linux) });
  } catch {
    // Some hosts (e.g. Android Chrome) only allow notifications from a service worker: skip.
  }
}
