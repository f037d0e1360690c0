import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app.js';
import { seedDefaultFramework } from '../../functions/src/framework/seed.js';
import { activateIndicator, createIndicator } from '../../functions/src/indicators/store.js';
import { ddb } from '../../functions/src/lib/aws.js';
import type { Sent } from '../../functions/src/lib/dynamodb.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { defaultFramework } from '../../shared/src/framework/default-framework.js';
import { IndicatorInput } from '../../shared/src/indicators/schema.js';
import type { ActivityLearning, GoalOverview, IndicatorResult } from '../../shared/src/results/contract.js';
import { knowledgeTestTemplate } from '../../shared/src/surveys/templates.js';
import { signIn } from '../support/auth.js';
import { postEventAnswers, putActivity, submitAnswers } from '../support/fixtures.js';
import { rollupsSettled, settledFigures } from '../support/rollups.js';

let admin = '';
let evaluator = '';
const PROJECT = `results-test-${randomUUID().slice(0, 8)}`;
let indicatorId = '';

const call = (token: string, path: string, init: RequestInit = {}) =>
  app.request(path, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  });

/** An activity of 2020 in this test's own project (scoped by the `projectId` filter). */
const activity2020 = (day: string) =>
  putActivity({
    startsAt: `2020-${day}T09:00:00Z`,
    endsAt: `2020-${day}T17:00:00Z`,
    gsi1sk: `2020-${day}T09:00:00Z#${randomUUID()}`,
    projectId: PROJECT,
    pillar: 'operational_cooperation',
  });

async function attach(
  activityId: string,
  templateId: string,
  kind: string,
): Promise<{ id: string; code: string }> {
  const now = Date.now();
  const res = await call(admin, `/api/activities/${activityId}/surveys`, {
    method: 'POST',
    body: JSON.stringify({
      templateId,
      kind,
      opensAt: new Date(now - 3_600_000).toISOString(),
      closesAt: new Date(now + 86_400_000).toISOString(),
    }),
  });
  if (res.status !== 201) throw new Error(await res.text());
  return (await res.json()) as { id: string; code: string };
}

const submit = (code: string, answers: Record<string, unknown>, pairingCode?: string) =>
  submitAnswers(code, answers, { pairingCode });

beforeAll(async () => {
  admin = (await signIn(DEMO_USERS[0].email, DEMO_USERS[0].password)).accessToken;
  evaluator = (await signIn(DEMO_USERS[1].email, DEMO_USERS[1].password)).accessToken;
  await seedDefaultFramework();
  const created = await createIndicator(
    IndicatorInput.parse({
      code: `PG7-RT-${Date.now().toString(36).toUpperCase()}`,
      name: 'Mean satisfaction (results test)',
      definition: 'Mean satisfaction 1-5 in post-event surveys.',
      unit: 'mean_score',
      computation: { kind: 'measure_mean', measure: 'satisfaction', surveyKind: 'post_event' },
      dataSource: 'Post-event surveys',
      baseline: { value: 3.5, date: '2019-01-01', source: 'test' },
      targets: [{ period: '2024', date: '2024-12-31', value: 4.5 }],
      frameworkId: defaultFramework().id,
      priorityGoal: 7,
      resultId: 'pg7-outcome-knowledge-attitude-practice',
      actionPointCodes: ['7.1'],
      disaggregations: ['gender', 'region'],
      reportingFrequency: 'annual',
      minimumN: 20,
    }),
    'results-test',
  );
  await activateIndicator(created.id, 'results-test');
  indicatorId = created.id;
});

// Activity A: 8 responses, satisfaction 5,4,4,3,5,2,4,5 (Σ 32): 5 women, 3 men.
// Activity B: 3 responses, satisfaction 2,3,5 (Σ 10): 3 women.
// All 11: mean 42/11 = 3.818182; women 8, men 3.
const A = [5, 4, 4, 3, 5, 2, 4, 5];
const B = [2, 3, 5];
let activityA = '';
let activityB = '';

