// Benchmark: per-respondent export of one survey with 100,000 responses (BENCH_EXPORT_RESPONSES)
// in DynamoDB Local, as CSV and as XLSX, through the export app's route (access check, audit
// entry, paged reads, row building, formula guard, streamed writing). Prints, per format: time to
// the first byte, total time, rows per second, file size and the process's peak memory (resident
// set and JS heap, sampled every 20 ms) above what it held before. Not a test: figures to read.
//
// Responses are bulk-loaded with BatchWriteItem as the items the submission path writes (the
// submission path would take far longer for 100,000); the export reads them as it reads any.
import { BatchWriteCommand } from '../../functions/src/lib/dynamodb.js';
import { ActivityInput } from '../../shared/src/activities/schema.js';
import { templates } from '../../shared/src/surveys/templates.js';
import { startTestStack } from '../support/emulators.js';

const TOTAL = Number(process.env.BENCH_EXPORT_RESPONSES ?? 100_000);

const stack = await startTestStack();
Object.assign(process.env, stack.env);
const { ddb, tableName } = await import('../../functions/src/lib/aws.js');
const { keys } = await import('../../functions/src/lib/keys.js');
const { stableId } = await import('../../functions/src/lib/ids.js');
const { createActivity } = await import('../../functions/src/activities/store.js');
const { createSurvey } = await import('../../functions/src/surveys/store.js');
const { DEMO_USERS } = await import('../../functions/src/local/bootstrap.js');
const { exportsApp } = await import('../../functions/src/exports-app.js');
const { csvStream, xlsxStream } = await import('../../functions/src/exports/write.js');
const { responseLayout, responseRow, headerRows } = await import('../../shared/src/exports/responses.js');
const synthetic = await import('../../functions/src/surveys/synthetic.js');

const actor = 'bench';
try {
  // One activity, one post-event survey (every question type the feedback template has).
  const activity = await createActivity(
    ActivityInput.parse({
      title: 'Export benchmark',
      type: 'training',
      startsAt: '2024-03-01T09:00:00Z',
      endsAt: '2024-03-01T17:00:00Z',
      format: 'online',
      place: null,
    }),
    actor,
  );
  const definition = templates.post_event_feedback();
  const id = stableId(`bench-export:${activity.id}`);
  await createSurvey(
    {
      id,
      activityId: activity.id,
      kind: 'post_event',
      code: id.slice(0, 12),
      templateId: 'bench',
      title: definition.title,
      languages: definition.languages,
      currentVersion: 1,
      opensAt: activity.startsAt,
      closesAt: '2024-04-01T00:00:00Z',
      sendInvitationsAt: null,
      reminderDays: [],
      invitedCount: 0,
      createdAt: activity.createdAt,
      definition: { ...definition, id: `survey_${id}`, version: 1, kind: 'post_event' },
    },
    actor,
  );

  // Bulk load.
  const r = synthetic.prng(2026);
  const item = (n: number) => {
    const answers = synthetic.postEventAnswers(r);
    const responseId = synthetic.uuidFrom(r);
    const at = new Date(Date.parse('2024-03-01T12:00:00Z') + n * 100).toISOString();
    const language = synthetic.pick(r, ['en', 'ru', 'ar'], [5, 3, 2]);
    return {
      ...keys.response(id, responseId),
      type: 'response',
      surveyId: id,
      activityId: activity.id,
      responseId,
      surveyVersion: 1,
      language,
      answers,
      startedAt: at,
      submittedAt: at,
      receivedAt: at,
      submission: { responseId, surveyVersion: 1, language, answers, startedAt: at, submittedAt: at },
    };
  };
  const loadStarted = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < TOTAL) {
        const from = next;
        next = Math.min(TOTAL, next + 25);
        let request: Record<string, unknown[]> | undefined = {
          [tableName()]: Array.from({ length: next - from }, (_, i) => ({
            PutRequest: { Item: item(from + i) },
          })),
        };
        while (request && Object.keys(request).length > 0) {
          const out = await ddb().send(new BatchWriteCommand({ RequestItems: request as never }));
          request = out.UnprocessedItems as typeof request;
        }
      }
    }),
  );
  console.log(
    `Loaded ${TOTAL.toLocaleString('en')} responses in ${((performance.now() - loadStarted) / 1000).toFixed(0)} s.`,
  );

  // Sign in as the administrator, as the web app does.
  const auth = await fetch(stack.env.COGNITO_ENDPOINT as string, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
    },
    body: JSON.stringify({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: stack.env.COGNITO_CLIENT_ID,
      AuthParameters: { USERNAME: DEMO_USERS[0].email, PASSWORD: DEMO_USERS[0].password },
    }),
  });
  const token = ((await auth.json()) as { AuthenticationResult: { AccessToken: string } })
    .AuthenticationResult.AccessToken;

  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  for (const format of ['csv', 'xlsx'] as const) {
    globalThis.gc?.();
    const before = process.memoryUsage();
    const peak = { rss: before.rss, heap: before.heapUsed };
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak.rss = Math.max(peak.rss, m.rss);
      peak.heap = Math.max(peak.heap, m.heapUsed);
    }, 20);
    const started = performance.now();
    const res = await exportsApp.request(`/api/exports/surveys/${id}/responses?format=${format}`, {
      headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'identity' },
    });
    if (res.status !== 200 || !res.body) throw new Error(`${format}: ${res.status} ${await res.text()}`);
    let firstByte = 0;
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      if (!firstByte) firstByte = performance.now() - started;
      bytes += chunk.length;
      if (format === 'csv') for (const b of chunk) if (b === 10) lines++;
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    if (format === 'csv' && lines !== TOTAL + 2)
      throw new Error(`CSV has ${lines} lines, expected ${TOTAL + 2}`);
    console.log(
      `${format.toUpperCase().padEnd(4)} ${TOTAL.toLocaleString('en')} responses: ${seconds.toFixed(1)} s, ` +
        `${Math.round(TOTAL / seconds).toLocaleString('en')} rows/s, first byte after ${firstByte.toFixed(0)} ms, ` +
        `${mb(bytes)}; peak memory above the start: resident ${mb(peak.rss - before.rss)}, ` +
        `JS heap ${mb(peak.heap - before.heapUsed)} (resident at peak ${mb(peak.rss)})`,
    );
  }

  // The same rows without the table: what building, guarding and writing cost on their own.
  const layout = responseLayout([{ ...definition, version: 1 }]);
  const pageOf = (from: number) =>
    Array.from({ length: 1000 }, (_, i) => responseRow(layout, item(from + i) as never, 'not_applicable'));
  for (const format of ['csv', 'xlsx'] as const) {
    const started = performance.now();
    async function* rows() {
      for (let from = 0; from < TOTAL; from += 1000) yield pageOf(from);
    }
    const sheet = { name: 'responses', header: headerRows(layout), rows: rows() };
    const body = format === 'csv' ? csvStream(sheet) : xlsxStream([sheet]);
    let bytes = 0;
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${format.toUpperCase().padEnd(4)} rows built and written without reading the table: ${seconds.toFixed(1)} s, ` +
        `${Math.round(TOTAL / seconds).toLocaleString('en')} rows/s, ${mb(bytes)}`,
    );
  }
} finally {
  await stack.stop();
}
