// Scenario, the CLI against the sandbox in memory: a deletion saves each bot's profile first, and "botsweep recreate"
// undoes it — the listing and every profile field as they were, History linking both ways; a bot quota that stops 10
// of 30 (failed, explained, exit 1) and a retry that completes it once raised; another app, or a production app without
// its name, sends nothing.
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../electron/core/sandbox/server.js';
import { seedRobotNames } from '../../electron/core/sandbox/robots.js';
import { runCli, tempHome } from '../helpers/cli.js';
import { MemoryKeychain } from '../helpers/fake-keychain.js';
import { withSandbox, TEST_ADMIN, TEST_SDKAPPID, TEST_SECRET } from '../helpers/sandbox.js';

const sandboxes: Sandbox[] = [];
afterEach(async () => {
  for (const box of sandboxes.splice(0)) await box.close();
});

async function sandbox(options: Parameters<typeof withSandbox>[0] = {}): Promise<Sandbox> {
  const box = await withSandbox({ bots: 30, nicknames: true, recordRequests: 10_000, ...options });
  sandboxes.push(box);
  return box;
}

function world(box: Sandbox) {
  const dataDir = tempHome('botsweep-undo-');
  const memory = new MemoryKeychain();
  const keychain = () => Promise.resolve(memory);
  // The real clock: the snapshot waits for its answer at most a few seconds, which a clock that skips its waits would end at once.
  const cli = (args: string[], env: Record<string, string> = { TIM_SECRET_KEY: TEST_SECRET }, input?: string) =>
    runCli(args, { dataDir, keychain, env, ...(input === undefined ? {} : { input }) });
  const connection = ['--endpoint', box.url, '--sdkappid', String(TEST_SDKAPPID), '--identifier', TEST_ADMIN];
  return { cli, connection, dataDir };
}

/** Every profile field the sandbox holds for the accounts. */
const profiles = (box: Sandbox, accounts: readonly string[]) =>
  accounts.map((account) => ({
    account,
    nickname: box.store.nicknames.get(account),
    faceUrl: box.store.faceUrls.get(account),
    signature: box.store.signatures.get(account),
  }));

/** Forgets what the sandbox kept of the profiles: only the journal's snapshot can bring them back. */
function wipeProfiles(box: Sandbox): void {
  box.store.nicknames.clear();
  box.store.faceUrls.clear();
  box.store.signatures.clear();
}

const commands = (box: Sandbox, command: string) => box.requests.filter((request) => request.command === command);

