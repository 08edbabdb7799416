// The guards of an app, from every profile of it: protected patterns (usable or not) and production names.
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../../../shared/profile.js';
import {
  guardsFor,
  protectedAmong,
  refuseProtected,
  requireConfirmation,
  requireUsable,
  withoutProtected,
} from '../../../../../electron/core/usecases/guards.js';

const at = '2026-01-01T00:00:00.000Z';
const profile = (name: string, extra: Partial<Profile> = {}): Profile => ({
  id: `00000000-0000-4000-8000-${String(name.length).padStart(12, '0')}`,
  name,
  target: { kind: 'region', region: 'singapore' },
  sdkAppId: 1400000000,
  identifier: 'administrator',
  secretStorage: 'keychain',
  createdAt: at,
  updatedAt: at,
  ...extra,
});
const app = { target: { kind: 'endpoint', url: 'https://adminapisgp.my-imcloud.com' } as const, sdkAppId: 1400000000 };

describe('the guards of an app', () => {
  const profiles = [
    profile('Prod', { protected: ['@RBT#prod-*'], production: true }),
    profile('Shadow', { identifier: 'other-admin', protected: ['@RBT#keep'] }),
    profile('Elsewhere', { sdkAppId: 1400000001, protected: ['*'], production: true }),
  ];

  it('gather every profile of the app, whatever its admin or spelling of the gateway, and no other app’s', () => {
    const guards = guardsFor(app, profiles);
    expect(guards.patterns).toEqual([
      { pattern: '@RBT#prod-*', profile: 'Prod' },
      { pattern: '@RBT#keep', profile: 'Shadow' },
    ]);
    expect(guards.production).toEqual(['Prod']);
  });

  it('refuse named accounts when one is protected, and leave protected ones out of chosen ones', () => {
    const guards = guardsFor(app, profiles);
    expect(() => refuseProtected(guards, ['@RBT#a', '@RBT#keep'])).toThrow(
      /1 of these accounts is protected .* by "@RBT#keep" of profile "Shadow"/,
    );
    expect(() => refuseProtected(guards, ['@RBT#a'])).not.toThrow();
    expect(withoutProtected(guards, ['@RBT#a', '@RBT#prod-1', '@RBT#keep'])).toEqual({
      sendable: ['@RBT#a'],
      leftOut: ['@RBT#prod-1', '@RBT#keep'],
    });
    expect(protectedAmong(guards, ['@RBT#prod-9'])).toEqual([{ account: '@RBT#prod-9', by: { pattern: '@RBT#prod-*', profile: 'Prod' } }]);
  });

  it('need a production profile’s exact name, trimmed', () => {
    const guards = guardsFor(app, profiles);
    for (const typed of [undefined, null, '', 'prod', 'PROD', 'Shadow', 'Prod.'])
      expect(() => requireConfirmation(guards, 'Shadow', typed), String(typed)).toThrow(/production app \(profile "Prod"\)/);
    expect(() => requireConfirmation(guards, 'Shadow', ' Prod ')).not.toThrow();
    expect(() => requireConfirmation(guardsFor(app, [profile('Test')]), 'Test', null)).not.toThrow();
  });

  it('refuse while a stored pattern cannot be used, naming it (they fail closed)', () => {
    const guards = guardsFor(app, [profile('Prod', { protected: ['@RBT#ok-*', 'prod-*'] })]);
    expect(guards.unusable).toEqual([{ pattern: 'prod-*', profile: 'Prod', reason: expect.stringMatching(/start with @RBT#/) }]);
    expect(() => requireUsable(guards)).toThrow(/Profile "Prod" protects accounts of .* with a pattern that cannot be used, "prod-\*"/);
    expect(() => requireUsable(guardsFor(app, profiles))).not.toThrow();
  });
});
