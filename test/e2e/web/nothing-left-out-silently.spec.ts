// Nothing left out without a word: a paste names the protected accounts (the app's guards), the duplicates and the
// ones already settled in this list, and adds only the rest; Select matching names the protected and settled rows it
// leaves out; an entry with a text-direction character shows escaped, with the character and its position.
import type { Page } from '@playwright/test';
import { expect, refresh, test } from './fixtures.js';

async function protect(page: Page, patterns: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Profiles' }).click();
  await page.getByRole('button', { name: 'Edit Sandbox' }).click();
  await page.getByLabel('Protected accounts').fill(patterns);
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Profile “Sandbox” saved.', { exact: false })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Bots' }).click();
}

test.describe('nothing left out silently', () => {
  test.use({ demoArgs: ['--bots', '12'] });

  test('a paste of protected, repeated and settled accounts says which, and adds only the rest', async ({ app }) => {
    const page = app;
    await protect(page, '@RBT#keep-*');
    await refresh(page);
    // One settled row in this list: deleted.
    await page.getByRole('checkbox', { name: '@RBT#sandbox0012' }).click();
    await page.getByRole('button', { name: 'Delete selected (1)' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete 1 bot' }).click();
    await expect(page.getByText('Finished: 1 of 1 deleted')).toBeVisible({ timeout: 20_000 });

    await page.getByRole('button', { name: 'Paste list' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add accounts' });
    await dialog.getByLabel(/^Accounts/).fill('@RBT#keep-1\n@RBT#keep-2\n@RBT#new1\n@RBT#new1\n@RBT#sandbox0012');
    await expect(dialog.getByText('4 valid accounts')).toBeVisible();
    await expect(dialog.getByText('2 protected accounts of this app are left out (never deleted): @RBT#keep-1, @RBT#keep-2')).toBeVisible();
    await expect(dialog.getByText('1 already settled in this list (deleted or absent) is left out: @RBT#sandbox0012')).toBeVisible();
    await expect(dialog.getByText('1 duplicate dropped (it is taken once): @RBT#new1')).toBeVisible();
    await dialog.getByRole('button', { name: 'Add 1 account' }).click();
    await expect(page.getByText('1 selected', { exact: true })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: '@RBT#new1' })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: '@RBT#keep-1' })).toHaveCount(0);

    // Only protected accounts: nothing to add, and said.
    await page.getByRole('button', { name: 'Paste list' }).click();
    await dialog.getByLabel(/^Accounts/).fill('@RBT#keep-3');
    await expect(dialog.getByText('Nothing to add: every valid account is left out.')).toBeVisible();
    await expect(dialog.getByRole('button', { name: /^Add/ })).toBeDisabled();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  test('Select matching names the protected and settled rows it leaves out', async ({ app }) => {
    const page = app;
    await protect(page, '@RBT#sandbox000?');
    await refresh(page);
    await page.getByRole('checkbox', { name: '@RBT#sandbox0010' }).click();
    await page.getByRole('button', { name: 'Delete selected (1)' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete 1 bot' }).click();
    await expect(page.getByText('Finished: 1 of 1 deleted')).toBeVisible({ timeout: 20_000 });
    await page.getByRole('checkbox', { name: '@RBT#sandbox0011' }).click();
    await page.getByRole('button', { name: 'Select matching…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Select matching accounts' });
    await dialog.getByLabel('Pattern over the account ID').fill('*');
    await expect(dialog.getByText('2 accounts would be selected.')).toBeVisible();
    await expect(dialog.getByText(/^9 protected accounts of this app are left out \(never deleted\): @RBT#sandbox0001, /)).toBeVisible();
    await expect(dialog.getByText('1 already settled in this list (deleted or absent) is left out: @RBT#sandbox0010')).toBeVisible();
    await expect(dialog.getByText('1 of them is selected already.')).toBeVisible();
  });

  test('a pasted entry with a text-direction override shows escaped, with the character and its position', async ({ app }) => {
    const page = app;
    await refresh(page);
    await page.getByRole('button', { name: 'Paste list' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add accounts' });
    await dialog.getByLabel(/^Accounts/).fill('@RBT#\u202Enimda\n@RBT#ok');
    const line = dialog.getByRole('listitem').filter({ hasText: 'Line 1' });
    await expect(line).toHaveText(
      'Line 1: “@RBT#\\u202enimda” — contains an invisible or text-direction character: U+202E (RIGHT-TO-LEFT OVERRIDE) at character 6',
    );
    // Nothing in the dialog's text is reordered: the override itself appears only in the field the user typed in.
    const shown = await dialog.evaluate((element) => {
      const copy = element.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('textarea').forEach((field) => field.remove());
      return copy.textContent ?? '';
    });
    expect(shown).toContain('\\u202e');
    expect(shown).not.toContain('\u202E');
    await expect(dialog.getByRole('button', { name: 'Add 1 account' })).toBeEnabled();
  });
});
