// The flows that span stores, in one place: loading and switching profiles (the list changes hands with them),
// starting and finishing a sweep (its results reach the list of its own profile only; its end clears stale banners and
// may notify), a window reloaded during a sweep, and the few actions that move between views. Stores never call each
// other; views call these.
import type { SweepFinished } from '../../shared/api';
import type { ProfileView } from '../../shared/profile';
import type { BatchKind, SweepProgress } from '../../shared/sweep';
import { ApiFailure, botsweep, call } from './api';
import { t } from './i18n';
import { askNotificationPermission, isLongSweep, showNotice, sweepNotice } from './notify';
import { useApp } from './store/app';
import { useBots } from './store/bots';
import { selectionOf } from './store/bots-derive';
import { rememberedProfileId, rememberProfileId, useProfiles } from './store/profiles';
import { useSweep } from './store/sweep';

/** Hands the list to `owner` unless it has it already: another app's rows never stay under this profile's name. */
function handListTo(owner: string | null): void {
  if (useBots.getState().owner !== owner) useBots.getState().reset(owner);
}

/** Reads the profiles (or takes the answer to a question already asked); keeps the active one if it still exists, else
 * the remembered one, else the first. */
export async function loadProfiles(answer = botsweep().profiles.list({})): Promise<void> {
  try {
    const { profiles, warning } = await call(answer);
    const wanted = useProfiles.getState().activeProfileId ?? rememberedProfileId();
    const active = profiles.find((profile) => profile.id === wanted)?.id ?? profiles[0]?.id ?? null;
    handListTo(active);
    useProfiles.setState({ profiles, activeProfileId: active, ready: true });
    // Rows a profile's edited globs now protect left the selection; they stay out if the glob goes again.
    useBots.getState().dropUnselectable();
    if (warning) useApp.getState().showError(new Error(warning));
  } catch (error) {
    useProfiles.setState({ ready: true });
    useApp.getState().showError(error);
  }
}

export function switchProfile(id: string | null): void {
  rememberProfileId(id);
  handListTo(id);
  useProfiles.setState({ activeProfileId: id });
}

/** After a save: the list of profiles again, with the saved one active. */
export async function profileSaved(saved: ProfileView): Promise<void> {
  await loadProfiles();
  switchProfile(saved.id);
  useApp.getState().showInfo(saved.secretStorage === 'session' ? 'profile.savedSession' : 'profile.saved', { name: saved.name });
}

export async function removeProfile(id: string): Promise<void> {
  await call(botsweep().profiles.remove({ id }));
  if (useProfiles.getState().activeProfileId === id) switchProfile(null);
  await loadProfiles();
}

/** What the confirmation showed besides the accounts: a production profile's typed name. */
export interface Confirmed {
  readonly profileId: string;
  readonly accounts: readonly string[];
  readonly confirmation?: string;
}

const NICKNAME_MAX = 200;

/**
 * Deletes the confirmed accounts — only while the list and the active profile are still the ones the dialog showed.
 * Another process sweeping the same app refuses the start (nothing sent); `askToWait` decides whether to wait for it.
 */
export async function deleteConfirmed(confirmed: Confirmed, askToWait: (error: unknown) => boolean): Promise<void> {
  const { profileId, accounts, confirmation } = confirmed;
  const app = useApp.getState();
  const bots = useBots.getState();
  if (useProfiles.getState().activeProfileId !== profileId || bots.owner !== profileId) return app.showInfo('confirm.profileChanged');
  // The nicknames the user saw, for the confirmed accounts that have one.
  const named = accounts.filter((account) => bots.nicknames.has(account));
  const request = {
    profileId,
    accounts: [...accounts],
    ...(named.length
      ? { nicknames: Object.fromEntries(named.map((account) => [account, bots.nicknames.get(account)!.slice(0, NICKNAME_MAX)])) }
      : {}),
    ...(confirmation !== undefined ? { confirmation } : {}),
  };
  const start = (wait: boolean) =>
    useSweep.getState().begin(profileId, () => call(botsweep().sweep.start(wait ? { ...request, wait } : request)), wait);
  try {
    useApp.getState().dropBatchBanners(await start(false));
  } catch (error) {
    const code = error instanceof ApiFailure ? error.error.code : undefined;
    if (code !== 'sweep-running-elsewhere' || !askToWait(error)) return app.showError(error);
    try {
      useApp.getState().dropBatchBanners(await start(true));
    } catch (again) {
      app.showError(again);
    }
  }
}

