import { fromRoot } from './paths.js';

/**
 * How every Lambda is bundled, in one place: infra/lib/function.ts hands these to NodejsFunction
 * (CDK runs esbuild with them) and tests/bench/bundle.ts hands the same values to esbuild, so the
 * bench measures the bundles that are deployed. Plain data (no aws-cdk-lib import) so the bench can
 * load it cheaply.
 */
export const LAMBDA_BUNDLING = {
  /** Keep in step with NODE_RUNTIME in function.ts. */
  target: 'node24',
  platform: 'node',
  format: 'esm',
  minify: true,
  /**
   * The map ships beside the bundle (index.mjs.map) but is not loaded at start: with
   * NODE_OPTIONS=--enable-source-maps Node reads and parses it on every cold start (`npm run
   * bench` prints the cost). Map a logged stack trace offline with it.
   */
  sourcemap: true,
  /** Prefer ESM builds of dependencies: smaller, tree-shakeable bundles. */
  mainFields: ['module', 'main'],
  /**
   * Nothing is left out: the functions call AWS over signed HTTP (functions/src/lib/aws-http.ts),
   * not through the SDK's clients, and the one SDK package they use, @aws-sdk/util-dynamodb (the
   * marshalling), is bundled with the lockfile's version (NodejsFunction's bundleAwsSDK).
   */
  external: [] as string[],
  /**
   * `zod` without its 64 locales, which @hono/zod-openapi would otherwise pull in whole (264 KB
   * minified): see functions/src/lib/zod/index.ts. A folder: `zod/mini` and `zod/locales` map to
   * its files too.
   */
  alias: { zod: fromRoot('functions/src/lib/zod') },
  /** Some CommonJS dependencies call require() for built-ins; ESM has no require. */
  banner: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
} as const;
