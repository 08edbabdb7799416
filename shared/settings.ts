// The app's settings: interface language and theme, each "system" or a fixed choice, and whether a deletion first
// saves each bot's profile (the snapshot a re-creation restores).

export const LANGUAGES = ['en', 'zh-CN', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];
export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export interface Settings {
  readonly language: 'system' | Language;
  readonly theme: 'system' | Theme;
  /** Save each bot's nickname, avatar and signature before deleting it; default on. */
  readonly snapshot: boolean;
}

export const DEFAULT_SETTINGS: Settings = { language: 'system', theme: 'system', snapshot: true };
