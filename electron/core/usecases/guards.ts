// The guards of an app: every profile of the app adds its protected account patterns and its production mark,
// whatever profile or key a sweep uses. A pattern that cannot be used refuses the sweep (fail closed).
import { accountPatternProblem, compileGlob } from '../../../shared/glob.js';
import type { Profile } from '../../../shared/profile.js';
import { describeApp, sameApp, type AppRef } from '../../../shared/app-identity.js';
import { refuse } from './refusals.js';

export interface ProtectedPattern {
  readonly pattern: string;
  readonly profile: string;
}

export interface AppGuards {
  readonly app: AppRef;
  readonly patterns: readonly ProtectedPattern[];
  readonly unusable: readonly (ProtectedPattern & { readonly reason: string })[];
  /** The names of the app's production profiles: typing one of them confirms a deletion. */
  readonly production: readonly string[];
}

export function guardsFor(app: AppRef, profiles: readonly Profile[]): AppGuards {
  const patterns: ProtectedPattern[] = [];
  const unusable: (ProtectedPattern & { reason: string })[] = [];
  const production: string[] = [];
  for (const profile of profiles) {
    if (!sameApp(profile, app)) continue;
    if (profile.production) production.push(profile.name);
    for (const pattern of profile.protected ?? []) {
      const reason = accountPatternProblem(pattern);
      if (reason) unusable.push({ pattern, profile: profile.name, reason });
      else patterns.push({ pattern, profile: profile.name });
    }
  }
  return { app, patterns, unusable, production };
}

/** Refuses while any of the app's patterns cannot be used: guessing what it meant could delete what it protects. */
export function requireUsable(guards: AppGuards): void {
  const bad = guards.unusable[0];
  if (bad)
    refuse('protected-pattern-unusable', { profile: bad.profile, pattern: bad.pattern, reason: bad.reason, app: describeApp(guards.app) });
}

export interface ProtectedHit {
  readonly account: string;
  readonly by: ProtectedPattern;
}

/** The accounts a guard protects, each with the first pattern that does. */
export function protectedAmong(guards: AppGuards, accounts: readonly string[]): ProtectedHit[] {
  if (!guards.patterns.length) return [];
  const matchers = guards.patterns.map((by) => ({ by, matches: compileGlob(by.pattern) }));
  const hits: ProtectedHit[] = [];
  for (const account of accounts) {
    const found = matchers.find(({ matches }) => matches(account));
    if (found) hits.push({ account, by: found.by });
  }
  return hits;
}

/** Accounts named one by one: any protected one refuses the request whole. */
export function refuseProtected(guards: AppGuards, accounts: readonly string[]): void {
  const hits = protectedAmong(guards, accounts);
  const first = hits[0];
  if (first)
    refuse('protected-accounts', {
      count: hits.length,
      first: first.account,
      pattern: first.by.pattern,
      profile: first.by.profile,
      app: describeApp(guards.app),
      list: [...hits.slice(0, 20).map((hit) => hit.account), ...(hits.length > 20 ? [`… and ${hits.length - 20} more`] : [])].join('\n'),
    });
}

/** Accounts chosen by a rule (a glob, a retry): protected ones are left out and reported. */
export function withoutProtected(guards: AppGuards, accounts: readonly string[]): { sendable: string[]; leftOut: string[] } {
  const leftOut = new Set(protectedAmong(guards, accounts).map((hit) => hit.account));
  return { sendable: accounts.filter((account) => !leftOut.has(account)), leftOut: [...leftOut] };
}

/** The profile name a production app's confirmation must hold: the sweep's own profile when it is one of them. */
export function productionName(guards: AppGuards, ownProfile: string | null): string | null {
  if (!guards.production.length) return null;
  return ownProfile && guards.production.includes(ownProfile) ? ownProfile : guards.production[0]!;
}

/** A production app needs one of its production profiles' names, trimmed and exact. */
export function requireConfirmation(guards: AppGuards, ownProfile: string | null, confirmation: string | null | undefined): void {
  const name = productionName(guards, ownProfile);
  if (name === null) return;
  const typed = confirmation?.trim();
  if (typed === undefined || !guards.production.includes(typed))
    refuse('production-confirmation', { profile: name, app: describeApp(guards.app) });
}
