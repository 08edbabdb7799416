// The profile form's checks: the shared validators (the rules main applies again on save), worded in the interface
// language, plus the one rule only the form can know: when the secret key must be typed again.
import { useTranslation, type Translate } from '../i18n';
import {
  endpointProblem,
  identifierProblem,
  profileNameProblem,
  protectedProblem,
  sdkAppIdProblem,
  type ProfileProblem,
  type ProfileView,
} from '../../../shared/profile';
import { sameAdmin } from '../../../shared/app-identity';
import { globLines, sdkAppIdOf, targetOf, type FormFields } from './profile-fields';

export type FieldErrors = Partial<Record<'name' | 'endpoint' | 'sdkAppId' | 'identifier' | 'secret' | 'protected', string>>;

export function problemText(t: Translate, problem: ProfileProblem): string {
  switch (problem.code) {
    case 'endpoint':
      return t(`profile.problems.endpoint.${problem.problem}`, problem.params);
    case 'name-unsafe':
    case 'identifier-unsafe':
      return t(`profile.problems.${problem.code}`, { ...problem.character });
    default:
      return t(`profile.problems.${problem.code}`, { ...problem });
  }
}

/** Whether the form points at another app than the stored profile (a stored key signs only for the app it was entered for). */
export function appChanged(fields: FormFields, editing: ProfileView | null): boolean {
  if (!editing) return false;
  const form = { target: targetOf(fields), sdkAppId: sdkAppIdOf(fields.sdkAppId), identifier: fields.identifier.trim() };
  return !sameAdmin(form, editing);
}

/**
 * The form's problems, worded: `secretGiven` when a key is typed in the form, `forTest` for a connection test (which
 * needs no name). A new profile, a session-only one without a key this session, a change of where the key lives, or a
 * move to another app needs the key.
 */
export function validateProfileForm(
  t: Translate,
  fields: FormFields,
  editing: ProfileView | null,
  { secretGiven, forTest = false }: { readonly secretGiven: boolean; readonly forTest?: boolean },
): FieldErrors {
  const found: FieldErrors = {};
  const say = (field: keyof FieldErrors, problem: ProfileProblem | null) => {
    if (problem) found[field] = problemText(t, problem);
  };
  if (!forTest) say('name', profileNameProblem(fields.name));
  if (fields.region === 'custom') say('endpoint', endpointProblem(fields.endpoint.trim()));
  say('sdkAppId', sdkAppIdProblem(sdkAppIdOf(fields.sdkAppId)));
  say('identifier', identifierProblem(fields.identifier));
  say('protected', protectedProblem(globLines(fields.protected)));
  const changed = appChanged(fields, editing);
  const needsSecret =
    !editing || changed || (fields.sessionOnly && !editing.hasSecret) || fields.sessionOnly !== (editing.secretStorage === 'session');
  if (needsSecret && !secretGiven) found.secret = t(changed ? 'profile.problems.secretAppChanged' : 'profile.problems.secret');
  return found;
}

/** For the form: its checks in the interface language, and whether it points at another app than the stored profile. */
export function useProfileValidation(fields: FormFields, editing: ProfileView | null) {
  const { t } = useTranslation();
  return {
    validate: (secretGiven: boolean, forTest = false) => validateProfileForm(t, fields, editing, { secretGiven, forTest }),
    appChanged: appChanged(fields, editing),
  };
}
