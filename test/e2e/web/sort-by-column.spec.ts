// Sorting that sorts: the demo lists its bots shuffled (as a real app lists them by creation); the table shows them by
// account A to Z, Z to A on a second click, by nickname, and by status (what needs work first).
import { expect, refresh, shownAccounts, test } from './fixtures.js';

const sorted = (accounts: readonly string[]) => [...accounts].sort();

test.describe('sort by a column', () => {
  test.use({ demoArgs: ['--bots', '30', '--fail-first', '6'] });

  test('a shuffled listing is shown by account, either way, and by nickname and status', async ({ app }) => {
    const page = app;
    // What the gateway lists, in its own order: not sorted.
    const listed = await page.evaluate(async () => {
      // The page's own contract object (the web bridge's window.botsweep), asked as the app asks it.
      const api = (window as unknown as { botsweep: import('../../../shared/api.js').BotsweepApi }).botsweep;
      const profiles = await api.profiles.list({});
      if (!profiles.ok) throw new Error('no profiles');
      const answer = await api.bots.list({ profileId: profiles.value.profiles[0]!.id });
      return answer.ok ? answer.value.accounts : [];
    });
    expect(listed).toHaveLength(30);
    expect(listed).not.toEqual(sorted(listed));

    await refresh(page);
    const account = page.getByRole('button', { name: /^Account/ });
    await expect(account).toHaveAttribute('aria-pressed', 'true');
    await expect(account).toContainText('sorted A to Z');
    expect(await shownAccounts(page)).toEqual(sorted(listed));
    await account.click();
    await expect(account).toContainText('sorted Z to A');
    expect(await shownAccounts(page)).toEqual(sorted(listed).reverse());

    // By nickname ("Support bot 1", "Sales bot 2", …): natural order, so "Echo bot 5" before "Echo bot 13".
    await page.getByRole('button', { name: /^Nickname/ }).click();
    await expect.poll(async () => (await shownAccounts(page))[0]).toBe('@RBT#sandbox0005');
    expect((await shownAccounts(page)).indexOf('@RBT#sandbox0005')).toBeLessThan((await shownAccounts(page)).indexOf('@RBT#sandbox0013'));

    // By status after a batch: what needs work (unconfirmed) first, then the deleted, then rows without one.
    for (const name of ['@RBT#sandbox0020', '@RBT#sandbox0010']) await page.getByRole('checkbox', { name }).click();
    await page.getByRole('button', { name: 'Delete selected (2)' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete 2 bots' }).click();
    await expect(page.getByText('Finished with failures: 0 of 2 deleted · 2 unconfirmed')).toBeVisible({ timeout: 20_000 });
    await page.getByRole('button', { name: /^Status/ }).click();
    expect((await shownAccounts(page)).slice(0, 3)).toEqual(['@RBT#sandbox0010', '@RBT#sandbox0020', '@RBT#sandbox0001']);
  });
});
