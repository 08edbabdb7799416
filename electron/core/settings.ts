// The app's settings (language, theme) in settings.json in the data folder; a bad file falls back to the defaults.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings.js';
import { settingsSchema } from './contract/request-schemas.js';
import { writeFileAtomic } from './atomic-file.js';

export class SettingsStore {
  private readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, 'settings.json');
  }

  get(): Settings {
    try {
      const parsed = settingsSchema.safeParse(JSON.parse(readFileSync(this.path, 'utf8')));
      return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS };
    } catch {
      return { ...DEFAULT_SETTINGS };
    }
  }

  set(changes: Partial<Settings>): Settings {
    const next = settingsSchema.parse({ ...this.get(), ...changes });
    writeFileAtomic(this.path, `${JSON.stringify(next, null, 2)}\n`);
    return next;
  }
}
