import { describe, expect, it } from 'vitest';
import { batchNotices } from '../../../../electron/core/batch-notice.js';

const summary = { total: 10, deleted: 7, absent: 1, failed: 1, unconfirmed: 0, skipped: 1 };
const finished = (batchId: string, stop: { errorInfo: string } | null = null) =>
  ({ batchId, status: 'completed', summary, stop, verification: { status: 'verified', reason: null } }) as never;

describe('batch notices', () => {
  it('tell of a long batch when it ends, in words, and say nothing of a short one', () => {
    let now = 0;
    const notices = batchNotices(() => now);
    notices.progress('long');
    notices.progress('short');
    now = 5_000;
    expect(notices.finished(finished('short'))).toBeNull();
    now = 12_000;
    notices.progress('long'); // later progress does not restart the clock
    expect(notices.finished(finished('long'))).toEqual({
      title: 'Botsweep: finished with failures',
      body: 'Deleted 7 of 10; 1 not chatbots; 2 not done.',
    });
    expect(notices.finished(finished('never-started'))).toBeNull();
    notices.progress('stopped');
    now = 30_000;
    expect(notices.finished(finished('stopped', { errorInfo: 'the gateway could not be reached' }))?.title).toBe(
      'Botsweep: the batch stopped',
    );
  });
});

describe('notification bodies', () => {
  it('escape markup on Linux, where the body is markup, and nowhere else', () => {
    let now = 0;
    const stop = { errorInfo: 'gateway said <b>bold</b> & <a href="x">click</a>' };
    const linux = batchNotices(() => now, 'linux');
    linux.progress('b');
    now = 20_000;
    expect(linux.finished(finished('b', stop))!.body).toBe(
      'Deleted 7 of 10; 1 not chatbots; 2 not done. gateway said &lt;b&gt;bold&lt;/b&gt; &amp; &lt;a href=&quot;x&quot;&gt;click&lt;/a&gt;',
    );
    const mac = batchNotices(() => now, 'darwin');
    now = 0;
    mac.progress('b');
    now = 20_000;
    expect(mac.finished(finished('b', stop))!.body).toContain('<b>bold</b> & <a href="x">');
  });
});
