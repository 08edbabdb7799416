// Fixtures for the web end-to-end tests: a `botsweep web --demo` host per test (in its own process group, stopped and
// its data folder removed after the test, pass or fail), the page opened at its URL, and `cli`: the botsweep command
// line against the demo's sandbox as another client would run it (each run in its own process group, killed after the
// test, pass or fail).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

/** A botsweep command run against the demo's sandbox app; `done` settles when it exits. */
export interface CliRun {
  readonly done: Promise<{ code: number | null; stdout: string; stderr: string }>;
  readonly output: () => string;
  /** Ctrl-C: the command cancels its batch (calls in flight finish) and exits. */
  readonly interrupt: () => void;
}

/** Runs `botsweep ARGS --endpoint SANDBOX --sdkappid … --identifier …` with the demo's key, in `home` (a data folder). */
export type Cli = (args: string[], home: string) => CliRun;

function startDemo(args: string[]): Promise<{ demo: Demo; child: ChildProcess }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'botsweep-e2e-'));
  const child = spawn(process.execPath, ['bin/botsweep.js', 'web', '--demo', '--port', '0', ...args], {
    env: { ...process.env, BOTSWEEP_HOME: dataDir, TIM_SECRET_KEY: DEMO_SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  return new Promise<{ demo: Demo; child: ChildProcess }>((resolve, reject) => {
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
  }).catch((error: unknown) => {
    stopDemo(child, dataDir);
    throw error;
  });
}

/** Asks the host to stop (Ctrl-C), then kills its whole process group if it has not gone within 5 s; removes its data. */
async function stopDemo(child: ChildProcess, dataDir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    const timer = new Promise((resolve) => setTimeout(resolve, 5_000, 'timeout'));
    if ((await Promise.race([exited, timer])) === 'timeout') killGroup(child);
  }
  rmSync(dataDir, { recursive: true, force: true });
}

function killGroup(child: ChildProcess): void {
  try {
    if (process.platform === 'win32') execFileSync('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore' });
    else process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

export const test = base.extend<Options & { demo: Demo; app: Page; cli: Cli }>({
  demoArgs: [['--bots', '40'], { option: true }],
  demo: async ({ demoArgs }, use) => {
    const { demo, child } = await startDemo(demoArgs);
    try {
      await use(demo);
    } finally {
      await stopDemo(child, demo.dataDir);
    }
  },
  cli: async ({ demo }, use) => {
    const children: ChildProcess[] = [];
    const run: Cli = (args, home) => {
      const connection = ['--endpoint', demo.sandboxUrl, '--sdkappid', '1400000000', '--identifier', 'administrator'];
      const child = spawn(process.execPath, ['bin/botsweep.js', ...args, ...connection], {
        env: { ...process.env, BOTSWEEP_HOME: home, TIM_SECRET_KEY: DEMO_SECRET },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      children.push(child);
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (chunk) => (stdout += chunk));
      child.stderr!.on('data', (chunk) => (stderr += chunk));
      const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
        child.on('exit', (code) => resolve({ code, stdout, stderr })),
      );
      return { done, output: () => stdout + stderr, interrupt: () => child.kill('SIGINT') };
    };
    try {
      await use(run);
    } finally {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) killGroup(child);
    }
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

/** The accounts as the list shows them, in their places ("3 of 30" third). */
export async function shownAccounts(page: Page): Promise<string[]> {
  return page
    .getByRole('list', { name: 'Chatbot accounts' })
    .getByRole('listitem')
    .evaluateAll((rows) =>
      rows
        .map((row) => [Number(row.getAttribute('aria-posinset')), row.querySelector('.account')?.textContent ?? ''] as const)
        .sort((a, b) => a[0] - b[0])
        .map(([, account]) => account),
    );
}
