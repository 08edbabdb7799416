// Reads profiles.json without a validation library (every sweep reads it for the guards, and the CLI should not pay
// for zod to start): each field checked by the shared validators the schemas wrap, unknown fields left out, the first
// problem named by its path ("profiles.0.name: the profile name is empty").
import {
  endpointProblem,
  identifierProblem,
  profileNameProblem,
  profileProblemText,
  sdkAppIdProblem,
  type Profile,
} from '../../shared/profile.js';
import { PROFILE_ID_PATTERN } from '../../shared/ids.js';
import { isRegionId } from '../../shared/regions.js';
import type { Target } from '../../shared/target.js';

export type ProfilesFile = { readonly ok: true; readonly profiles: Profile[] } | { readonly ok: false; readonly reason: string };

class Bad extends Error {}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function fail(path: string, message: string): never {
  throw new Bad(`${path}: ${message}`);
}

function text(value: unknown, path: string): string {
  return typeof value === 'string' ? value : fail(path, 'must be text');
}

function target(value: unknown, path: string): Target {
  if (!isObject(value)) fail(path, 'must be an object');
  if (value.kind === 'region') {
    if (!isRegionId(value.region)) fail(`${path}.region`, 'not a known region');
    return { kind: 'region', region: value.region };
  }
  if (value.kind !== 'endpoint') fail(`${path}.kind`, 'must be "region" or "endpoint"');
  const url = text(value.url, `${path}.url`);
  const problem = endpointProblem(url);
  if (problem) fail(`${path}.url`, profileProblemText(problem));
  return { kind: 'endpoint', url };
}

function app(value: Record<string, unknown>, path: string) {
  const name = (field: string) => `${path}.${field}`;
  const sdkAppId = value.sdkAppId;
  const sdkProblem = sdkAppIdProblem(sdkAppId);
  if (sdkProblem) fail(name('sdkAppId'), profileProblemText(sdkProblem));
  const identifier = text(value.identifier, name('identifier')).trim();
  const idProblem = identifierProblem(identifier);
  if (idProblem) fail(name('identifier'), profileProblemText(idProblem));
  return { target: target(value.target, name('target')), sdkAppId: sdkAppId as number, identifier };
}

function profile(value: unknown, path: string): Profile {
  if (!isObject(value)) fail(path, 'must be an object');
  const field = (key: string) => `${path}.${key}`;
  const id = text(value.id, field('id'));
  if (!PROFILE_ID_PATTERN.test(id)) fail(field('id'), 'not a profile id');
  const name = text(value.name, field('name')).trim();
  const nameProblem = profileNameProblem(name);
  if (nameProblem) fail(field('name'), profileProblemText(nameProblem));
  if (value.secretStorage !== 'keychain' && value.secretStorage !== 'session')
    fail(field('secretStorage'), 'must be "keychain" or "session"');
  // Any strings: one damaged pattern must not make the whole file unreadable; the guards refuse a sweep over it.
  const patterns = value.protected;
  if (
    patterns !== undefined &&
    (!Array.isArray(patterns) || patterns.length > 1000 || patterns.some((p) => typeof p !== 'string' || p.length > 1024))
  )
    fail(field('protected'), 'must be a list of patterns');
  if (value.production !== undefined && typeof value.production !== 'boolean') fail(field('production'), 'must be true or false');
  const keyFor =
    value.keyFor === undefined
      ? undefined
      : isObject(value.keyFor)
        ? app(value.keyFor, field('keyFor'))
        : fail(field('keyFor'), 'must be an object');
  return {
    id,
    name,
    ...app(value, path),
    secretStorage: value.secretStorage,
    ...(keyFor ? { keyFor } : {}),
    ...(patterns === undefined ? {} : { protected: [...(patterns as string[])] }),
    ...(value.production === undefined ? {} : { production: value.production }),
    createdAt: text(value.createdAt, field('createdAt')),
    updatedAt: text(value.updatedAt, field('updatedAt')),
  };
}

/** The profiles of a parsed profiles.json, or the first thing wrong with it. */
export function readProfilesFile(value: unknown): ProfilesFile {
  try {
    if (!isObject(value)) fail('file', 'must be an object');
    if (value.version !== 1) fail('version', 'must be 1');
    if (!Array.isArray(value.profiles)) fail('profiles', 'must be a list');
    return { ok: true, profiles: value.profiles.map((entry, index) => profile(entry, `profiles.${index}`)) };
  } catch (error) {
    if (error instanceof Bad) return { ok: false, reason: error.message };
    throw error;
  }
}
