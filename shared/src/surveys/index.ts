/** Surveys: `import * as surveys from 'shared/src/surveys/index.js'`. */

export * from './rules.js';
export * from './schema.js';
export * from './templates.js';
