// UserSig (electron/core/tim/usersig.ts): the reference's known answer, byte-identical to Tencent's tls-sig-api-v2,
// verification of every field, and refusals whose messages never hold the key.
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  decodeUserSig,
  generateUserSig,
  MAX_USERSIG_EXPIRE_SECONDS,
  userSigHmac,
  verifyUserSig,
} from '../../../../../electron/core/tim/usersig.js';

const require = createRequire(import.meta.url);
// Tencent's official Node signing library, as an independent implementation to compare with.
const { Api: OfficialApi } = require('tls-sig-api-v2') as {
  Api: new (sdkappid: number, key: string) => { genUserSig(identifier: string, expire: number): string };
};

const KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
const at = (seconds: number) => () => seconds * 1000;

describe('UserSig', () => {
  afterEach(() => vi.useRealTimers());

  it('matches the reference known-answer HMAC', () => {
    expect(userSigHmac(KEY, { sdkAppId: 1400000000, identifier: '0', time: 1569910200, expire: 15552000 })).toBe(
      'CpjuBdQs9ZwnuGAJR8onoOeI9fweX2vIMMY94iOJWJY=',
    );
  });

  it('encodes the documented JSON document, zlib-compressed with URL-safe base64', () => {
    const sig = generateUserSig({ secretKey: KEY, sdkAppId: 1400000000, identifier: '0', expireSeconds: 15552000, now: at(1569910200) });
    expect(sig).toMatch(/^[A-Za-z0-9*\-_]+$/);
    const json = inflateSync(Buffer.from(sig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '='), 'base64')).toString();
    expect(JSON.parse(json)).toEqual({
      'TLS.ver': '2.0',
      'TLS.identifier': '0',
      'TLS.sdkappid': 1400000000,
      'TLS.time': 1569910200,
      'TLS.expire': 15552000,
      'TLS.sig': 'CpjuBdQs9ZwnuGAJR8onoOeI9fweX2vIMMY94iOJWJY=',
    });
  });

  it('is byte-identical to the official tls-sig-api-v2 library, and verifies its UserSigs', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_700_000_000_000);
    const official = new OfficialApi(1400000123, KEY).genUserSig('administrator', 86400);
    const ours = generateUserSig({
      secretKey: KEY,
      sdkAppId: 1400000123,
      identifier: 'administrator',
      expireSeconds: 86400,
      now: Date.now,
    });
    expect(ours).toBe(official);
    expect(verifyUserSig(official, { secretKey: KEY, sdkAppId: 1400000123, identifier: 'administrator', now: Date.now }).ok).toBe(true);
  });

  const made = generateUserSig({ secretKey: KEY, sdkAppId: 1400000000, identifier: 'admin', expireSeconds: 3600, now: at(1_000_000) });
  const check = { secretKey: KEY, sdkAppId: 1400000000, identifier: 'admin', now: at(1_000_100) };

  it('round-trips', () => {
    expect(verifyUserSig(made, check)).toEqual({
      ok: true,
      fields: { sdkAppId: 1400000000, identifier: 'admin', time: 1_000_000, expire: 3600 },
    });
    expect(decodeUserSig(made)?.identifier).toBe('admin');
  });

  it.each([
    ['another key', { secretKey: KEY.replace('5', '6') }, 'bad-signature'],
    ['another identifier', { identifier: 'someone' }, 'identifier-mismatch'],
    ['another SDKAppID', { sdkAppId: 1400000001 }, 'sdkappid-mismatch'],
    ['a clock past the expiry', { now: at(1_000_000 + 3601) }, 'expired'],
  ])('rejects %s', (_label, change, reason) => {
    expect(verifyUserSig(made, { ...check, ...change })).toMatchObject({ ok: false, reason });
  });

  it('accepts the last second of validity', () => {
    expect(verifyUserSig(made, { ...check, now: at(1_000_000 + 3600) }).ok).toBe(true);
  });

  it.each([
    ['truncated', made.slice(0, made.length - 12)],
    ['garbage', 'not-a-usersig!'],
    ['empty', ''],
    ['valid base64 of non-zlib', Buffer.from('hello').toString('base64').replace(/=/g, '_')],
  ])('rejects a %s UserSig as unparsable', (_label, sig) => {
    expect(verifyUserSig(sig, check)).toMatchObject({ ok: false, reason: 'unparsable' });
  });

  it('rejects a forged document whose fields were edited after signing', () => {
    const json = inflateSync(Buffer.from(made.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '='), 'base64')).toString();
    const forged = JSON.parse(json);
    forged['TLS.expire'] = 999999999;
    const { deflateSync } = require('node:zlib') as typeof import('node:zlib');
    const sig = deflateSync(Buffer.from(JSON.stringify(forged)))
      .toString('base64')
      .replace(/\+/g, '*')
      .replace(/\//g, '-')
      .replace(/=/g, '_');
    expect(verifyUserSig(sig, { ...check, now: at(1_000_000 + 7200) })).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it.each([
    ['a validity of 0', { expireSeconds: 0 }, /validity must be a whole number of seconds/],
    ['a validity over the cap', { expireSeconds: MAX_USERSIG_EXPIRE_SECONDS + 1 }, /validity must be a whole number of seconds/],
    ['a fractional validity', { expireSeconds: 1.5 }, /validity must be a whole number of seconds/],
    ['an empty key', { secretKey: '' }, /the secret key is empty/],
    ['a negative SDKAppID', { sdkAppId: -1 }, /SDKAppID must be a positive whole number/],
    ['a fractional SDKAppID', { sdkAppId: 1.5 }, /SDKAppID must be a positive whole number/],
    ['an empty identifier', { identifier: '' }, /the admin identifier is empty/],
  ] as const)('refuses %s, with a message that holds no key', (_case, change, message) => {
    let thrown: unknown;
    try {
      generateUserSig({ secretKey: KEY, sdkAppId: 1, identifier: 'a', now: Date.now, ...change });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RangeError);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toContain(KEY);
  });
});
