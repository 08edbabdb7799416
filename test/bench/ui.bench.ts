// UI benchmark (npm run bench:ui): headless Chromium through the web host with 10,000 sandbox bots.
// Prints time to interactive, the JS payload (gzip), and the refresh, filter and select-all latencies. Figures, not assertions.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config.js';

const BOTS = Number(process.env.BENCH_BOTS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(1)} ms`;

function jsGzipBytes() {
  const dir = 'dist/renderer/assets';
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.js'))
    .map((name) => join(dir, name));
  return files.reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0);
}

function startHost(): Promise<{ url: string; child: ReturnType<typeof spawn> }> {
  const child = spawn(process.execPath, ['bin/botsweep.js', 'web', '--demo', '--port', '0', '--bots', String(BOTS), '--latency', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const url = out.match(/open (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/)?.[1];
      if (url) resolve({ url, child });
    });
    child.on('exit', (code) => reject(new Error(`web host exited with ${code}`)));
  });
}

// In-page code as text: the TypeScript runner would otherwise add helpers the page does not have.
const IN_PAGE = `({ action, pattern }) => new Promise((resolve) => {
  const regex = new RegExp(pattern);
  const start = performance.now();
  const check = () => {
    if (!regex.test(document.body.innerText)) return;
    observer.disconnect();
    // One more frame: the time until the change is painted.
    requestAnimationFrame(() => resolve(performance.now() - start));
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  const [name, arg] = action;
  if (name === 'refresh') [...document.querySelectorAll('button')].find((b) => b.textContent === 'Refresh').click();
  if (name === 'toggleAll') document.querySelector('.select-all input').click();
  if (name === 'filter') {
    const input = document.querySelector('input[type=search]');
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, arg);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
  check();
})`;

/** Runs `action` in the page and resolves with the ms until the page's text matches `pattern`, painted. */
function timeUntilText(page: Page, action: [string, string?], pattern: string): Promise<number> {
  return page.evaluate(`(${IN_PAGE})(${JSON.stringify({ action, pattern })})`) as Promise<number>;
}

const { url, child } = await startHost();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const tti: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.newPage();
    await page.goto(url);
    await page.getByRole('button', { name: 'Refresh' }).waitFor();
    // From navigation start to a rendered, enabled Refresh button with the profiles loaded.
    await page.waitForFunction(`document.querySelector('header select option')?.textContent === 'Sandbox'`);
    tti.push((await page.evaluate('performance.now()')) as number);
    await page.close();
  }

  const page = await browser.newPage({ viewport: { width: 1200, height: 780 } });
  await page.goto(url);
  await page.getByRole('button', { name: 'Refresh' }).waitFor();
  const count = BOTS.toLocaleString('en');
  const refresh: number[] = [];
  const filter: number[] = [];
  const selectAll: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // A refresh in flight shows "Loading…": wait for it to end, so no step measures (or clicks) during one.
    await page.getByRole('button', { name: 'Refresh', exact: true }).waitFor();
    refresh.push(await timeUntilText(page, ['refresh'], `${count} of ${count} shown`));
    await page.getByRole('button', { name: 'Refresh', exact: true }).waitFor();
    filter.push(await timeUntilText(page, ['filter', 'sandbox0999'], `\\b\\d+ of ${count} shown`));
    await timeUntilText(page, ['filter', ''], `${count} of ${count} shown`);
    selectAll.push(await timeUntilText(page, ['toggleAll'], `${count} selected`));
    await timeUntilText(page, ['toggleAll'], `\\b0 selected`);
  }
  console.log(`Botsweep UI benchmark (headless Chromium, ${BOTS.toLocaleString('en')} bots, median of ${RUNS})`);
  console.log(
    `  JS payload: ${(jsGzipBytes() / 1024).toFixed(1)} KB gzip (app bundle; the web bridge adds ${(gzipSync(readFileSync('dist/web/web-bridge.js')).length / 1024).toFixed(1)} KB in a browser)`,
  );
  console.log(`  time to interactive: ${ms(median(tti))} (runs: ${tti.map((v) => v.toFixed(0)).join(', ')})`);
  console.log(`  refresh (load ${count} bots over the bridge + render): ${ms(median(refresh))}`);
  console.log(`  filter ${count} rows: ${ms(median(filter))}`);
  console.log(`  select all ${count} rows: ${ms(median(selectAll))}`);
} finally {
  await browser.close();
  child.kill('SIGINT');
}
