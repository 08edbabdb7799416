// Playwright: the UI end to end in Debian's Chromium through the loopback web host (project "web"),
// and the real Electron app where an Electron binary is installed (project "electron").
// The browser: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own (npx playwright install chromium).
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

const chromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { ...(chromium && { executablePath: chromium }), args: CHROMIUM_ARGS },
    viewport: { width: 1200, height: 780 },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
  projects: [
    { name: 'web', testMatch: /web\/.*\.spec\.ts$/ },
    { name: 'electron', testMatch: /electron\.spec\.ts$/ },
  ],
});
