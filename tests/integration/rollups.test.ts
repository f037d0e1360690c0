import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app.js';
import { seedDefaultFramework } from '../../functions/src/framework/seed.js';
import { activateIndicator, createIndicator } from '../../functions/src/indicators/store.js';
import { ddb, tableName } from '../../functions/src/lib/aws.js';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '../../functions/src/lib/dynamodb.js';
import { keys } from '../../functions/src/lib/keys.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { rebuildRollup } from '../../functions/src/results/rebuild.js';
import { overviewKey } from '../../functions/src/results/store.js';
import { consumeRecords, type StreamRecord } from '../../functions/src/rollups/consume.js';
import { readRollups, readStoredRollup } from '../../functions/src/rollups/store.js';
import { defaultFramework } from '../../shared/src/framework/default-framework.js';
import { IndicatorInput } from '../../shared/src/indicators/schema.js';
import type { GoalOverview } from '../../shared/src/results/contract.js';
import { signIn } from '../support/auth.js';
import { postEventAnswers, putActivity, putAttendees, submitAnswers } from '../support/fixtures.js';
import { readWholeStream, rollupsSettled } from '../support/rollups.js';

// The roll-up consumer (started by the global setup on DynamoDB Local's stream, the Lambda's own
// code) keeps each activity's roll-up equal to a rebuild from the raw items, and applies every
// stream record exactly once, even when batches are replayed or overlap.

let admin = '';
beforeAll(async () => {
  admin = (await signIn(DEMO_USERS[0].email, DEMO_USERS[0].password)).accessToken;
});

const asAdmin = (path: string, init: RequestInit = {}) =>
  app.request(path, {
    ...init,
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
  });

async function attachSurvey(activityId: string) {
  const res = await asAdmin(`/api/activities/${activityId}/surveys`, {
    method: 'POST',
    body: JSON.stringify({
      templateId: 'post_event_feedback',
      kind: 'post_event',
      sendInvitationsAt: null,
      opensAt: new Date(Date.now() - 3_600_000).toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    }),
  });
  return (await res.json()) as { id: string; code: string };
}

const submit = (code: string, answers: Record<string, unknown>) => submitAnswers(code, answers);

const recordsOf = (records: StreamRecord[], activityId: string) =>
  records.filter((r) =>
    JSON.stringify(r.dynamodb?.NewImage ?? r.dynamodb?.OldImage ?? {}).includes(activityId),
  );

