// Accounts from a file or a paste, for a sweep of one app: read in any format Botsweep writes (account-files.ts),
// an export of another app refused (or, in the app, shown with both apps before anything is selected), and what
// the app's guards protect told apart.
import type { ImportView } from '../../../shared/api.js';
import { describeApp, sameApp, type AppRef } from '../../../shared/app-identity.js';
import { readAccountFile, type AccountFile } from '../account-files.js';
import type { Context } from './context.js';
import { guardsFor, protectedAmong } from './guards.js';
import { refuse } from './refusals.js';

/** The apps an export names that are not `app`. */
export function otherApps(file: AccountFile, app: AppRef): AppRef[] {
  return file.apps.filter((named) => !sameApp(named, app));
}

/** For the CLI: a file of accounts for `app`; an export of another app is refused unless the user chose to allow it. */
export function accountsForApp(text: string, app: AppRef, source: string, allowOtherApp = false): AccountFile {
  const file = readAccountFile(text);
  const other = otherApps(file, app)[0];
  if (other && !allowOtherApp) refuse('import-other-app', { source, fileApp: describeApp(other), app: describeApp(app) });
  return file;
}

/** For the app: what an imported text holds for the profile's app, with everything that would be left out said. */
export function importFor(context: Context, app: AppRef, text: string): ImportView {
  const file = readAccountFile(text);
  const profiles = context.profiles.list();
  const guards = guardsFor(app, profiles);
  return {
    format: file.format,
    accounts: file.accounts,
    undone: file.undone,
    invalid: file.invalid.map(({ line, value, problem, reason }) => ({ line, value, problem, reason })),
    duplicates: file.duplicates,
    duplicated: file.duplicated,
    protected: protectedAmong(guards, file.accounts).map((hit) => hit.account),
    otherApps: otherApps(file, app).map((other) => ({
      app: describeApp(other),
      profiles: profiles.filter((profile) => sameApp(profile, other)).map(({ id, name }) => ({ id, name })),
    })),
  };
}
