// Profiles: metadata in profiles.json (written atomically, never the secret), secrets through the vault.
// Adding stores the secret first; removing removes both; a file that cannot be read refuses, and is never overwritten.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  endpointProblem,
  identifierProblem,
  profileConnection,
  profileNameProblem,
  profileProblemText,
  protectedProblem,
  sdkAppIdProblem,
  type Profile,
  type ProfileView,
  type SecretStorage,
} from '../../shared/profile.js';
import { isRegionId } from '../../shared/regions.js';
import type { Connection, Target } from '../../shared/target.js';
import { describeConnection, sameAdmin } from '../../shared/app-identity.js';
import { writeFileAtomic } from './atomic-file.js';
import { readProfilesFile } from './profiles-file.js';
import { Refusal } from './usecases/refusals.js';
import { VaultError, type Vault } from './vault.js';

/** What a profile is made of when it is added or edited (checked by the contract's schemas on save). */
export interface ProfileInput {
  name: string;
  target: Target;
  sdkAppId: number;
  identifier: string;
  protected?: string[] | undefined;
  production?: boolean | undefined;
}

export class ProfileError extends Error {
  override readonly name = 'ProfileError';
}

/** An edit moved a profile to another app without its secret key: the stored key may not sign for the new one. */
export class KeyNeededError extends ProfileError {}

export class ProfileStore {
  readonly path: string;

  constructor(
    dataDir: string,
    private readonly vault: Vault,
    private readonly now: () => number = Date.now,
  ) {
    this.path = join(dataDir, 'profiles.json');
  }

