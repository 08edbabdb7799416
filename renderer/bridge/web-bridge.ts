// The web host's stand-in for the preload: defines `window.botsweep` over HTTP (calls) and a server-sent event
// stream read with fetch, carrying the per-launch token in a header. The token arrives in the URL fragment and is
// moved out of the address bar (and history) at once; this tab keeps it for reloads. Loaded only by the web host.
import { CHANNELS, EVENTS, splitChannel, type Channel, type EventName } from '../../shared/api-channels';

const TOKEN_KEY = 'botsweep-web-token';

function takeToken(): string {
  const fromUrl = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    history.replaceState(null, '', `${location.pathname}${location.search}`);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const token = takeToken();
const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
let streaming = false;

function dispatchFrame(frame: string): void {
  let name = '';
  const data: string[] = [];
  for (const line of frame.split('\n')) {
    if (line.startsWith('event:')) name = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  if (!name || !data.length || !(name in EVENTS)) return;
  const payload = JSON.parse(data.join('\n'));
  listeners.get(name as EventName)?.forEach((fn) => fn(payload));
}

/** Reads the event stream (EventSource cannot send a header, and a token in its URL would be logged); reconnects. */
async function stream(): Promise<void> {
  for (;;) {
    try {
      const response = await fetch('/api/events', { headers: { 'x-botsweep-token': token }, cache: 'no-store' });
      if (response.status === 401) return;
      if (response.ok && response.body) {
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            dispatchFrame(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        }
      }
    } catch {
      // The host went away or the connection dropped: try again shortly, like EventSource would.
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

function subscribe(event: EventName, listener: (payload: unknown) => void): () => void {
  if (!streaming) {
    streaming = true;
    void stream();
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
