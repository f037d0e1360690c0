import { type BuildOptions, build, buildSync, type Metafile } from 'esbuild';
import { fromRoot } from './paths.js';

/**
 * How every Lambda is bundled, in one place: infra/lib/function.ts runs `bundleLambdaSync` as its
 * assets' local bundling and tests/bench/bundle.ts runs `bundleLambda`, so the bench measures the
 * bundles that are deployed. No aws-cdk-lib import, so the bench can load it cheaply.
 */
export const LAMBDA_BUNDLING = {
  /** Keep in step with NODE_RUNTIME in function.ts. */
  target: 'node24',
  platform: 'node',
  format: 'esm',
  minify: true,
  /**
   * Text as UTF-8 rather than `\uXXXX` escapes: the built-in survey templates, the e-mail texts and
   * the feedback messages are Russian, Arabic, Persian, Pashto, Urdu… and an escape is 6 bytes
   * where UTF-8 takes 2 (staff API 618.3 → 564.0 KB; Node reads the files as UTF-8 either way).
   */
  charset: 'utf8',
  /**
   * The map ships beside the bundle (index.mjs.map) but is not loaded at start: with
   * NODE_OPTIONS=--enable-source-maps Node reads and parses it on every cold start (`npm run
   * bench` prints the cost). Map a logged stack trace offline with it.
   */
  sourcemap: true,
  /** Prefer ESM builds of dependencies: smaller, tree-shakeable bundles. */
  mainFields: ['module', 'main'],
  // Nothing is external: the functions call AWS over signed HTTP (functions/src/lib/aws-http.ts),
  // not through the SDK's clients, and the one SDK package they use, @aws-sdk/util-dynamodb (the
  // marshalling), is bundled with the lockfile's version.
  /** Some CommonJS dependencies call require() for built-ins; ESM has no require. */
  banner: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
  /**
   * Code split at dynamic imports: the staff API's route groups (functions/src/lib/lazy-routes.ts)
   * and what only they import are chunk files beside index.mjs, which a cold process reads and
   * compiles when a request first needs them, not at start. Chunks shared by several groups are
   * their own files, loaded once.
   */
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
} as const;

/** esbuild's options for a Lambda whose handler is `index.handler` in `outdir`. */
function options(entry: string, outdir: string): BuildOptions & { metafile: true } {
  return {
    entryPoints: { index: entry },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    target: LAMBDA_BUNDLING.target,
    platform: LAMBDA_BUNDLING.platform,
    format: LAMBDA_BUNDLING.format,
    minify: LAMBDA_BUNDLING.minify,
    charset: LAMBDA_BUNDLING.charset,
    sourcemap: LAMBDA_BUNDLING.sourcemap,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    banner: { js: LAMBDA_BUNDLING.banner },
    splitting: LAMBDA_BUNDLING.splitting,
    chunkNames: LAMBDA_BUNDLING.chunkNames,
    metafile: true,
    logLevel: 'error',
    nodePaths: [fromRoot('node_modules')],
  };
}

/** Bundles a Lambda's entry (a path) into `outdir`: index.mjs, its chunks, their maps. */
export function bundleLambdaSync(entry: string, outdir: string): Metafile {
  return buildSync(options(entry, outdir)).metafile;
}

/** As `bundleLambdaSync`, without blocking (the bench builds several). */
export async function bundleLambda(entry: string, outdir: string): Promise<Metafile> {
  return (await build(options(entry, outdir))).metafile;
}
