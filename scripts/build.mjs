#!/usr/bin/env node
// Builds dist/: every step, or with --if-stale only the steps whose sources changed since their last successful build.
// Usage: node scripts/build.mjs [--if-stale] [STEP…]   (steps: node, cli, preload, bridge, renderer; default all)
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const STAMPS = join(root, 'dist', '.stamps');
const COMMON = ['shared', 'package-lock.json', 'tsconfig.base.json'];

/** Each step: its npm script, the files and folders whose changes make it stale, and an output folder it owns whole. */
export const STEPS = {
  // package.json: the CLI's --version is read from it.
  node: { script: 'build:node', inputs: ['electron', 'tsconfig.json', 'package.json', ...COMMON] },
  // The command line as one bundle (split by command): a command loads in a few ms, not a module graph of hundreds.
  // Its chunks' names change with their content, so the folder is emptied first: no stale chunk stays behind.
  cli: { script: 'build:cli', inputs: ['electron', 'package.json', ...COMMON], owns: 'dist/cli' },
  preload: { script: 'build:preload', inputs: ['electron/preload.ts', ...COMMON] },
  bridge: { script: 'build:bridge', inputs: ['renderer/bridge', ...COMMON] },
  renderer: { script: 'build:renderer', inputs: ['renderer', 'vite.config.ts', 'tsconfig.renderer.json', ...COMMON] },
};

function newestMtime(path) {
  const stat = statSync(join(root, path), { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(join(root, path)).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

/** A step is stale when it never built successfully, or a source is newer than the start of its last build. */
export function isStale(step) {
  const stamp = statSync(join(STAMPS, step), { throwIfNoEntry: false });
  return !stamp || STEPS[step].inputs.some((input) => newestMtime(input) > stamp.mtimeMs);
}

/** Runs a step's npm script; on success stamps it with the time the build started. */
export function buildStep(step) {
  const started = new Date();
  if (STEPS[step].owns) rmSync(join(root, STEPS[step].owns), { recursive: true, force: true });
  const run = spawnSync('npm', ['run', '--silent', STEPS[step].script], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (run.status !== 0) throw new Error(`build step "${step}" (npm run ${STEPS[step].script}) failed`);
  mkdirSync(STAMPS, { recursive: true });
  closeSync(openSync(join(STAMPS, step), 'w'));
  utimesSync(join(STAMPS, step), started, started);
}

/** Builds the given steps (all by default), skipping current ones when ifStale; returns the steps built. */
export function build(steps = Object.keys(STEPS), { ifStale = false } = {}) {
  const todo = steps.filter((step) => !ifStale || isStale(step));
  for (const step of todo) buildStep(step);
  return todo;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const ifStale = args.includes('--if-stale');
  const steps = args.filter((arg) => arg !== '--if-stale');
  const unknown = steps.filter((step) => !(step in STEPS));
  if (unknown.length) {
    console.error(`build: unknown step ${unknown.join(', ')}; steps: ${Object.keys(STEPS).join(', ')}`);
    process.exit(2);
  }
  try {
    const built = build(steps.length ? steps : undefined, { ifStale });
    if (ifStale && !built.length) console.error('build: dist/ is current');
  } catch (error) {
    console.error(`build: ${error.message}`);
    process.exit(1);
  }
}
