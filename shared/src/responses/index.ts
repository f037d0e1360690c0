/** Responses: `import * as responses from 'shared/src/responses/index.js'`. */

export * from './rules.js';
export * from './schema.js';
export * from './summary.js';
