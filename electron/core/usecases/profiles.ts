// Profiles as the app and the CLI change them: a new one needs its key, an edit that moves a profile to another app
// needs the key again, protected patterns are checked as they are saved, and store errors become refusals.
import type { ProfileView, SecretStorage } from '../../../shared/profile.js';
import { KeyNeededError, ProfileError, type ProfileInput } from '../profiles.js';
import { findProfile } from './aim.js';
import type { Context } from './context.js';
import { guardsFor, productionName } from './guards.js';
import { Refusal, refuse } from './refusals.js';

export interface ProfileSave extends ProfileInput {
  /** Absent: a new profile. */
  readonly id?: string;
  /** Write-only. Absent on an edit: the stored key is kept (while the profile stays on its app). */
  readonly secret?: string;
  readonly secretStorage: SecretStorage;
}

/** Store errors as refusals: what is wrong with the profile, or that an edit to another app needs the key again. */
async function saving<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ProfileError)
      throw new Refusal('profile-invalid', { detail: error.message, keyNeeded: error instanceof KeyNeededError ? 1 : 0 });
    throw error;
  }
}

/** Every profile, each with its app's guards as every profile of that app sets them. */
export function listProfiles(context: Context): { profiles: ProfileView[]; warning: string | null } {
  let profiles: ProfileView[];
  try {
    profiles = context.profiles.list();
  } catch (error) {
    // The list answers with what is wrong, so the app can say it; everything else refuses until it is fixed.
    if (error instanceof Refusal && error.code === 'profiles-unreadable') return { profiles: [], warning: error.message };
    throw error;
  }
  const withGuards = profiles.map((profile) => {
    const guards = guardsFor(profile, profiles);
    return {
      ...profile,
      guards: {
        protected: [...new Set(guards.patterns.map((entry) => entry.pattern))],
        production: productionName(guards, profile.name),
        unusable: guards.unusable.map((entry) => entry.pattern),
      },
    };
  });
  return { profiles: withGuards, warning: null };
}

export function saveProfile(context: Context, { id, secret, secretStorage, ...fields }: ProfileSave): Promise<ProfileView> {
  if (id === undefined) {
    if (!secret) refuse('secret-required');
    return saving(() => context.profiles.add(fields, secret, secretStorage));
  }
  const current = findProfile(context, id, true);
  return saving(() => context.profiles.update(current.id, fields, secret ? { value: secret, storage: secretStorage } : undefined));
}

export interface ProfileEdit {
  readonly changes: Partial<ProfileInput>;
  /** Patterns to add to and remove from the profile's protected accounts; removing one it lacks is refused. */
  readonly protect?: readonly string[];
  readonly unprotect?: readonly string[];
  readonly secret?: { readonly value: string; readonly storage: SecretStorage };
}

export function editProfile(context: Context, name: string, edit: ProfileEdit): Promise<ProfileView> {
  const current = findProfile(context, name);
  const changes = { ...edit.changes };
  if (edit.protect?.length || edit.unprotect?.length) {
    const existing = current.protected ?? [];
    const unknown = (edit.unprotect ?? []).filter((glob) => !existing.includes(glob));
    if (unknown.length)
      refuse('profile-invalid', {
        detail: `not protected in profile "${current.name}": ${unknown.join(', ')}; its patterns are: ${existing.join(', ') || 'none'}`,
      });
    const removed = new Set(edit.unprotect ?? []);
    changes.protected = [...new Set([...existing, ...(edit.protect ?? [])])].filter((glob) => !removed.has(glob));
  }
  return saving(() => context.profiles.update(current.id, changes, edit.secret));
}

export function removeProfile(context: Context, nameOrId: string, options: { force?: boolean; exactId?: boolean } = {}) {
  return context.profiles.remove(findProfile(context, nameOrId, options.exactId).id, options);
}
