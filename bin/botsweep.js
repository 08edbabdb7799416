#!/usr/bin/env node
// Launcher for the `botsweep` command: runs the bundled CLI that `npm ci` builds (the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/cli/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('botsweep: the CLI is not built yet. Run "npm run build:cli" (or "npm ci") in the botsweep folder.\n');
  process.exit(2);
}
const { main } = await import(cli.href);
await main();
