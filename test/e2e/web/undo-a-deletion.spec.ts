// Scenario in Chromium through the web host against the sandbox: delete some bots, then History → Re-create → the
// confirmation lists the accounts with their saved nicknames and the target, says what comes back and what does not →
// confirm → progress and summary → the rows are bots again after Refresh, and History links the two batches both ways.
import { SCREENSHOTS, expect, refresh, test } from './fixtures.js';
import type { Page } from '@playwright/test';

test.use({ demoArgs: ['--bots', '12', '--latency', '50'] });

async function deleteFirst(page: Page, count: number): Promise<void> {
  await refresh(page);
  await page.getByRole('checkbox', { name: '@RBT#sandbox0001' }).click();
  await page.getByRole('checkbox', { name: `@RBT#sandbox${String(count).padStart(4, '0')}` }).click({ modifiers: ['Shift'] });
  await page.getByRole('button', { name: `Delete selected (${count})` }).click();
  await page
    .getByRole('dialog', { name: `Delete ${count} bots?` })
    .getByRole('button', { name: `Delete ${count} bots` })
    .click();
  await expect(page.getByText(`Finished: ${count} of ${count} deleted`)).toBeVisible();
}

/** Opens the newest of `batches` batches, once the list (read again) has them all. */
async function openNewest(page: Page, batches: number): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'History' }).click();
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(batches + 1);
  await rows.nth(1).getByRole('button', { name: /^Open/ }).click();
}

test('History → Re-create → the dialog lists the saved nicknames and the target → confirm → bots again after Refresh', async ({
  app: page,
  demo,
}) => {
  await deleteFirst(page, 5);
  await refresh(page);
  await expect(page.getByText('7 of 7 shown')).toBeVisible();

  await openNewest(page, 1);
  const table = page.getByRole('table');
  await expect(table.getByRole('row').filter({ hasText: '@RBT#sandbox0001' })).toContainText('Support bot 1');
  await expect(table.getByRole('row').filter({ hasText: '@RBT#sandbox0001' })).toContainText('https://avatars.example.com/sandbox0001.png');
  await page.getByRole('button', { name: 'Re-create 5…' }).click();

  const dialog = page.getByRole('dialog', { name: 'Re-create 5 bots?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('Sandbox', { exact: true })).toBeVisible();
  await expect(dialog.getByText(demo.sandboxUrl)).toBeVisible();
  await expect(dialog.getByText('1400000000')).toBeVisible();
  const accounts = dialog.getByRole('list', { name: 'Accounts' });
  await expect(accounts.getByRole('listitem').filter({ hasText: '@RBT#sandbox0001' })).toContainText('Support bot 1');
  await expect(accounts.getByRole('listitem').filter({ hasText: '@RBT#sandbox0005' })).toContainText('Echo bot 5');
  await expect(dialog.getByText(/Comes back: each chatbot account, with the nickname, avatar and signature/)).toBeVisible();
  await expect(dialog.getByText(/Does not come back: .*group memberships, conversations, callbacks/)).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/recreate-dialog.png` });
  await dialog.getByRole('button', { name: 'Re-create 5 bots' }).click();

  await expect(page.getByText('Finished: 5 of 5 re-created')).toBeVisible();
  await refresh(page);
  await expect(page.getByText('12 of 12 shown')).toBeVisible();
  for (const account of ['@RBT#sandbox0001', '@RBT#sandbox0005']) {
    const row = page.getByRole('listitem').filter({ hasText: account });
    await expect(row).toBeVisible();
    await expect(row.getByRole('checkbox')).toBeEnabled();
    await expect(row).not.toContainText('deleted');
  }
  await expect(page.getByRole('listitem').filter({ hasText: '@RBT#sandbox0002' })).toContainText('Sales bot 2');

  // History: the re-creation links to the deletion it undoes, and the deletion to the re-creation.
  await openNewest(page, 2);
  await expect(page.getByText('re-creation', { exact: true })).toBeVisible();
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: '@RBT#sandbox0003' })).toContainText('re-created');
  await page.locator('.batch-links').getByRole('button').click();
  await expect(page.getByText('Re-created by')).toBeVisible();
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: '@RBT#sandbox0003' })).toContainText('deleted');
  await page.screenshot({ path: `${SCREENSHOTS}/recreated-history.png` });
});

test('ticked accounts only: the dialog and the re-creation hold just those', async ({ app: page }) => {
  await deleteFirst(page, 4);
  await openNewest(page, 1);
  await page.getByRole('checkbox', { name: 'Re-create @RBT#sandbox0002' }).check();
  await page.getByRole('checkbox', { name: 'Re-create @RBT#sandbox0004' }).check();
  await page.getByRole('button', { name: 'Re-create 2 ticked…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Re-create 2 bots?' });
  const accounts = dialog.getByRole('list', { name: 'Accounts' }).getByRole('listitem');
  await expect(accounts).toHaveCount(2);
  await expect(accounts.first()).toContainText('@RBT#sandbox0002');
  await dialog.getByRole('button', { name: 'Re-create 2 bots' }).click();
  await expect(page.getByText('Finished: 2 of 2 re-created')).toBeVisible();
  await refresh(page);
  await expect(page.getByText('10 of 10 shown')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: '@RBT#sandbox0001' })).toHaveCount(0);
});
