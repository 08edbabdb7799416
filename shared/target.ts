// Where a batch goes: a region's gateway or a custom endpoint, plus the app and its admin.
import { checkEndpoint } from './endpoint.js';
import { findRegion, regionBaseUrl, type RegionId } from './regions.js';

export type Target = { readonly kind: 'region'; readonly region: RegionId } | { readonly kind: 'endpoint'; readonly url: string };

/** Everything needed to address one app, except the secret key. */
export interface Connection {
  readonly target: Target;
  readonly sdkAppId: number;
  readonly identifier: string;
}

/** The SDKAppID as typed into a form or flag: digits only, above zero; null otherwise. */
export function parseSdkAppId(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,15}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value > 0 ? value : null;
}

export function targetBaseUrl(target: Target): string {
  if (target.kind === 'endpoint') {
    const check = checkEndpoint(target.url);
    if (!check.ok) throw new Error(check.message);
    return check.baseUrl;
  }
  const region = findRegion(target.region);
  if (!region) throw new Error(`unknown region "${target.region}"`);
  return regionBaseUrl(region);
}

/** "Singapore (adminapisgp.im.qcloud.com)" or the endpoint URL. */
export function describeTarget(target: Target): string {
  if (target.kind === 'endpoint') return target.url;
  const region = findRegion(target.region);
  return region ? `${region.name} (${region.domain})` : target.region;
}
