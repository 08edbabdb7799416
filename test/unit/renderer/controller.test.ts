// The flows that span stores: a profile switch hands the list over; a sweep's results reach only its own profile's
// list; an event of a sweep this window does not follow makes it look the sweep up (a reloaded window); the end of a
// long sweep is notified once, in the interface language, and a cancelled batch says cancelled; another process's sweep
// of the app is waited for only when the user says so; a reloaded window shows the sweep's rows and its profile.
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SweepFinished } from '../../../shared/api.js';
import type { SweepProgress } from '../../../shared/sweep.js';
import { attachRunningSweep, connectSweepEvents, deleteConfirmed, loadProfiles, switchProfile } from '../../../renderer/src/controller.js';
import { changeLanguage } from '../../../renderer/src/i18n/index.js';
import { LONG_SWEEP_MS } from '../../../renderer/src/notify.js';
import { ApiFailure } from '../../../renderer/src/api.js';
import { useApp } from '../../../renderer/src/store/app.js';
import { useBots } from '../../../renderer/src/store/bots.js';
import { useProfiles } from '../../../renderer/src/store/profiles.js';
import { useSweep } from '../../../renderer/src/store/sweep.js';
import { A, B, fakeWindow, ok, profile } from './helpers.js';

const BATCH = '20261126T003902123Z-a1b2c3';
const summary = { total: 3, deleted: 1, absent: 0, recreated: 0, 'already-a-bot': 0, failed: 0, unconfirmed: 0, skipped: 2 };
const progressOf = (recent: SweepProgress['recent'], batchId = BATCH): SweepProgress => ({
  batchId,
  done: recent.length,
  total: 3,
  deleted: recent.filter((result) => result.status === 'deleted').length,
  absent: 0,
  failed: 0,
  skipped: 0,
  ratePerSecond: 1,
  etaSeconds: null,
  recent,
});
const deleted = (account: string) => ({ account, status: 'deleted' as const, errorCode: null, errorInfo: null, attempts: 1 });
const finishedOf = (status: SweepFinished['status']): SweepFinished => ({
  batchId: BATCH,
  status,
  summary,
  stop: null,
  verification: { status: 'skipped', reason: null },
  durationMs: 1000,
});

let page: ReturnType<typeof fakeWindow>;
let status: { running: unknown };
let starts: unknown[] = [];
let refuseStarts = 0;
const shown: { title: string; body: string }[] = [];

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  shown.length = 0;
  status = { running: null };
  starts = [];
  refuseStarts = 0;
  const busy = { kind: 'busy', message: 'busy', code: 'sweep-running-elsewhere', params: { batch: 'B-1', pid: 42 } };
  page = fakeWindow({
    profiles: { list: () => ok({ profiles: [profile(A), profile(B)], warning: null }) },
    sweep: {
      start: (payload: never) => (
        starts.push(payload),
        refuseStarts-- > 0 ? Promise.resolve({ ok: false as const, error: busy }) : ok({ batchId: BATCH })
      ),
      status: vi.fn(() => ok(status)),
    },
  });
  const Notification = Object.assign(
    class {
      constructor(title: string, options: { body: string }) {
        shown.push({ title, body: options.body });
      }
    },
    { permission: 'granted', requestPermission: async () => 'granted' },
  );
  // In a page, window is the global object: the notification API is both.
  (globalThis as Record<string, unknown>).Notification = Notification;
  (globalThis as unknown as { window: Record<string, unknown> }).window.Notification = Notification;
  (page as unknown as { off: () => void }).off = connectSweepEvents();
  useProfiles.setState({ profiles: [], activeProfileId: null, ready: false });
  useSweep.setState({ phase: 'idle', batchId: null, profileId: null, finished: null, results: new Map() });
  useBots.getState().reset();
  await loadProfiles();
  await changeLanguage('en');
});
afterAll(() => changeLanguage('en')); // the unit tier shares the i18n module with the files after this one
afterEach(() => {
  (page as unknown as { off: () => void }).off();
  page.remove();
  delete (globalThis as Record<string, unknown>).Notification;
  vi.useRealTimers();
});

async function startSweepFor(profileId: string, accounts: string[]) {
  useBots.setState({ rows: accounts });
  await deleteConfirmed({ profileId, accounts }, () => Promise.resolve(false));
}

describe('profiles and the list', () => {
  it('hands the list to the profile switched to, and remembers the choice for the next start', async () => {
    expect(useBots.getState().owner).toBe(A);
    useBots.setState({ rows: ['@RBT#a'] });
    switchProfile(B);
    expect(useBots.getState()).toMatchObject({ owner: B, rows: [] });
    useProfiles.setState({ activeProfileId: null });
    await loadProfiles();
    expect(useProfiles.getState().activeProfileId).toBe(B);
  });
});

