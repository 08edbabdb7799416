// Another sweep of the same app (the CLI, in the same data folder) makes the app ask in its own dialog — never a
// browser confirm — whether to wait: Not now sends nothing and keeps a Wait button; Wait says whose sweep it waits for
// and how many accounts follow, then deletes them once the other has ended.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BATCH_ID_TEXT } from '../../../shared/ids.js';
import { expect, refresh, test } from './fixtures.js';

test.describe('the wait offer', () => {
  test.use({ demoArgs: ['--bots', '80'] });

  test('is an in-app dialog, and its Wait stays available after Not now', async ({ app, demo, cli }) => {
    const page = app;
    const browserDialogs: string[] = [];
    page.on('dialog', (dialog) => {
      browserDialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await refresh(page);
    // The CLI deletes other bots of the same app, slowly (2 a second), from the same data folder: it holds the app's lock.
    const accounts = Array.from({ length: 40 }, (_, i) => `@RBT#sandbox${String(i + 41).padStart(4, '0')}`);
    const other = cli(['delete', ...accounts, '--yes', '--rate', '2'], demo.dataDir);
    await expect
      .poll(
        () =>
          (existsSync(join(demo.dataDir, 'locks')) ? readdirSync(join(demo.dataDir, 'locks')) : []).filter((name) => name.endsWith('.lock'))
            .length,
        { timeout: 10_000 },
      )
      .toBe(1);

    await page.getByRole('checkbox', { name: '@RBT#sandbox0001' }).click();
    await page.getByRole('button', { name: 'Delete selected (1)' }).click();
    await page.getByRole('dialog', { name: 'Delete 1 bot?' }).getByRole('button', { name: 'Delete 1 bot' }).click();
    const offer = page.getByRole('dialog', { name: 'Another sweep of this app is running' });
    await expect(offer).toBeVisible();
    await expect(offer).toContainText('nothing was sent');
    await expect(offer).toContainText('Wait for it to finish, then delete this account?');
    await offer.getByRole('button', { name: 'Not now' }).click();
    await expect(offer).toBeHidden();

    const declined = page.getByRole('status').filter({ hasText: 'Nothing was sent: another sweep of this app is running' });
    await expect(declined).toContainText(new RegExp(`batch ${BATCH_ID_TEXT}, process \\d+`));
    await declined.getByRole('button', { name: 'Wait for it, then delete 1' }).click();
    await expect(
      page.getByText(/^Waiting for the other sweep of this app \(batch .*, process \d+\) to finish; then 1 accounts? will be deleted\.$/),
    ).toBeVisible();
    await expect(page.getByText('0 of 0')).toHaveCount(0);

    // The other sweep ends (Ctrl-C in its terminal): this one starts, and sends its one account.
    other.interrupt();
    expect((await other.done).code).toBe(130);
    await expect(page.getByText('Finished: 1 of 1 deleted')).toBeVisible({ timeout: 20_000 });
    expect(browserDialogs).toEqual([]);
  });
});
