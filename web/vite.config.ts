import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// The API runs beside the web app; the dev and preview servers proxy /api to it, as CloudFront
// does in AWS, so the browser only ever talks to one origin.
const api = process.env.API_URL ?? 'http://127.0.0.1:8787';
// `/api` and what is under it, not every path that starts with the letters (the API reference page
// is `/api-docs`, a page of this app): a key starting with `^` is a regular expression.
const proxy = { '^/api(/|$)': api };

const CORE = [
  /src[\\/]lib[\\/]i18n[\\/](index\.svelte|locales|en[\\/](common|terms|components))\.ts$/,
  /src[\\/]lib[\\/](session\.svelte|api|activities|framework|results|colours)\.ts$/,
  /shared[\\/]src[\\/](framework[\\/]labels|surveys[\\/]countries)\.ts$/,
  /src[\\/]lib[\\/]components[\\/](Forbidden|ExportButtons|results[\\/](ProgressBar|StatusBadge))\.svelte$/,
  /@sveltejs[\\/]kit[\\/]src[\\/]runtime[\\/]app[\\/]state[\\/]/,
];

export default defineConfig({
  plugins: [sveltekit()],
  server: { proxy, fs: { allow: ['..'] } },
  // Pre-bundled at start: discovered on first use, they would make the dev server reload the page.
  optimizeDeps: { include: ['papaparse', 'zod/mini', 'zod/locales', 'd3-geo', 'topojson-client', 'exceljs'] },
  preview: { proxy },
  build: {
    rolldownOptions: {
      output: {
        // What every staff page's shell runs (language, session, API client, the framework's and
        // results' labels, the common result widgets) goes into one chunk with the Svelte and
        // SvelteKit runtimes it needs, instead of some fifteen small files each compressed on its
        // own: the results overview loads 49.7 KB gzip instead of 54 (tests/bench/bundle.ts).
        codeSplitting: { groups: [{ name: 'core', test: (id: string) => CORE.some((re) => re.test(id)) }] },
      },
    },
  },
});
