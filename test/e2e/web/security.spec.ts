// The web host's token hygiene in a real browser: out of the address bar at once, never in a request URL (the event
// stream authenticates with a header), kept for a reload; and the profile form asks for the key when the app changes.
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
  await page.getByRole('button', { name: 'Bots' }).click();
  await refresh(page);
  await page.getByRole('checkbox', { name: '@RBT#sandbox0001' }).click();
  await page.getByRole('button', { name: 'Delete selected (1)' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^Delete 1 bot/ })
    .click();
  await expect(page.getByText(/Finished: 1 deleted/)).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Botsweep' })).toBeVisible();
  await page.getByRole('button', { name: 'Bots' }).click();
  await refresh(page);

  const events = requests.filter((request) => new URL(request.url()).pathname === '/api/events');
  expect(events.length).toBeGreaterThan(0);
  for (const request of events) expect(await request.headerValue('x-botsweep-token')).toBe(token);
  for (const request of requests) expect(request.url()).not.toContain(token);
  expect(requests.filter((request) => new URL(request.url()).pathname === '/api/call').length).toBeGreaterThan(2);
});

test('editing a profile’s SDKAppID asks for its secret key again', async ({ app }) => {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Profiles' }).click();
  await app.getByRole('button', { name: 'Edit Sandbox' }).click();
  await app.getByLabel('SDKAppID').fill('1400000099');
  await expect(app.getByText('The region, endpoint, SDKAppID or identifier changed: enter the secret key again.')).toBeVisible();
  await app.getByRole('button', { name: 'Save profile' }).click();
  await expect(app.getByText('The app changed: enter its secret key again.')).toBeVisible();
  await app.getByLabel('SDKAppID').fill('1400000000');
  await app.getByRole('button', { name: 'Save profile' }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Profile “Sandbox” saved' })).toBeVisible();
});
