import { resolve } from 'node:path';
import { svelte, vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// The standalone participant page, built after the SvelteKit app into build/s/ (CloudFront answers
// /s/<code> with build/s/index.html). Imports only what the participant component needs.
export default defineConfig({
  root: resolve(import.meta.dirname, 'participant'),
  base: '/s/',
  plugins: [svelte({ preprocess: vitePreprocess() })],
  resolve: {
    alias: {
      $lib: resolve(import.meta.dirname, 'src/lib'),
      $shared: resolve(import.meta.dirname, '../shared/src'),
    },
  },
  build: {
    outDir: resolve(import.meta.dirname, 'build/s'),
    emptyOutDir: true,
    assetsDir: 'assets',
    manifest: true,
  },
});
