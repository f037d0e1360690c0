import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** A static single-page app: S3 + CloudFront in AWS, Vite locally. */
export default {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ fallback: 'index.html', strict: false }),
    alias: { $shared: '../shared/src' },
    // Registered by the root layout on staff pages only, never on participant pages (/s/...).
    serviceWorker: { register: false },
  },
};
