// Safety in the browser: a slow answer never lands under another profile, a retry sends nothing before its
// confirmation, settled rows leave the selection, errors speak the chosen language, Test connection tests the form,
// and a reloaded window finds a running sweep.
import { createServer } from 'node:net';
import type { Page, Request } from '@playwright/test';
import { DEMO_SECRET, expect, refresh, test } from './fixtures.js';

/** The contract calls the page makes from now on, as "channel" strings. */
function recordCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on('request', (request: Request) => {
    if (new URL(request.url()).pathname === '/api/call') calls.push(String(JSON.parse(request.postData() ?? '{}').channel));
  });
  return calls;
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test.describe('a slow answer and a profile switch', () => {
  test.use({ demoArgs: ['--bots', '6', '--slow-app', '2000'] });

  test("A's list never appears under B, even when it arrives 2 s late", async ({ app }) => {
    const page = app;
    const active = page.getByLabel('Active profile');
    await active.selectOption({ label: 'Slow sandbox' });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByRole('button', { name: 'Loading…' })).toBeVisible();
    // Switch while A loads, and load B at once.
    await active.selectOption({ label: 'Sandbox' });
    await refresh(page);
    await expect(page.getByText('6 of 6 shown')).toBeVisible();
    // A's answer lands (2 s of latency) and is dropped.
    await page.waitForTimeout(2600);
    await expect(page.getByText('6 of 6 shown')).toBeVisible();
    await expect(page.getByText(/@RBT#slow/)).toHaveCount(0);
    await page.getByRole('checkbox', { name: 'Select all' }).check();
    await page.getByRole('button', { name: 'Delete selected (6)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete 6 bots?' });
    await expect(dialog.getByText('Sandbox', { exact: true })).toBeVisible();
    await expect(dialog.getByText('1400000000')).toBeVisible();
    await expect(dialog.getByText(/@RBT#slow/)).toHaveCount(0);
    await page.keyboard.press('Escape');

    // Switching to A and away again without a second Refresh: A's late list still does not appear.
    await active.selectOption({ label: 'Slow sandbox' });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await active.selectOption({ label: 'Sandbox' });
    await page.waitForTimeout(2600);
    await expect(page.getByText('No chatbots loaded. Choose a profile and press Refresh.')).toBeVisible();
    await expect(page.getByText(/@RBT#slow/)).toHaveCount(0);
  });
});

test.describe('retry', () => {
  // Every bot's first six deletions answer 10002, which may have taken effect: the first batch leaves them unconfirmed.
  test.use({ demoArgs: ['--bots', '6', '--fail-first', '6'] });

  test('Retry failed opens the delete dialog with the target and the accounts by status, and sends nothing before confirmation', async ({
    app,
    demo,
  }) => {
    const page = app;
    await refresh(page);
    for (const name of ['@RBT#sandbox0002', '@RBT#sandbox0004']) await page.getByRole('checkbox', { name }).check();
    await page.getByRole('button', { name: 'Delete selected (2)' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete 2 bots' }).click();
    await expect(page.getByText('Finished with failures: 0 of 2 deleted · 2 unconfirmed')).toBeVisible({ timeout: 20_000 });

    const calls = recordCalls(page);
    const retryButton = page.getByRole('button', { name: /^Retry what is left/ });
    await retryButton.click();
    const dialog = page.getByRole('dialog', { name: 'Retry 2 accounts?' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByText('Sandbox', { exact: true })).toBeVisible();
    await expect(dialog.getByText(demo.sandboxUrl)).toBeVisible();
    await expect(dialog.getByText('1400000000')).toBeVisible();
    await expect(dialog.getByRole('heading', { name: 'unconfirmed: 2' })).toBeVisible();
    await expect(dialog.getByRole('list', { name: 'unconfirmed: 2' }).getByText('@RBT#sandbox0004')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(retryButton).toBeFocused();
    // Only main's plan was asked for (sweep.previewRetry sends nothing to the gateway): no retry started.
    expect(calls.filter((channel) => channel.startsWith('sweep.') && channel !== 'sweep.previewRetry')).toEqual([]);
    expect(calls).toContain('sweep.previewRetry');

    // From the history: the same dialog; confirming sends exactly the listed accounts.
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await page.getByRole('table').getByRole('button', { name: /^Open/ }).first().click();
    await page.getByRole('button', { name: /^Retry what is left/ }).click();
    await expect(dialog).toBeVisible();
    // Only main's plan was asked for (sweep.previewRetry sends nothing to the gateway): no retry started.
    expect(calls.filter((channel) => channel.startsWith('sweep.') && channel !== 'sweep.previewRetry')).toEqual([]);
    expect(calls).toContain('sweep.previewRetry');
    const sent = page.waitForRequest((request) => request.postData()?.includes('"sweep.retry"') ?? false);
    await dialog.getByRole('button', { name: 'Delete 2 bots' }).click();
    expect(JSON.parse((await sent).postData()!).payload.accounts.sort()).toEqual(['@RBT#sandbox0002', '@RBT#sandbox0004']);
    await expect(page.getByText('Finished: 2 of 2 deleted')).toBeVisible({ timeout: 20_000 });
  });
});

test.describe('settled rows', () => {
  test.use({ demoArgs: ['--bots', '6'] });

  test('after deleting 2 of 6, they are greyed with their status and Select all selects the other 4', async ({ app }) => {
    const page = app;
    await refresh(page);
    for (const name of ['@RBT#sandbox0001', '@RBT#sandbox0002']) await page.getByRole('checkbox', { name }).check();
    await page.getByRole('button', { name: 'Delete selected (2)' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete 2 bots' }).click();
    await expect(page.getByText('Finished: 2 of 2 deleted')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText('0 selected')).toBeVisible();
    const deletedRow = page.getByRole('listitem').filter({ hasText: '@RBT#sandbox0001' });
    await expect(deletedRow.getByText('deleted')).toBeVisible();
    await expect(deletedRow.getByRole('checkbox')).toHaveAttribute('aria-disabled', 'true');
    await page.getByRole('checkbox', { name: 'Select all' }).check();
    await expect(page.getByText('4 selected')).toBeVisible();
    await deletedRow.getByRole('checkbox').click({ force: true });
    await expect(page.getByText('4 selected')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Delete selected (4)' })).toBeVisible();
    // The next Refresh settles it: the deleted ones are gone.
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByText('4 of 4 shown')).toBeVisible();
  });
});

test.describe('test connection and languages', () => {
  test.use({ demoArgs: ['--bots', '3'] });

  test('Test connection tests the unsaved form: a closed port fails, the right gateway answers', async ({ app, demo }) => {
    const page = app;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Profiles', exact: true }).click();
    await page.getByRole('button', { name: 'New profile' }).click();
    await page.getByLabel('Region').selectOption('custom');
    await page.getByLabel('Endpoint URL').fill(`http://127.0.0.1:${await closedPort()}`);
    await page.getByLabel('SDKAppID').fill('1400000000');
    await page.getByLabel('Secret key', { exact: true }).fill(DEMO_SECRET);
    const test = page.getByRole('button', { name: 'Test connection' });
    await expect(test).toBeEnabled();
    await test.click();
    await expect(page.getByText(/^Connection failed: Cannot reach the gateway/)).toBeVisible();
    await page.getByLabel('Endpoint URL').fill(demo.sandboxUrl);
    await test.click();
    await expect(page.getByText('Connected: 3 chatbots.')).toBeVisible();

    // A saved profile whose form now points elsewhere: its stored key is not sent there.
    await page.getByRole('button', { name: 'Edit Sandbox' }).click();
    await page.getByLabel('Endpoint URL').fill(`http://127.0.0.1:${await closedPort()}`);
    await test.click();
    await expect(page.getByText(/Enter the secret key to test/)).toBeVisible();
    await page.getByLabel('Endpoint URL').fill(demo.sandboxUrl);
    await test.click();
    await expect(page.getByText('Connected: 3 chatbots.')).toBeVisible();
  });

  test('in 简体中文 a wrong key is reported in Chinese', async ({ app, demo }) => {
    const page = app;
    await page.locator('header select').nth(1).selectOption({ label: '简体中文' });
    await page.getByRole('button', { name: '配置', exact: true }).click();
    await page.getByRole('button', { name: '新建配置' }).click();
    await page.getByLabel('配置名称').fill('错误密钥');
    await page.getByLabel('地域').selectOption('custom');
    await page.getByLabel('接入点 URL').fill(demo.sandboxUrl);
    await page.getByLabel('SDKAppID').fill('1400000000');
    await page.getByLabel('密钥', { exact: true }).fill('not-the-key');
    await page.getByRole('button', { name: '测试连接' }).click();
    await expect(page.getByText(/^连接失败：签名被拒绝/)).toBeVisible();
    await page.getByLabel('密钥仅在本次会话中使用（不存入钥匙串）').check();
    await page.getByRole('button', { name: '保存配置' }).click();
    await page.getByRole('button', { name: '机器人' }).click();
    await page.getByRole('button', { name: '刷新' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('签名被拒绝：密钥与该 SDKAppID 不匹配');
    await expect(alert).toContainText('[70009]');
    await expect(alert).not.toContainText('signature');
  });
});

test.describe('a reloaded window', () => {
  // Each answer takes 3 s: the 200 deletions go in about five rounds, so the sweep still runs after the reload (at 60 ms
  // it could finish, in 1.3 s, before Cancel was pressed).
  test.use({ demoArgs: ['--bots', '200', '--latency', '3000'] });

  test('shows the sweep that is still running, with its progress, its rows and their statuses, and can cancel it', async ({ app }) => {
    const page = app;
    await refresh(page);
    await page.getByRole('checkbox', { name: 'Select all' }).check();
    await page.getByRole('button', { name: 'Delete selected (200)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete 200 bots?' });
    await dialog.getByLabel('Type 200 to confirm').fill('200');
    await dialog.getByRole('button', { name: 'Delete 200 bots' }).click();
    const progress = page.getByRole('progressbar', { name: 'Deletion progress' });
    await expect(progress).toHaveAttribute('aria-valuemax', '200');
    await expect(page.getByRole('listitem').filter({ hasText: 'deleted' }).first()).toBeVisible();
    await page.reload();
    await expect(progress).toBeVisible();
    await expect(progress).toHaveAttribute('aria-valuemax', '200');
    // The sweep's own rows, with the statuses so far, without a Refresh (which waits for the sweep to end).
    await expect(page.getByText('No chatbots loaded. Choose a profile and press Refresh.')).toHaveCount(0);
    await expect(page.getByText('200 of 200 shown')).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: '@RBT#sandbox0001' }).getByText('deleted')).toBeVisible();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByText(/^Cancelled: \d+ of 200 deleted/)).toBeVisible({ timeout: 20_000 });
  });
});
