// Know what you delete, in Chromium through the web host: nicknames in the list and the filter, Select matching by
// glob, protected accounts kept out of every selection, a production profile's typed name, failures by reason.
import { expect, refresh, test } from './fixtures.js';
import type { Page } from '@playwright/test';

/** The sandbox seeds nicknames in this order ("Support bot 1", "Sales bot 2", …). */
const WORDS = ['Support', 'Sales', 'Weather', 'Trivia', 'Echo', 'Welcome', 'Staging', 'Legacy'];
const nicknameOf = (index: number) => `${WORDS[index % WORDS.length]} bot ${index + 1}`;

async function editSandboxProfile(page: Page, change: (page: Page) => Promise<void>): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Profiles', exact: true }).click();
  await page.getByRole('button', { name: 'Edit Sandbox' }).click();
  await change(page);
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Profile “Sandbox” saved.', { exact: false })).toBeVisible();
  await page.getByRole('button', { name: 'Bots', exact: true }).click();
}

test.describe('nicknames, sort and Select matching', () => {
  test.use({ demoArgs: ['--bots', '40'] });

  test('nicknames fill in after the list, the filter matches them, and a glob selects the right rows', async ({ app }) => {
    const page = app;
    await refresh(page);
    const list = page.getByRole('list', { name: 'Chatbot accounts' });
    await expect(list.getByRole('listitem').filter({ hasText: '@RBT#sandbox0002' })).toContainText(nicknameOf(1));

    // Nickname filter, case-insensitive: "sales" is bots 2, 10, 18, 26, 34.
    await page.getByLabel('Filter').fill('SALES bot');
    await expect(page.getByText('5 of 40 shown')).toBeVisible();
    await expect(list.getByRole('listitem')).toHaveCount(5);
    await page.getByLabel('Filter').fill('sandbox003');
    await expect(page.getByText('10 of 40 shown')).toBeVisible();
    await page.getByLabel('Filter').fill('');

    // Sorted by nickname: "Echo bot 13" comes before "Echo bot 5" only if sorting were not numeric; Echo bot 5 is first.
    await page.getByRole('button', { name: /^Nickname/ }).click();
    await expect(list.getByRole('listitem').first()).toContainText('Echo bot 5');
    await page.getByRole('button', { name: /^Account/ }).click();
    await expect(list.getByRole('listitem').first()).toContainText('@RBT#sandbox0001');

    await page.getByRole('button', { name: 'Select matching…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Select matching accounts' });
    // Patterns match account IDs only (as delete --match and protected accounts do): a nickname pattern is refused.
    const pattern = dialog.getByLabel('Pattern over the account ID');
    await pattern.fill('weather*');
    await expect(dialog.getByText(/cannot match a chatbot account/)).toBeVisible();
    await expect(dialog.getByRole('button', { name: /^Select/ })).toBeDisabled();
    await pattern.fill('@RBT#sandbox000?');
    await expect(dialog.getByText('9 accounts would be selected.')).toBeVisible();
    await dialog.getByRole('button', { name: 'Select 9' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('9 selected')).toBeVisible();
    await expect(page.getByRole('checkbox', { name: '@RBT#sandbox0009' })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: '@RBT#sandbox0010' })).not.toBeChecked();

    // The delete dialog names each account's nickname.
    await page.getByRole('button', { name: 'Delete selected (9)' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete 9 bots?' });
    await expect(confirm.getByRole('list', { name: 'Accounts' })).toContainText(nicknameOf(0));
    await confirm.getByRole('button', { name: 'Delete 9 bots' }).click();
    await expect(page.getByText('Finished: 9 of 9 deleted')).toBeVisible({ timeout: 20_000 });

    // History keeps what each deleted bot was called.
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await page.getByRole('button', { name: /^Open/ }).first().click();
    await expect(page.getByRole('row').filter({ hasText: '@RBT#sandbox0003' })).toContainText(nicknameOf(2));
  });
});

test.describe('protected and production profiles', () => {
  test.use({ demoArgs: ['--bots', '12'] });

  test('a protected bot never enters Select all, Select matching nor the dialog', async ({ app }) => {
    const page = app;
    await editSandboxProfile(page, (p) => p.getByLabel('Protected accounts').fill('@RBT#sandbox0001\n*0012'));
    await refresh(page);
    const protectedRow = page.getByRole('listitem').filter({ hasText: '@RBT#sandbox0001' }).first();
    await expect(protectedRow).toContainText('protected');
    await expect(page.getByText('12 of 12 shown · 2 protected')).toBeVisible();

    const locked = page.getByRole('checkbox', { name: '@RBT#sandbox0001' });
    await expect(locked).toHaveAttribute('aria-disabled', 'true');
    await locked.click({ force: true });
    await expect(page.getByText('0 selected')).toBeVisible();
    await page.getByLabel('Select all').check();
    await expect(page.getByText('10 selected')).toBeVisible();
    await expect(page.getByRole('checkbox', { name: '@RBT#sandbox0001' })).not.toBeChecked();
    await expect(page.getByRole('checkbox', { name: '@RBT#sandbox0012' })).not.toBeChecked();

    await page.getByRole('button', { name: 'Delete selected (10)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete 10 bots?' });
    const listed = dialog.getByRole('list', { name: 'Accounts' });
    await expect(listed).toContainText('@RBT#sandbox0002');
    await expect(listed).not.toContainText(/@RBT#sandbox0001(?!\d)/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.getByLabel('Select all').uncheck();
    await page.getByRole('button', { name: 'Select matching…' }).click();
    const matching = page.getByRole('dialog', { name: 'Select matching accounts' });
    await matching.getByLabel('Pattern over the account ID').fill('@RBT#sandbox00*');
    await expect(matching.getByText('10 accounts would be selected.')).toBeVisible();
  });

  test("a production profile shows its badge and its dialog needs the profile's name", async ({ app }) => {
    const page = app;
    await editSandboxProfile(page, (p) => p.getByLabel(/^Production app/).check());
    await expect(page.getByRole('banner').getByText('Production', { exact: true })).toBeVisible();
    await refresh(page);
    await page.getByRole('checkbox', { name: '@RBT#sandbox0003' }).check();
    await page.getByRole('button', { name: 'Delete selected (1)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete 1 bot?' });

    // Check: which of the selected are bots now.
    await dialog.getByRole('button', { name: 'Check which are bots' }).click();
    await expect(dialog.getByText('Bots now: 1. Absent: 0.')).toBeVisible();

    const confirm = dialog.getByRole('button', { name: 'Delete 1 bot' });
    const typed = dialog.getByLabel('Production profile: type its name, “Sandbox”, to confirm');
    await expect(confirm).toBeDisabled();
    await typed.fill('1');
    await expect(confirm).toBeDisabled();
    await typed.fill('Sandbox');
    await confirm.click();
    await expect(page.getByText('Finished: 1 of 1 deleted')).toBeVisible({ timeout: 20_000 });
  });
});

test.describe('failures by reason', () => {
  // Every bot's first six deletions answer 10002: the batch gives up on them (unconfirmed: 10002 may have taken
  // effect), a retry succeeds.
  test.use({ demoArgs: ['--bots', '8', '--fail-first', '6'] });

  test('a faulty batch groups its failures by error code, with select, copy and retry per group', async ({ app, context }) => {
    const page = app;
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await refresh(page);
    for (const name of ['@RBT#sandbox0001', '@RBT#sandbox0002', '@RBT#sandbox0003']) await page.getByRole('checkbox', { name }).check();
    await page.getByRole('button', { name: 'Delete selected (3)' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete 3 bots' }).click();
    await expect(page.getByText('Finished with failures: 0 of 3 deleted · 3 unconfirmed')).toBeVisible({ timeout: 20_000 });

    const groups = page.getByRole('region', { name: 'Failures by reason' });
    const group = groups.getByRole('listitem').filter({ hasText: '[10002]' });
    await expect(group).toContainText('3 accounts');
    await expect(group).toContainText('Internal error of the gateway');

    await group.getByRole('button', { name: 'Copy these' }).click();
    expect((await page.evaluate(() => navigator.clipboard.readText())).split('\n').sort()).toEqual([
      '@RBT#sandbox0001',
      '@RBT#sandbox0002',
      '@RBT#sandbox0003',
    ]);
    // Select these replaces the selection with the group.
    await page.getByLabel('Select all').check();
    await expect(page.getByText('8 selected')).toBeVisible();
    await group.getByRole('button', { name: 'Select these' }).click();
    await expect(page.getByText('3 selected')).toBeVisible();

    // The History batch view groups them the same way.
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await page.getByRole('button', { name: /^Open/ }).first().click();
    const historyGroup = page.getByRole('region', { name: 'Failures by reason' }).getByRole('listitem').filter({ hasText: '[10002]' });
    await expect(historyGroup).toContainText('3 accounts');
    await historyGroup.getByRole('button', { name: 'Retry these' }).click();
    await page.getByRole('dialog', { name: 'Retry 3 accounts?' }).getByRole('button', { name: 'Delete 3 bots' }).click();
    await expect(page.getByText('Finished: 3 of 3 deleted')).toBeVisible({ timeout: 20_000 });
  });
});

test.describe('nicknames for 10,000 bots', () => {
  test.use({ demoArgs: ['--bots', '10000'] });

  test('the list is usable at once and every nickname fills in within 60 s', async ({ app }) => {
    test.setTimeout(120_000);
    const page = app;
    await refresh(page);
    // Interactive in the first second: a row can be selected while the nicknames still load.
    const started = Date.now();
    await page.getByRole('checkbox', { name: '@RBT#sandbox00001' }).check();
    await expect(page.getByText('1 selected')).toBeVisible();
    expect(Date.now() - started).toBeLessThan(1500); // about a second, with room for a loaded test machine
    // Each row says where it stands in all 10,000, not among the rows in the DOM: "12 of 10,000", and the last.
    const rowOf = (account: string) =>
      page.getByRole('listitem').filter({ has: page.getByRole('checkbox', { name: account, exact: true }) });
    await expect(rowOf('@RBT#sandbox00012')).toHaveAttribute('aria-posinset', '12');
    await expect(rowOf('@RBT#sandbox00012')).toHaveAttribute('aria-setsize', '10000');
    await page.keyboard.press('End');
    await expect(rowOf('@RBT#sandbox10000')).toHaveAttribute('aria-posinset', '10000');
    // The last bot's nickname (fetched in the 100th call) becomes findable through the filter.
    await page.getByLabel('Filter').fill(nicknameOf(9999));
    await expect(page.getByRole('list', { name: 'Chatbot accounts' }).getByRole('listitem')).toHaveCount(1, { timeout: 60_000 });
    await expect(page.getByText('1 of 10,000 shown')).toBeVisible();
  });
});
