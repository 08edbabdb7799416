// A desktop notification when a long sweep ends, so the user can work elsewhere meanwhile. Asked for once, on the
// first long sweep; silently nothing when the browser has no notifications or the user said no.
export const LONG_SWEEP_MS = 10_000;

function available(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window;
}

/** Asks for permission (once: the browser remembers the answer). */
export function askNotificationPermission(): void {
  if (!available() || Notification.permission !== 'default') return;
  Notification.requestPermission().catch(() => undefined);
}

export function notify(title: string, body: string): void {
  if (!available() || Notification.permission !== 'granted') return;
  try {
    new Notification(title, { body });
  } catch {
    // Some hosts (e.g. Android Chrome) only allow notifications from a service worker: skip.
  }
}
