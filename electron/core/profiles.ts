// Profiles: metadata in profiles.json (written atomically, never the secret), secrets through the vault.
// Adding stores the secret first; removing removes both; a corrupt file is set aside and reported, never overwritten.
import { randomUUID } from 'node:crypto';
import { readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { profileConnection, type Profile, type ProfileView } from '../../shared/profile.js';
import { describeTarget, sameApp, type Connection, type Target } from '../../shared/target.js';
import { writeFileAtomic } from './atomic-file.js';
import {
  identifierSchema,
  profileNameSchema,
  profileSchema,
  protectedSchema,
  sdkAppIdSchema,
  targetSchema,
} from './contract/profile-schemas.js';
import { VaultError, type SecretStorage, type Vault } from './vault.js';

const fileSchema = z.object({ version: z.literal(1), profiles: z.array(profileSchema) });

export const profileInputSchema = z.object({
  name: profileNameSchema,
  target: targetSchema,
  sdkAppId: sdkAppIdSchema,
  identifier: identifierSchema,
  protected: protectedSchema.optional(),
  production: z.boolean().optional(),
});
export type ProfileInput = z.input<typeof profileInputSchema>;

export class ProfileError extends Error {
  override readonly name = 'ProfileError';
}

/** An edit moved a profile to another app without its secret key: the stored key may not sign for the new one. */
export class KeyNeededError extends ProfileError {}

/** "SDKAppID 1400000000 as administrator at Singapore (adminapisgp.im.qcloud.com)" */
export function describeApp(connection: Connection): string {
  return `SDKAppID ${connection.sdkAppId} as ${connection.identifier} at ${describeTarget(connection.target)}`;
}

/** Turns the first zod issue into a sentence. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? issue.message : 'invalid input';
}

export class ProfileStore {
  readonly path: string;
  /** Set when the file was unreadable and moved aside at load: what to tell the user. */
  warning: string | null = null;

  constructor(
    dataDir: string,
    private readonly vault: Vault,
    private readonly now: () => number = Date.now,
  ) {
    this.path = join(dataDir, 'profiles.json');
  }

  /** Read fresh every time: the app and the CLI share the file, and a stale copy would overwrite the other's change. */
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
      const parsed = fileSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data.profiles;
      reason = `${parsed.error.issues[0]?.path.join('.') || 'file'}: ${firstIssue(parsed.error)}`;
    } catch (error) {
      reason = `not JSON (${(error as Error).message})`;
    }
    const aside = `${this.path}.corrupt-${new Date(this.now()).toISOString().replace(/[:.]/g, '-')}`;
    renameSync(this.path, aside);
    this.warning = `The profiles file could not be read (${reason}). It was moved to ${aside} and Botsweep started with no profiles; the secret keys are still in the keychain.`;
    return [];
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

  private validate(input: ProfileInput, exceptId: string | null): z.output<typeof profileInputSchema> {
    const parsed = profileInputSchema.safeParse(input);
    if (!parsed.success) throw new ProfileError(firstIssue(parsed.error));
    const clash = this.load().find((p) => p.id !== exceptId && p.name.toLowerCase() === parsed.data.name.toLowerCase());
    if (clash) throw new ProfileError(`a profile named "${clash.name}" exists already`);
    return parsed.data;
  }

  /** Secret first, metadata second: when the keychain refuses, no profile is created. */
  async add(input: ProfileInput, secret: string, storage: SecretStorage = 'keychain'): Promise<ProfileView> {
    const data = this.validate(input, null);
    if (secret.trim() === '') throw new ProfileError('the secret key is empty');
    const at = new Date(this.now()).toISOString();
    const target = data.target as Target;
    const profile: Profile = {
      id: randomUUID(),
      ...data,
      target,
      secretStorage: storage,
      keyFor: { target, sdkAppId: data.sdkAppId, identifier: data.identifier },
      createdAt: at,
      updatedAt: at,
    };
    await this.vault.store(profile.id, secret.trim(), storage);
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
    if (!secret && !sameApp(next, profileConnection(current))) {
      throw new KeyNeededError(
        'the region or endpoint, SDKAppID or admin identifier changed: enter the secret key again (a stored key only signs for the app it was entered for)',
      );
    }
    let secretStorage = current.secretStorage;
    let keyFor = current.keyFor;
    if (secret) {
      if (secret.value.trim() === '') throw new ProfileError('the secret key is empty');
      await this.vault.store(current.id, secret.value.trim(), secret.storage);
      // Moving from the keychain to session-only: the old keychain copy must not linger.
      if (current.secretStorage === 'keychain' && secret.storage === 'session') await this.vault.remove(current.id, 'keychain');
      secretStorage = secret.storage;
      keyFor = next;
    }
    const { hasSecret: _hasSecret, ...stored } = current;
    const updated: Profile = {
      ...stored,
      ...data,
      target: next.target,
      secretStorage,
      ...(keyFor ? { keyFor } : {}),
      updatedAt: new Date(this.now()).toISOString(),
    };
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

  /** The profile's key, only for the app it was entered for: every signing path reads it here. */
  async secretFor(profile: Profile): Promise<string> {
    const app = profileConnection(profile);
    if (!profile.keyFor) {
      throw new VaultError(
        'missing',
        `the stored secret key of profile "${profile.name}" was saved by an earlier Botsweep that did not record which app it is for: enter the key again to use it with ${describeApp(app)}.`,
      );
    }
    if (!sameApp(profile.keyFor, app)) {
      throw new VaultError(
        'missing',
        `the stored secret key of profile "${profile.name}" was entered for ${describeApp(profile.keyFor)}, not ${describeApp(app)}: enter the key again.`,
      );
    }
    return this.vault.read(profile.id, profile.secretStorage);
  }
}
