import { randomUUID } from 'node:crypto';
import * as fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { consumeRecords } from '../../functions/src/rollups/consume.js';
import { readStoredRollup } from '../../functions/src/rollups/store.js';
import { signIn } from '../support/auth.js';
import { putActivity } from '../support/fixtures.js';
import { readWholeStream, rollupsSettled } from '../support/rollups.js';

// Property: whatever mix of new submissions, identical resends, conflicting resends, concurrent
// bursts, exclusions and their undo, and replayed stream batches reaches the API and the roll-up
// consumer, the activity's roll-up (every figure of its surveys) equals, key for key, a
// recomputation from the raw responses, and counts each accepted response exactly once.

let admin = '';
beforeAll(async () => {
  admin = (await signIn(DEMO_USERS[0].email, DEMO_USERS[0].password)).accessToken;
});

const asAdmin = (path: string, init: RequestInit = {}) =>
  app.request(path, {
    ...init,
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
  });

const answers = fc.record(
  {
    satisfaction: fc.integer({ min: 1, max: 5 }),
    relevance: fc.integer({ min: 1, max: 5 }),
    intent_to_apply: fc.integer({ min: 1, max: 5 }),
    self_rated_knowledge: fc.record({
      before: fc.integer({ min: 1, max: 5 }),
      after: fc.integer({ min: 1, max: 5 }),
    }),
    recommend: fc.integer({ min: 0, max: 10 }),
    gender: fc.constantFrom('female', 'male', 'prefer_not_to_say'),
    country: fc.constantFrom('AF', 'PK', 'IQ'),
  },
  { requiredKeys: ['satisfaction', 'relevance', 'intent_to_apply', 'self_rated_knowledge'] },
);

type Op =
  | { kind: 'new'; answers: Record<string, unknown> }
  | { kind: 'resend'; index: number }
  | { kind: 'conflict'; index: number; answers: Record<string, unknown> }
  | { kind: 'burst'; copies: number; answers: Record<string, unknown> }
  | { kind: 'replay'; every: number; twice: boolean }
  | { kind: 'exclude'; index: number; twice: boolean }
  | { kind: 'restore'; index: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: answers.map((a) => ({ kind: 'new' as const, answers: a })) },
  { weight: 2, arbitrary: fc.nat(50).map((index) => ({ kind: 'resend' as const, index })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.nat(50), answers)
      .map(([index, a]) => ({ kind: 'conflict' as const, index, answers: a })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 2, max: 6 }), answers)
      .map(([copies, a]) => ({ kind: 'burst' as const, copies, answers: a })),
  },
  {
    // The stream records of this activity so far (every one, or every n-th) offered to the
    // consumer again, once or in two overlapping batches, while the running consumer folds them too.
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 3 }), fc.boolean())
      .map(([every, twice]) => ({ kind: 'replay' as const, every, twice })),
  },
  {
    // An administrator excludes a response (sometimes two requests at once), or undoes it.
    weight: 2,
    arbitrary: fc
      .tuple(fc.nat(50), fc.boolean())
      .map(([index, twice]) => ({ kind: 'exclude' as const, index, twice })),
  },
  { weight: 1, arbitrary: fc.nat(50).map((index) => ({ kind: 'restore' as const, index })) },
);

