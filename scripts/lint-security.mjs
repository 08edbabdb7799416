// npm run lint:security: Electronegativity over the Electron glue and the built renderer page. Fails on any finding
// about CSP, navigation limits, the permission handler, context isolation, node integration, the sandbox or
// dangerous functions; prints the rest (manual-review notes such as "review the use of openExternal").
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const page = 'dist/renderer/index.html';
if (!existsSync(page)) {
  console.error('lint:security: build the renderer first (npm run build): its sealed CSP is part of the scan.');
  process.exit(2);
}

const scan = mkdtempSync(join(tmpdir(), 'botsweep-electronegativity-'));
cpSync('electron', join(scan, 'electron'), { recursive: true });
cpSync(page, join(scan, 'index.html'));
const report = join(scan, 'report.csv');
const cli = join(require.resolve('@doyensec/electronegativity/package.json'), '..', 'dist', 'index.js');
execFileSync(process.execPath, [cli, '-i', scan, '-e', electronVersion, '-r', '-v', 'false', '-o', report], {
  stdio: ['ignore', 'ignore', 'inherit'],
});

const BLOCKING = /^(CSP_|LIMIT_NAVIGATION|PERMISSION_REQUEST_HANDLER|CONTEXT_ISOLATION|NODE_INTEGRATION|SANDBOX|DANGEROUS_FUNCTIONS)/;
const findings = readFileSync(report, 'utf8')
  .split(/\r?\n(?=[A-Z_]+_CHECK,)/)
  .slice(1)
  .map((row) => row.trim())
  .filter(Boolean);
const blocking = findings.filter((row) => BLOCKING.test(row));
for (const row of findings) console.log(`${BLOCKING.test(row) ? 'FAIL' : 'note'}  ${row.replace(/\s+/g, ' ').slice(0, 220)}`);
console.log(`Electronegativity (Electron ${electronVersion}): ${findings.length} findings, ${blocking.length} blocking.`);
process.exit(blocking.length ? 1 : 0);
