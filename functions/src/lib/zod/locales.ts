// `zod/locales` as the Lambda bundles see it (the `zod` alias maps subpaths into this folder,
// ./index.ts): English only, the one locale the functions configure (public-app.ts).
export { default as en } from '../../../../node_modules/zod/v4/locales/en.js';
