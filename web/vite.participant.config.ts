import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { svelte, vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { build } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';

const outDir = resolve(import.meta.dirname, 'build/s');

/**
 * Writes the participant service worker, build/s/sw.js (scope /s/), once the page is built: it
 * precaches exactly the shell (index.html and the files index.html loads, read from the bundle),
 * not the language chunks (cached when used) and nothing of the staff app.
 */
function participantWorker(): Plugin {
  return {
    name: 'participant-worker',
    apply: 'build',
    async writeBundle(_options, bundle) {
      const shell = new Set<string>(['index.html']);
      for (const [fileName, item] of Object.entries(bundle)) {
        if (item.type === 'chunk' && item.isEntry) {
          shell.add(fileName);
          for (const imported of item.imports) shell.add(imported);
          for (const css of item.viteMetadata?.importedCss ?? []) shell.add(css);
        }
      }
      const precache = [...shell].sort().map((f) => `/s/${f}`);
      const version = createHash('sha256').update(precache.join('\n')).digest('hex').slice(0, 12);
      await build({
        entryPoints: [resolve(import.meta.dirname, 'participant/sw.ts')],
        outfile: resolve(outDir, 'sw.js'),
        bundle: true,
        minify: true,
        format: 'iife',
        target: 'es2020',
        define: { PRECACHE: JSON.stringify(precache), VERSION: JSON.stringify(version) },
        logLevel: 'warning',
      });
    },
  };
}

// The standalone participant page, built after the SvelteKit app into build/s/ (CloudFront answers
// /s/<code> with build/s/index.html). Imports only what the participant component needs.
export default defineConfig({
  root: resolve(import.meta.dirname, 'participant'),
  base: '/s/',
  plugins: [svelte({ preprocess: vitePreprocess() }), participantWorker()],
  resolve: {
    alias: {
      $lib: resolve(import.meta.dirname, 'src/lib'),
      $shared: resolve(import.meta.dirname, '../shared/src'),
    },
  },
  build: {
    outDir,
    emptyOutDir: true,
    assetsDir: 'assets',
    manifest: true,
  },
});
