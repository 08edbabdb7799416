// Vite builds the renderer (React) into dist/renderer; the app serves it over app://botsweep, the web host over 127.0.0.1.
// After the build the scripts are sealed: the entry gets an integrity hash, each chunk loaded on demand (a language's
// catalog, a view) gets one in an import map, src/early.ts is inlined, and the CSP allows exactly those hashes — the
// app's own scripts and nothing else.
// dist/renderer-bundle.json (outside the served folder) lists each chunk's modules for the budget test.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = join(root, 'dist', 'renderer');
const BUNDLE_FACTS = join(root, 'dist', 'renderer-bundle.json');

const sha384 = (content: string | Buffer) => `sha384-${createHash('sha384').update(content).digest('base64')}`;

/** One chunk of the build: its file, whether it loads at start or on demand, and the modules in it. */
export interface ChunkFacts {
  readonly file: string;
  readonly onDemand: boolean;
  readonly modules: readonly string[];
}

/** Records every chunk's modules (the budget test looks for zod there), then seals the page's scripts. */
function sealScripts(): Plugin {
  let chunks: ChunkFacts[] = [];
  return {
    name: 'botsweep-seal-scripts',
    apply: 'build',
    generateBundle(_options, bundle) {
      const outputs = Object.values(bundle).flatMap((output) => (output.type === 'chunk' ? [output] : []));
      // At start: the entry and what it imports statically, transitively; everything else is fetched on demand.
      const atStart = new Set<string>();
      const visit = (file: string) => {
        if (atStart.has(file)) return;
        atStart.add(file);
        outputs.find((output) => output.fileName === file)?.imports.forEach(visit);
      };
      outputs.filter((output) => output.isEntry).forEach((output) => visit(output.fileName));
      chunks = outputs.map((output) => ({
        file: output.fileName,
        onDemand: !atStart.has(output.fileName),
        modules: output.moduleIds.map((id) => relative(root, id)),
      }));
    },
    closeBundle() {
      const indexPath = join(outDir, 'index.html');
      let html = readFileSync(indexPath, 'utf8');
      const hashes: string[] = [];
      html = html.replace(/<script type="module" crossorigin src="([^"]+)"><\/script>/g, (_tag, src: string) => {
        const hash = sha384(readFileSync(join(outDir, src)));
        hashes.push(hash);
        return `<script type="module" crossorigin src="${src}" integrity="${hash}"></script>`;
      });
      if (!hashes.length) throw new Error('sealScripts: no module script found in index.html');
      // A chunk fetched by an import (on demand, or by the entry) carries no integrity attribute: the import map gives
      // each one, so a hash-only CSP admits them.
      const imported = chunks.filter((chunk) => !html.includes(`src="/${chunk.file}"`));
      const integrity = Object.fromEntries(imported.map((chunk) => [`/${chunk.file}`, sha384(readFileSync(join(outDir, chunk.file)))]));
      const importMap = JSON.stringify({ integrity });
      // src/early.ts, inline: it runs before the app's code has downloaded (main.tsx takes its answers).
      const early = transformSync(readFileSync(join(root, 'renderer', 'src', 'early.ts'), 'utf8'), {
        loader: 'ts',
        minify: true,
      }).code.trim();
      hashes.push(...Object.values(integrity), sha384(importMap), sha384(early));
      const csp = `default-src 'none'; script-src ${hashes.map((h) => `'${h}'`).join(' ')}; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'; object-src 'none'`;
      html = html
        .replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${csp}" />`)
        .replace(
          '<script type="module"',
          `<script type="importmap">${importMap}</script>\n    <script type="module">${early}</script>\n    <script type="module"`,
        );
      writeFileSync(indexPath, html);
      writeFileSync(join(outDir, 'csp-hashes.json'), `${JSON.stringify(hashes)}\n`);
      const built = new Set(readdirSync(join(outDir, 'assets')));
      writeFileSync(
        BUNDLE_FACTS,
        `${JSON.stringify(
          chunks.filter((chunk) => built.has(chunk.file.replace('assets/', ''))),
          null,
          2,
        )}\n`,
      );
    },
  };
}

export default defineConfig({
  root: join(root, 'renderer'),
  base: '/',
  plugins: [react(), sealScripts()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // Everything a start needs in one chunk (no shared crumbs for the views loaded on demand to import).
      output: { codeSplitting: { groups: [{ name: 'app', tags: ['$initial'] }] } },
    },
  },
});