describe('figures maintained from the stream', () => {
  it('in roll-ups equal the rebuild from raw responses after any sequence of submissions, resends, bursts, exclusions, undos and stream replays', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        const activityId = await putActivity();
        const attached = await asAdmin(`/api/activities/${activityId}/surveys`, {
          method: 'POST',
          body: JSON.stringify({
            templateId: 'post_event_feedback',
            kind: 'post_event',
            sendInvitationsAt: null,
          }),
        });
        const survey = (await attached.json()) as { id: string; code: string };
        const sent: { responseId: string; body: string }[] = [];
        const post = (body: string) =>
          app.request(`/api/public/surveys/${survey.code}/responses`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'cloudfront-viewer-address': `2001:db8::${randomUUID().slice(0, 4)}:443`,
            },
            body,
          });
        const bodyOf = (responseId: string, a: Record<string, unknown>) => {
          const now = new Date().toISOString();
          return JSON.stringify({
            responseId,
            surveyVersion: 1,
            language: 'en',
            answers: a,
            startedAt: now,
            submittedAt: now,
          });
        };
        let accepted = 0;
        const excluded = new Set<string>();
        const exclusion = (action: 'exclude' | 'restore', responseId: string) =>
          asAdmin(`/api/surveys/${survey.id}/responses/${action}`, {
            method: 'POST',
            body: JSON.stringify({ responseIds: [responseId], reason: 'a test response' }),
          });
        for (const o of ops) {
          if (o.kind === 'new') {
            const responseId = randomUUID();
            const body = bodyOf(responseId, o.answers);
            expect((await post(body)).status).toBe(201);
            sent.push({ responseId, body });
            accepted++;
          } else if (o.kind === 'resend' && sent.length > 0) {
            const s = sent[o.index % sent.length]!;
            expect((await post(s.body)).status).toBe(200);
          } else if (o.kind === 'conflict' && sent.length > 0) {
            const s = sent[o.index % sent.length]!;
            const status = (await post(bodyOf(s.responseId, { ...o.answers, satisfaction: 0 }))).status;
            // An invalid conflicting resend is refused before the id is looked at; a valid one is 409.
            expect([409, 422]).toContain(status);
          } else if (o.kind === 'burst') {
            const responseId = randomUUID();
            const body = bodyOf(responseId, o.answers);
            const statuses = await Promise.all(
              Array.from({ length: o.copies }, async () => (await post(body)).status),
            );
            expect(statuses.filter((s) => s === 201)).toHaveLength(1);
            sent.push({ responseId, body });
            accepted++;
          } else if (o.kind === 'exclude' && sent.length > 0) {
            const s = sent[o.index % sent.length]!;
            const results = await Promise.all(
              Array.from({ length: o.twice ? 2 : 1 }, async () => {
                const res = await exclusion('exclude', s.responseId);
                expect(res.status).toBe(200);
                return (await res.json()) as { changed: number };
              }),
            );
            // Two requests at once change it once; an excluded response is not excluded again.
            expect(results.reduce((n, r) => n + r.changed, 0)).toBe(excluded.has(s.responseId) ? 0 : 1);
            excluded.add(s.responseId);
          } else if (o.kind === 'restore' && sent.length > 0) {
            const s = sent[o.index % sent.length]!;
            const res = await exclusion('restore', s.responseId);
            expect(((await res.json()) as { changed: number }).changed).toBe(
              excluded.has(s.responseId) ? 1 : 0,
            );
            excluded.delete(s.responseId);
          } else if (o.kind === 'replay') {
            const mine = (await readWholeStream()).filter(
              (r, i) => i % o.every === 0 && JSON.stringify(r.dynamodb?.NewImage ?? {}).includes(activityId),
            );
            await Promise.all([
              consumeRecords(mine),
              ...(o.twice ? [consumeRecords([...mine].reverse())] : []),
            ]);
          }
        }
        await rollupsSettled();
        const rebuild = await asAdmin(`/api/surveys/${survey.id}/aggregates/rebuild`, {
          method: 'POST',
          body: '{}',
        });
        const report = (await rebuild.json()) as {
          responses: number;
          differences: unknown[];
          rollup: { differences: string[] };
        };
        expect(report.differences).toEqual([]);
        // The survey's counter moved once per stored response, replays and all (an exclusion keeps it).
        const detail = (await (await asAdmin(`/api/surveys/${survey.id}`)).json()) as {
          responseCount: number;
        };
        expect(detail.responseCount).toBe(accepted);
        accepted -= excluded.size;
        expect(report.responses).toBe(accepted);
        // The roll-up kept by the stream consumer equals its rebuild from the raw items.
        expect(report.rollup.differences).toEqual([]);
        const rollup = (await readStoredRollup(activityId)).state.surveys[survey.id];
        expect(rollup?.overall['responses|all|n'] ?? 0).toBe(accepted);
        // Overall and breakdown figures are kept apart: indicator values read the overall part only.
        expect(Object.keys(rollup?.overall ?? {}).every((k) => k.includes('|all|'))).toBe(true);
        expect(Object.keys(rollup?.breakdown ?? {}).some((k) => k.includes('|all|'))).toBe(false);
        // An exclusion subtracts its figures: keys stay, at zero, once nothing counts.
        expect(Object.values(rollup?.overall ?? {}).some((v) => v !== 0)).toBe(accepted > 0);
      }),
      { numRuns: 12 },
    );
    // Twelve runs, each waiting for the consumer and reading the stream to replay it: on a loaded
    // machine this takes longer than the default 30 s.
  }, 180_000);
});

