// TLSSigAPIv2 UserSig: generation and verification, exactly as Tencent's signing libraries do it.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';

/** The longest a UserSig Botsweep signs lives by default (`botsweep usersig` and every gateway call): a leaked one is worth an hour at most. */
export const USERSIG_LIFETIME_SECONDS = 3600;
export const MAX_USERSIG_EXPIRE_SECONDS = 50 * 365 * 24 * 3600;

export interface UserSigFields {
  readonly sdkAppId: number;
  readonly identifier: string;
  /** Unix seconds at signing. */
  readonly time: number;
  /** Validity duration in seconds (not an absolute time). */
  readonly expire: number;
}

/** Standard base64 HMAC-SHA256 over the signing content; the key is the secret's UTF-8 bytes. */
export function userSigHmac(secretKey: string, fields: UserSigFields): string {
  const content =
    `TLS.identifier:${fields.identifier}\n` +
    `TLS.sdkappid:${fields.sdkAppId}\n` +
    `TLS.time:${fields.time}\n` +
    `TLS.expire:${fields.expire}\n`;
  return createHmac('sha256', Buffer.from(secretKey, 'utf8')).update(content, 'utf8').digest('base64');
}

function toUrlSafe(base64: string): string {
  return base64.replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
}

function fromUrlSafe(text: string): string {
  return text.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
}

export interface GenerateUserSigOptions {
  readonly secretKey: string;
  readonly sdkAppId: number;
  readonly identifier: string;
  /** Validity in seconds; one hour unless asked (the official libraries default to 180 days). */
  readonly expireSeconds?: number;
  /** Clock in milliseconds since the epoch. */
  readonly now: () => number;
}

export function generateUserSig(options: GenerateUserSigOptions): string {
  const expire = options.expireSeconds ?? USERSIG_LIFETIME_SECONDS;
  if (!Number.isInteger(expire) || expire <= 0 || expire > MAX_USERSIG_EXPIRE_SECONDS) {
    throw new RangeError(`UserSig validity must be a whole number of seconds from 1 to ${MAX_USERSIG_EXPIRE_SECONDS}`);
  }
  if (!Number.isSafeInteger(options.sdkAppId) || options.sdkAppId <= 0) {
    throw new RangeError('SDKAppID must be a positive whole number');
  }
  if (options.identifier === '') throw new RangeError('the admin identifier is empty');
  if (options.secretKey === '') throw new RangeError('the secret key is empty');
  const fields: UserSigFields = {
    sdkAppId: options.sdkAppId,
    identifier: options.identifier,
    time: Math.floor(options.now() / 1000),
    expire,
  };
  // Same field order as the official libraries, so the output matches theirs byte for byte.
  const document = {
    'TLS.ver': '2.0',
    'TLS.identifier': fields.identifier,
    'TLS.sdkappid': fields.sdkAppId,
    'TLS.time': fields.time,
    'TLS.expire': fields.expire,
    'TLS.sig': userSigHmac(options.secretKey, fields),
  };
  return toUrlSafe(deflateSync(Buffer.from(JSON.stringify(document), 'utf8')).toString('base64'));
}

export type UserSigRejection = 'unparsable' | 'identifier-mismatch' | 'sdkappid-mismatch' | 'expired' | 'bad-signature';

export type UserSigVerdict =
  | { readonly ok: true; readonly fields: UserSigFields }
  | { readonly ok: false; readonly reason: UserSigRejection; readonly fields?: UserSigFields };

/** Reads the fields of a UserSig without checking its signature, or null when it cannot be parsed. */
export function decodeUserSig(userSig: string): (UserSigFields & { sig: string }) | null {
  try {
    if (!/^[A-Za-z0-9*\-_]+$/.test(userSig)) return null;
    const json = inflateSync(Buffer.from(fromUrlSafe(userSig), 'base64')).toString('utf8');
    const doc = JSON.parse(json) as Record<string, unknown>;
    const identifier = doc['TLS.identifier'];
    const sdkAppId = doc['TLS.sdkappid'];
    const time = doc['TLS.time'];
    const expire = doc['TLS.expire'];
    const sig = doc['TLS.sig'];
    if (
      typeof identifier !== 'string' ||
      typeof sdkAppId !== 'number' ||
      typeof time !== 'number' ||
      typeof expire !== 'number' ||
      typeof sig !== 'string'
    ) {
      return null;
    }
    return { identifier, sdkAppId, time, expire, sig };
  } catch {
    return null;
  }
}

export interface VerifyUserSigOptions {
  readonly secretKey: string;
  readonly sdkAppId: number;
  readonly identifier: string;
  readonly now: () => number;
}

/** Verifies like the gateway: parse, identifier, SDKAppID, expiry, then the HMAC. */
export function verifyUserSig(userSig: string, options: VerifyUserSigOptions): UserSigVerdict {
  const decoded = decodeUserSig(userSig);
  if (!decoded) return { ok: false, reason: 'unparsable' };
  const { sig, ...fields } = decoded;
  if (fields.identifier !== options.identifier) return { ok: false, reason: 'identifier-mismatch', fields };
  if (fields.sdkAppId !== options.sdkAppId) return { ok: false, reason: 'sdkappid-mismatch', fields };
  if (Math.floor(options.now() / 1000) > fields.time + fields.expire) return { ok: false, reason: 'expired', fields };
  const expected = Buffer.from(userSigHmac(options.secretKey, fields));
  const actual = Buffer.from(sig);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    return { ok: false, reason: 'bad-signature', fields };
  }
  return { ok: true, fields };
}
