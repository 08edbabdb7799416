// Profiles (electron/core/profiles.ts): the secret in the keychain and only metadata in the file, no half-made profile,
// a key handed out only for its own app, damaged files refused with a way out, removal taking both, session-only keys.
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileStore, ProfileError } from '../../../../electron/core/profiles.js';
import { Vault, VaultError, classifyKeychainError } from '../../../../electron/core/vault.js';
import { MemoryKeychain, unreachableKeychain } from '../../../helpers/fake-keychain.js';

/** The key a keychain entry holds (entries hold the key together with the app it was entered for). */
const keyIn = (keychain: MemoryKeychain, id: string) => JSON.parse(keychain.entries.get(id) ?? 'null')?.secret;

const SECRET = 'f00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeed';
const input = {
  name: 'Prod SG',
  target: { kind: 'region', region: 'singapore' } as const,
  sdkAppId: 1400000000,
  identifier: 'administrator',
};

function setup(keychain: ConstructorParameters<typeof Vault>[0]['keychain'] = new MemoryKeychain()) {
  const dir = mkdtempSync(join(tmpdir(), 'botsweep-profiles-'));
  const vault = new Vault({ keychain, platform: 'linux' });
  return { dir, vault, store: new ProfileStore(dir, vault), keychain };
}

describe('ProfileStore', () => {
  it('keeps the secret in the keychain and only metadata in the file', async () => {
    const keychain = new MemoryKeychain();
    const { dir, store } = setup(keychain);
    const profile = await store.add(input, `  ${SECRET}\n`);
    expect(profile).toMatchObject({ name: 'Prod SG', sdkAppId: 1400000000, hasSecret: true, secretStorage: 'keychain' });
    expect(keyIn(keychain, profile.id)).toBe(SECRET);
    const file = readFileSync(join(dir, 'profiles.json'), 'utf8');
    expect(file).not.toContain(SECRET);
    expect(JSON.parse(file).profiles[0]).not.toHaveProperty('hasSecret');
    if (process.platform !== 'win32') expect(statSync(join(dir, 'profiles.json')).mode & 0o777).toBe(0o600);
    expect(await store.secretFor(profile)).toBe(SECRET);
    // A second store over the same folder reads it back.
    expect(new ProfileStore(dir, new Vault({ keychain })).get('prod sg').id).toBe(profile.id);
  });

  it('creates no profile when the keychain refuses the secret', async () => {
    const keychain = new MemoryKeychain();
    keychain.locked = true;
    const { dir, store } = setup(keychain);
    await expect(store.add(input, SECRET)).rejects.toThrow(/locked\. Unlock your login keyring/);
    expect(store.list()).toEqual([]);
    expect(existsSync(join(dir, 'profiles.json'))).toBe(false);
    const unreachable = setup(unreachableKeychain);
    await expect(unreachable.store.add(input, SECRET)).rejects.toThrow(/cannot be reached .* Start gnome-keyring or KWallet/);
    expect(existsSync(join(unreachable.dir, 'profiles.json'))).toBe(false);
  });

  it('says a locked keychain is locked even though its reads come back empty', async () => {
    const keychain = new MemoryKeychain();
    const { store } = setup(keychain);
    const profile = await store.add(input, SECRET);
    keychain.locked = true;
    const error = await store.secretFor(profile).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultError);
    expect(error).toMatchObject({ problem: 'locked' });
    keychain.locked = false;
    keychain.entries.delete(profile.id);
    await expect(store.secretFor(profile)).rejects.toMatchObject({ problem: 'missing' });
    expect(keychain.entries.size).toBe(0); // the probe cleaned up after itself
  });

  it('validates names, SDKAppIDs, identifiers and endpoints, and refuses duplicate names', async () => {
    const { store } = setup();
    await expect(store.add({ ...input, name: '  ' }, SECRET)).rejects.toThrow('the profile name is empty');
    await expect(store.add({ ...input, sdkAppId: 1.5 }, SECRET)).rejects.toThrow('whole number');
    await expect(store.add({ ...input, identifier: 'a b' }, SECRET)).rejects.toThrow('whitespace');
    await expect(store.add({ ...input, target: { kind: 'endpoint', url: 'http://example.com' } }, SECRET)).rejects.toThrow(
      /only allowed to this machine/,
    );
    await expect(store.add(input, ' ')).rejects.toThrow('the secret key is empty');
    await store.add(input, SECRET);
    await expect(store.add({ ...input, name: 'prod sg' }, SECRET)).rejects.toThrow(ProfileError);
  });

  it('keeps the stored secret when an edit brings none, and replaces it when it does', async () => {
    const keychain = new MemoryKeychain();
    const { store } = setup(keychain);
    const profile = await store.add(input, SECRET);
    const renamed = await store.update('Prod SG', { name: 'Prod Singapore' });
    expect(renamed).toMatchObject({ id: profile.id, name: 'Prod Singapore', sdkAppId: 1400000000 });
    expect(keyIn(keychain, profile.id)).toBe(SECRET);
    expect(await store.secretFor(renamed)).toBe(SECRET);
    await store.update(profile.id, {}, { value: 'other-key', storage: 'keychain' });
    expect(keyIn(keychain, profile.id)).toBe('other-key');
  });

  it.each([
    ['SDKAppID', { sdkAppId: 1400000001 }],
    ['identifier', { identifier: 'root' }],
    ['region', { target: { kind: 'region', region: 'tokyo' } as const }],
    ['endpoint', { target: { kind: 'endpoint', url: 'https://gateway.attacker.example' } as const }],
  ])('refuses to move a profile to another %s without its key, and binds a new key to the new app', async (_label, change) => {
    const keychain = new MemoryKeychain();
    const { dir, store } = setup(keychain);
    const profile = await store.add(input, SECRET);
    const before = readFileSync(join(dir, 'profiles.json'), 'utf8');
    await expect(store.update(profile.id, change)).rejects.toThrow(/enter the secret key again/);
    expect(readFileSync(join(dir, 'profiles.json'), 'utf8')).toBe(before);
    const moved = await store.update(profile.id, change, { value: 'new-key', storage: 'keychain' });
    expect(JSON.parse(keychain.entries.get(profile.id)!).app).toEqual({
      target: moved.target,
      sdkAppId: moved.sdkAppId,
      identifier: moved.identifier,
    });
    expect(await store.secretFor(moved)).toBe('new-key');
  });

  it('never hands out a key for an app it was not entered for, whatever the profiles file says', async () => {
    const keychain = new MemoryKeychain();
    const { dir, store } = setup(keychain);
    const profile = await store.add(input, SECRET);
    const file = JSON.parse(readFileSync(join(dir, 'profiles.json'), 'utf8'));
    // Both the profile's target and a forged "keyFor" point elsewhere: only the keychain entry's binding counts.
    const elsewhere = { kind: 'endpoint', url: 'https://gateway.attacker.example' };
    file.profiles[0].target = elsewhere;
    file.profiles[0].keyFor = { target: elsewhere, sdkAppId: input.sdkAppId, identifier: input.identifier };
    writeFileSync(join(dir, 'profiles.json'), JSON.stringify(file));
    await expect(store.secretFor(store.get(profile.id))).rejects.toThrow(
      /was entered for SDKAppID 1400000000 at Singapore .* \(admin administrator\), not SDKAppID 1400000000 at https:\/\/gateway\.attacker\.example \(admin administrator\)/,
    );
  });

  it('asks for the key again for an entry from before entries held their app, whatever the file says', async () => {
    const keychain = new MemoryKeychain();
    const { dir, store } = setup(keychain);
    const profile = await store.add(input, SECRET);
    keychain.entries.set(profile.id, SECRET); // a bare key, as Botsweep 0.1 stored it
    const file = JSON.parse(readFileSync(join(dir, 'profiles.json'), 'utf8'));
    file.profiles[0].keyFor = { target: input.target, sdkAppId: input.sdkAppId, identifier: input.identifier };
    writeFileSync(join(dir, 'profiles.json'), JSON.stringify(file));
    await expect(store.secretFor(store.get(profile.id))).rejects.toThrow(/saved by an earlier Botsweep.*enter the key again/);
    expect(keychain.entries.get(profile.id)).toBe(SECRET);
  });

  it('removes both the secret and the metadata; refuses when the keychain cannot, unless forced', async () => {
    const keychain = new MemoryKeychain();
    const { store } = setup(keychain);
    const a = await store.add(input, SECRET);
    await store.add({ ...input, name: 'Other' }, SECRET);
    await store.remove('Prod SG');
    expect(keychain.entries.has(a.id)).toBe(false);
    expect(store.list().map((p) => p.name)).toEqual(['Other']);
    keychain.locked = true;
    await expect(store.remove('Other')).rejects.toThrow(/locked/);
    expect(store.list()).toHaveLength(1);
    expect(await store.remove('Other', { force: true })).toMatchObject({ secretLeft: true });
    expect(store.list()).toHaveLength(0);
  });

  it('refuses to read (or overwrite) a damaged file, saying what is wrong and how to start over; never moves it', async () => {
    const { dir, store } = setup();
    const damaged = '{"version":1,"profiles":[{"name":';
    writeFileSync(join(dir, 'profiles.json'), damaged);
    expect(() => store.list()).toThrow(/cannot be read \(not JSON.*nothing is sent to any app.*mv '/s);
    await expect(store.add(input, SECRET)).rejects.toThrow(/cannot be read/);
    expect(readFileSync(join(dir, 'profiles.json'), 'utf8')).toBe(damaged);
    expect(readdirSync(dir)).toEqual(['profiles.json']);
    const wrongShape = setup();
    writeFileSync(join(wrongShape.dir, 'profiles.json'), JSON.stringify({ version: 1, profiles: [{ name: 'x' }] }));
    expect(() => wrongShape.store.list()).toThrow(/profiles\.0\./);
  });

  it('reads a file with fields it does not know, and refuses one whose profiles share an id', async () => {
    const { dir, store } = setup();
    const profile = await store.add(input, SECRET);
    const file = JSON.parse(readFileSync(join(dir, 'profiles.json'), 'utf8'));
    file.profiles[0].note = 'from a later Botsweep';
    writeFileSync(join(dir, 'profiles.json'), JSON.stringify(file));
    expect(store.list().map((p) => p.id)).toEqual([profile.id]);
    file.profiles.push({ ...file.profiles[0], name: 'Twin' });
    writeFileSync(join(dir, 'profiles.json'), JSON.stringify(file));
    expect(() => store.list()).toThrow(/two profiles share the id/);
  });

  it('holds a session-only secret in memory only', async () => {
    const keychain = new MemoryKeychain();
    const { dir, store, vault } = setup(keychain);
    const profile = await store.add(input, SECRET, 'session');
    expect(keychain.entries.size).toBe(0);
    expect(profile).toMatchObject({ secretStorage: 'session', hasSecret: true });
    expect(await store.secretFor(profile)).toBe(SECRET);
    // Another process (a new vault) has no secret for it.
    const later = new ProfileStore(dir, new Vault({ keychain }));
    expect(later.get(profile.id).hasSecret).toBe(false);
    await expect(later.secretFor(later.get(profile.id))).rejects.toThrow(/one app session only/);
    expect(vault.hasSessionSecret(profile.id)).toBe(true);
  });
});

describe('classifyKeychainError', () => {
  it.each([
    ['Platform failure: DBus error: org.freedesktop.DBus.Error.ServiceUnknown', 'unavailable'],
    ["Couldn't access platform storage: Secret Service: no result found", 'locked'],
    ['Platform secure storage failure: User interaction is not allowed.', 'locked'],
    ['something else entirely', 'unavailable'],
  ])('%s → %s', (message, kind) => {
    expect(classifyKeychainError(new Error(message))).toBe(kind);
  });
});

describe('ProfileStore shared by the app and the CLI', () => {
  it('sees and keeps a profile another process added in between', async () => {
    const keychain = new MemoryKeychain();
    const { dir, store: app } = setup(keychain);
    await app.add(input, SECRET);
    const cli = new ProfileStore(dir, new Vault({ keychain }));
    await cli.add({ ...input, name: 'From the CLI' }, SECRET);
    expect(app.find('From the CLI')).not.toBeNull();
    await app.add({ ...input, name: 'Third' }, SECRET);
    expect(cli.list().map((p) => p.name)).toEqual(['Prod SG', 'From the CLI', 'Third']);
  });
});