  /**
   * Read fresh every time: the app and the CLI share the file, and a stale copy would overwrite the other's change.
   * A file that cannot be read refuses everything that needs profiles — every sweep included, since any profile may
   * guard the app — until it is fixed or moved away: reading it as "no profiles" would drop every guard.
   */
  private load(): Profile[] {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      return [];
    }
    let reason: string;
    try {
      const read = readProfilesFile(JSON.parse(text));
      if (read.ok) {
        const ids = read.profiles.map((profile) => profile.id);
        const twice = ids.find((id, index) => ids.indexOf(id) !== index);
        if (!twice) return read.profiles;
        reason = `two profiles share the id ${twice}`;
      } else reason = read.reason;
    } catch (error) {
      reason = `not JSON (${(error as Error).message})`;
    }
    throw new Refusal('profiles-unreadable', { path: this.path, reason });
  }

  private save(profiles: Profile[]): void {
    writeFileAtomic(this.path, `${JSON.stringify({ version: 1, profiles }, null, 2)}\n`);
  }

  private view(profile: Profile): ProfileView {
    const hasSecret = profile.secretStorage === 'keychain' || this.vault.hasSessionSecret(profile.id);
    return { ...profile, hasSecret };
  }

  list(): ProfileView[] {
    return this.load().map((profile) => this.view(profile));
  }

  /** By exact id, or by name ignoring case. */
  find(nameOrId: string): ProfileView | null {
    const key = nameOrId.trim().toLowerCase();
    const profile = this.load().find((p) => p.id === nameOrId || p.name.toLowerCase() === key);
    return profile ? this.view(profile) : null;
  }

  get(nameOrId: string): ProfileView {
    const profile = this.find(nameOrId);
    if (!profile) {
      const names = this.load().map((p) => p.name);
      throw new ProfileError(
        `no profile "${nameOrId}"${names.length ? `; the profiles are: ${names.join(', ')}` : '; add one with "botsweep profile add"'}`,
      );
    }
    return profile;
  }

  /** Checks a profile's fields by the shared validators (the rules the contract's schemas wrap), trimmed. */
  private validate(input: ProfileInput, exceptId: string | null): ProfileInput {
    const problem =
      profileNameProblem(input.name) ??
      (input.target.kind === 'endpoint' ? endpointProblem(input.target.url) : null) ??
      sdkAppIdProblem(input.sdkAppId) ??
      identifierProblem(input.identifier) ??
      protectedProblem(input.protected ?? []);
    if (problem) throw new ProfileError(profileProblemText(problem));
    if (input.target.kind === 'region' && !isRegionId(input.target.region))
      throw new ProfileError(`unknown region "${input.target.region}"`);
    const data: ProfileInput = {
      name: input.name.trim(),
      target: input.target.kind === 'endpoint' ? { kind: 'endpoint', url: input.target.url.trim() } : input.target,
      sdkAppId: input.sdkAppId,
      identifier: input.identifier.trim(),
      ...(input.protected === undefined ? {} : { protected: [...input.protected] }),
      ...(input.production === undefined ? {} : { production: input.production }),
    };
    const clash = this.load().find((p) => p.id !== exceptId && p.name.toLowerCase() === data.name.toLowerCase());
    if (clash) throw new ProfileError(`a profile named "${clash.name}" exists already`);
    return data;
  }

  /** Secret first, metadata second: when the keychain refuses, no profile is created. */
  async add(input: ProfileInput, secret: string, storage: SecretStorage = 'keychain'): Promise<ProfileView> {
    const data = this.validate(input, null);
    if (secret.trim() === '') throw new ProfileError('the secret key is empty');
    const at = new Date(this.now()).toISOString();
    const target = data.target as Target;
    const profile: Profile = { id: randomUUID(), ...data, target, secretStorage: storage, createdAt: at, updatedAt: at };
    await this.vault.store(profile.id, secret.trim(), storage, profileConnection(profile));
    try {
      this.save([...this.load(), profile]);
    } catch (error) {
      await this.vault.remove(profile.id, storage).catch(() => undefined);
      throw error;
    }
    return this.view(profile);
  }

  /**
   * Changes metadata. Without a new secret the stored one is kept, but only while the profile stays on the same app:
   * moving it to another region/endpoint, SDKAppID or identifier needs the key again (KeyNeededError).
   */
  async update(nameOrId: string, changes: Partial<ProfileInput>, secret?: { value: string; storage: SecretStorage }): Promise<ProfileView> {
    const current = this.get(nameOrId);
    const data = this.validate(
      {
        name: current.name,
        target: current.target,
        sdkAppId: current.sdkAppId,
        identifier: current.identifier,
        ...(current.protected ? { protected: current.protected } : {}),
        ...(current.production !== undefined ? { production: current.production } : {}),
        ...changes,
      },
      current.id,
    );
    const next: Connection = { target: data.target as Target, sdkAppId: data.sdkAppId, identifier: data.identifier };
    if (!secret && !sameAdmin(next, profileConnection(current))) {
      throw new KeyNeededError(
        'the region or endpoint, SDKAppID or admin identifier changed: enter the secret key again (a stored key only signs for the app it was entered for)',
      );
    }
    let secretStorage = current.secretStorage;
    if (secret) {
      if (secret.value.trim() === '') throw new ProfileError('the secret key is empty');
      await this.vault.store(current.id, secret.value.trim(), secret.storage, next);
      // Moving from the keychain to session-only: the old keychain copy must not linger.
      if (current.secretStorage === 'keychain' && secret.storage === 'session') await this.vault.remove(current.id, 'keychain');
      secretStorage = secret.storage;
    }
    const { hasSecret: _hasSecret, keyFor: _legacyKeyFor, ...stored } = current;
    const updated: Profile = { ...stored, ...data, target: next.target, secretStorage, updatedAt: new Date(this.now()).toISOString() };
    this.save(this.load().map((p) => (p.id === current.id ? updated : p)));
    return this.view(updated);
  }

  /** Removes the secret, then the metadata; with `force`, the metadata goes even when the keychain cannot be reached. */
  async remove(nameOrId: string, options: { force?: boolean } = {}): Promise<{ profile: ProfileView; secretLeft: boolean }> {
    const profile = this.get(nameOrId);
    let secretLeft = false;
    try {
      await this.vault.remove(profile.id, profile.secretStorage);
    } catch (error) {
      if (!options.force) throw error;
      secretLeft = true;
    }
    this.save(this.load().filter((p) => p.id !== profile.id));
    return { profile, secretLeft };
  }

  /** Whether the keychain holds an entry for the profile (an unreachable or locked keychain counts as none). */
  async hasKeychainEntry(profile: Profile): Promise<boolean> {
    return this.vault.read(profile.id, 'keychain').then(
      () => true,
      () => false,
    );
  }

  /**
   * The profile's key, only for the app and admin it was entered for, as its keychain entry says: every signing path
   * reads it here. An entry from before entries held their app is not trusted to anything the data folder says (whoever
   * can write profiles.json could name any host): its key must be entered again.
   */
  async secretFor(profile: Profile): Promise<string> {
    const app = profileConnection(profile);
    const { secret, boundTo } = await this.vault.read(profile.id, profile.secretStorage);
    if (!boundTo)
      throw new VaultError(
        'missing',
        `the stored secret key of profile "${profile.name}" was saved by an earlier Botsweep, which did not keep with it the app it is for: enter the key again to use it with ${describeConnection(app)}.`,
      );
    if (!sameAdmin(boundTo, app))
      throw new Refusal('key-bound-elsewhere', {
        profile: profile.name,
        keyApp: describeConnection(boundTo),
        app: describeConnection(app),
      });
    return secret;
  }
}
