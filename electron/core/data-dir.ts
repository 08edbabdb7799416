// Where Botsweep keeps profiles and history (BOTSWEEP_HOME, or the folder Electron's userData uses for "Botsweep"),
// and whether that folder is the user's own.
import { statSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'Botsweep';

/** The per-user data folder shared by the desktop app and the CLI. */
export function dataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.BOTSWEEP_HOME) return env.BOTSWEEP_HOME;
  return join(appDataDir(env, platform, home), PRODUCT_NAME);
}

/** Electron's `app.getPath('appData')` on each OS. */
function appDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  switch (platform) {
    case 'win32':
      return env.APPDATA ?? join(home, 'AppData', 'Roaming');
    case 'darwin':
      return join(home, 'Library', 'Application Support');
    default:
      return env.XDG_CONFIG_HOME || join(home, '.config');
  }
}

export interface DataDirProblem {
  readonly path: string;
  readonly reason: string;
  readonly fix: string;
  [param: string]: string;
}

/**
 * Why the data folder (or its history/ or locks/ folder) is not this user's alone: owned by another user, or writable
 * by its group or others, who could then plant journals, locks or profiles. Null when it is fine or does not exist yet.
 * Windows has no such modes: its per-user folders are the OS's business.
 */
export function dataDirProblem(
  dir: string,
  options: { platform?: NodeJS.Platform; uid?: number; stat?: (path: string) => Stats | undefined } = {},
): DataDirProblem | null {
  const platform = options.platform ?? process.platform;
  if (platform === 'win32') return null;
  const uid = options.uid ?? process.getuid?.() ?? -1;
  const stat = options.stat ?? ((path: string) => statSync(path, { throwIfNoEntry: false }));
  for (const path of [dir, join(dir, 'history'), join(dir, 'locks')]) {
    const info = stat(path);
    if (!info) continue;
    if (uid >= 0 && info.uid !== uid)
      return {
        path,
        reason: `it belongs to user ${info.uid}, not to you (${uid})`,
        fix: `use a folder of your own (BOTSWEEP_HOME), or run "chown -R $(id -u) ${path}"`,
      };
    if ((info.mode & 0o022) !== 0)
      return {
        path,
        reason: `its group or other users can write to it (mode ${(info.mode & 0o777).toString(8)})`,
        fix: `run "chmod go-w ${path}"`,
      };
  }
  return null;
}

/** The owner of a file when it is another user (never on Windows, where files carry no such owner here); else null. */
export function foreignOwner(stat: Pick<Stats, 'uid'>, uid: number | undefined = process.getuid?.()): number | null {
  if (uid === undefined || uid < 0) return null;
  return stat.uid === uid ? null : stat.uid;
}
