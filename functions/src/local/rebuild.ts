// `npm run rebuild-aggregates [-- --repair]`: recomputes every survey's aggregates from the raw
// responses in the local DynamoDB (the one `npm start` runs) and reports any difference.
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
const { listActivities } = await import('../activities/store.js');
const { listSurveysOfActivity } = await import('../surveys/store.js');
const { rebuildAggregates } = await import('../results/rebuild.js');

const started = performance.now();
let surveys = 0;
let responses = 0;
let drifted = 0;
for (const activity of await listActivities()) {
  for (const survey of await listSurveysOfActivity(activity.id)) {
    const report = await rebuildAggregates(survey, repair);
    surveys++;
    responses += report.responses;
    if (report.differences.length > 0) {
      drifted++;
      console.log(
        `${survey.id} (${activity.title}): ${report.differences.length} aggregates differ${report.repaired ? ', repaired' : ''}`,
      );
    }
  }
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const mb = (process.memoryUsage().rss / 1e6).toFixed(0);
console.log(
  `${surveys} surveys, ${responses} responses recomputed in ${seconds} s (${mb} MB RSS); ${drifted} with differences.`,
);
process.exit(drifted > 0 && !repair ? 1 : 0);
