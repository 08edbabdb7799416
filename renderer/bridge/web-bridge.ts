// The web host's stand-in for the preload: defines `window.botsweep` over HTTP (calls) and server-sent events,
// carrying the per-launch token from the URL fragment. Loaded only by the loopback web host, never by the app.
import { CHANNELS, EVENTS, splitChannel, type Channel, type EventName } from '../../shared/api-channels';

const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
let events: EventSource | null = null;

function subscribe(event: EventName, listener: (payload: unknown) => void): () => void {
  if (!events) {
    events = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    for (const name of Object.keys(EVENTS) as EventName[]) {
      events.addEventListener(name, (message) => {
        const payload = JSON.parse((message as MessageEvent<string>).data);
        listeners.get(name)?.forEach((fn) => fn(payload));
      });
    }
  }
  let set = listeners.get(event);
  if (!set) listeners.set(event, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

async function invoke(channel: Channel, payload: unknown): Promise<unknown> {
  try {
    const response = await fetch('/api/call', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-botsweep-token': token },
      body: JSON.stringify({ channel, payload }),
    });
    if (!response.ok) {
      const message =
        response.status === 401
          ? 'The page lost its access token: open the URL the web host printed.'
          : `The web host refused the call (HTTP ${response.status}).`;
      const coded =
        response.status === 401 ? { code: 'web-token-lost', params: {} } : { code: 'web-refused', params: { status: response.status } };
      return { ok: false, error: { kind: 'forbidden', message, ...coded } };
    }
    return await response.json();
  } catch {
    const message = 'The Botsweep web host is not running: start it again with "npm run web".';
    return { ok: false, error: { kind: 'internal', message, code: 'web-host-down', params: {} } };
  }
}

const api: Record<string, unknown> = {};
for (const channel of CHANNELS) {
  const [group, method] = splitChannel(channel);
  ((api[group] ??= {}) as Record<string, unknown>)[method] = (payload: unknown) => invoke(channel, payload);
}
for (const [event, method] of Object.entries(EVENTS) as [EventName, string][]) {
  api[method] = (listener: (payload: unknown) => void) => subscribe(event, listener);
}
Object.defineProperty(window, 'botsweep', { value: Object.freeze(api), writable: false, configurable: false });