describe('a sweep', () => {
  it('puts its results in its own profile’s list only', async () => {
    await startSweepFor(A, ['@RBT#1', '@RBT#2']);
    page.progress(progressOf([deleted('@RBT#1')]));
    expect(useBots.getState().status.get('@RBT#1')).toBe('deleted');
    switchProfile(B);
    useBots.setState({ rows: ['@RBT#2'] });
    page.progress(progressOf([deleted('@RBT#2')]));
    expect(useBots.getState().status.size).toBe(0);
    expect(useSweep.getState().results.size).toBe(2);
  });

  it('ignores another batch’s events while it runs, and a window that follows none looks the running one up', async () => {
    await startSweepFor(A, ['@RBT#1']);
    page.progress(progressOf([deleted('@RBT#1')], '20261126T003902123Z-ffffff'));
    expect(useSweep.getState().results.size).toBe(0);
    useSweep.setState({ phase: 'idle' });
    status = { running: { batchId: BATCH, profileId: A, progress: progressOf([]), accounts: ['@RBT#1'], results: [] } };
    page.progress(progressOf([deleted('@RBT#1')]));
    await vi.waitFor(() => expect(useSweep.getState()).toMatchObject({ phase: 'running', batchId: BATCH, profileId: A }));
  });

  it('reloaded during a sweep: takes it on with its progress, its rows and their statuses under its profile (said), and its end', async () => {
    switchProfile(B);
    const accounts = ['@RBT#1', '@RBT#2', '@RBT#3'];
    status = {
      running: { batchId: BATCH, profileId: A, progress: progressOf([deleted('@RBT#1')]), accounts, results: [deleted('@RBT#1')] },
    };
    await attachRunningSweep();
    expect(useSweep.getState()).toMatchObject({ phase: 'running', batchId: BATCH, profileId: A, planned: 3 });
    expect(useSweep.getState().results.get('@RBT#1')?.status).toBe('deleted');
    expect(useProfiles.getState().activeProfileId).toBe(A);
    expect(useApp.getState().banner).toMatchObject({ tone: 'info', key: 'profile.switched', values: { name: profile(A).name } });
    expect(useBots.getState()).toMatchObject({ owner: A, loadedFor: A, rows: accounts });
    expect(useBots.getState().status.get('@RBT#1')).toBe('deleted');
    page.progress(progressOf([deleted('@RBT#2')]));
    expect(useBots.getState().status.get('@RBT#2')).toBe('deleted');
    page.finished(finishedOf('completed'));
    expect(useSweep.getState()).toMatchObject({ phase: 'done', finished: { status: 'completed' } });
  });
});

describe('another process’s sweep of the app', () => {
  it('is waited for only when the user says so; declined, nothing is sent and nothing else is said', async () => {
    useBots.setState({ rows: ['@RBT#1'] });
    useApp.setState({ banner: null });
    refuseStarts = 1;
    const asked: unknown[] = [];
    const declined = await deleteConfirmed({ profileId: A, accounts: ['@RBT#1'] }, (error) => (asked.push(error), Promise.resolve(false)));
    expect(declined).toBe('declined');
    expect(asked).toHaveLength(1);
    expect(asked[0]).toBeInstanceOf(ApiFailure);
    expect(useApp.getState().banner).toBeNull();
    expect(useSweep.getState().phase).toBe('idle');
    expect(starts).toHaveLength(1);

    refuseStarts = 1;
    const waited = await deleteConfirmed({ profileId: A, accounts: ['@RBT#1'] }, () => Promise.resolve(true));
    expect(waited).toBe('started');
    expect(starts.at(-1)).toMatchObject({ accounts: ['@RBT#1'], wait: true });
    expect(useSweep.getState()).toMatchObject({ phase: 'running', batchId: BATCH, planned: 1 });
  });

  it('a later Wait starts waiting at once, without asking again', async () => {
    useBots.setState({ rows: ['@RBT#1'] });
    const never = () => Promise.reject(new Error('not asked'));
    expect(await deleteConfirmed({ profileId: A, accounts: ['@RBT#1'] }, never, { batch: 'B-1', pid: 42 })).toBe('started');
    expect(starts).toEqual([expect.objectContaining({ wait: true })]);
  });

  it('notifies the end of a long sweep once, in the interface language; a short one not at all', async () => {
    await startSweepFor(A, ['@RBT#1']);
    page.finished(finishedOf('completed'));
    expect(shown).toEqual([]);
    await startSweepFor(A, ['@RBT#1']);
    vi.setSystemTime(Date.now() + LONG_SWEEP_MS + 1);
    page.finished(finishedOf('cancelled'));
    page.finished(finishedOf('cancelled'));
    expect(shown).toEqual([{ title: 'Botsweep: Cancelled', body: 'Cancelled: 1 of 3 deleted · 2 skipped' }]);
    await changeLanguage('ko');
    await startSweepFor(A, ['@RBT#1']);
    vi.setSystemTime(Date.now() + LONG_SWEEP_MS + 1);
    page.finished(finishedOf('cancelled'));
    expect(shown[1]!.title).toMatch(/^Botsweep: 취소됨/);
    expect(shown[1]!.body).not.toMatch(/Cancelled|deleted/);
  });
});
