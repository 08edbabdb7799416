// The whole app in Chromium through the web host against the sandbox: the main flow, retry with faults, keyboard only.
import { readFileSync } from 'node:fs';
import { BATCH_ID_TEXT } from '../../../shared/ids.js';
import { DEMO_SECRET, expect, refresh, test } from './fixtures.js';
import type { Page } from '@playwright/test';

async function secretIsNowhere(page: Page, secret: string): Promise<void> {
  const html = await page.content();
  expect(html).not.toContain(secret);
  const stores = await page.evaluate(async () => {
    const dump = (storage: Storage) => Object.entries({ ...storage }).join('\n');
    const databases = (await indexedDB.databases?.()) ?? [];
    const values = await Promise.all([...document.querySelectorAll('input')].map((input) => (input as HTMLInputElement).value));
    return { local: dump(localStorage), session: dump(sessionStorage), indexedDb: JSON.stringify(databases), inputs: values.join('\n') };
  });
  expect(stores.local).not.toContain(secret);
  expect(stores.session).not.toContain(secret);
  expect(stores.indexedDb).toBe('[]');
  expect(stores.inputs).not.toContain(secret);
}

test.describe('main flow', () => {
  test.use({ demoArgs: ['--bots', '40', '--latency', '300'] });

  test('add profile → test → refresh → select → delete with typed confirmation → progress → summary → history → export', async ({
    app,
    demo,
  }) => {
    const page = app;
    const foreign: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).origin !== new URL(demo.url).origin && !request.url().startsWith('blob:')) foreign.push(request.url());
    });
    // Add a profile for the sandbox; its key stays for this session only (no keychain on a test machine).
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Profiles', exact: true }).click();
    await page.getByRole('button', { name: 'New profile' }).click();
    await expect(page.getByRole('heading', { name: 'New profile' })).toBeVisible();
    await expect(page.getByLabel('Keep the secret key for this session only')).not.toBeChecked();
    await page.getByLabel('Profile name').fill('E2E');
    await page.getByLabel('Region').selectOption('custom');
    await page.getByLabel('Endpoint URL').fill(demo.sandboxUrl);
    await page.getByLabel('SDKAppID').fill('14000x');
    await page.getByLabel('Secret key', { exact: true }).fill(DEMO_SECRET);
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByText('The SDKAppID is digits only.')).toBeVisible();
    await page.getByLabel('SDKAppID').fill('1400000000');
    await page.getByLabel('Keep the secret key for this session only').check();
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Profile “E2E” saved' })).toBeVisible();
    await secretIsNowhere(page, DEMO_SECRET);
    await expect(page.getByLabel('Active profile')).toHaveValue(/.+/);
    await expect(page.getByLabel('Active profile').locator('option:checked')).toHaveText('E2E');

    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByText('Connected: 40 chatbots.')).toBeVisible();

    await page.getByRole('button', { name: 'Bots', exact: true }).click();
    await refresh(page);
    await expect(page.getByText('40 of 40 shown')).toBeVisible();

    // Click one, shift-click another: a range of five.
    await page.getByRole('checkbox', { name: '@RBT#sandbox0001' }).click();
    await page.getByRole('checkbox', { name: '@RBT#sandbox0005' }).click({ modifiers: ['Shift'] });
    await expect(page.getByText('5 selected')).toBeVisible();
    // Filter, then select all of the shown rows.
    await page.getByRole('searchbox').fill('sandbox001');
    await expect(page.getByText('10 of 40 shown')).toBeVisible();
    await page.getByRole('checkbox', { name: 'Select all' }).check();
    await expect(page.getByText('15 selected')).toBeVisible();
    await page.getByRole('searchbox').fill('');

    await page.getByRole('button', { name: 'Delete selected (15)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete 15 bots?' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByText('E2E')).toBeVisible();
    await expect(dialog.getByText(demo.sandboxUrl)).toBeVisible();
    await expect(dialog.getByText('1400000000')).toBeVisible();
    await expect(dialog.getByRole('list', { name: 'Accounts' }).getByText('@RBT#sandbox0001')).toBeVisible();
    const confirm = dialog.getByRole('button', { name: 'Delete 15 bots' });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel('Type 15 to confirm').fill('14');
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel('Type 15 to confirm').fill('15');
    await confirm.click();

    const progress = page.getByRole('progressbar', { name: 'Deletion progress' });
    await expect(progress).toBeVisible();
    await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible();
    await expect(page.getByText('Finished: 15 of 15 deleted')).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: '@RBT#sandbox0003' }).getByText('deleted')).toBeVisible();
    await expect(page.getByText('0 selected')).toBeVisible();

    await page.getByRole('button', { name: 'History', exact: true }).click();
    const rows = page.getByRole('table').getByRole('row');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText('E2E');
    await expect(rows.nth(1)).toContainText('15 / 15');
    await expect(rows.nth(1)).toContainText('Finished');
    await rows.nth(1).getByRole('button', { name: /^Open/ }).click();
    await expect(page.getByRole('table').getByRole('row')).toHaveCount(16);
    await page.getByLabel('Show').selectOption('failed');
    await expect(page.getByRole('table').getByRole('row')).toHaveCount(1);
    await page.getByLabel('Show').selectOption('all');

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(new RegExp(`^botsweep-${BATCH_ID_TEXT}\\.csv$`));
    const csv = readFileSync((await download.path())!, 'utf8')
      .trimEnd()
      .split('\r\n');
    expect(csv).toHaveLength(16);
    expect(csv[0]).toMatch(/^batch_id,started_at/);
    expect(csv.slice(1).every((line) => line.includes(',deleted,'))).toBe(true);
    await secretIsNowhere(page, DEMO_SECRET);

    await page.getByRole('button', { name: /Back to all batches/ }).click();
    await page.getByRole('button', { name: 'Clear history' }).click();
    const clearDialog = page.getByRole('dialog', { name: 'Clear the history?' });
    await clearDialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('table')).toBeVisible();
    await page.getByRole('button', { name: 'Clear history' }).click();
    await clearDialog.getByRole('button', { name: 'Clear history' }).click();
    await expect(page.getByText('No batches yet.')).toBeVisible();
    // The page talked to nothing but the host that served it (the gateway calls are main's).
    expect(foreign).toEqual([]);
  });
});

