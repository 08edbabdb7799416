// The renderer's budget, enforced (part of npm test): builds the renderer when its sources changed, then fails when the
// JS a start loads is over 110 KB gzip, a chunk loaded on demand over 10 KB, or any chunk carries zod. Prints the figures.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { budgetProblems, bundleFacts, describeBundle } from './bundle-facts.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale', 'renderer'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('renderer budget: the renderer did not build');
  process.exit(1);
}

const chunks = bundleFacts(`${root}dist`);
for (const line of describeBundle(chunks)) console.log(`renderer budget: ${line}`);
const problems = budgetProblems(chunks);
for (const problem of problems) console.error(`renderer budget: FAIL ${problem}`);
process.exit(problems.length ? 1 : 0);
