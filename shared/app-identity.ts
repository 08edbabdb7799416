// What "the same app" means, once: its gateway (normalised) plus its SDKAppID; with the admin identifier, the same
// admin of it. The lock, the guards, a retry's check, imports, key binding and every dialog's words use these.
import { checkEndpoint, isLoopbackHost } from './endpoint.js';
import { isRegionId, REGIONS } from './regions.js';
import { describeTarget, type Connection, type Target } from './target.js';
import { escapeUnsafe } from './unsafe-text.js';

/** An app: where its gateway is and its SDKAppID (the admin identifier does not make it another app). */
export interface AppRef {
  readonly target: Target;
  readonly sdkAppId: number;
}

/**
 * One gateway, however it is spelled: a region and its domains (main or backup, as a region or an https:// endpoint)
 * are `region:<id>`; other endpoints are scheme://host:port/path with the host lower-cased and without a trailing dot,
 * every loopback address (127.x, [::1], `localhost`) one host, the default port written out, the path decoded,
 * lower-cased and without trailing slashes. Where two spellings might be one server, they are one key: guards are the
 * union of every profile of an app, so merging spellings can only protect more. A URL that cannot be used is its own
 * trimmed text.
 */
export function gatewayKey(target: Target): string {
  if (target.kind === 'region') return `region:${target.region}`;
  const check = checkEndpoint(target.url);
  if (!check.ok) return `unusable:${target.url.trim()}`;
  const url = new URL(check.baseUrl);
  let host = url.hostname.toLowerCase().replace(/\.+$/, '');
  if (isLoopbackHost(host)) host = 'loopback';
  const path = decodePath(url.pathname).toLowerCase().replace(/\/+$/, '');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const region = url.protocol === 'https:' && port === '443' && path === '' ? regionOfHost(host) : null;
  return region ? `region:${region}` : `${url.protocol}//${host}:${port}${path}`;
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function regionOfHost(host: string): string | null {
  return REGIONS.find((region) => region.domain === host || region.backupDomain === host)?.id ?? null;
}

/** The target a gateway address stands for: a region when it is one of a region's domains, else the endpoint. */
export function targetOfAddress(address: string): Target {
  const key = gatewayKey({ kind: 'endpoint', url: address });
  const region = /^region:(.+)$/.exec(key)?.[1];
  return region && isRegionId(region) ? { kind: 'region', region } : { kind: 'endpoint', url: address };
}

/** The key of an app: its gateway and SDKAppID. */
export function appKey(app: AppRef): string {
  return `${gatewayKey(app.target)}|${app.sdkAppId}`;
}

export function sameApp(a: AppRef, b: AppRef): boolean {
  return appKey(a) === appKey(b);
}

/** The same app and the same admin identifier: what a stored key was entered for. */
export function sameAdmin(a: Connection, b: Connection): boolean {
  return sameApp(a, b) && a.identifier.trim() === b.identifier.trim();
}

/** "SDKAppID 1400000000 at Singapore (adminapisgp.im.qcloud.com)" */
export function describeApp(app: AppRef): string {
  return `SDKAppID ${app.sdkAppId} at ${escapeUnsafe(describeTarget(app.target))}`;
}

/** "SDKAppID 1400000000 at Singapore (adminapisgp.im.qcloud.com) (admin administrator)" */
export function describeConnection(connection: Connection): string {
  return `${describeApp(connection)} (admin ${escapeUnsafe(connection.identifier)})`;
}