describe('undo a deletion', () => {
  it('re-creates 30 deleted bots with every profile field as it was; exit 0; History links both ways', async () => {
    const box = await sandbox();
    const { cli, connection } = world(box);
    const bots = seedRobotNames(30);
    const before = profiles(box, bots);
    expect(before.every((bot) => bot.nickname && bot.faceUrl && bot.signature)).toBe(true);

    const deletion = await cli(['delete', ...bots, ...connection, '--yes', '--json']);
    expect(deletion.code, deletion.stderr).toBe(0);
    const deleted = JSON.parse(deletion.stdout);
    expect(deleted.summary.deleted).toBe(30);
    expect(box.store.list()).toEqual([]);
    // The snapshot: one portrait_get for the 30, asking the three tags, before the first deletion.
    const portraits = commands(box, 'portrait_get');
    expect(portraits).toHaveLength(1);
    expect(JSON.parse(portraits[0]!.body).TagList.sort()).toEqual([
      'Tag_Profile_IM_Image',
      'Tag_Profile_IM_Nick',
      'Tag_Profile_IM_SelfSignature',
    ]);
    expect(portraits[0]!.at).toBeLessThanOrEqual(commands(box, 'delete_robot')[0]!.at);
    wipeProfiles(box);

    const recreation = await cli(['recreate', deleted.batchId, '--yes', '--json']);
    expect(recreation.code, recreation.stderr).toBe(0);
    const report = JSON.parse(recreation.stdout);
    expect(report).toMatchObject({ kind: 'recreate', undoes: deleted.batchId, status: 'completed' });
    expect(report.summary).toMatchObject({ total: 30, recreated: 30, failed: 0, unconfirmed: 0 });
    expect(report.verification.status).toBe('verified');
    expect(box.store.list().sort()).toEqual([...bots].sort());
    expect(profiles(box, bots)).toEqual(before);

    const history = await cli(['history', '--json']);
    const [newest, older] = JSON.parse(history.stdout);
    expect(newest).toMatchObject({ id: report.batchId, kind: 'recreate', undoes: deleted.batchId });
    expect(older).toMatchObject({ id: deleted.batchId, kind: 'delete', undoneBy: [report.batchId] });
    const detail = await cli(['history', '--batch', deleted.batchId]);
    expect(detail.stdout).toContain(`re-created by ${report.batchId}`);
    expect(detail.stdout).toMatch(/@RBT#sandbox0001 {2}deleted {2}\(nickname "Support bot 1", avatar https:\/\/avatars\.example\.com/);
    const other = await cli(['history', '--batch', report.batchId]);
    expect(other.stdout).toContain(`re-creation of ${deleted.batchId}`);
    // In the app's words: "re-created" (the code stays `recreated` in JSON).
    expect(other.stdout).toMatch(/@RBT#sandbox0030 {2}re-created/);
  });

  it('a quota of 20 with 30 to re-create: 20 recreated, 10 failed with the quota explained, exit 1; raised, a retry completes it', async () => {
    const box = await sandbox({ quota: 20 });
    const { cli, connection } = world(box);
    const bots = seedRobotNames(30);
    const before = profiles(box, bots);
    const deletion = JSON.parse((await cli(['delete', ...bots, ...connection, '--yes', '--json'])).stdout);
    wipeProfiles(box);

    const first = await cli(['recreate', deletion.batchId, '--yes']);
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/Finished with failures: 20 of 30 re-created · 10 failed/);
    expect(first.stderr).toMatch(/10 accounts failed on the per-account bot quota \(10008\)/);
    const batchId = first.stdout.trim();
    const recorded = JSON.parse((await cli(['history', '--batch', batchId, '--json'])).stdout)[0];
    const failed = recorded.results.filter((result: { status: string }) => result.status === 'failed');
    expect(recorded.summary).toMatchObject({ recreated: 20, failed: 10 });
    expect(failed.every((result: { errorCode: number; errorInfo: string }) => result.errorCode === 10008)).toBe(true);
    expect(failed[0].errorInfo).toMatch(/per-account bot quota/);
    expect(box.store.list()).toHaveLength(20);

    box.setQuota(30);
    const retry = await cli(['retry', batchId, '--yes', '--json']);
    expect(retry.code, retry.stderr).toBe(0);
    const retried = JSON.parse(retry.stdout);
    expect(retried).toMatchObject({ kind: 'recreate', undoes: deletion.batchId, retryOf: batchId });
    expect(retried.summary).toMatchObject({ total: 10, recreated: 10 });
    expect(box.store.list().sort()).toEqual([...bots].sort());
    expect(profiles(box, bots)).toEqual(before);
    const deletionRecord = JSON.parse((await cli(['history', '--batch', deletion.batchId, '--json'])).stdout)[0];
    expect(deletionRecord.undoneBy).toEqual([batchId, retried.batchId]);
  });

  it('leaves a bot that is one already as it is, and re-creates only the accounts named', async () => {
    const box = await sandbox({ bots: 5 });
    const { cli, connection } = world(box);
    const bots = seedRobotNames(5);
    const deletion = JSON.parse((await cli(['delete', ...bots, ...connection, '--yes', '--json'])).stdout);
    box.store.handle('create_robot', { UserID: bots[0] });
    const run = await cli(['recreate', deletion.batchId, bots[0]!, bots[1]!, '--yes', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.results.map((result: { status: string }) => result.status)).toEqual(['already-a-bot', 'recreated']);
    expect(commands(box, 'create_robot').map((request) => JSON.parse(request.body).UserID)).toEqual([bots[1]]);
    const notDeleted = await cli(['recreate', deletion.batchId, '@RBT#never-there', '--yes']);
    expect(notDeleted.code).toBe(2);
    expect(notDeleted.stderr).toMatch(/1 of these accounts is not deleted by batch/);
  });

  it('with --no-snapshot saves no profile: the bot comes back bare, and the plan says so', async () => {
    const box = await sandbox({ bots: 3 });
    const { cli, connection } = world(box);
    const deletion = JSON.parse((await cli(['delete', ...seedRobotNames(3), ...connection, '--yes', '--json', '--no-snapshot'])).stdout);
    expect(commands(box, 'portrait_get')).toHaveLength(0);
    const run = await cli(['recreate', deletion.batchId, '--yes']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/3 accounts have no profile saved before their deletion/);
    expect(commands(box, 'create_robot').map((request) => Object.keys(JSON.parse(request.body)))).toEqual([
      ['UserID'],
      ['UserID'],
      ['UserID'],
    ]);
  });

  it('aimed at another app, or at a production app without its name, sends nothing', async () => {
    const box = await sandbox({ bots: 4 });
    const elsewhere = await sandbox({ bots: 0 });
    const { cli, connection } = world(box);
    const added = await cli(['profile', 'add', '--name', 'Prod', ...connection, '--secret-stdin'], {}, `${TEST_SECRET}\n`);
    expect(added.code, added.stderr).toBe(0);
    const other = ['--endpoint', elsewhere.url, '--sdkappid', String(TEST_SDKAPPID), '--identifier', TEST_ADMIN];
    expect((await cli(['profile', 'add', '--name', 'Elsewhere', ...other, '--secret-stdin'], {}, `${TEST_SECRET}\n`)).code).toBe(0);
    const deletion = JSON.parse((await cli(['delete', ...seedRobotNames(4), '--profile', 'Prod', '--yes', '--json'], {})).stdout);
    expect(deletion.summary.deleted).toBe(4);

    const aimedElsewhere = await cli(['recreate', deletion.batchId, '--profile', 'Elsewhere', '--yes']);
    expect(aimedElsewhere.code).toBe(2);
    expect(aimedElsewhere.stderr).toMatch(/Profile "Elsewhere" is for .* but batch .* went to .*Nothing was sent/);
    expect((await cli(['profile', 'edit', 'Prod', '--production'], {})).code).toBe(0);
    for (const confirmation of [[], ['--confirm-profile', 'prod']]) {
      const refused = await cli(['recreate', deletion.batchId, '--yes', ...confirmation], {});
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/is a production app \(profile "Prod"\)/);
    }
    expect([...commands(box, 'create_robot'), ...commands(elsewhere, 'create_robot')]).toEqual([]);
    const confirmed = await cli(['recreate', deletion.batchId, '--yes', '--confirm-profile', 'Prod', '--json'], {});
    expect(confirmed.code, confirmed.stderr).toBe(0);
    expect(box.store.list()).toHaveLength(4);
  });
});