describe('roll-up repair', () => {
  it('reports a roll-up figure that drifted from the raw responses and repairs it', async () => {
    const activityId = await putActivity();
    const attached = await asAdmin(`/api/activities/${activityId}/surveys`, {
      method: 'POST',
      body: JSON.stringify({
        templateId: 'post_event_feedback',
        kind: 'post_event',
        sendInvitationsAt: null,
      }),
    });
    const survey = (await attached.json()) as { id: string; code: string };
    const now = new Date().toISOString();
    const sent = await app.request(`/api/public/surveys/${survey.code}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': randomUUID() },
      body: JSON.stringify({
        responseId: randomUUID(),
        surveyVersion: 1,
        language: 'en',
        answers: {
          satisfaction: 4,
          relevance: 4,
          intent_to_apply: 4,
          self_rated_knowledge: { before: 1, after: 3 },
        },
        startedAt: now,
        submittedAt: now,
      }),
    });
    expect(sent.status).toBe(201);
    await rollupsSettled();
    // Corrupt one figure of the roll-up behind the consumer's back.
    const { UpdateCommand } = await import('../../functions/src/lib/dynamodb.js');
    const { ddb, tableName } = await import('../../functions/src/lib/aws.js');
    const { keys } = await import('../../functions/src/lib/keys.js');
    await ddb().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.rollup(activityId),
        UpdateExpression: 'SET surveys.#s.overall.#k = :v',
        ExpressionAttributeNames: { '#s': survey.id, '#k': 'satisfaction|all|sum' },
        ExpressionAttributeValues: { ':v': 11 },
      }),
    );
    const rebuild = async (repair: boolean) =>
      (await (
        await asAdmin(`/api/surveys/${survey.id}/aggregates/rebuild`, {
          method: 'POST',
          body: JSON.stringify({ repair }),
        })
      ).json()) as {
        differences: { key: string; maintained: number; rebuilt: number }[];
        repaired: boolean;
        rollup: { differences: string[]; repaired: boolean };
      };
    const found = await rebuild(false);
    expect(found.differences).toEqual([{ key: 'satisfaction|all|sum', maintained: 11, rebuilt: 4 }]);
    expect(found.repaired).toBe(false);
    expect(found.rollup).toMatchObject({
      differences: [`survey ${survey.id} satisfaction|all|sum: maintained 11, rebuilt 4`],
      repaired: false,
    });
    // A per-survey aggregate item of an earlier version (written by the submission then, read by
    // nothing now) goes with the repair.
    const { PutCommand, QueryCommand } = await import('../../functions/src/lib/dynamodb.js');
    const legacy = keys.legacyAggregates(survey.id);
    await ddb().send(
      new PutCommand({
        TableName: tableName(),
        Item: { pk: legacy.pk, sk: 'M#A#03#0', type: 'aggregate', 'satisfaction|all|sum': 4 },
      }),
    );
    const fixed = await rebuild(true);
    expect(fixed.repaired).toBe(true);
    expect(fixed.rollup.repaired).toBe(true);
    expect((await rebuild(false)).differences).toEqual([]);
    expect((await rebuild(false)).rollup.differences).toEqual([]);
    const left = await ddb().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :m)',
        ExpressionAttributeValues: { ':pk': legacy.pk, ':m': legacy.skPrefix },
      }),
    );
    expect(left.Items).toEqual([]);

    // The survey's counters are recounted from the raw items too: one moved outside the consumer
    // (here by hand, on a shard submissions once used) is found and repaired.
    await ddb().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.counterShard(survey.id, 3),
        UpdateExpression: 'SET #type = :type ADD responses :n',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':type': 'counter', ':n': 2 },
      }),
    );
    expect((await rebuild(false)).differences).toEqual([
      { key: 'counter|responses', maintained: 3, rebuilt: 1 },
    ]);
    expect((await rebuild(true)).repaired).toBe(true);
    expect((await rebuild(false)).differences).toEqual([]);
    const { countResponses } = await import('../../functions/src/responses/store.js');
    expect(await countResponses(survey.id)).toEqual({ responses: 1, responded: 0 });
    expect(
      (await readStoredRollup(activityId)).state.surveys[survey.id]?.overall['satisfaction|all|sum'],
    ).toBe(4);
  });
});