test.describe('errors', () => {
  test.use({ demoArgs: ['--bots', '3'] });

  test('a wrong key is reported with what to check, never as a stack trace; another profile never shows the last list', async ({
    app,
    demo,
  }) => {
    const page = app;
    await refresh(page);
    await page.getByRole('checkbox', { name: '@RBT#sandbox0001' }).check();
    await expect(page.getByText('1 selected')).toBeVisible();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Profiles', exact: true }).click();
    await page.getByRole('button', { name: 'New profile' }).click();
    await page.getByLabel('Profile name').fill('Wrong key');
    await page.getByLabel('Region').selectOption('custom');
    await page.getByLabel('Endpoint URL').fill(demo.sandboxUrl);
    await page.getByLabel('SDKAppID').fill('1400000000');
    await page.getByLabel('Secret key', { exact: true }).fill('not-the-key');
    await page.getByLabel('Keep the secret key for this session only').check();
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('button', { name: 'Bots', exact: true }).click();
    // The new profile is active: Sandbox's list and selection are gone.
    await expect(page.getByText('No chatbots loaded. Choose a profile and press Refresh.')).toBeVisible();
    await expect(page.getByText('0 selected')).toBeVisible();
    await page.getByRole('button', { name: 'Refresh' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The signature was rejected');
    await expect(alert).toContainText('Check the key, the SDKAppID and the region. [70009]');
    const text = (await alert.textContent()) ?? '';
    expect(text).not.toMatch(/\bat \S+ \(|Error:|\.ts:\d+/);
    expect(text).not.toContain('not-the-key');
  });
});

test.describe('faults', () => {
  // Every bot's first six deletions answer 10002 (which may have taken effect): the first batch gives up after five
  // attempts and leaves them unconfirmed, the retry succeeds.
  test.use({ demoArgs: ['--bots', '12', '--fail-first', '6'] });

  test('retry failed after injected faults, and copy the failed ids', async ({ app, context }) => {
    const page = app;
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await refresh(page);
    for (const name of ['@RBT#sandbox0002', '@RBT#sandbox0004', '@RBT#sandbox0006']) await page.getByRole('checkbox', { name }).check();
    await page.getByRole('button', { name: 'Delete selected (3)' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete 3 bots' }).click();
    await expect(page.getByText('Finished with failures: 0 of 3 deleted · 3 unconfirmed')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('listitem').filter({ hasText: '@RBT#sandbox0002' }).getByText('unconfirmed')).toBeVisible();

    await page.getByRole('button', { name: 'Copy failed IDs' }).click();
    await expect(page.getByText('Copied 3 IDs.')).toBeVisible();
    expect((await page.evaluate(() => navigator.clipboard.readText())).split('\n').sort()).toEqual([
      '@RBT#sandbox0002',
      '@RBT#sandbox0004',
      '@RBT#sandbox0006',
    ]);

    await page.getByRole('button', { name: /^Retry what is left/ }).click();
    await page.getByRole('dialog', { name: 'Retry 3 accounts?' }).getByRole('button', { name: 'Delete 3 bots' }).click();
    await expect(page.getByText('Finished: 3 of 3 deleted')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText('Copied 3 IDs.')).toBeHidden();
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await expect(page.getByRole('table').getByRole('row')).toHaveCount(3);
  });
});

test.describe('paste and import', () => {
  test.use({ demoArgs: ['--bots', '5'] });

  test('a pasted list shows invalid lines with reasons and adds the valid ones, selected', async ({ app }) => {
    const page = app;
    await refresh(page);
    await page.getByRole('button', { name: 'Paste list' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add accounts' });
    await dialog.getByLabel(/^Accounts/).fill('@RBT#extra1, @RBT#extra2\nbot3\n@RBT#extra1\n@RBT#sandbox0001');
    await expect(dialog.getByText('3 valid accounts')).toBeVisible();
    await expect(dialog.getByText('1 duplicate dropped')).toBeVisible();
    await expect(dialog.getByText('Line 2: “bot3” — does not start with @RBT#')).toBeVisible();
    await dialog.getByRole('button', { name: 'Add 3 accounts' }).click();
    await expect(page.getByText('7 of 7 shown')).toBeVisible();
    await expect(page.getByText('3 selected')).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: '@RBT#extra2' }).getByText('added')).toBeVisible();
  });

  test('an imported file goes through the same check', async ({ app }) => {
    const page = app;
    await refresh(page);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import file' }).click();
    await (await chooser).setFiles({ name: 'bots.txt', mimeType: 'text/plain', buffer: Buffer.from('@RBT#file1\n@RBT#file2\n') });
    const dialog = page.getByRole('dialog', { name: 'Add accounts' });
    await expect(dialog.getByText('2 valid accounts')).toBeVisible();
    await dialog.getByRole('button', { name: 'Add 2 accounts' }).click();
    await expect(page.getByText('7 of 7 shown')).toBeVisible();
  });
});

test.describe('importing an export', () => {
  test.use({ demoArgs: ['--bots', '5'] });

  const exportOf = (gateway: string, sdkAppId: number, rows: [string, string][]) =>
    [
      'batch_id,started_at,finished_at,batch_status,target,sdkappid,identifier,account,status,error_code,error_info,attempts,gateway',
      ...rows.map(
        ([account, status]) =>
          `20260101T000000000Z-abcdef,2026-01-01T00:00:00.000Z,2026-01-01T00:01:00.000Z,completed,${gateway},${sdkAppId},administrator,${account},${status},,,1,${gateway}`,
      ),
    ].join('\r\n');

  test('another app’s export selects nothing until a confirmation naming both apps', async ({ app, demo }) => {
    const page = app;
    await refresh(page);
    const text = exportOf(demo.sandboxUrl, 1400012345, [
      ['@RBT#sandbox0001', 'failed'],
      ['@RBT#sandbox0002', 'deleted'],
    ]);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import file' }).click();
    await (await chooser).setFiles({ name: 'other.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
    const warning = page.getByRole('dialog', { name: 'An export of another app' });
    await expect(warning).toContainText(`from SDKAppID 1400012345 at ${demo.sandboxUrl}`);
    await expect(warning).toContainText(`The active profile “Sandbox” is SDKAppID 1400000000 at ${demo.sandboxUrl}`);
    await expect(page.getByText('0 selected')).toBeVisible();
    await warning.getByRole('button', { name: 'Cancel' }).click();
    await expect(warning).toBeHidden();
    await expect(page.getByText('0 selected')).toBeVisible();
    await expect(page.getByText('5 of 5 shown')).toBeVisible();

    const again = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import file' }).click();
    await (await again).setFiles({ name: 'other.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
    await page
      .getByRole('dialog', { name: 'An export of another app' })
      .getByRole('button', { name: 'Use it for “Sandbox” anyway' })
      .click();
    const add = page.getByRole('dialog', { name: 'Add accounts' });
    await expect(add.getByText('A Botsweep history export: 2 accounts, 1 not yet deleted.')).toBeVisible();
    await add.getByRole('button', { name: 'Add 1 account' }).click();
    await expect(page.getByText('1 selected')).toBeVisible();
  });

  test('this app’s export goes straight to the accounts, its protected ones left out and said', async ({ app, demo }) => {
    const page = app;
    await refresh(page);
    const text = exportOf(demo.sandboxUrl, 1400000000, [
      ['@RBT#sandbox0001', 'failed'],
      ['@RBT#sandbox0003', 'skipped'],
      ['bad one', 'failed'],
    ]);
    await page.getByRole('button', { name: 'Profiles', exact: true }).first().click();
    await page.getByLabel('Protected accounts').fill('@RBT#sandbox0003');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('button', { name: 'Bots', exact: true }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import file' }).click();
    await (await chooser).setFiles({ name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
    const add = page.getByRole('dialog', { name: 'Add accounts' });
    await expect(add.getByText('1 protected account of this app is left out (never deleted): @RBT#sandbox0003')).toBeVisible();
    await expect(add.getByText('Line 4: “bad one” — contains whitespace')).toBeVisible();
    await add.getByRole('button', { name: 'Add 1 account' }).click();
    await expect(page.getByText('1 selected')).toBeVisible();
  });
});

test.describe('keyboard only', () => {
  test.use({ demoArgs: ['--bots', '12'] });

  /** Presses Tab until the focused element has this accessible name. */
  async function tabTo(page: Page, name: string | RegExp): Promise<void> {
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el) return '';
        const labelled = el.getAttribute('aria-label') ?? (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null);
        return (labelled ?? el.closest('label')?.textContent ?? el.textContent ?? '').trim();
      });
      if (typeof name === 'string' ? focused === name : name.test(focused)) return;
    }
    throw new Error(`could not Tab to ${name}`);
  }

  test('refresh, select with space, arrows and Ctrl+A, delete, Escape cancels', async ({ app }) => {
    const page = app;
    await tabTo(page, 'Refresh');
    await page.keyboard.press('Enter');
    await expect(page.getByText('12 of 12 shown')).toBeVisible();
    await tabTo(page, '@RBT#sandbox0001');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await expect(page.getByText('2 selected')).toBeVisible();
    await expect(page.getByRole('checkbox', { name: '@RBT#sandbox0003' })).toBeChecked();
    await page.keyboard.press('End');
    await expect(page.getByRole('checkbox', { name: '@RBT#sandbox0012' })).toBeFocused();
    await page.keyboard.press('ControlOrMeta+a');
    await expect(page.getByText('12 selected')).toBeVisible();

    await tabTo(page, 'Delete selected (12)');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Delete 12 bots?' });
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    // Focus is back on the control that opened the dialog, not on the page body.
    await expect(page.getByRole('button', { name: 'Delete selected (12)' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog.getByLabel('Type 12 to confirm')).toBeFocused();
    await page.keyboard.type('12');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(dialog.getByRole('button', { name: 'Delete 12 bots' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByText('Finished: 12 of 12 deleted')).toBeVisible();
  });
});
