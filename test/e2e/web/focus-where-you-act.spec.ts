// Focus stays where the user acted or moves to what the action produced: Refresh keeps it, the end of a sweep moves it
// to the summary, closing the summary gives it back to the list; Home/End/PageUp/PageDown move it between rows; Tab
// in the delete dialog goes round the dialog's own controls.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return element && element !== document.body
      ? (element.getAttribute('aria-label') ?? element.textContent ?? element.tagName).trim()
      : 'BODY';
  });

test.describe('focus', () => {
  test.use({ demoArgs: ['--bots', '60', '--latency', '150'] });

  test('after Refresh, after a sweep, after closing the summary; keys move between rows; Tab stays in the dialog', async ({ app }) => {
    const page = app;
    const refreshButton = page.getByRole('button', { name: 'Refresh' });
    await refreshButton.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Loading…' })).toBeFocused();
    await expect(page.getByText('60 of 60 shown')).toBeVisible();
    await expect(refreshButton).toBeFocused();

    // Into the list: End, Home, PageDown and PageUp move the focus between rows, never to the page.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.getByRole('checkbox', { name: '@RBT#sandbox0001' }).focus();
    await page.keyboard.press('End');
    await expect(page.getByRole('checkbox', { name: '@RBT#sandbox0060' })).toBeFocused();
    await page.keyboard.press('Home');
    await expect(page.getByRole('checkbox', { name: '@RBT#sandbox0001' })).toBeFocused();
    await page.keyboard.press('PageDown');
    // The focus lands once the row is rendered, which may be a frame after the key.
    await expect.poll(() => focused(page)).toMatch(/^@RBT#sandbox00(0[2-9]|[1-5]\d)$/);
    await page.keyboard.press('PageUp');
    await expect(page.getByRole('checkbox', { name: '@RBT#sandbox0001' })).toBeFocused();

    // The delete dialog: Tab and Shift+Tab go round its own controls only.
    for (const name of ['@RBT#sandbox0001', '@RBT#sandbox0002', '@RBT#sandbox0003']) await page.getByRole('checkbox', { name }).click();
    await page.getByRole('button', { name: 'Delete selected (3)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete 3 bots?' });
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    const seen: string[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null), `Tab ${i + 1} left the dialog`).toBe(true);
      seen.push(await focused(page));
    }
    expect(seen).toContain('Delete 3 bots');
    expect(seen).toContain('Check which are bots');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);

    // Confirmed: focus returns to Delete selected (it says it cannot act while the sweep runs, but keeps the focus)…
    await dialog.getByRole('button', { name: 'Delete 3 bots' }).click();
    await expect(page.getByRole('button', { name: /^Delete selected/ })).toBeFocused();
    // …and moves to the summary when the sweep ends.
    const summary = page.getByRole('status').filter({ hasText: 'Finished: 3 of 3 deleted' });
    await expect(summary).toBeVisible({ timeout: 20_000 });
    await expect(summary).toBeFocused();
    // Closing the summary gives the focus back to the list.
    await page.getByRole('button', { name: 'Close' }).click();
    await expect(summary).toBeHidden();
    await expect.poll(() => focused(page)).toMatch(/^@RBT#sandbox/);
  });
});
