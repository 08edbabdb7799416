// The app's settings (language, theme, the snapshot before deletion) in settings.json in the data folder; a field a
// file lacks (an older one) takes its default, and a bad file falls back to the defaults.
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
      const stored: unknown = JSON.parse(readFileSync(this.path, 'utf8'));
      const parsed = settingsSchema.safeParse(typeof stored === 'object' && stored !== null ? { ...DEFAULT_SETTINGS, ...stored } : stored);
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
