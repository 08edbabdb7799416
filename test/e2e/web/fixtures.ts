// Fixtures for the web end-to-end tests: a `botsweep web --demo` host per test, and the page opened at its URL.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';

export const DEMO_SECRET = 'e2e-sandbox-secret-3f9c2a7b5d1e4f60';
export const SCREENSHOTS = 'test-results/screenshots';

export interface Demo {
  readonly url: string;
  readonly sandboxUrl: string;
  readonly dataDir: string;
}

interface Options {
  demoArgs: string[];
}

function startDemo(args: string[]): Promise<{ demo: Demo; child: ChildProcess }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'botsweep-e2e-'));
  const child = spawn(process.execPath, ['bin/botsweep.js', 'web', '--demo', '--port', '0', ...args], {
    env: { ...process.env, BOTSWEEP_HOME: dataDir, TIM_SECRET_KEY: DEMO_SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`web host did not start: ${out}`)), 15_000);
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const url = out.match(/open (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/)?.[1];
      const sandboxUrl = out.match(/sandbox gateway at (http:\/\/127\.0\.0\.1:\d+)/)?.[1];
      if (url && sandboxUrl) {
        clearTimeout(timer);
        resolve({ demo: { url, sandboxUrl, dataDir }, child });
      }
    });
    child.stderr!.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => reject(new Error(`web host exited with ${code}: ${out}`)));
  });
}

export const test = base.extend<Options & { demo: Demo; app: Page }>({
  demoArgs: [['--bots', '40'], { option: true }],
  demo: async ({ demoArgs }, use) => {
    const { demo, child } = await startDemo(demoArgs);
    await use(demo);
    child.kill('SIGINT');
  },
  app: async ({ page, demo }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(demo.url);
    await expect(page.getByRole('heading', { name: 'Botsweep' })).toBeVisible();
    await use(page);
    expect(errors, 'the page logged errors').toEqual([]);
  },
});

export { expect };

/** Loads the active profile's bots. */
export async function refresh(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByRole('list', { name: 'Chatbot accounts' })).toBeVisible();
}
