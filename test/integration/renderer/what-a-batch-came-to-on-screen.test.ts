// The summary and the history render what a batch came to from store state, in the chosen language: the engine's
// new vocabulary (absent, stop kinds, running) included.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BatchListItem, SweepFinished } from '../../../shared/api.js';
import type { BatchSummary } from '../../../shared/sweep.js';
import { SweepPanel } from '../../../renderer/src/components/SweepPanel.js';
import { HistoryView } from '../../../renderer/src/components/HistoryView.js';
import { errorText } from '../../../renderer/src/errors.js';
import { changeLanguage, t } from '../../../renderer/src/i18n/index.js';
import { notificationBody } from '../../../renderer/src/notify.js';
import { useHistory } from '../../../renderer/src/store/history.js';
import { useSweep } from '../../../renderer/src/store/sweep.js';

// Server rendering reads a store's initial state: here the stores answer with the state each test sets.
vi.mock('zustand', async (importOriginal) => {
  const zustand = await importOriginal<typeof import('zustand')>();
  const create = (init: import('zustand').StateCreator<object>) => {
    const api = zustand.createStore(init);
    api.getInitialState = api.getState;
    return Object.assign(<T>(selector: (state: unknown) => T) => zustand.useStore(api, selector), api);
  };
  return { ...zustand, create };
});

const summary = (counts: Partial<BatchSummary>): BatchSummary => {
  const full = { deleted: 0, absent: 0, recreated: 0, 'already-a-bot': 0, failed: 0, unconfirmed: 0, skipped: 0, ...counts };
  return { ...full, total: full.deleted + full.absent + full.failed + full.unconfirmed + full.skipped };
};
const BATCH = '20261126T003902123Z-a1b2c3';

function panel(finished: Omit<SweepFinished, 'batchId' | 'verification' | 'durationMs'>): string {
  useSweep.setState({
    phase: 'done',
    batchId: BATCH,
    finished: { batchId: BATCH, verification: { status: 'verified', reason: null }, durationMs: 4200, ...finished },
    results: new Map(),
  });
  return renderToStaticMarkup(createElement(SweepPanel))
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

beforeEach(() => changeLanguage('en'));

describe('the sweep summary', () => {
  it('says finished only when every account is done, counts the absent ones, and names its batch and duration', () => {
    const text = panel({ status: 'completed', summary: summary({ deleted: 3, absent: 2 }), stop: null });
    expect(text).toContain('Finished: 3 of 5 deleted · 2 absent');
    expect(text).toContain(`Batch ${BATCH} · 4.2 sec`);
    expect(text).toContain('Open in History');
    expect(text).not.toContain('Retry');
  });

  it('never calls a batch that deleted nothing "finished"', () => {
    expect(panel({ status: 'completed', summary: summary({ failed: 3 }), stop: null })).toContain(
      'Finished with failures: 0 of 3 deleted · 3 failed',
    );
    expect(panel({ status: 'completed', summary: summary({ absent: 2 }), stop: null })).toContain('Nothing deleted: 0 of 2 deleted');
  });

  it('says why a batch stopped and what to do; a wrong key leads to the profile, not to a retry', () => {
    const stop = { kind: 'credentials' as const, errorCode: 70009, errorInfo: 'sig fail', advice: 'Check.' };
    const html = (() => {
      panel({ status: 'aborted', summary: summary({ failed: 1, skipped: 4 }), stop });
      return renderToStaticMarkup(createElement(SweepPanel));
    })();
    const text = html.replace(/<[^>]+>/g, ' ');
    expect(text).toContain('Stopped: 0 of 5 deleted · 1 failed · 4 skipped');
    expect(text).toContain('The gateway refused the credentials.');
    expect(text).toContain('the secret key does not match this SDKAppID');
    // The advice is said once: the code's own (no second "check the key", no "then retry").
    expect(text.match(/Check the key/g)).toHaveLength(1);
    expect(text).not.toMatch(/retry/i);
    expect(html).toMatch(/class="primary"[^>]*>Edit profile</);
    const unreachable = panel({
      status: 'aborted',
      summary: summary({ deleted: 1, skipped: 5 }),
      stop: { kind: 'unreachable', errorCode: null, errorInfo: 'connection refused (ECONNREFUSED)', advice: 'y' },
    });
    expect(unreachable).toContain('The gateway could not be reached.');
    expect(unreachable).toContain('connection refused (ECONNREFUSED)');
    // A retry can help here, and it is named for what it sends.
    expect(unreachable).toContain('Retry what is left (5)');
  });

  it('speaks the chosen language, stop reasons and gateway codes included', async () => {
    await changeLanguage('zh-CN');
    const text = panel({
      status: 'aborted',
      summary: summary({ failed: 1 }),
      stop: { kind: 'credentials', errorCode: 70009, errorInfo: 'sig', advice: 'Check the key.' },
    });
    expect(text).toContain('已停止');
    expect(text).toContain('网关拒绝了凭据');
    expect(text).toContain('签名被拒绝');
    expect(text).not.toMatch(/Check the key|Stopped/);
  });
});

describe('errors in the user language', () => {
  it('translates a coded error and keeps the gateway code', async () => {
    const error = {
      kind: 'credentials',
      message: 'the signature was rejected [70009]',
      code: 'gateway-refused',
      params: { code: 70009 },
    } as const;
    expect(errorText(t, error)).toMatch(/^The signature was rejected.*\[70009\]$/);
    await changeLanguage('ko');
    expect(errorText(t, error)).toContain('서명이 거부되었습니다');
    expect(errorText(t, { kind: 'network', message: 'x', code: 'gateway-unreachable', params: {} })).toContain(
      '게이트웨이에 연결할 수 없습니다',
    );
    // Without a code (an older main), the kind still gets words; an unknown thing keeps its own text.
    expect(errorText(t, { kind: 'busy', message: 'A sweep is running' })).toContain('Botsweep이 작업 중입니다');
    expect(errorText(t, new Error('plain'))).toBe('plain');
  });
});

describe('the history list', () => {
  it('uses the summary words and shows absent counts and running batches, with an outcome filter', () => {
    const item = (id: string, status: BatchListItem['status'], counts: Partial<BatchSummary>): BatchListItem => ({
      id,
      kind: 'delete',
      undoes: null,
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: null,
      status,
      target: { kind: 'region', region: 'singapore' },
      sdkAppId: 1,
      identifier: 'administrator',
      profile: 'Prod',
      profileId: null,
      retryOf: null,
      stop: null,
      verification: null,
      signal: null,
      listedAtStart: null,
      damage: null,
      summary: summary(counts),
    });
    useHistory.setState({
      open: null,
      batches: [
        item('a', 'running', { skipped: 5 }),
        item('b', 'completed', { failed: 2 }),
        item('c', 'completed', { deleted: 1, absent: 3 }),
      ],
    });
    const text = renderToStaticMarkup(createElement(HistoryView)).replace(/<[^>]+>/g, ' ');
    expect(text).toContain('Running');
    expect(text).toContain('Finished with failures');
    expect(text).toContain('3 absent');
    expect(text).not.toContain('completed');
    expect(text).toContain('All batches');
  });
});

describe('notification bodies', () => {
  it('escape markup on Linux, where the notification server reads the body as markup, and nowhere else', () => {
    const text = 'gateway said <b>bold</b> & <a href="x">click</a>';
    expect(notificationBody(text, true)).toBe('gateway said &lt;b&gt;bold&lt;/b&gt; &amp; &lt;a href=&quot;x&quot;&gt;click&lt;/a&gt;');
    expect(notificationBody(text, false)).toBe(text);
  });
});
