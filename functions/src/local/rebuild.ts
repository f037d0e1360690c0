// `npm run rebuild-aggregates [-- --repair]`: recomputes every activity's roll-up (every figure of
// its surveys, and their response counters) from the raw items in the local DynamoDB (the one
// `npm start` runs) and reports any difference. In AWS the same code runs as the rebuild Lambda
// (handlers/rebuild.ts).
import { LOCAL_AWS } from './bootstrap.js';

Object.assign(process.env, {
  AWS_REGION: LOCAL_AWS.region,
  AWS_ACCESS_KEY_ID: LOCAL_AWS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_AWS.secretAccessKey,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  TABLE_NAME: process.env.TABLE_NAME ?? 'data',
  DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT ?? `http://127.0.0.1:${process.env.PORT_DYNAMODB ?? 8000}`,
  // Not used by the rebuild, but the environment is checked as a whole.
  COGNITO_USER_POOL_ID: 'unused',
  COGNITO_CLIENT_ID: 'unused',
});

const repair = process.argv.includes('--repair');
const { rebuildAll } = await import('../results/rebuild.js');

const started = performance.now();
const { surveys, responses, rollups, rollupsDrifted } = await rebuildAll(repair, (report, title) =>
  console.log(
    `roll-up of ${report.activityId} (${title}): ${report.differences.length} figures differ${report.repaired ? ', repaired' : ''}; ${report.differences.slice(0, 3).join('; ')}`,
  ),
);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
// Peak resident memory of the whole run (resourceUsage gives kilobytes).
const mb = (process.resourceUsage().maxRSS / 1024).toFixed(0);
console.log(
  `${surveys} surveys, ${responses} responses recomputed in ${seconds} s (peak ${mb} MB RSS); ${rollups} roll-ups, ${rollupsDrifted} with differences.`,
);
process.exit(rollupsDrifted > 0 && !repair ? 1 : 0);
