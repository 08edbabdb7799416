// Rules for a gateway base URL: HTTPS anywhere, plain HTTP only to this machine (the sandbox).

export type EndpointCheck = { readonly ok: true; readonly baseUrl: string } | { readonly ok: false; readonly message: string };

const LOOPBACK_NAMES = new Set(['localhost', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (LOOPBACK_NAMES.has(host) || host.endsWith('.localhost')) return true;
  return /^127(\.\d{1,3}){3}$/.test(host);
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
    return { ok: false, message: `"${text}" is not a URL: give one like https://gateway.example.com or http://127.0.0.1:8080` };
  }
  if (url.protocol === 'http:') {
    if (!isLoopbackHost(url.hostname)) {
      return {
        ok: false,
        message: `plain http:// is only allowed to this machine (127.0.0.1, localhost, [::1]); use https:// for ${url.hostname}`,
      };
    }
  } else if (url.protocol !== 'https:') {
    return { ok: false, message: `the endpoint must start with https:// (got ${url.protocol}//)` };
  }
  if (url.username || url.password) return { ok: false, message: 'the endpoint must not contain a user name or password' };
  if (url.search || url.hash) return { ok: false, message: 'the endpoint must not contain a query (?…) or fragment (#…)' };
  return { ok: true, baseUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}
