// Profiles: the list, and the form with the region picker. The secret key is write-only: an uncontrolled input
// read once on save and cleared at once, never kept in React or store state. Also the protected account globs (one
// per line) and whether the app is a production one.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { checkEndpoint } from '../../../shared/endpoint';
import { accountPatternProblem } from '../../../shared/glob';
import type { ProfileView } from '../../../shared/profile';
import { REGIONS, type RegionId } from '../../../shared/regions';
import { sameAdmin } from '../../../shared/app-identity';
import { describeTarget, parseSdkAppId, type Target } from '../../../shared/target';
import { botsweep, call } from '../api';
import { errorText } from '../errors';
import { useApp } from '../store/app';
import { Dialog } from './Dialog';

interface FormFields {
  name: string;
  region: RegionId | 'custom';
  endpoint: string;
  sdkAppId: string;
  identifier: string;
  sessionOnly: boolean;
  /** Protected account globs, one per line. */
  protected: string;
  production: boolean;
}

const EMPTY: FormFields = {
  name: '',
  region: 'singapore',
  endpoint: '',
  sdkAppId: '',
  identifier: 'administrator',
  sessionOnly: false,
  protected: '',
  production: false,
};

function globLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

function fieldsOf(profile: ProfileView): FormFields {
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

type Errors = Partial<Record<'name' | 'endpoint' | 'sdkAppId' | 'identifier' | 'secret' | 'protected', string>>;

export function ProfilesView() {
  const { t } = useTranslation();
  const profiles = useApp((state) => state.profiles);
  const activeId = useApp((state) => state.activeProfileId);
  const [editingId, setEditingId] = useState<string | null>(activeId);
  const [removing, setRemoving] = useState<ProfileView | null>(null);
  const editing = profiles.find((profile) => profile.id === editingId) ?? null;

  const remove = async (profile: ProfileView) => {
    const { loadProfiles, setActiveProfile, showError } = useApp.getState();
    setRemoving(null);
    try {
      await call(botsweep().profiles.remove({ id: profile.id }));
      if (editingId === profile.id) setEditingId(null);
      if (useApp.getState().activeProfileId === profile.id) setActiveProfile(null);
      await loadProfiles();
    } catch (error) {
      showError(error);
    }
  };

  return (
    <div className="profiles">
      <section className="profile-list" aria-labelledby="profile-list-title">
        <h2 id="profile-list-title">{t('profile.list')}</h2>
        {profiles.length === 0 ? <p className="muted">{t('profile.empty')}</p> : null}
        <ul>
          {profiles.map((profile) => (
            <li key={profile.id} className={profile.id === editingId ? 'current' : undefined}>
              <div>
                <strong>{profile.name}</strong>
                {profile.production ? <span className="badge badge-production">{t('profile.productionBadge')}</span> : null}
                <span className="muted">
                  {profile.sdkAppId} · {describeTarget(profile.target)}
                </span>
              </div>
              <div className="row-actions">
                <button type="button" onClick={() => setEditingId(profile.id)} aria-label={`${t('profile.edit')} ${profile.name}`}>
                  {t('profile.edit')}
                </button>
                <button
                  type="button"
                  className="danger-quiet"
                  onClick={() => setRemoving(profile)}
                  aria-label={`${t('profile.remove')} ${profile.name}`}
                >
                  {t('profile.remove')}
                </button>
              </div>
            </li>
          ))}
        </ul>
        <button type="button" onClick={() => setEditingId(null)}>
          {t('profile.new')}
        </button>
      </section>

      {/* Keyed by the profile: switching profiles starts a fresh form, with an empty secret field. */}
      <ProfileForm key={editing?.id ?? 'new'} editing={editing} onSaved={setEditingId} />

      {removing ? (
        <Dialog title={t('profile.removeTitle', { name: removing.name })} onClose={() => setRemoving(null)}>
          <p>{t('profile.removeBody')}</p>
          <div className="actions">
            <button type="button" onClick={() => setRemoving(null)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="danger" onClick={() => remove(removing)}>
              {t('profile.removeConfirm')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}

function ProfileForm({ editing, onSaved }: { readonly editing: ProfileView | null; readonly onSaved: (id: string) => void }) {
  const { t } = useTranslation();
  const { loadProfiles, setActiveProfile, showError, showInfo } = useApp.getState();
  const [fields, setFields] = useState<FormFields>(editing ? fieldsOf(editing) : EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [testResult, setTestResult] = useState<{ ok: true; count: number } | { ok: false; error: unknown } | null>(null);
  /** The fields the running test was made for: a result for fields that changed since is dropped. */
  const testedFor = useRef<string | null>(null);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const secretRef = useRef<HTMLInputElement>(null);
  const ids = {
    name: useId(),
    region: useId(),
    endpoint: useId(),
    sdkAppId: useId(),
    identifier: useId(),
    secret: useId(),
    session: useId(),
    protected: useId(),
    production: useId(),
  };

  const formTarget = (): Target =>
    fields.region === 'custom' ? { kind: 'endpoint', url: fields.endpoint.trim() } : { kind: 'region', region: fields.region };
  const appChanged =
    editing !== null &&
    !sameAdmin(
      { target: formTarget(), sdkAppId: parseSdkAppId(fields.sdkAppId) ?? -1, identifier: fields.identifier.trim() },
      { target: editing.target, sdkAppId: editing.sdkAppId, identifier: editing.identifier },
    );

  const update = <K extends keyof FormFields>(key: K, value: FormFields[K]) => {
    setFields((current) => ({ ...current, [key]: value }));
    setTestResult(null);
  };

  const validate = (secretGiven: boolean): Errors => {
    const found: Errors = {};
    if (!fields.name.trim()) found.name = t('profile.errors.name');
    if (fields.region === 'custom') {
      const check = checkEndpoint(fields.endpoint);
      if (!check.ok) found.endpoint = check.message;
    }
    if (parseSdkAppId(fields.sdkAppId) === null) found.sdkAppId = t('profile.errors.sdkAppId');
    if (!fields.identifier.trim()) found.identifier = t('profile.errors.identifier');
    else if (/\s/.test(fields.identifier.trim())) found.identifier = t('profile.errors.identifierSpace');
    // A new profile, a session-only one without a key this session, a change of where the key lives, or a move to
    // another app (a stored key signs only for the app it was entered for) needs the key.
    const needsSecret =
      !editing || appChanged || (fields.sessionOnly && !editing.hasSecret) || fields.sessionOnly !== (editing.secretStorage === 'session');
    if (needsSecret && !secretGiven) found.secret = t(appChanged ? 'profile.errors.secretAppChanged' : 'profile.errors.secret');
    const globs = globLines(fields.protected);
    const bad = globs.findIndex((glob) => accountPatternProblem(glob) !== null);
    if (bad >= 0) found.protected = t('profile.errors.protected', { line: bad + 1, problem: accountPatternProblem(globs[bad]!) });
    else if (globs.length > 200) found.protected = t('profile.errors.protectedMany');
    return found;
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const input = secretRef.current;
    const secret = input?.value ?? '';
    const found = validate(secret !== '');
    setErrors(found);
    if (Object.keys(found).length) return;
    const target = formTarget();
    setBusy('save');
    try {
      const saved = await call(
        botsweep().profiles.save({
          ...(editing ? { id: editing.id } : {}),
          name: fields.name.trim(),
          target,
          sdkAppId: parseSdkAppId(fields.sdkAppId)!,
          identifier: fields.identifier.trim(),
          ...(secret ? { secret } : {}),
          secretStorage: fields.sessionOnly ? 'session' : 'keychain',
          protected: globLines(fields.protected),
          production: fields.production,
        }),
      );
      if (input) input.value = '';
      await loadProfiles();
      setActiveProfile(saved.id);
      onSaved(saved.id);
      showInfo(saved.secretStorage === 'session' ? 'profile.savedSession' : 'profile.saved', { name: saved.name });
    } catch (error) {
      showError(error);
    } finally {
      setBusy(null);
    }
  };

  /** Tests the form as it stands, saved or not: the key typed here, or the stored one for an unchanged target. */
  const test = async () => {
    const found = validate(true);
    delete found.name;
    setErrors(found);
    if (Object.keys(found).length) return;
    const target = formTarget();
    const secret = secretRef.current?.value ?? '';
    const snapshot = JSON.stringify(fields);
    testedFor.current = snapshot;
    setBusy('test');
    setTestResult(null);
    const current = () => mounted.current && testedFor.current === snapshot;
    try {
      const result = await call(
        botsweep().profiles.test({
          ...(editing ? { id: editing.id } : {}),
          target,
          sdkAppId: parseSdkAppId(fields.sdkAppId)!,
          identifier: fields.identifier.trim(),
          ...(secret ? { secret } : {}),
        }),
      );
      if (current())
        setTestResult(
          result.ok
            ? { ok: true, count: result.botCount }
            : { ok: false, error: { kind: 'gateway', message: result.message, code: result.code, params: result.params } },
        );
    } catch (error) {
      if (current()) setTestResult({ ok: false, error });
    } finally {
      if (mounted.current) setBusy(null);
    }
  };

  const secretHint = editing
    ? appChanged
      ? t('profile.secretAppChanged')
      : editing.secretStorage === 'session'
        ? editing.hasSecret
          ? t('profile.secretSession')
          : t('profile.secretMissing')
        : t('profile.secretStored')
    : null;

  return (
    <form className="profile-form" onSubmit={save} noValidate aria-labelledby="profile-form-title">
      <h2 id="profile-form-title">{editing ? editing.name : t('profile.new')}</h2>
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
        <button type="submit" className="primary" disabled={busy !== null}>
          {t('profile.save')}
        </button>
        <button type="button" onClick={test} disabled={busy !== null}>
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

function invalid(id: string, error: string | undefined, hint?: string | null) {
  const described = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ');
  return { 'aria-invalid': error ? true : undefined, 'aria-describedby': described || undefined };
}

function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | null;
  children: React.ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
