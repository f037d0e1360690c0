/**
 * `zod` as the Lambda bundles see it (esbuild `alias: { zod: <this file> }`, infra/lib/function.ts
 * and tests/bench/bundle.ts): zod's own entry (node_modules/zod/index.js) over ./classic.ts, which
 * leaves the locales out. Needed because @hono/zod-openapi passes the whole `z` namespace to
 * `extendZodWithOpenApi(z)`, which makes a bundler keep every export of it, 64 locales (264 KB
 * minified) included. Source code keeps importing `zod` as usual.
 */
import * as z from './classic.js';

export * from './classic.js';
export { z, z as default };
