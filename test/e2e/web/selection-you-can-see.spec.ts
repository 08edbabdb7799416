// Selection you can see: the selected rows the filter hides are counted, Show selected only shows exactly them, Clear
// selection empties it, the delete dialog lists exactly the selection and says how many the filter hides, and a
// refresh keeps only rows still listed and selectable and says which it dropped.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, refresh, shownAccounts, test } from './fixtures.js';

test.describe('selection you can see', () => {
  test.use({ demoArgs: ['--bots', '40'] });

  test('the hidden-selection count, Show selected only, Clear selection and the dialog', async ({ app }) => {
    const page = app;
    await refresh(page);
    await page.getByRole('checkbox', { name: 'Select all' }).check();
    await expect(page.getByText('40 selected', { exact: true })).toBeVisible();
    await page.getByRole('searchbox').fill('sandbox001');
    await expect(page.getByText('10 of 40 shown')).toBeVisible();
    await expect(page.getByText('40 selected · 30 hidden by the filter')).toBeVisible();

    // Only the selected rows (the filter still applies); without the filter, every selected one.
    await page.getByRole('searchbox').fill('');
    await page.getByRole('checkbox', { name: '@RBT#sandbox0002' }).click();
    await page.getByRole('checkbox', { name: '@RBT#sandbox0003' }).click();
    await page.getByLabel('Show selected only').check();
    await expect(page.getByText('38 of 40 shown')).toBeVisible();
    expect(await shownAccounts(page)).not.toContain('@RBT#sandbox0002');
    await page.getByRole('searchbox').fill('sandbox000');
    await expect(page.getByText('7 of 40 shown')).toBeVisible();
    await expect(page.getByText('38 selected · 31 hidden by the filter')).toBeVisible();

    // The dialog lists exactly the selection, hidden rows included, and says how many the filter hides.
    await page.getByRole('button', { name: 'Delete selected (38)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete 38 bots?' });
    await expect(dialog.getByText('31 of them are hidden by the filter in the list.')).toBeVisible();
    const listed = dialog.getByRole('list', { name: 'Accounts' }).getByRole('listitem');
    await expect(listed.first()).toHaveAttribute('aria-setsize', '38');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Clear selection' }).click();
    await expect(page.getByText('0 selected', { exact: true })).toBeVisible();
    await expect(page.getByText('0 of 40 shown')).toBeVisible();
    await page.getByLabel('Show selected only').uncheck();
    await expect(page.getByText('9 of 40 shown')).toBeVisible();
  });

  test('a refresh keeps only rows still listed and selectable, and says which it dropped', async ({ app, cli }) => {
    const page = app;
    await refresh(page);
    for (const name of ['@RBT#sandbox0001', '@RBT#sandbox0002', '@RBT#sandbox0003']) await page.getByRole('checkbox', { name }).click();
    await expect(page.getByText('3 selected', { exact: true })).toBeVisible();
    // Another client (another machine: its own data folder) deletes two of them meanwhile.
    const elsewhere = mkdtempSync(join(tmpdir(), 'botsweep-e2e-cli-'));
    try {
      const run = await cli(['delete', '@RBT#sandbox0001', '@RBT#sandbox0002', '--yes'], elsewhere).done;
      expect(run.code, run.stderr).toBe(0);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByText('38 of 38 shown')).toBeVisible();
    await expect(page.getByText('1 selected', { exact: true })).toBeVisible();
    const notice = page.getByRole('status').filter({ hasText: 'After the refresh' });
    await expect(notice).toContainText('After the refresh, 2 accounts left the selection:');
    await expect(notice).toContainText('2 are no longer listed: @RBT#sandbox0001, @RBT#sandbox0002');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toBeHidden();
  });
});