describe('indicator values from submitted answers', () => {
  beforeAll(async () => {
    activityA = await activity2020('03-10');
    activityB = await activity2020('06-15');
    const sa = await attach(activityA, 'post_event_feedback', 'post_event');
    const sb = await attach(activityB, 'post_event_feedback', 'post_event');
    for (const [i, s] of A.entries())
      await submit(sa.code, { ...postEventAnswers, satisfaction: s, gender: i < 5 ? 'female' : 'male' });
    for (const s of B) await submit(sb.code, { ...postEventAnswers, satisfaction: s, gender: 'female' });
    // Views read the roll-ups, which the stream consumer updates within a second of a submission.
    await rollupsSettled();
  });

  it('shows the goal with the indicator value recomputed from the answers, and low n', async () => {
    const res = await call(evaluator, `/api/results/overview?year=2020&projectId=${PROJECT}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as GoalOverview;
    expect(body.period).toEqual({ label: '2020', from: '2020-01-01', to: '2020-12-31' });
    const goal = body.goals.find((g) => g.number === 7);
    const v = goal?.indicators.find((i) => i.indicatorId === indicatorId);
    expect(v?.n).toBe(11);
    expect(v?.value).toBeCloseTo(42 / 11, 10);
    expect(v?.display).toBe('3.82');
    // n 11 < minimumN 20.
    expect(v?.lowN).toBe(true);
    expect(v?.ci).not.toBeNull();
    // Progress (3.818182 − 3.5) / (4.5 − 3.5) = 0.318182.
    expect(v?.progress).toBeCloseTo(0.318182, 5);
    expect(v?.trend).toContainEqual({
      year: 2020,
      value: expect.closeTo(42 / 11, 10),
      n: 11,
      withheld: false,
    });
  });

  it('suppresses a breakdown cell of 3 respondents and an activity of 3 respondents', async () => {
    const res = await call(
      evaluator,
      `/api/results/indicators/${indicatorId}?year=2020&projectId=${PROJECT}`,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as IndicatorResult;
    expect(body.value.n).toBe(11);
    // Men: 3 respondents → suppressed; women (8) suppressed as the complement.
    expect(body.breakdowns.gender).toContainEqual({
      key: 'male',
      n: null,
      value: null,
      suppressed: true,
      display: '< 5',
    });
    expect(body.breakdowns.gender?.find((c) => c.key === 'female')?.value).toBeNull();
    const a = body.activities.find((x) => x.activityId === activityA);
    const b = body.activities.find((x) => x.activityId === activityB);
    // B: 3 respondents → '< 5', no n kept. A (8 respondents, 4.00) would give B back as the year's
    // total minus A: withheld too (complementary suppression, defect 3).
    expect(b).toMatchObject({ n: null, value: null, display: '< 5', suppressed: true });
    expect(a).toMatchObject({ n: null, value: null, suppressed: true });
    expect(body.byYear.find((y) => y.period.label === '2020')?.value).toBeCloseTo(42 / 11, 10);
  });

  it('breaks down by region and filters by the region of the activity place', async () => {
    const res = await call(
      evaluator,
      `/api/results/indicators/${indicatorId}?year=2020&projectId=${PROJECT}`,
    );
    const body = (await res.json()) as IndicatorResult;
    // Every respondent answered country AF: one Silk Routes cell of all 11.
    expect(body.breakdowns.region).toEqual([
      { key: 'silk-routes', n: 11, value: expect.closeTo(42 / 11, 10), suppressed: false, display: '3.82' },
    ]);
    expect(body.regions.map((r) => r.id)).toContain('silk-routes');

    const value = async (region: string) => {
      const r = await call(
        evaluator,
        `/api/results/overview?year=2020&projectId=${PROJECT}&region=${region}`,
      );
      expect(r.status).toBe(200);
      const o = (await r.json()) as GoalOverview;
      expect(o.framework.regions.find((x) => x.id === 'eu-schengen')?.countries).toContain('BG');
      return o.goals.flatMap((g) => g.indicators).find((i) => i.indicatorId === indicatorId);
    };
    // Both activities are held in Sofia (BG): in the EU region, none in the Silk Routes.
    expect(await value('eu-schengen')).toMatchObject({ n: 11 });
    expect(await value('silk-routes')).toMatchObject({ n: 0, value: null });

    const unknown = await call(evaluator, `/api/results/overview?region=atlantis`);
    expect(unknown.status).toBe(422);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await unknown.json()) as { errors: { path: string[] }[] };
    expect(problem.errors[0]?.path).toEqual(['query', 'region']);
  });
});

const knowledgeItems = knowledgeTestTemplate('pre_test').questions.flatMap((q) =>
  q.type === 'knowledge'
    ? [{ id: q.id, correct: q.correct, wrong: [q.options.find((o) => !q.correct.includes(o.id))?.id] }]
    : [],
);
/** Knowledge-test answers with `k` right answers (the rest a wrong option): k points of 5. */
const answers = (k: number) =>
  Object.fromEntries(knowledgeItems.map((q, i) => [q.id, i < k ? q.correct : q.wrong]));

describe('pre/post learning of an activity', () => {
  it('pairs by code and reports paired n, mean change and match rate', async () => {
    const activityId = await activity2020('09-01');
    const pre = await attach(activityId, 'knowledge_test', 'pre_test');
    const post = await attach(activityId, 'knowledge_test', 'post_event');
    // Pre: P1 1, P2 2, P3 3, U (unpaired) 2; post: P1 4, P2 2, P3 5.
    await submit(pre.code, answers(1), 'pair-p1');
    await submit(pre.code, answers(2), 'pair-p2');
    await submit(pre.code, answers(3), 'pair-p3');
    await submit(pre.code, answers(2), 'pair-u1');
    await submit(post.code, answers(4), 'pair-p1');
    await submit(post.code, answers(2), 'pair-p2');
    await submit(post.code, answers(5), 'pair-p3');
    await rollupsSettled();

    const learning = async () => {
      const res = await call(evaluator, `/api/results/activities/${activityId}/learning`);
      expect(res.status).toBe(200);
      return (await res.json()) as ActivityLearning;
    };
    // 3 pairs: fewer than 5 people, the paired figures are withheld (n and match rate stay).
    const small = await learning();
    expect(small.paired).toMatchObject({ n: 3, meanChange: null, improved: null, classGain: null });
    expect(small.paired?.matchRate).toBeCloseTo(0.75, 10);
    expect(small.post?.meanPercent).toBeNull();

    // Two more pairs: P4 0 → 1, P5 4 → 4.
    await submit(pre.code, answers(0), 'pair-p4');
    await submit(pre.code, answers(4), 'pair-p5');
    await submit(post.code, answers(1), 'pair-p4');
    await submit(post.code, answers(4), 'pair-p5');
    await rollupsSettled();
    const body = await learning();
    // 5 pairs; match rate 5 / max(6 pre, 5 post); differences 3, 0, 2, 1, 0: mean 6/5 points.
    expect(body.paired?.n).toBe(5);
    expect(body.paired?.matchRate).toBeCloseTo(5 / 6, 10);
    expect(body.paired?.meanChange).toBeCloseTo(1.2, 10);
    expect(body.paired?.unit).toBe('points');
    // Improved 3 of 5; mean pre 2, mean post 3.2: class gain (3.2 − 2) / (5 − 2) = 0.4.
    expect(body.paired?.improved).toBeCloseTo(60, 10);
    expect(body.paired?.improvedCI?.lower).toBeCloseTo(23.072428, 4);
    expect(body.paired?.classGain).toBeCloseTo(0.4, 10);
    expect(body.paired?.lowN).toBe(false);
    expect(body.pre?.n).toBe(6);
    expect(body.post?.n).toBe(5);
    // Fewer than 5 scores: every band of the distribution is suppressed.
    expect(body.pre?.scoreDistribution.every((c) => c.display === '< 5' && c.value === null)).toBe(true);
    expect(body.levels.map((l) => l.level)).toEqual([1, 2, 3]);
  });

  it('reads the paired scores of an activity from its roll-up, never the responses, and adds a new pair', async () => {
    const project = `pairs-${randomUUID().slice(0, 8)}`;
    const created = await createIndicator(
      IndicatorInput.parse({
        code: `PG7-PR-${Date.now().toString(36).toUpperCase()}`,
        name: 'Share of paired respondents who improved (results test)',
        definition: 'Share of respondents whose post-test score is above their pre-test score.',
        unit: 'percent',
        computation: { kind: 'share_improved' },
        dataSource: 'Knowledge tests',
        baseline: { value: 40, date: '2019-01-01', source: 'test' },
        targets: [{ period: '2024', date: '2024-12-31', value: 60 }],
        frameworkId: defaultFramework().id,
        priorityGoal: 7,
        resultId: 'pg7-outcome-knowledge-attitude-practice',
        actionPointCodes: ['7.1'],
        reportingFrequency: 'annual',
      }),
      'results-test',
    );
    await activateIndicator(created.id, 'results-test');
    const activityId = await putActivity({
      startsAt: '2020-10-01T09:00:00Z',
      endsAt: '2020-10-01T17:00:00Z',
      gsi1sk: `2020-10-01T09:00:00Z#${randomUUID()}`,
      projectId: project,
    });
    const pre = await attach(activityId, 'knowledge_test', 'pre_test');
    const post = await attach(activityId, 'knowledge_test', 'post_event');
    // A filtered overview also reads the unfiltered figures (disclosure control compares them):
    // warm the paired-score items of the other tests' activities first, so only this one is counted.
    await call(evaluator, '/api/results/overview');
    // Five pairs, three improved: 1→3, 2→4, 3→5, 2→2, 4→3.
    for (const [i, [a, b]] of [
      [1, 3],
      [2, 4],
      [3, 5],
      [2, 2],
      [4, 3],
    ].entries()) {
      await submit(pre.code, answers(a as number), `cache-${i}`);
      await submit(post.code, answers(b as number), `cache-${i}`);
    }
    await rollupsSettled();
    const responsesRead = { n: 0 };
    const counter = ({ output }: Sent) => {
      const items = (output as { Items?: { type?: unknown }[] } | undefined)?.Items ?? [];
      responsesRead.n += items.filter((i) => i.type === 'response').length;
    };
    ddb().observers.push(counter);
    const improved = async () => {
      const res = await call(evaluator, `/api/results/overview?projectId=${project}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as GoalOverview;
      return body.goals.flatMap((g) => g.indicators).find((v) => v.indicatorId === created.id);
    };
    try {
      expect(await improved()).toMatchObject({ n: 5, value: 60 });
      // A sixth pair that improved: the consumer re-pairs the activity in its roll-up.
      await submit(pre.code, answers(1), 'cache-5');
      await submit(post.code, answers(2), 'cache-5');
      await rollupsSettled();
      expect(await improved()).toMatchObject({ n: 6, value: expect.closeTo(200 / 3, 10) });
      expect(responsesRead.n).toBe(0);
    } finally {
      ddb().observers.splice(ddb().observers.indexOf(counter), 1);
    }
  });

  it('answers 404 for an unknown activity', async () => {
    const res = await call(evaluator, '/api/results/activities/0000000000zzzzzzzzzzzzzzzz/learning');
    expect(res.status).toBe(404);
  });
});

describe('demo data', () => {
  it('the demo satisfaction indicator computes from the demo post-event surveys', async () => {
    const { seedDemoActivities } = await import('../../functions/src/activities/demo.js');
    const { seedDemoSurveys } = await import('../../functions/src/surveys/demo.js');
    const { seedDemoIndicators, demoIndicatorId } = await import('../../functions/src/indicators/demo.js');
    await seedDemoActivities();
    await seedDemoSurveys();
    await seedDemoIndicators();
    await rollupsSettled(60_000);
    const id = demoIndicatorId('pg7-meeting-satisfied-share');
    const res = await call(evaluator, `/api/results/indicators/${id}?year=2022`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as IndicatorResult;
    // Ohrid 2022: 52 synthetic responses.
    expect(body.value.n).toBe(52);
    expect(body.value.value).not.toBeNull();
    expect(body.value.status).not.toBe('no_data');
  }, 120_000);
});

describe('people, not responses (defect 5) and filtered survey results (defect 3)', () => {
  it('a repeat attempt of the same device is stored with counted: false and adds to no aggregate', async () => {
    const activityId = await activity2020('10-01');
    const pre = await attach(activityId, 'knowledge_test', 'pre_test');
    await submit(pre.code, answers(1), 'again-1');
    await submit(pre.code, answers(5), 'again-1');
    for (const [i, k] of [2, 3, 4, 2].entries()) await submit(pre.code, answers(k), `again-${i + 2}`);
    const { listResponses } = await import('../../functions/src/responses/store.js');
    const stored = await listResponses(pre.id);
    expect(stored).toHaveLength(6);
    const repeat = stored.filter((r) => r.counted === false);
    expect(repeat).toHaveLength(1);
    expect(repeat[0]?.score?.points).toBe(5);
    const agg = await settledFigures(activityId, pre.id);
    // Five people: the first attempt of again-1 (1 point) counts, the repeat (5 points) does not.
    expect(agg['responses|all|n']).toBe(5);
    expect(agg['score|all|sum']).toBe(1 + 2 + 3 + 4 + 2);
    expect(agg['score|all|c:5']).toBeUndefined();
    const rebuilt = await call(admin, `/api/surveys/${pre.id}/aggregates/rebuild`, {
      method: 'POST',
      body: '{}',
    });
    expect(((await rebuilt.json()) as { differences: unknown[] }).differences).toEqual([]);
    await rollupsSettled();
    const learning = (await (
      await call(evaluator, `/api/results/activities/${activityId}/learning`)
    ).json()) as ActivityLearning;
    expect(learning.pre?.n).toBe(5);
    const results = (await (await call(evaluator, `/api/surveys/${pre.id}/results`)).json()) as {
      summary: { count: number };
    };
    expect(results.summary.count).toBe(5);
  });

  it('a filter narrowing to fewer than 5 people returns suppressed counts, not answers', async () => {
    const activityId = await activity2020('10-02');
    const s = await attach(activityId, 'post_event_feedback', 'post_event');
    for (let i = 0; i < 7; i++)
      await submit(s.code, {
        ...postEventAnswers,
        satisfaction: 1 + (i % 5),
        gender: i < 6 ? 'female' : 'male',
      });
    const get = async (q: string) =>
      (await (await call(evaluator, `/api/surveys/${s.id}/results${q}`)).json()) as {
        summary: { count: number | null; suppressed: boolean; questions: unknown[] };
      };
    // One man: his answers would be shown outright.
    const men = await get('?gender=male');
    expect(men.summary).toMatchObject({ count: null, suppressed: true, questions: [] });
    // Six women, one left out: the unfiltered results minus these would give the man's answers.
    expect((await get('?gender=female')).summary).toMatchObject({ count: null, suppressed: true });
    expect((await get('')).summary).toMatchObject({ count: 7, suppressed: false });
  });
});