/** The accounts the Delete button would send: the selection (never a protected or settled row). */
export function sendableSelection(): string[] {
  return [...selectionOf(useBots.getState())];
}

/** Sends again what a retry dialog confirmed, for the profile it showed (which becomes the active one). */
export async function retryConfirmed(batchId: string, confirmed: Confirmed, kind: BatchKind = 'delete'): Promise<void> {
  const { profileId, accounts, confirmation } = confirmed;
  if (useProfiles.getState().activeProfileId !== profileId) switchProfile(profileId);
  const payload = { batchId, accounts: [...accounts], profileId, ...(confirmation !== undefined ? { confirmation } : {}) };
  const send = () => call(botsweep().sweep.retry(payload));
  useApp.getState().dropBatchBanners(await useSweep.getState().begin(profileId, send, false, kind));
}

/** Re-creates what a re-create dialog confirmed, for the profile it showed (which becomes the active one). */
export async function recreateConfirmed(batchId: string, confirmed: Confirmed): Promise<void> {
  const { profileId, accounts, confirmation } = confirmed;
  if (useProfiles.getState().activeProfileId !== profileId) switchProfile(profileId);
  const payload = { batchId, accounts: [...accounts], profileId, ...(confirmation !== undefined ? { confirmation } : {}) };
  const send = () => call(botsweep().sweep.recreate(payload));
  useApp.getState().dropBatchBanners(await useSweep.getState().begin(profileId, send, false, 'recreate'));
}

/** "Select these" of a failure group: the accounts in their profile's list (joining it as pasted ones do), selected. */
export function selectInList(profileId: string, accounts: readonly string[]): void {
  if (useProfiles.getState().activeProfileId !== profileId || useBots.getState().owner !== profileId) switchProfile(profileId);
  useBots.getState().clearSelection();
  useBots.getState().addPasted(accounts);
  useApp.getState().setView('bots');
}

/** Picks up the sweep this process runs (a reloaded or reopened window), with its latest progress. */
export async function attachRunningSweep(answer = botsweep().sweep.status({})): Promise<void> {
  const { running } = await call(answer);
  if (running) useSweep.getState().attach(running);
}

function onProgress(progress: SweepProgress): void {
  const sweep = useSweep.getState();
  // A sweep this window did not start and has not attached to: look it up, do not guess its profile.
  if (!sweep.progressed(progress)) {
    if (sweep.phase !== 'running') attachRunningSweep().catch((error: unknown) => useApp.getState().showError(error));
    return;
  }
  const { profileId, startedAt } = useSweep.getState();
  if (profileId !== null && useBots.getState().owner === profileId) useBots.getState().applyResults(progress.recent);
  if (isLongSweep(startedAt, Date.now())) askNotificationPermission();
}

function onFinished(finished: SweepFinished): void {
  const { startedAt } = useSweep.getState();
  if (!useSweep.getState().finish(finished)) return;
  showNotice(sweepNotice(t, finished, startedAt, Date.now()));
}

/** Subscribes to main's sweep events; returns the unsubscribe. */
export function connectSweepEvents(): () => void {
  const offProgress = botsweep().onSweepProgress(onProgress);
  const offFinished = botsweep().onSweepFinished(onFinished);
  return () => {
    offProgress();
    offFinished();
  };
}
