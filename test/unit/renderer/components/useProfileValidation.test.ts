// The profile form's checks: the shared validators' problems, worded in the interface language (an endpoint's too),
// and when the secret key must be typed again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FIELDS, type FormFields } from '../../../../renderer/src/components/profile-fields.js';
import { validateProfileForm } from '../../../../renderer/src/components/useProfileValidation.js';
import { changeLanguage, t } from '../../../../renderer/src/i18n/index.js';
import { A, profile } from '../helpers.js';

const valid: FormFields = { ...EMPTY_FIELDS, name: 'Prod', sdkAppId: '1400000000' };
const check = (changes: Partial<FormFields>, options = { secretGiven: true }) =>
  validateProfileForm(t, { ...valid, ...changes }, null, options);

// The unit tier shares modules across files: the interface language is whatever the last file left, unless set.
beforeAll(() => changeLanguage('en'));
afterAll(() => changeLanguage('en'));

describe('the profile form’s checks', () => {
  it('pass a complete new profile with its key, and ask for the key without one', () => {
    expect(check({})).toEqual({});
    expect(check({}, { secretGiven: false })).toEqual({ secret: 'Enter the secret key.' });
  });

  it('word each field’s problem', () => {
    expect(check({ name: '  ' }).name).toBe('Enter a profile name.');
    expect(check({ name: 'Prod\u202e' }).name).toBe(
      'The profile name holds an invisible or control character: U+202E (RIGHT-TO-LEFT OVERRIDE) at character 5.',
    );
    expect(check({ sdkAppId: '14x' }).sdkAppId).toBe('The SDKAppID is digits only.');
    expect(check({ sdkAppId: '0' }).sdkAppId).toBe('The SDKAppID is greater than 0.');
    expect(check({ sdkAppId: '99999999999999999' }).sdkAppId).toBe('The SDKAppID is too large.');
    expect(check({ identifier: 'ad min' }).identifier).toBe('The admin identifier has no spaces.');
    expect(check({ protected: '@RBT#ok\n   \n' + 'x'.repeat(80) }).protected).toMatch(/^Protected accounts, line 2: /);
    expect(check({ protected: Array.from({ length: 201 }, (_, i) => `@RBT#p${i}`).join('\n') }).protected).toBe(
      'At most 200 protected account patterns.',
    );
  });

  it('word an endpoint’s problem in the interface language', async () => {
    expect(check({ region: 'custom', endpoint: 'http://gw.example.com' }).endpoint).toBe(
      'Plain http:// is only allowed to this machine (127.0.0.1, localhost, [::1]): use https:// for gw.example.com.',
    );
    await changeLanguage('zh-CN');
    const chinese = check({ region: 'custom', endpoint: 'http://gw.example.com' }).endpoint!;
    expect(chinese).toContain('gw.example.com');
    expect(chinese).not.toMatch(/only allowed/);
    expect(check({ region: 'custom', endpoint: 'ftp://x' }).endpoint).toContain('ftp:');
    await changeLanguage('en');
  });

  it('skip the name for a connection test, and ask for the key again when an edit moves the profile to another app', () => {
    expect(validateProfileForm(t, { ...valid, name: '' }, null, { secretGiven: true, forTest: true })).toEqual({});
    const stored = profile(A);
    const same: FormFields = { ...valid, name: stored.name, sessionOnly: true };
    expect(validateProfileForm(t, same, stored, { secretGiven: false })).toEqual({});
    expect(validateProfileForm(t, { ...same, sdkAppId: '1400000099' }, stored, { secretGiven: false })).toEqual({
      secret: 'The app changed: enter its secret key again.',
    });
  });
});
