import { fromRoot } from './paths.js';

/**
 * How every Lambda is bundled, in one place: infra/lib/function.ts hands these to NodejsFunction
 * (CDK runs esbuild with them) and tests/bench/bundle.ts hands the same values to esbuild, so the
 * bench measures the bundles that are deployed. Plain data (no aws-cdk-lib import) so the bench can
 * load it cheaply.
 */
/**
 * Whether the AWS SDK goes into the bundle (true) or is left to the Lambda runtime's copy (false,
 * CDK's default for Node 18+). Also the versions: bundled, AWS runs the lockfile's SDK.
 */
export const BUNDLE_AWS_SDK = true;

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
   * The AWS SDK v3 is bundled (BUNDLE_AWS_SDK): measured, a cold process that loads the SDK's
   * modules from node_modules (as it would load the runtime's copy in /var/runtime) takes about
   * twice as long as one that reads the bundled, tree-shaken SDK from the one file; AWS's SDK team
   * says the same (aws/aws-cdk#25492, "Reduce Lambda cold start times" on the AWS developer blog).
   * The bench prints both variants side by side; see docs/deploy.md, "Lambda bundles".
   */
  external: BUNDLE_AWS_SDK ? [] : ['@aws-sdk/*'],
  /**
   * `zod` without its 64 locales, which @hono/zod-openapi would otherwise pull in whole (264 KB
   * minified): see functions/src/lib/zod/index.ts.
   */
  alias: { zod: fromRoot('functions/src/lib/zod/index.ts') },
  /** Some CommonJS dependencies call require() for built-ins; ESM has no require. */
  banner: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
} as const;
