// The web host's token hygiene in a real browser: out of the address bar at once, never in a request URL (the event
// stream authenticates with a header), kept for a reload; a page opened without it shows only how to get one; and the
// profile form asks for the key when the app changes.
import type { Request } from '@playwright/test';
import { expect, refresh, test } from './fixtures.js';

test('the token leaves the address bar, travels only in headers, and survives a reload', async ({ page, demo }) => {
  const token = new URL(demo.url).hash.replace('#token=', '');
  expect(token.length).toBeGreaterThan(20);
  const requests: Request[] = [];
  page.on('request', (request) => requests.push(request));
  await page.goto(demo.url);
  await expect(page.getByRole('heading', { name: 'Botsweep' })).toBeVisible();
  await expect.poll(() => page.url()).not.toContain('token');

  // A sweep's progress and end arrive through the event stream.
  await page.getByRole('button', { name: 'Bots', exact: true }).click();
  await refresh(page);
  await page.getByRole('checkbox', { name: '@RBT#sandbox0001' }).click();
  await page.getByRole('button', { name: 'Delete selected (1)' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^Delete 1 bot/ })
    .click();
  await expect(page.getByText(/Finished: 1 of 1 deleted/)).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Botsweep' })).toBeVisible();
  await page.getByRole('button', { name: 'Bots', exact: true }).click();
  await refresh(page);

  const events = requests.filter((request) => new URL(request.url()).pathname === '/api/events');
  expect(events.length).toBeGreaterThan(0);
  for (const request of events) expect(await request.headerValue('x-botsweep-token')).toBe(token);
  for (const request of requests) expect(request.url()).not.toContain(token);
  expect(requests.filter((request) => new URL(request.url()).pathname === '/api/call').length).toBeGreaterThan(2);
});

test('a page opened without its token shows only how to get one', async ({ page, demo }) => {
  await page.goto(new URL(demo.url).origin);
  await expect(page.getByRole('heading', { name: 'This page needs its access token' })).toBeVisible();
  await expect(page.getByText(/Open the address the web host printed in its terminal .*#token=/)).toBeVisible();
  // Nothing else: no empty list, no "add a profile", no error bar over them.
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await expect(page.getByText('Add a profile first')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('editing a profile’s SDKAppID asks for its secret key again', async ({ app }) => {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Profiles', exact: true }).click();
  await app.getByRole('button', { name: 'Edit Sandbox' }).click();
  await app.getByLabel('SDKAppID').fill('1400000099');
  await expect(app.getByText('The region, endpoint, SDKAppID or identifier changed: enter the secret key again.')).toBeVisible();
  await app.getByRole('button', { name: 'Save profile' }).click();
  await expect(app.getByText('The app changed: enter its secret key again.')).toBeVisible();
  await app.getByLabel('SDKAppID').fill('1400000000');
  await app.getByRole('button', { name: 'Save profile' }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Profile “Sandbox” saved' })).toBeVisible();
});