describe('roll-ups kept by the stream consumer', () => {
  it('equal the rebuild from raw items, honour counted === false, and count nothing twice when every batch is replayed', async () => {
    const activityId = await putActivity();
    const survey = await attachSurvey(activityId);
    for (const s of [5, 4, 3]) await submit(survey.code, { ...postEventAnswers, satisfaction: s });
    await putAttendees(activityId, [
      { name: 'A', email: 'a@example.org' },
      { name: 'B', email: 'b@example.org' },
    ]);
    // A response kept as raw data but not counted (a repeat attempt): it contributes nothing.
    const responseId = randomUUID();
    await ddb().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...keys.response(survey.id, responseId),
          type: 'response',
          surveyId: survey.id,
          activityId,
          responseId,
          surveyVersion: 1,
          language: 'en',
          answers: { ...postEventAnswers, satisfaction: 1 },
          startedAt: new Date().toISOString(),
          submittedAt: new Date().toISOString(),
          receivedAt: new Date().toISOString(),
          counted: false,
        },
      }),
    );
    await rollupsSettled();

    const stored = await readStoredRollup(activityId);
    expect(stored.state.surveys[survey.id]?.overall['responses|all|n']).toBe(3);
    expect(stored.state.surveys[survey.id]?.overall['satisfaction|all|sum']).toBe(12);
    expect(stored.state.attendance.participants).toBe(2);
    expect(await rebuildRollup(activityId)).toMatchObject({ differences: [], repaired: false });

    // Replay: every record of this activity offered again, in two overlapping batches at once.
    const records = recordsOf(await readWholeStream(), activityId);
    expect(records.length).toBeGreaterThanOrEqual(6);
    const replays = await Promise.all([consumeRecords(records), consumeRecords([...records].reverse())]);
    expect(replays.map((r) => r.applied)).toEqual([0, 0]);
    expect((await readStoredRollup(activityId)).rev).toBe(stored.rev);
    expect(await rebuildRollup(activityId)).toMatchObject({ differences: [] });
  });

  it('applies each record once when two consumers fold the same new batch at the same time', async () => {
    const activityId = await putActivity();
    const survey = await attachSurvey(activityId);
    for (const s of [2, 4, 5, 1]) await submit(survey.code, { ...postEventAnswers, satisfaction: s });
    await rollupsSettled();
    const records = recordsOf(await readWholeStream(), activityId);
    // Forget what the running consumer did (roll-up and markers), as if these records were new.
    const items = await ddb().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.rollup(activityId).pk },
      }),
    );
    for (const i of items.Items ?? [])
      await ddb().send(new DeleteCommand({ TableName: tableName(), Key: { pk: i.pk, sk: i.sk } }));
    expect((await rebuildRollup(activityId)).differences.length).toBeGreaterThan(0);

    const half = Math.ceil(records.length / 2);
    const runs = await Promise.all([
      consumeRecords(records),
      consumeRecords(records.slice(0, half)),
      consumeRecords(records.slice(half)),
      consumeRecords(records),
    ]);
    const relevant = runs[0]?.relevant ?? 0;
    expect(runs.reduce((s, r) => s + r.applied, 0)).toBe(relevant);
    expect((await readStoredRollup(activityId)).state.surveys[survey.id]?.overall['responses|all|n']).toBe(4);
    expect(await rebuildRollup(activityId)).toMatchObject({ differences: [] });
  });
});

/** The local consumer's stated bound: a response is in the overview within this time. */
const VISIBLE_WITHIN_MS = 5_000;

describe('what views read of a roll-up', () => {
  it("reads item A's JSON copy, and an item written before the copy existed (no `view`) the same", async () => {
    const activityId = await putActivity();
    const survey = await attachSurvey(activityId);
    for (let i = 0; i < 2; i++) await submit(survey.code, postEventAnswers);
    await rollupsSettled();
    const key = { pk: keys.rollup(activityId).pk, sk: 'A' };
    const item = (
      await ddb().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))
    ).Item as Record<string, unknown>;
    expect(typeof item.view).toBe('string');
    const copy = JSON.parse(String(item.view)) as Record<string, unknown>;
    // The copy holds the very fields of the item.
    for (const field of ['activityId', 'rev', 'surveys', 'attendance', 'paired', 'dParts'])
      expect(copy[field]).toEqual(item[field]);
    const fromCopy = (await readRollups([activityId], { breakdowns: true })).get(activityId);
    expect(fromCopy?.surveys[survey.id]?.overall['responses|all|n']).toBe(2);

    await ddb().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: 'REMOVE #v',
        ExpressionAttributeNames: { '#v': 'view' },
      }),
    );
    const fromFields = (await readRollups([activityId], { breakdowns: true })).get(activityId);
    expect(fromFields).toEqual(fromCopy);
    // An activity without a roll-up is simply absent.
    expect((await readRollups([randomUUID()], { breakdowns: false })).size).toBe(0);
  });
});

