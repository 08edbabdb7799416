// The contract's request schemas (electron/core/contract/request-schemas.ts): each channel's valid payload passes,
// anything else — not an object, an unknown field, fuzzed junk — is refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../../../../shared/api-channels.js';
import { parseRequest, requestSchemas } from '../../../../../electron/core/contract/request-schemas.js';

const PROFILE_ID = '0b7f5a52-2a3e-4c57-9b61-1f0e2d3c4b5a';
const BATCH_ID = '20261126T003902123Z-a1b2c3';

/** One valid payload per channel. */
const VALID: Record<Channel, Record<string, unknown>> = {
  'profiles.list': {},
  'profiles.save': {
    name: 'Prod',
    target: { kind: 'region', region: 'seoul' },
    sdkAppId: 1400000000,
    identifier: 'administrator',
    secret: 'k',
    secretStorage: 'keychain',
  },
  'profiles.remove': { id: PROFILE_ID },
  'profiles.test': { id: PROFILE_ID, target: { kind: 'region', region: 'singapore' }, sdkAppId: 1400000000, identifier: 'administrator' },
  'bots.list': { profileId: PROFILE_ID },
  'bots.nicknames': { profileId: PROFILE_ID, accounts: ['@RBT#a'] },
  'bots.check': { profileId: PROFILE_ID, accounts: ['@RBT#a', '@RBT#b'] },
  'bots.import': { profileId: PROFILE_ID, text: '@RBT#a\n@RBT#b\n' },
  'sweep.start': { profileId: PROFILE_ID, accounts: ['@RBT#a', '@RBT#b'], verify: true, nicknames: { '@RBT#a': 'Alpha' } },
  'sweep.cancel': { batchId: BATCH_ID },
  'sweep.retry': { batchId: BATCH_ID, accounts: ['@RBT#a'], profileId: PROFILE_ID },
  'sweep.previewRetry': { batchId: BATCH_ID },
  'sweep.recreate': { batchId: BATCH_ID, accounts: ['@RBT#a'], profileId: PROFILE_ID, confirmation: 'Prod' },
  'sweep.previewRecreate': { batchId: BATCH_ID },
  'sweep.status': {},
  'history.list': { status: 'interrupted' },
  'history.get': { batchId: BATCH_ID, accountStatus: 'failed' },
  'history.export': { format: 'csv' },
  'history.clear': {},
  'settings.get': {},
  'settings.set': { language: 'ko', theme: 'dark' },
};

describe('the contract schemas', () => {
  it.each(CHANNELS)('%s accepts its valid payload', (channel) => {
    expect(parseRequest(channel, VALID[channel]).ok).toBe(true);
  });

  const knownKeys = (channel: Channel) => Object.keys((requestSchemas[channel] as unknown as { shape: Record<string, unknown> }).shape);
  const isPlainObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value));

  it.each(CHANNELS)('%s rejects every payload that is not an object, or has a field it does not know (fuzzed)', (channel) => {
    const known = new Set(knownKeys(channel));
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withMap: true, withSet: true, withDate: true }), (junk) => {
        const unknownField = isPlainObject(junk) && Object.keys(junk).some((key) => !known.has(key));
        if (!isPlainObject(junk) || unknownField) expect(parseRequest(channel, junk).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it.each(CHANNELS)('%s rejects its valid payload with an unknown field, or with null, [] or {} in any field (fuzzed)', (channel) => {
    const valid = VALID[channel];
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((key) => !knownKeys(channel).includes(key)),
        fc.anything(),
        (key, value) => {
          expect(parseRequest(channel, { ...valid, [key]: value }).ok).toBe(false);
        },
      ),
      { numRuns: 100 },
    );
    for (const key of Object.keys(valid)) {
      for (const wrong of [null, [], {}])
        expect(parseRequest(channel, { ...valid, [key]: wrong }).ok, `${key}: ${JSON.stringify(wrong)}`).toBe(false);
    }
  });

  it('rejects non-chatbot accounts, empty batches and malformed ids', () => {
    expect(parseRequest('sweep.start', { profileId: PROFILE_ID, accounts: [] }).ok).toBe(false);
    expect(parseRequest('sweep.start', { profileId: PROFILE_ID, accounts: ['bot1'] }).ok).toBe(false);
    expect(parseRequest('sweep.start', { profileId: '../../x', accounts: ['@RBT#a'] }).ok).toBe(false);
    expect(parseRequest('history.get', { batchId: '../../etc/passwd' }).ok).toBe(false);
    expect(
      parseRequest('profiles.save', { ...VALID['profiles.save'], target: { kind: 'endpoint', url: 'http://example.com' } }),
    ).toMatchObject({
      ok: false,
      message: expect.stringMatching(/only allowed to this machine/),
    });
  });

  it('never echoes a rejected value, such as a secret, in its message', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 12 }).filter((s) => /^[A-Za-z0-9]+$/.test(s)),
        (secret) => {
          const result = parseRequest('profiles.save', { ...VALID['profiles.save'], secret: 12, sdkAppId: secret });
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.message).not.toContain(secret);
        },
      ),
      { numRuns: 100 },
    );
  });
});
