/**
 * `zod` as the Lambda bundles see it (esbuild `alias: { zod: <this folder> }`, infra/lib/function.ts
 * and tests/bench/bundle.ts; subpaths map into the folder: `zod/mini` is ./mini.ts, `zod/locales`
 * ./locales.ts, and a subpath without a file here fails the build): zod's own entry (node_modules/zod/index.js) over ./classic.ts, which
 * leaves the locales out. Needed because @hono/zod-openapi passes the whole `z` namespace to
 * `extendZodWithOpenApi(z)`, which makes a bundler keep every export of it, 64 locales (264 KB
 * minified) included. Source code keeps importing `zod` as usual.
 */
import * as z from './classic.js';

export * from './classic.js';
export { z, z as default };
