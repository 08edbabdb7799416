// Accessibility (axe: no serious or critical violations on any main screen, in light and dark, in English, Chinese and
// Korean), rows that say what they are and where they stand, the three languages, and the themes.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, refresh, test } from './fixtures.js';

async function seriousViolations(page: Page, screen: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${screen}: ${violation.id} (${violation.impact}) — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

test.describe('accessibility', () => {
  test.use({ demoArgs: ['--bots', '30', '--fail-first', '6'] });
  // Nine axe runs on a shared 2-core machine.
  test.setTimeout(120_000);

  for (const theme of ['light', 'dark'] as const) {
    test(`axe finds no serious or critical violations on any screen (${theme})`, async ({ app }) => {
      const page = app;
      await page.getByLabel('Theme').selectOption(theme);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      const found: string[] = [];
      found.push(...(await seriousViolations(page, 'bots (empty)')));
      await refresh(page);
      await page.getByRole('checkbox', { name: '@RBT#sandbox0002' }).check();
      found.push(...(await seriousViolations(page, 'bots (list)')));

      await page.getByRole('button', { name: 'Delete selected (1)' }).click();
      found.push(...(await seriousViolations(page, 'delete dialog')));
      await page.getByRole('dialog').getByRole('button', { name: 'Delete 1 bot' }).click();
      await expect(page.getByText(/^Finished/)).toBeVisible({ timeout: 20_000 });
      found.push(...(await seriousViolations(page, 'summary')));

      await page.getByRole('button', { name: /^Retry what is left/ }).click();
      await expect(page.getByRole('dialog', { name: 'Retry 1 account?' })).toBeVisible();
      found.push(...(await seriousViolations(page, 'retry dialog')));
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Paste list' }).click();
      await page.getByRole('dialog').getByRole('textbox').fill('@RBT#x\nnope');
      found.push(...(await seriousViolations(page, 'paste dialog')));
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'History', exact: true }).click();
      await expect(page.getByRole('table')).toBeVisible();
      found.push(...(await seriousViolations(page, 'history')));
      await page.getByRole('table').getByRole('button', { name: /^Open/ }).first().click();
      found.push(...(await seriousViolations(page, 'batch detail')));

      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Profiles', exact: true }).click();
      await page.getByRole('button', { name: 'Save profile' }).click();
      found.push(...(await seriousViolations(page, 'profiles')));
      expect(found).toEqual([]);
    });
  }
});

test.describe('accessibility in Chinese and Korean', () => {
  test.use({ demoArgs: ['--bots', '30'] });
  test.setTimeout(120_000);

  for (const language of ['zh-CN', 'ko'] as const) {
    test(`axe finds no serious or critical violations in ${language}, light and dark`, async ({ app }) => {
      const page = app;
      await page.locator('header select').nth(1).selectOption(language);
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      const toolbar = page.getByRole('toolbar');
      await toolbar.getByRole('button').first().click();
      const list = page.locator('.bot-list');
      await list.getByRole('checkbox').nth(1).check();
      await toolbar.locator('button.danger').click();
      await page.getByRole('dialog').locator('button.danger').click();
      await expect(page.locator('.summary')).toBeVisible({ timeout: 20_000 });
      const found: string[] = [];
      for (const theme of ['light', 'dark'] as const) {
        await page.locator('header select').nth(2).selectOption(theme);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        const nav = page.getByRole('navigation').getByRole('button');
        await nav.nth(0).click();
        found.push(...(await seriousViolations(page, `${language} ${theme} bots`)));
        await list.getByRole('checkbox').nth(3).check();
        await toolbar.locator('button.danger').click();
        await expect(page.getByRole('dialog')).toBeVisible();
        found.push(...(await seriousViolations(page, `${language} ${theme} delete dialog`)));
        await page.keyboard.press('Escape');
        await nav.nth(1).click();
        await expect(page.getByRole('table')).toBeVisible();
        found.push(...(await seriousViolations(page, `${language} ${theme} history`)));
        await nav.nth(2).click();
        await page.locator('form button[type=submit]').click();
        found.push(...(await seriousViolations(page, `${language} ${theme} profiles`)));
      }
      expect(found).toEqual([]);
    });
  }
});

test.describe('the chatbot list for a screen reader', () => {
  test.use({ demoArgs: ['--bots', '30'] });

  test('each row is named by its account, described by its nickname and status, and says its place in the list', async ({ app }) => {
    const page = app;
    await refresh(page);
    const box = page.getByRole('checkbox', { name: '@RBT#sandbox0002', exact: true });
    const row = page.getByRole('list', { name: 'Chatbot accounts' }).getByRole('listitem').filter({ has: box });
    await expect(row).toHaveAttribute('aria-posinset', '2');
    await expect(row).toHaveAttribute('aria-setsize', '30');
    await expect(box).toHaveAccessibleDescription('Sales bot 2');
    await box.check();
    await page.getByRole('button', { name: 'Delete selected (1)' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete 1 bot' }).click();
    await expect(page.getByText(/^Finished/)).toBeVisible({ timeout: 20_000 });
    await expect(box).toHaveAccessibleDescription('Sales bot 2 deleted');
    // The position counts the whole list, not the rows in the DOM: the last row, reached by keyboard, is 30 of 30.
    await page.getByRole('checkbox', { name: '@RBT#sandbox0001', exact: true }).focus();
    await page.keyboard.press('End');
    const last = page
      .getByRole('list', { name: 'Chatbot accounts' })
      .getByRole('listitem')
      .filter({ has: page.getByRole('checkbox', { name: '@RBT#sandbox0030', exact: true }) });
    await expect(last).toHaveAttribute('aria-posinset', '30');
    // Filtered, the set is what is shown.
    await page.getByLabel('Filter').fill('Sales');
    const rows = page.getByRole('list', { name: 'Chatbot accounts' }).getByRole('listitem');
    await expect(rows).toHaveCount(4);
    await expect(rows.last()).toHaveAttribute('aria-posinset', '4');
    await expect(rows.last()).toHaveAttribute('aria-setsize', '4');
  });
});

test.describe('languages', () => {
  test.use({ demoArgs: ['--bots', '3'] });

  test('each language renders, with numbers through Intl', async ({ app }) => {
    const page = app;
    await refresh(page);
    const cases = [
      { option: '简体中文', lang: 'zh-CN', nav: ['机器人', '历史记录', '配置'], refresh: '刷新', selected: '已选 0 个', shot: 'zh-CN' },
      { option: '한국어', lang: 'ko', nav: ['챗봇', '기록', '프로필'], refresh: '새로 고침', selected: '0개 선택됨', shot: 'ko' },
      { option: 'English', lang: 'en', nav: ['Bots', 'History', 'Profiles'], refresh: 'Refresh', selected: '0 selected', shot: null },
    ];
    for (const language of cases) {
      await page.locator('header select').nth(1).selectOption({ label: language.option });
      await expect(page.locator('html')).toHaveAttribute('lang', language.lang);
      const nav = page.getByRole('navigation');
      for (const label of language.nav) await expect(nav.getByRole('button', { name: label })).toBeVisible();
      await expect(page.getByRole('button', { name: language.refresh })).toBeVisible();
      await expect(page.getByText(language.selected, { exact: true })).toBeVisible();
    }
    // The choice is kept: a reload comes back in English, not in the OS language.
    await page.locator('header select').nth(1).selectOption({ label: '한국어' });
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  });
});
