// The flows that span stores, in one place: loading and switching profiles (the list changes hands with them; a switch
// the user did not make in the header is announced), starting and finishing a sweep (its results reach the list of its
// own profile only; its end clears stale banners and may notify; another process's sweep of the app is waited for only
// if the user says so), a window reloaded during a sweep (it shows that sweep and its rows), and the few actions that
// move between views. Stores never call each other; views call these.
import type { SweepFinished } from '../../shared/api';
import type { ProfileView } from '../../shared/profile';
import type { BatchKind, SweepProgress } from '../../shared/sweep';
import { ApiFailure, botsweep, call } from './api';
import { t } from './i18n';
import { askNotificationPermission, isLongSweep, showNotice, sweepNotice } from './notify';
import { useApp } from './store/app';
import { useBots } from './store/bots';
import { selectionOf } from './store/bots-derive';
import { profileById, rememberedProfileId, rememberProfileId, useProfiles } from './store/profiles';
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
    // Without its token the web host's page can do nothing: it shows only how to get one.
    if (error instanceof ApiFailure && error.error.code === 'web-token-lost') useApp.setState({ tokenLost: true });
    else useApp.getState().showError(error);
  }
}

/** Makes `id` the active profile; `announce` says so (a switch the user did not make in the header's picker). */
export function switchProfile(id: string | null, announce = false): void {
  const changed = useProfiles.getState().activeProfileId !== id;
  rememberProfileId(id);
  handListTo(id);
  useProfiles.setState({ activeProfileId: id });
  const profile = profileById(useProfiles.getState(), id);
  if (announce && changed && profile) useApp.getState().showInfo('profile.switched', { name: profile.name });
}

/** After a save: the list of profiles again, with the saved one active (said, when it was not before). */
export async function profileSaved(saved: ProfileView): Promise<void> {
  const wasActive = useProfiles.getState().activeProfileId === saved.id;
  await loadProfiles();
  switchProfile(saved.id);
  const also = wasActive ? undefined : { key: 'profile.switched', values: { name: saved.name } };
  useApp.getState().showInfo(saved.secretStorage === 'session' ? 'profile.savedSession' : 'profile.saved', { name: saved.name }, also);
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

/** How a confirmed deletion went: started, declined to wait for another process's sweep, or not started (said). */
export type DeleteStart = 'started' | 'declined' | 'failed';

/** Another process's sweep of the app, as its refusal names it. */
export interface OtherSweep {
  readonly batch: string;
  readonly pid: number;
}

/**
 * Deletes the confirmed accounts — only while the list and the active profile are still the ones the dialog showed.
 * Another process sweeping the same app refuses the start (nothing sent); `askToWait` (the app's own dialog) decides
 * whether to wait for it; declined, nothing is said here: the view keeps its offer to wait. `waitFor` waits at once.
 */
export async function deleteConfirmed(
  confirmed: Confirmed,
  askToWait: (error: unknown) => Promise<boolean>,
  waitFor: OtherSweep | null = null,
): Promise<DeleteStart> {
  const { profileId, accounts, confirmation } = confirmed;
  const app = useApp.getState();
  const bots = useBots.getState();
  if (useProfiles.getState().activeProfileId !== profileId || bots.owner !== profileId) {
    app.showInfo('confirm.profileChanged');
    return 'failed';
  }
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
  const start = async (other: OtherSweep | null) => {
    const send = () => call(botsweep().sweep.start(other ? { ...request, wait: true } : request));
    const batchId = await useSweep.getState().begin(profileId, send, { planned: accounts.length, waitingFor: other });
    useApp.getState().dropBatchBanners(batchId);
    return 'started' as const;
  };
  try {
    return await start(waitFor);
  } catch (error) {
    const running = runningElsewhere(error);
    if (!running || waitFor) return (app.showError(error), 'failed');
    if (!(await askToWait(error))) return 'declined';
    try {
      return await start(running);
    } catch (again) {
      return (app.showError(again), 'failed');
    }
  }
}

/** The other process's sweep a refusal names (its batch and pid), or null for any other error. */
export function runningElsewhere(error: unknown): OtherSweep | null {
  if (!(error instanceof ApiFailure) || error.error.code !== 'sweep-running-elsewhere') return null;
  const params = error.error.params ?? {};
  return { batch: String(params.batch ?? ''), pid: Number(params.pid ?? 0) };
}

/** The accounts the Delete button would send: the selection (never a protected or settled row). */
export function sendableSelection(): string[] {
  return [...selectionOf(useBots.getState())];
}

/** Sends again what a retry dialog confirmed, for the profile it showed (which becomes the active one). */
export async function retryConfirmed(batchId: string, confirmed: Confirmed, kind: BatchKind = 'delete'): Promise<void> {
  const { profileId, accounts, confirmation } = confirmed;
  if (useProfiles.getState().activeProfileId !== profileId) switchProfile(profileId, true);
  const payload = { batchId, accounts: [...accounts], profileId, ...(confirmation !== undefined ? { confirmation } : {}) };
  const send = () => call(botsweep().sweep.retry(payload));
  useApp.getState().dropBatchBanners(await useSweep.getState().begin(profileId, send, { planned: accounts.length, kind }));
}

/** Re-creates what a re-create dialog confirmed, for the profile it showed (which becomes the active one, said). */
export async function recreateConfirmed(batchId: string, confirmed: Confirmed): Promise<void> {
  const { profileId, accounts, confirmation } = confirmed;
  if (useProfiles.getState().activeProfileId !== profileId) switchProfile(profileId, true);
  const payload = { batchId, accounts: [...accounts], profileId, ...(confirmation !== undefined ? { confirmation } : {}) };
  const send = () => call(botsweep().sweep.recreate(payload));
  useApp.getState().dropBatchBanners(await useSweep.getState().begin(profileId, send, { planned: accounts.length, kind: 'recreate' }));
}

/** "Select these" of a failure group: the accounts in their profile's list (joining it as pasted ones do), selected. */
export function selectInList(profileId: string, accounts: readonly string[]): void {
  if (useProfiles.getState().activeProfileId !== profileId || useBots.getState().owner !== profileId) switchProfile(profileId, true);
  useBots.getState().clearSelection();
  useBots.getState().addPasted(accounts);
  useApp.getState().setView('bots');
}

/**
 * Picks up the sweep this process runs (a reloaded or reopened window), with its latest progress: its profile becomes
 * the active one (said, if it was not), and its accounts with their statuses so far the list, unless it is loaded.
 * `profilesLoaded`: the profiles are read first, so the sweep's profile is known.
 */
export async function attachRunningSweep(answer = botsweep().sweep.status({}), profilesLoaded?: Promise<void>): Promise<void> {
  const { running } = await call(answer);
  await profilesLoaded;
  if (!running || useSweep.getState().phase === 'running') return;
  useSweep.getState().attach(running);
  const { profileId } = running;
  if (profileId === null || !profileById(useProfiles.getState(), profileId)) return;
  if (useProfiles.getState().activeProfileId !== profileId) switchProfile(profileId, true);
  useBots.getState().showSweep(profileId, running.accounts, running.results);
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
