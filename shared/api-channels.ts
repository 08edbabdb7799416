// The contract's names: every call ("group.method") and every event. Free of runtime dependencies so the
// preload and the web bridge stay small; shared/api.ts gives each name its types, electron/core/contract/ its schema.

export const CHANNELS = [
  'profiles.list',
  'profiles.save',
  'profiles.remove',
  'profiles.test',
  'bots.list',
  'bots.nicknames',
  'bots.check',
  'bots.import',
  'sweep.start',
  'sweep.cancel',
  'sweep.retry',
  'sweep.previewRetry',
  'sweep.recreate',
  'sweep.previewRecreate',
  'sweep.status',
  'history.list',
  'history.get',
  'history.export',
  'history.clear',
  'settings.get',
  'settings.set',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Event → the subscription method on `window.botsweep`. */
export const EVENTS = { 'sweep.progress': 'onSweepProgress', 'sweep.finished': 'onSweepFinished' } as const;
export type EventName = keyof typeof EVENTS;

/** Splits "profiles.list" into its group and method. */
export function splitChannel(channel: Channel): [string, string] {
  const dot = channel.indexOf('.');
  return [channel.slice(0, dot), channel.slice(dot + 1)];
}