describe('a new response in the goal overview', () => {
  it(`changes the overview within ${VISIBLE_WITHIN_MS / 1000} s of its submission`, async () => {
    await seedDefaultFramework();
    const project = `visible-${randomUUID().slice(0, 8)}`;
    const indicator = await createIndicator(
      IndicatorInput.parse({
        code: `PG7-VIS-${Date.now().toString(36).toUpperCase()}`,
        name: 'Mean satisfaction (roll-up visibility test)',
        definition: 'Mean satisfaction 1-5 in post-event surveys.',
        unit: 'mean_score',
        computation: { kind: 'measure_mean', measure: 'satisfaction', surveyKind: 'post_event' },
        filters: { projects: [project] },
        dataSource: 'Post-event surveys',
        baseline: { value: 3.5, date: '2019-01-01', source: 'test' },
        targets: [{ period: '2024', date: '2024-12-31', value: 4.5 }],
        frameworkId: defaultFramework().id,
        priorityGoal: 7,
        resultId: 'pg7-outcome-knowledge-attitude-practice',
        actionPointCodes: ['7.1'],
        reportingFrequency: 'annual',
      }),
      'rollups-test',
    );
    await activateIndicator(indicator.id, 'rollups-test');
    const activityId = await putActivity({
      startsAt: '2021-04-01T09:00:00Z',
      endsAt: '2021-04-01T17:00:00Z',
      gsi1sk: `2021-04-01T09:00:00Z#${randomUUID()}`,
      projectId: project,
    });
    const survey = await attachSurvey(activityId);
    const evaluator = (await signIn(DEMO_USERS[1].email, DEMO_USERS[1].password)).accessToken;
    const value = async () => {
      const res = await app.request(`/api/results/overview?projectId=${project}`, {
        headers: { authorization: `Bearer ${evaluator}` },
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as GoalOverview;
      return body.goals.flatMap((g) => g.indicators).find((v) => v.indicatorId === indicator.id);
    };
    expect(await value()).toMatchObject({ n: 0 });
    // Four people first: a figure on fewer than 5 is withheld (disclosure control), so the fifth
    // response is the one whose arrival the overview must show.
    for (let i = 0; i < 4; i++) await submit(survey.code, { ...postEventAnswers, satisfaction: 4 });
    await rollupsSettled();
    expect((await value())?.value).toBeNull();

    const submitted = Date.now();
    await submit(survey.code, { ...postEventAnswers, satisfaction: 4 });
    let seen = await value();
    while (seen?.n !== 5 && Date.now() - submitted < VISIBLE_WITHIN_MS) {
      await new Promise((r) => setTimeout(r, 100));
      seen = await value();
    }
    expect(seen).toMatchObject({ n: 5, value: 4 });
    expect(Date.now() - submitted).toBeLessThan(VISIBLE_WITHIN_MS);
  });
});

describe('the results page as it opens', () => {
  it('is computed by the consumer after a change, so the next evaluator reads it from the cache', async () => {
    await seedDefaultFramework();
    // Outside every plan's years: one lone respondent in a plan year would make other files' filtered
    // figures recoverable by subtraction (all − filtered = 1), and disclosure control withhold them.
    const activityId = await putActivity({
      startsAt: '2035-03-01T09:00:00Z',
      endsAt: '2035-03-01T17:00:00Z',
      gsi1sk: `2035-03-01T09:00:00Z#${randomUUID()}`,
    });
    const survey = await attachSurvey(activityId);
    await submit(survey.code, postEventAnswers);
    const read = (sk: string) =>
      ddb()
        .send(new GetCommand({ TableName: tableName(), Key: { pk: 'VIEWS', sk }, ConsistentRead: true }))
        .then((o) => o.Item);
    // Other test files write meanwhile: the consumer is caught up when both carry the same counter.
    let state = { counter: -1, cached: -2 };
    for (let attempt = 0; attempt < 20 && state.counter !== state.cached; attempt++) {
      await rollupsSettled();
      const [counter, cached] = await Promise.all([read('COUNTER'), read(`V#${overviewKey(undefined, {})}`)]);
      state = { counter: Number(counter?.n), cached: Number(cached?.counter ?? Number.NaN) };
    }
    expect(state.cached).toBe(state.counter);
  });
});
