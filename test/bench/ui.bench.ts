// UI benchmark (npm run bench:ui): headless Chromium through the web host with 10,000 sandbox bots. Prints the JS
// payload (gzip, as the budget test counts it), the time to interactive, and the refresh, filter and select-all
// latencies, each the median of BENCH_RUNS runs. Figures, not assertions (the budget test asserts the bytes).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config.js';
import { bundleFacts, describeBundle } from '../budget/bundle-facts.js';

const BOTS = Number(process.env.BENCH_BOTS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const runs = (values: number[]) => `runs: ${values.map((value) => value.toFixed(0)).join(', ')}`;

function startHost(): Promise<{ url: string; child: ReturnType<typeof spawn> }> {
  const child = spawn(process.execPath, ['bin/botsweep.js', 'web', '--demo', '--port', '0', '--bots', String(BOTS), '--latency', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
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

/**
 * In the page from its first byte: records (in `window.__interactive`) when the app is usable — the profile is in the
 * header and Refresh is there, enabled — measured from navigation start by the page's own clock, so no polling or
 * driver round trip counts.
 */
const WATCH_INTERACTIVE = `(() => {
  const ready = () => {
    const option = document.querySelector('header select option');
    const refresh = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Refresh');
    return option && option.textContent === 'Sandbox' && refresh && !refresh.disabled;
  };
  const observer = new MutationObserver(() => {
    if (!ready()) return;
    observer.disconnect();
    window.__interactive = performance.now();
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})()`;

// In-page code as text: the TypeScript runner would otherwise add helpers the page does not have. A refresh counts
// from the click until the new list is painted: it must have shown "Loading…" first, so an old list does not count.
const IN_PAGE = `({ action, pattern }) => new Promise((resolve) => {
  const regex = new RegExp(pattern);
  const start = performance.now();
  const [name, arg] = action;
  let armed = name !== 'refresh';
  const check = () => {
    const text = document.body.innerText;
    if (!armed) {
      armed = text.includes('Loading…');
      return;
    }
    if (text.includes('Loading…') || !regex.test(text)) return;
    observer.disconnect();
    // One more frame: the time until the change is painted.
    requestAnimationFrame(() => resolve(performance.now() - start));
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
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
  const floor: number[] = [];
  // One unmeasured load first: the host's and the browser's first-time costs are not the app's. Each app load is
  // paired with one of a static file through the same host and a fresh page: the browser's own floor on this machine.
  for (let i = 0; i <= RUNS; i++) {
    const page = await browser.newPage();
    await page.addInitScript(WATCH_INTERACTIVE);
    await page.goto(url);
    // A predicate function, not a string: the page's CSP forbids the eval a string predicate would need.
    await page.waitForFunction(() => (globalThis as { __interactive?: number }).__interactive !== undefined);
    if (i > 0) tti.push((await page.evaluate('window.__interactive')) as number);
    await page.close();
    const blank = await browser.newPage();
    await blank.goto(new URL('/favicon.svg', url).href);
    if (i > 0) floor.push((await blank.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")) as number);
    await blank.close();
  }

  const page = await browser.newPage({ viewport: { width: 1200, height: 780 } });
  await page.goto(url);
  await page.getByRole('button', { name: 'Refresh' }).waitFor();
  const count = BOTS.toLocaleString('en');
  const refresh: number[] = [];
  const filter: number[] = [];
  const selectAll: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await page.getByRole('button', { name: 'Refresh', exact: true }).waitFor();
    refresh.push(await timeUntilText(page, ['refresh'], `${count} of ${count} shown`));
    await page.getByRole('button', { name: 'Refresh', exact: true }).waitFor();
    filter.push(await timeUntilText(page, ['filter', 'sandbox0999'], `\\b\\d+ of ${count} shown`));
    await timeUntilText(page, ['filter', ''], `${count} of ${count} shown`);
    selectAll.push(await timeUntilText(page, ['toggleAll'], `${count} selected`));
    await timeUntilText(page, ['toggleAll'], `\\b0 selected`);
  }
  const bridge = gzipSync(readFileSync('dist/web/web-bridge.js'), { level: 9 }).length / 1024;
  console.log(`Botsweep UI benchmark (headless Chromium, ${count} bots, median of ${RUNS})`);
  for (const line of describeBundle(bundleFacts('dist'))) console.log(`  ${line}`);
  console.log(`  (in a browser the web bridge adds ${bridge.toFixed(1)} KB)`);
  console.log(`  time to interactive: ${ms(median(tti))} (${runs(tti)}); a static file in a fresh page: ${ms(median(floor))}`);
  console.log(`  refresh (load ${count} bots over the bridge + render): ${ms(median(refresh))} (${runs(refresh)})`);
  console.log(`  filter ${count} rows: ${ms(median(filter))} (${runs(filter)})`);
  console.log(`  select all ${count} rows: ${ms(median(selectAll))} (${runs(selectAll)})`);
} finally {
  await browser.close();
  // The host and anything it started go as a group: asked first, then killed if still there after 5 s.
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGINT');
  if ((await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000, 'timeout'))])) === 'timeout')
    process.kill(-child.pid!, 'SIGKILL');
}
