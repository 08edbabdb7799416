// The profiles main keeps, and which one is active (remembered by id, never anything secret). Plain state: the flows
// that move other stores along with it (the list changes hands) live in controller.ts.
import { create } from 'zustand';
import type { ProfileView } from '../../../shared/profile';

interface ProfilesState {
  profiles: readonly ProfileView[];
  activeProfileId: string | null;
  /** The first list has arrived (or failed): until then the app does not say "no profile". */
  ready: boolean;
}

export const useProfiles = create<ProfilesState>(() => ({ profiles: [], activeProfileId: null, ready: false }));

const ACTIVE_KEY = 'botsweep.activeProfile';

export function rememberedProfileId(): string | null {
  return localStorage.getItem(ACTIVE_KEY);
}

export function rememberProfileId(id: string | null): void {
  if (id) localStorage.setItem(ACTIVE_KEY, id);
  else localStorage.removeItem(ACTIVE_KEY);
}

export function profileById(state: Pick<ProfilesState, 'profiles'>, id: string | null): ProfileView | null {
  return id === null ? null : (state.profiles.find((profile) => profile.id === id) ?? null);
}

export function activeProfile(state: Pick<ProfilesState, 'profiles' | 'activeProfileId'>): ProfileView | null {
  return profileById(state, state.activeProfileId);
}

const NONE: readonly string[] = [];
const lastGlobs = new Map<string | null, readonly string[]>();

/**
 * The protected account globs of a profile's app, as main gathers them from every profile of that app (none for an
 * unknown profile): the same array while their text is the same.
 */
export function protectedGlobsOf(profiles: readonly ProfileView[], id: string | null): readonly string[] {
  const profile = profileById({ profiles }, id);
  const globs = profile?.guards?.protected ?? profile?.protected ?? NONE;
  const last = lastGlobs.get(id) ?? NONE;
  if (globs.length === last.length && globs.every((glob, i) => glob === last[i])) return last;
  const kept = globs.length ? [...globs] : NONE;
  lastGlobs.set(id, kept);
  return kept;
}

/** The profile name a deletion from this profile's app must be confirmed with (any of its profiles may mark it), or null. */
export function productionNameOf(profile: ProfileView | null): string | null {
  if (!profile) return null;
  return profile.guards ? profile.guards.production : profile.production ? profile.name : null;
}
