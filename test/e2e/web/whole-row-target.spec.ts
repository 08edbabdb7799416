// The whole row is the target: a click on its text toggles it, Shift-click on row text selects a range (and never
// selects text), Ctrl/Cmd-click toggles one; a protected row stays out whatever is clicked.
import { expect, refresh, test } from './fixtures.js';

test.describe('the whole row', () => {
  test.use({ demoArgs: ['--bots', '12'] });

  test('click, Shift-click on row text and Ctrl/Cmd-click select rows, never text', async ({ app }) => {
    const page = app;
    await refresh(page);
    const row = (account: string) => page.getByRole('listitem').filter({ has: page.getByRole('checkbox', { name: account, exact: true }) });
    await expect(row('@RBT#sandbox0003').locator('.nickname')).toHaveText('Weather bot 3');
    // The nickname of one row, then Shift on another row's account text: the five between them.
    await row('@RBT#sandbox0003').locator('.nickname').click();
    await row('@RBT#sandbox0007')
      .locator('.account')
      .click({ modifiers: ['Shift'] });
    await expect(page.getByText('5 selected', { exact: true })).toBeVisible();
    for (const n of [3, 4, 5, 6, 7]) await expect(page.getByRole('checkbox', { name: `@RBT#sandbox000${n}` })).toBeChecked();
    expect(await page.evaluate(() => window.getSelection()?.toString() ?? '')).toBe('');
    // Ctrl/Cmd-click toggles one row, anywhere on it.
    // (at the row's far left, beside its checkbox: the row itself, not any text in it)
    await row('@RBT#sandbox0005').click({ modifiers: ['ControlOrMeta'], position: { x: 4, y: 17 } });
    await expect(page.getByText('4 selected', { exact: true })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: '@RBT#sandbox0005' })).not.toBeChecked();
    // The clicked row holds the focus, so the keyboard goes on from there.
    await expect(page.getByRole('checkbox', { name: '@RBT#sandbox0005' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('checkbox', { name: '@RBT#sandbox0006' })).toBeFocused();
  });
});
