// The profile form with the region picker. The secret key is write-only: an uncontrolled input read once on save (or
// test) and cleared at once, never kept in React or store state. Also the protected account globs (one per line) and
// whether the app is a production one. Checks come from useProfileValidation, in the interface language.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../i18n';
import type { ProfileView } from '../../../shared/profile';
import { REGIONS } from '../../../shared/regions';
import { botsweep, call } from '../api';
import { profileSaved } from '../controller';
import { errorText } from '../errors';
import { useApp } from '../store/app';
import { Field, invalid } from './Field';
import { EMPTY_FIELDS, fieldsOf, saveRequest, type FormFields } from './profile-fields';
import { useProfileValidation, type FieldErrors } from './useProfileValidation';

type TestResult = { readonly ok: true; readonly count: number } | { readonly ok: false; readonly error: unknown };

interface ProfileFormProps {
  readonly editing: ProfileView | null;
  /** Focus the form's title when it appears (the profile was just saved from a form that is gone now). */
  readonly focusTitle?: boolean;
  readonly onSaved: (id: string) => void;
}

export function ProfileForm({ editing, focusTitle = false, onSaved }: ProfileFormProps) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<FormFields>(editing ? fieldsOf(editing) : EMPTY_FIELDS);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [testResult, setTestResult] = useState<TestResult | null>(null);
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const { validate, appChanged } = useProfileValidation(fields, editing);
  /** The fields the running test was made for: a result for fields that changed since is dropped. */
  const testedFor = useRef<FormFields | null>(null);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  const secretRef = useRef<HTMLInputElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusTitle) titleRef.current?.focus();
  }, [focusTitle]);
  const id = useId();
  const ids = {
    name: `${id}-name`,
    region: `${id}-region`,
    endpoint: `${id}-endpoint`,
    sdkAppId: `${id}-sdkappid`,
    identifier: `${id}-identifier`,
    secret: `${id}-secret`,
    session: `${id}-session`,
    protected: `${id}-protected`,
    production: `${id}-production`,
  };

  const update = <K extends keyof FormFields>(key: K, value: FormFields[K]) => {
    setFields((current) => ({ ...current, [key]: value }));
    setTestResult(null);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy !== null) return;
    const input = secretRef.current;
    const secret = input?.value ?? '';
    const found = validate(secret !== '');
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy('save');
    try {
      const saved = await call(botsweep().profiles.save(saveRequest(fields, editing, secret)));
      if (input) input.value = '';
      await profileSaved(saved);
      onSaved(saved.id);
    } catch (error) {
      useApp.getState().showError(error);
    } finally {
      if (mounted.current) setBusy(null);
    }
  };

  /** Tests the form as it stands, saved or not: the key typed here, or the stored one for an unchanged app. */
  const test = async () => {
    if (busy !== null) return;
    const found = validate(true, true);
    setErrors(found);
    if (Object.keys(found).length) return;
    const secret = secretRef.current?.value ?? '';
    const {
      name: _name,
      secretStorage: _storage,
      protected: _protected,
      production: _production,
      ...request
    } = saveRequest(fields, editing, secret);
    testedFor.current = fields;
    setBusy('test');
    setTestResult(null);
    const current = () => mounted.current && testedFor.current === fields;
    try {
      const result = await call(botsweep().profiles.test(request));
      if (!current()) return;
      if (result.ok) setTestResult({ ok: true, count: result.botCount });
      else setTestResult({ ok: false, error: { kind: 'gateway', message: result.message, code: result.code, params: result.params } });
    } catch (error) {
      if (current()) setTestResult({ ok: false, error });
    } finally {
      if (mounted.current) setBusy(null);
    }
  };

  const secretHint = !editing
    ? null
    : appChanged
      ? t('profile.secretAppChanged')
      : editing.secretStorage === 'session'
        ? t(editing.hasSecret ? 'profile.secretSession' : 'profile.secretMissing')
        : t('profile.secretStored');

  return (
    <form className="profile-form" onSubmit={save} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={titleRef} tabIndex={-1}>
        {editing ? editing.name : t('profile.new')}
      </h2>
      <Field id={ids.name} label={t('profile.name')} error={errors.name}>
        <input
          id={ids.name}
          value={fields.name}
          onChange={(e) => update('name', e.target.value)}
          maxLength={64}
          autoComplete="off"
          {...invalid(ids.name, errors.name)}
        />
      </Field>
      <Field id={ids.region} label={t('profile.region')}>
        <select id={ids.region} value={fields.region} onChange={(e) => update('region', e.target.value as FormFields['region'])}>
          {REGIONS.map((region) => (
            <option key={region.id} value={region.id}>
              {t(`regions.${region.id}`, { defaultValue: region.name })} — {region.domain}
            </option>
          ))}
          <option value="custom">{t('profile.custom')}</option>
        </select>
      </Field>
      {fields.region === 'custom' ? (
        <Field id={ids.endpoint} label={t('profile.endpoint')} error={errors.endpoint}>
          <input
            id={ids.endpoint}
            value={fields.endpoint}
            onChange={(e) => update('endpoint', e.target.value)}
            placeholder={t('profile.endpointPlaceholder')}
            inputMode="url"
            autoComplete="off"
            {...invalid(ids.endpoint, errors.endpoint)}
          />
        </Field>
      ) : null}
      <Field id={ids.sdkAppId} label={t('profile.sdkAppId')} error={errors.sdkAppId}>
        <input
          id={ids.sdkAppId}
          value={fields.sdkAppId}
          onChange={(e) => update('sdkAppId', e.target.value)}
          inputMode="numeric"
          autoComplete="off"
          {...invalid(ids.sdkAppId, errors.sdkAppId)}
        />
      </Field>
      <Field id={ids.identifier} label={t('profile.identifier')} error={errors.identifier}>
        <input
          id={ids.identifier}
          value={fields.identifier}
          onChange={(e) => update('identifier', e.target.value)}
          autoComplete="off"
          {...invalid(ids.identifier, errors.identifier)}
        />
      </Field>
      <Field id={ids.secret} label={t('profile.secret')} error={errors.secret} hint={secretHint}>
        <input
          id={ids.secret}
          ref={secretRef}
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          {...invalid(ids.secret, errors.secret, secretHint)}
        />
      </Field>
      <div className="check">
        <input id={ids.session} type="checkbox" checked={fields.sessionOnly} onChange={(e) => update('sessionOnly', e.target.checked)} />
        <label htmlFor={ids.session}>{t('profile.sessionOnly')}</label>
      </div>
      <Field id={ids.protected} label={t('profile.protected')} error={errors.protected} hint={t('profile.protectedHint')}>
        <textarea
          id={ids.protected}
          value={fields.protected}
          onChange={(e) => update('protected', e.target.value)}
          rows={3}
          spellCheck={false}
          autoComplete="off"
          {...invalid(ids.protected, errors.protected, t('profile.protectedHint'))}
        />
      </Field>
      <div className="check">
        <input id={ids.production} type="checkbox" checked={fields.production} onChange={(e) => update('production', e.target.checked)} />
        <label htmlFor={ids.production}>{t('profile.production')}</label>
      </div>
      <div className="actions">
        {/* Busy buttons say so but keep the focus (a disabled button would drop it to the page). */}
        <button type="submit" className="primary" aria-disabled={busy !== null || undefined}>
          {t('profile.save')}
        </button>
        <button type="button" onClick={test} aria-disabled={busy !== null || undefined}>
          {busy === 'test' ? t('profile.testing') : t('profile.test')}
        </button>
      </div>
      <p role="status" className={testResult ? (testResult.ok ? 'ok' : 'bad') : undefined}>
        {testResult
          ? testResult.ok
            ? t('profile.testOk', { count: testResult.count })
            : t('profile.testFailed', { message: errorText(t, testResult.error) })
          : null}
      </p>
    </form>
  );
}
