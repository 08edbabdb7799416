// Where Botsweep keeps profiles and history: BOTSWEEP_HOME, or the folder Electron's userData uses for "Botsweep".
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
