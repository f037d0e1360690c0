// `zod/mini` as the Lambda bundles see it: the `zod` alias (./index.ts) maps its subpaths into this
// folder. zod/mini as published; its locales stay out of a bundle by tree shaking (schemas are
// built from the namespace's members, never from the namespace object as a whole).
export * from '../../../../node_modules/zod/v4/mini/index.js';
