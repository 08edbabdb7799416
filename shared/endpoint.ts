// Rules for a gateway base URL: HTTPS anywhere, plain HTTP only to this machine (the sandbox): a loopback IP
// literal, or the name `localhost`, which is 127.0.0.1 by rule and never looked up in DNS.

/** Why a URL is refused, as a stable code (the renderer words it in the user's language; `message` is the English). */
export const ENDPOINT_PROBLEMS = ['not-url', 'dns-localhost', 'http-remote', 'scheme', 'credentials', 'query'] as const;
export type EndpointProblem = (typeof ENDPOINT_PROBLEMS)[number];

export type EndpointCheck =
  | { readonly ok: true; readonly baseUrl: string }
  | { readonly ok: false; readonly problem: EndpointProblem; readonly message: string; readonly params: Readonly<Record<string, string>> };

const refuse = (problem: EndpointProblem, message: string, params: Record<string, string> = {}): EndpointCheck => ({
  ok: false,
  problem,
  message,
  params,
});

/** 127.0.0.0/8 or ::1, as WHATWG URL parsing writes them (it normalises 127.1, 0x7f.0.0.1 and so on to dotted quads). */
export function isLoopbackIp(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === '[::1]' || host === '::1') return true;
  const match = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return match !== null && match.slice(1).every((part) => Number(part) <= 255);
}

/** Loopback without asking a resolver: an IP literal, or exactly `localhost` (which Botsweep connects to as 127.0.0.1). */
export function isLoopbackHost(hostname: string): boolean {
  return isLoopbackIp(hostname) || hostname.toLowerCase() === 'localhost';
}

/** The base URL requests are sent to: plain-HTTP `localhost` becomes 127.0.0.1, so no DNS answer can redirect it. */
export function connectBaseUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:' || url.hostname.toLowerCase() !== 'localhost') return baseUrl;
  url.hostname = '127.0.0.1';
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * Checks a user-supplied gateway URL and returns it normalised (no trailing slash).
 * Refuses anything that could leak a UserSig: plain HTTP off this machine, embedded
 * credentials, query strings or fragments.
 */
export function checkEndpoint(input: string): EndpointCheck {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse('not-url', `"${text}" is not a URL: give one like https://gateway.example.com or http://127.0.0.1:8080`, { text });
  }
  if (url.protocol === 'http:') {
    if (url.hostname.toLowerCase().endsWith('.localhost')) {
      return refuse(
        'dns-localhost',
        `plain http:// to ${url.hostname} is refused: a name under .localhost is looked up in DNS, which may send the request elsewhere; use http://127.0.0.1 (or localhost, [::1]) for this machine`,
        { host: url.hostname },
      );
    }
    if (!isLoopbackHost(url.hostname)) {
      return refuse(
        'http-remote',
        `plain http:// is only allowed to this machine (127.0.0.1, localhost, [::1]); use https:// for ${url.hostname}`,
        { host: url.hostname },
      );
    }
  } else if (url.protocol !== 'https:') {
    return refuse('scheme', `the endpoint must start with https:// (got ${url.protocol}//)`, { scheme: url.protocol });
  }
  if (url.username || url.password) return refuse('credentials', 'the endpoint must not contain a user name or password');
  if (url.search || url.hash) return refuse('query', 'the endpoint must not contain a query (?…) or fragment (#…)');
  return { ok: true, baseUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

/**
 * Ports no web client connects to (the fetch standard's "bad port" list, which Node's fetch and Electron's net.fetch
 * refuse before sending anything), and port 0.
 */
const UNUSABLE_PORTS: ReadonlySet<number> = new Set([
  0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117,
  119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636,
  989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/** The port of a gateway base URL that no call can be sent to, or null when its port is usable. */
export function unusablePort(baseUrl: string): number | null {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return null;
  }
  const port = url.port === '' ? (url.protocol === 'http:' ? 80 : 443) : Number(url.port);
  return UNUSABLE_PORTS.has(port) ? port : null;
}
