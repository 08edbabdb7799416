// profiles.json read without a validation library: every field by the shared rules, unknown fields left out, the
// first problem named by its path; a damaged protected pattern is read (the guards refuse it), never the whole file.
import { describe, expect, it } from 'vitest';
import { readProfilesFile } from '../../../../electron/core/profiles-file.js';

const good = {
  id: '00000000-0000-4000-8000-000000000001',
  name: ' Prod ',
  target: { kind: 'region', region: 'singapore' },
  sdkAppId: 1400000000,
  identifier: 'administrator',
  secretStorage: 'keychain',
  protected: ['@RBT#prod-*', 'keep-*'],
  production: true,
  createdAt: 'x',
  updatedAt: 'y',
};
const file = (...profiles: unknown[]) => ({ version: 1, profiles });

describe('reading profiles.json', () => {
  it('keeps every known field, trims the name, leaves unknown fields out and keeps even an unusable pattern', () => {
    expect(readProfilesFile(file({ ...good, note: 'from a later Botsweep' }))).toEqual({
      ok: true,
      profiles: [{ ...good, name: 'Prod' }],
    });
  });

  it.each([
    [{ version: 2, profiles: [] }, /^version: must be 1/],
    [{ version: 1 }, /^profiles: must be a list/],
    [file({ ...good, id: 'x' }), /^profiles\.0\.id: not a profile id/],
    [file({ ...good, name: '' }), /^profiles\.0\.name: the profile name is empty/],
    [file({ ...good, target: { kind: 'region', region: 'mars' } }), /^profiles\.0\.target\.region: not a known region/],
    [
      file({ ...good, target: { kind: 'endpoint', url: 'http://gw.example.com' } }),
      /^profiles\.0\.target\.url: plain http:\/\/ is only allowed/,
    ],
    [file({ ...good, sdkAppId: '1400000000' }), /^profiles\.0\.sdkAppId: the SDKAppID must be a number/],
    [file({ ...good, identifier: 'ad min' }), /^profiles\.0\.identifier: the admin identifier holds whitespace/],
    [file({ ...good, secretStorage: 'file' }), /^profiles\.0\.secretStorage: must be "keychain" or "session"/],
    [file({ ...good, protected: 'x' }), /^profiles\.0\.protected: must be a list of patterns/],
    [file({ ...good, keyFor: { ...good, sdkAppId: 0 } }), /^profiles\.0\.keyFor\.sdkAppId: the SDKAppID must be greater than 0/],
    [file(good, { ...good, production: 'yes' }), /^profiles\.1\.production: must be true or false/],
  ])('refuses %j, naming what is wrong', (value, reason) => {
    const read = readProfilesFile(value);
    expect(read.ok).toBe(false);
    expect(read.ok ? '' : read.reason).toMatch(reason);
  });
});
