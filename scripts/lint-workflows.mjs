#!/usr/bin/env node
// `npm run lint:workflows`: validates every GitHub Actions workflow against the workflow schema, offline, with
// @action-validator/cli, and checks that each one runs on all three desktop systems.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../.github/workflows', import.meta.url));
const validator = createRequire(import.meta.url).resolve('@action-validator/cli/cli.mjs');
const RUNNERS = ['ubuntu-latest', 'windows-latest', 'macos-latest'];

const files = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name));
if (!files.length) {
  console.error(`lint:workflows: no workflow in ${dir}`);
  process.exit(1);
}
let failed = false;
for (const name of files) {
  const path = join(dir, name);
  const run = spawnSync(process.execPath, [validator, path], { encoding: 'utf8' });
  if (run.status !== 0) {
    failed = true;
    console.error(`${name}: not a valid workflow:\n${run.stdout}${run.stderr}`);
  }
  const text = readFileSync(path, 'utf8');
  const missing = RUNNERS.filter((runner) => !new RegExp(`\\b${runner}\\b`).test(text));
  if (missing.length) {
    failed = true;
    console.error(`${name}: does not run on ${missing.join(', ')}`);
  }
}
if (failed) process.exit(1);
console.log(`lint:workflows: ${files.join(', ')} valid, each on ${RUNNERS.join(', ')}`);
