// Vite builds the renderer (React) into dist/renderer; the app serves it over app://botsweep, the web host over 127.0.0.1.
// After the build, the scripts are sealed: each gets an integrity hash, and the CSP allows exactly those hashes.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const outDir = fileURLToPath(new URL('./dist/renderer', import.meta.url));

/** Adds SRI hashes to the built page's scripts and writes them to csp-hashes.json and a CSP meta tag. */
function sealScripts(): Plugin {
  return {
    name: 'botsweep-seal-scripts',
    apply: 'build',
    closeBundle() {
      const indexPath = join(outDir, 'index.html');
      let html = readFileSync(indexPath, 'utf8');
      const hashes: string[] = [];
      html = html.replace(/<script type="module" crossorigin src="([^"]+)"><\/script>/g, (_tag, src: string) => {
        const hash = `sha384-${createHash('sha384')
          .update(readFileSync(join(outDir, src)))
          .digest('base64')}`;
        hashes.push(hash);
        return `<script type="module" crossorigin src="${src}" integrity="${hash}"></script>`;
      });
      if (!hashes.length) throw new Error('sealScripts: no module script found in index.html');
      const csp = `default-src 'none'; script-src ${hashes.map((h) => `'${h}'`).join(' ')}; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'; object-src 'none'`;
      html = html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${csp}" />`,
      );
      writeFileSync(indexPath, html);
      writeFileSync(join(outDir, 'csp-hashes.json'), `${JSON.stringify(hashes)}\n`);
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: '/',
  plugins: [react(), sealScripts()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    modulePreload: { polyfill: false },
  },
});
