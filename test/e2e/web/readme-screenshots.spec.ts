// README's screenshots, taken from this build in Debian's Chromium through `botsweep web --demo` (1280×800): the bots
// list with nicknames and column headers, the delete dialog, a summary with failures by reason (light and dark), the
// retry dialog, History, Profiles, Chinese (also a wrong key) and Korean. They land in test-results/screenshots; copy
// them to docs/screenshots to update README (`cp test-results/screenshots/*.png docs/screenshots/`).
import type { Page } from '@playwright/test';
import { DEMO_SECRET, SCREENSHOTS, expect, refresh, test } from './fixtures.js';

const shot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });

/** The header's language or theme picker (by place: its label is in whatever language is shown). */
async function settings(page: Page, which: 'Language' | 'Theme', label: string): Promise<void> {
  await page
    .locator('header select')
    .nth(which === 'Language' ? 1 : 2)
    .selectOption({ label });
}

test.describe('README screenshots', () => {
  // Every bot's first six deletions answer 10002: a batch leaves them unconfirmed, "failures by reason" has a group.
  test.use({ demoArgs: ['--bots', '40', '--fail-first', '6'], viewport: { width: 1280, height: 800 } });

  test('bots, delete dialog, summary with failures, retry, history, profiles, dark', async ({ app }) => {
    const page = app;
    await settings(page, 'Theme', 'Light');
    await refresh(page);
    await expect(page.getByRole('listitem').filter({ hasText: '@RBT#sandbox0012' })).toContainText('Trivia bot 12');
    await page.getByRole('checkbox', { name: '@RBT#sandbox0003' }).click();
    await page.getByRole('checkbox', { name: '@RBT#sandbox0008' }).click({ modifiers: ['Shift'] });
    await page.getByRole('button', { name: 'Paste list' }).click();
    await page
      .getByRole('dialog')
      .getByLabel(/^Accounts/)
      .fill('@RBT#typo1');
    await page.getByRole('dialog').getByRole('button', { name: 'Add 1 account' }).click();
    await page.getByRole('searchbox').fill('bot');
    await expect(page.getByText('7 selected · 1 hidden by the filter')).toBeVisible();
    await shot(page, 'bots');
    await page.getByRole('searchbox').fill('');

    await page.getByRole('button', { name: 'Delete selected (7)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete 7 bots?' });
    await dialog.getByRole('button', { name: 'Check which are bots' }).click();
    await expect(dialog.getByText('Bots now: 6. Absent: 1.')).toBeVisible();
    await shot(page, 'delete-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    // The mistyped one out (it is no bot), the six deleted.
    await page.getByRole('searchbox').fill('typo');
    await page.getByRole('checkbox', { name: '@RBT#typo1' }).click();
    await page.getByRole('searchbox').fill('');
    await page.getByRole('button', { name: 'Delete selected (6)' }).click();
    await page.getByRole('dialog', { name: 'Delete 6 bots?' }).getByRole('button', { name: 'Delete 6 bots' }).click();
    await expect(page.getByText('Finished with failures: 0 of 6 deleted · 6 unconfirmed')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('region', { name: 'Failures by reason' })).toContainText('[10002]');
    await shot(page, 'summary');
    await settings(page, 'Theme', 'Dark');
    await shot(page, 'dark-summary');
    await settings(page, 'Theme', 'Light');

    await page.getByRole('button', { name: 'Retry what is left (6)' }).click();
    const retry = page.getByRole('dialog', { name: 'Retry 6 accounts?' });
    await expect(retry).toBeVisible();
    await shot(page, 'retry-dialog');
    await retry.getByRole('button', { name: 'Delete 6 bots' }).click();
    await expect(page.getByText('Finished: 6 of 6 deleted')).toBeVisible({ timeout: 30_000 });

    await page.getByRole('button', { name: 'Open in History' }).click();
    await expect(page.getByRole('heading', { level: 2 })).toBeFocused();
    await page.getByRole('button', { name: /Back to all batches/ }).click();
    await expect(page.getByRole('table').getByRole('row')).toHaveCount(3);
    await shot(page, 'history');

    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Profiles', exact: true }).click();
    await page.getByRole('button', { name: 'New profile' }).click();
    await page.getByLabel('Profile name').fill('Production SG');
    await page.getByLabel('SDKAppID').fill('1400000001');
    await page.getByLabel('Protected accounts').fill('@RBT#keep-*');
    await page.getByLabel(/^Production app/).check();
    await page.getByLabel('Secret key', { exact: true }).fill(DEMO_SECRET);
    await page.getByLabel('Keep the secret key for this session only').check();
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByText('Profile “Production SG” saved.', { exact: false })).toBeVisible();
    await page.getByRole('button', { name: 'Edit Sandbox' }).click();
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByText(/^Connected: \d+ chatbots\.$/)).toBeVisible();
    await shot(page, 'profiles');
  });

  test('in Chinese and Korean, and a wrong key in Chinese', async ({ app, demo }) => {
    const page = app;
    await settings(page, 'Theme', 'Light');
    await settings(page, 'Language', '简体中文');
    await page.getByRole('button', { name: '刷新' }).click();
    await expect(page.getByRole('listitem').filter({ hasText: '@RBT#sandbox0002' })).toContainText('Sales bot 2');
    await page.getByRole('checkbox', { name: '@RBT#sandbox0002' }).click();
    await page.getByRole('checkbox', { name: '@RBT#sandbox0004' }).click();
    await shot(page, 'zh-CN');
    await settings(page, 'Language', '한국어');
    await expect(page.getByText('2개 선택됨', { exact: true })).toBeVisible();
    await shot(page, 'ko');

    await settings(page, 'Language', '简体中文');
    await page.getByRole('button', { name: '配置', exact: true }).click();
    await page.getByRole('button', { name: '新建配置' }).click();
    await page.getByLabel('配置名称').fill('错误密钥');
    await page.getByLabel('地域').selectOption('custom');
    await page.getByLabel('接入点 URL').fill(demo.sandboxUrl);
    await page.getByLabel('SDKAppID').fill('1400000000');
    await page.getByLabel('密钥', { exact: true }).fill('not-the-key');
    await page.getByLabel('密钥仅在本次会话中使用（不存入钥匙串）').check();
    await page.getByRole('button', { name: '保存配置' }).click();
    await page.getByRole('button', { name: '机器人', exact: true }).click();
    await page.getByRole('button', { name: '刷新' }).click();
    await expect(page.getByRole('alert')).toContainText('[70009]');
    await shot(page, 'zh-CN-error');
  });
});
