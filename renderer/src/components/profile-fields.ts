// The profile form's fields as typed, and the way between them and a profile: from a stored one, to a save request.
import type { ProfileSaveRequest } from '../../../shared/api';
import type { ProfileView } from '../../../shared/profile';
import type { RegionId } from '../../../shared/regions';
import type { Target } from '../../../shared/target';

export interface FormFields {
  readonly name: string;
  readonly region: RegionId | 'custom';
  readonly endpoint: string;
  readonly sdkAppId: string;
  readonly identifier: string;
  readonly sessionOnly: boolean;
  /** Protected account globs, one per line. */
  readonly protected: string;
  readonly production: boolean;
}

export const EMPTY_FIELDS: FormFields = {
  name: '',
  region: 'singapore',
  endpoint: '',
  sdkAppId: '',
  identifier: 'administrator',
  sessionOnly: false,
  protected: '',
  production: false,
};

export function fieldsOf(profile: ProfileView): FormFields {
  return {
    name: profile.name,
    region: profile.target.kind === 'region' ? profile.target.region : 'custom',
    endpoint: profile.target.kind === 'endpoint' ? profile.target.url : '',
    sdkAppId: String(profile.sdkAppId),
    identifier: profile.identifier,
    sessionOnly: profile.secretStorage === 'session',
    protected: (profile.protected ?? []).join('\n'),
    production: profile.production === true,
  };
}

export function globLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The SDKAppID as typed: digits only make a number; anything else is NaN (which the validator refuses). */
export function sdkAppIdOf(text: string): number {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

export function targetOf(fields: FormFields): Target {
  return fields.region === 'custom' ? { kind: 'endpoint', url: fields.endpoint.trim() } : { kind: 'region', region: fields.region };
}

export function saveRequest(fields: FormFields, editing: ProfileView | null, secret: string): ProfileSaveRequest {
  return {
    ...(editing ? { id: editing.id } : {}),
    name: fields.name.trim(),
    target: targetOf(fields),
    sdkAppId: sdkAppIdOf(fields.sdkAppId),
    identifier: fields.identifier.trim(),
    ...(secret ? { secret } : {}),
    secretStorage: fields.sessionOnly ? 'session' : 'keychain',
    protected: globLines(fields.protected),
    production: fields.production,
  };
}
