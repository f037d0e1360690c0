// zod 4's classic API (node_modules/zod/v4/classic/external.js) without its 64 locales: the same
// export list, less `export * as locales`, `fromJSONSchema` (12 KB minified) and core's compile.js
// exports (`compile`, `withParser`, `INVALID`, `ZodCompile*Error`: 29 KB), which nothing here uses:
// a bundle that imports one of them fails to build. Lambda bundles alias `zod` to ./index.ts (see
// ./index.ts). English messages stay: zod's schemas configure the English locale themselves.
// Keep in step with that file when zod is upgraded (tests/bench/bundle.ts fails loudly if a
// locale is back in a bundle).

export * from '../../../../node_modules/zod/v4/classic/checks.js';
export * as coerce from '../../../../node_modules/zod/v4/classic/coerce.js';
export * from '../../../../node_modules/zod/v4/classic/compat.js';
export { deepPartial } from '../../../../node_modules/zod/v4/classic/deep-partial.js';
export * from '../../../../node_modules/zod/v4/classic/errors.js';
export { input, output } from '../../../../node_modules/zod/v4/classic/in-out.js';
export * as iso from '../../../../node_modules/zod/v4/classic/iso.js';
export {
  ZodISODate,
  ZodISODateTime,
  ZodISODuration,
  ZodISOTime,
} from '../../../../node_modules/zod/v4/classic/iso.js';
export * from '../../../../node_modules/zod/v4/classic/parse.js';
export * from '../../../../node_modules/zod/v4/classic/schemas.js';
export { toJSONSchema } from '../../../../node_modules/zod/v4/core/json-schema-processors.js';
export * as core from './core.js';
export {
  $brand,
  $input,
  $output,
  clone,
  config,
  flattenError,
  formatError,
  getDiscriminatedOption,
  globalRegistry,
  memoizer,
  NEVER,
  prettifyError,
  regexes,
  registry,
  TimePrecision,
  toZod,
  treeifyError,
  util,
} from './core.js';
