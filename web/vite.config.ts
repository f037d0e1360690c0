import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// The API runs beside the web app; the dev and preview servers proxy /api to it, as CloudFront
// does in AWS, so the browser only ever talks to one origin.
const api = process.env.API_URL ?? 'http://127.0.0.1:8787';

export default defineConfig({
  plugins: [sveltekit()],
  server: { proxy: { '/api': api }, fs: { allow: ['..'] } },
  // Pre-bundled at start: discovered on first use, they would make the dev server reload the page.
  optimizeDeps: { include: ['papaparse', 'zod', 'd3-geo', 'topojson-client', 'exceljs'] },
  preview: { proxy: { '/api': api } },
});
