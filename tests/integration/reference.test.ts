/**
 * The API's indicator values equal an independent reference (tests/reference/reference.ts), figure
 * for figure: value, n, 95 % interval bounds and status of the whole period and of each year,
 * activity rows and gender breakdown cells; every figure on 1-4 people withheld, and no withheld
 * headline figure recoverable by subtraction. Random data through the real API and emulators:
 * several activities and years, repeat attempts, unpaired tests, skipped questions, small groups.
 */
import { randomUUID } from 'node:crypto';
import * as fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app.js';
import { seedDefaultFramework } from '../../functions/src/framework/seed.js';
import { createIndicator } from '../../functions/src/indicators/store.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { defaultFramework } from '../../shared/src/framework/default-framework.js';
import { IndicatorInput } from '../../shared/src/indicators/schema.js';
import type { IndicatorResult, IndicatorValue } from '../../shared/src/results/contract.js';
import { knowledgeTestTemplate } from '../../shared/src/surveys/templates.js';
import {
  aboutPeople,
  type Figure,
  figure,
  type RawResponse,
  type RefActivity,
  type RefKind,
  status,
} from '../reference/reference.js';
import { signIn } from '../support/auth.js';
import { postEventAnswers, putActivity, submitAnswers } from '../support/fixtures.js';
import { rollupsSettled } from '../support/rollups.js';

let admin = '';
let evaluator = '';
const call = (token: string, path: string, init: RequestInit = {}) =>
  app.request(path, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  });

beforeAll(async () => {
  admin = (await signIn(DEMO_USERS[0].email, DEMO_USERS[0].password)).accessToken;
  evaluator = (await signIn(DEMO_USERS[1].email, DEMO_USERS[1].password)).accessToken;
  await seedDefaultFramework();
});

const items = knowledgeTestTemplate('pre_test').questions.flatMap((q) =>
  q.type === 'knowledge'
    ? [{ id: q.id, correct: q.correct, wrong: [q.options.find((o) => !q.correct.includes(o.id))?.id] }]
    : [],
);
const knowledge = (k: number) => Object.fromEntries(items.map((q, i) => [q.id, i < k ? q.correct : q.wrong]));

async function attach(activityId: string, templateId: string, kind: string) {
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
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; code: string };
}

let clock = Date.parse('2026-01-01T00:00:00Z');
function submit(code: string, answers: Record<string, unknown>, pairingCode: string) {
  clock += 1000;
  return submitAnswers(code, answers, { pairingCode, at: new Date(clock).toISOString() });
}

const person = fc.record({
  pre: fc.option(fc.integer({ min: 0, max: 5 }), { freq: 6 }),
  post: fc.option(fc.integer({ min: 0, max: 5 }), { freq: 6 }),
  preAgain: fc.option(fc.integer({ min: 0, max: 5 }), { freq: 1, nil: undefined }),
  feedback: fc.option(
    fc.record({
      satisfaction: fc.integer({ min: 1, max: 5 }),
      before: fc.integer({ min: 1, max: 5 }),
      after: fc.integer({ min: 1, max: 5 }),
      gender: fc.constantFrom('female', 'male', undefined),
      again: fc.boolean(),
    }),
    { freq: 8 },
  ),
});
const world = fc.array(
  fc.record({ year: fc.constantFrom(2022, 2023, 2024), people: fc.array(person, { maxLength: 9 }) }),
  { minLength: 1, maxLength: 3 },
);

const KINDS: {
  kind: RefKind;
  unit: string;
  computation: Record<string, unknown>;
  baseline: number;
  target: number;
}[] = [
  {
    kind: 'mean_satisfaction',
    unit: 'mean_score',
    computation: { kind: 'measure_mean', measure: 'satisfaction', surveyKind: 'post_event' },
    baseline: 3,
    target: 4,
  },
  {
    kind: 'share_satisfied',
    unit: 'percent',
    computation: {
      kind: 'measure_share_above',
      measure: 'satisfaction',
      threshold: 4,
      surveyKind: 'post_event',
    },
    baseline: 40,
    target: 70,
  },
  {
    kind: 'share_knowledge_3',
    unit: 'percent',
    computation: {
      kind: 'measure_share_above',
      measure: 'knowledge',
      threshold: 3,
      surveyKind: 'post_event',
    },
    baseline: 40,
    target: 70,
  },
  {
    kind: 'share_improved',
    unit: 'percent',
    computation: { kind: 'share_improved' },
    baseline: 30,
    target: 60,
  },
  {
    kind: 'mean_change',
    unit: 'mean_score',
    computation: { kind: 'mean_prepost_change' },
    baseline: 0,
    target: 1,
  },
  { kind: 'gain', unit: 'ratio', computation: { kind: 'normalised_gain' }, baseline: 0, target: 0.3 },
  {
    kind: 'self_rated_change',
    unit: 'mean_score',
    computation: { kind: 'mean_prepost_change', measure: 'self_rated_knowledge' },
    baseline: 0,
    target: 1,
  },
  {
    kind: 'count_activities',
    unit: 'count',
    computation: { kind: 'count_activities' },
    baseline: 0,
    target: 2,
  },
];

const TODAY = new Date().toISOString().slice(0, 10);

function expectFigure(
  label: string,
  got: IndicatorValue | undefined,
  ref: Figure,
  kind: (typeof KINDS)[number],
  periodEnd: string,
) {
  expect(got, label).toBeDefined();
  const v = got as IndicatorValue;
  const small = aboutPeople(kind.kind) && ref.n > 0 && ref.n < 5;
  if (v.withheld || small) {
    // Withheld: nothing of it published; a group of 1-4 people is always withheld.
    expect(v.withheld, `${label} withheld`).toBe(true);
    expect([v.value, v.n, v.ci], label).toEqual([null, null, null]);
    return;
  }
  if (ref.value === null) {
    expect(v.value, `${label} no data`).toBeNull();
    return;
  }
  expect(v.value, `${label} value`).toBeCloseTo(ref.value, 9);
  expect(v.n, `${label} n`).toBe(ref.n);
  if (ref.lower === null) expect(v.ci, `${label} ci`).toBeNull();
  else {
    expect(v.ci?.lower, `${label} ci lower`).toBeCloseTo(ref.lower, 9);
    expect(v.ci?.upper, `${label} ci upper`).toBeCloseTo(ref.upper as number, 9);
  }
  expect(v.status, `${label} status`).toBe(
    status(ref.value, kind.baseline, kind.target, '2019-01-01', '2024-12-31', periodEnd, TODAY),
  );
}

describe('the API equals the independent reference', () => {
  it('figure for figure, on random respondents', async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const project = `ref-${randomUUID().slice(0, 8)}`;
        const activities: RefActivity[] = [];
        const responses: RawResponse[] = [];
        let order = 0;
        for (const [ai, a] of w.entries()) {
          const startsAt = `${a.year}-0${ai + 3}-10T09:00:00Z`;
          const id = await putActivity({
            startsAt,
            endsAt: startsAt,
            gsi1sk: `${startsAt}#${randomUUID()}`,
            projectId: project,
          });
          activities.push({ id, year: a.year });
          const [fb, pre, post] = [
            await attach(id, 'post_event_feedback', 'post_event'),
            await attach(id, 'knowledge_test', 'pre_test'),
            await attach(id, 'knowledge_test', 'post_event'),
          ];
          for (const [pi, p] of a.people.entries()) {
            const code = `dev-${project}-${ai}-${pi}`;
            const base = { activityId: id, pairingCode: code };
            if (p.pre !== null) {
              await submit(pre.code, knowledge(p.pre), code);
              responses.push({ ...base, surveyKind: 'pre_test', score: p.pre, order: order++ });
              if (p.preAgain !== undefined) {
                await submit(pre.code, knowledge(p.preAgain), code);
                responses.push({ ...base, surveyKind: 'pre_test', score: p.preAgain, order: order++ });
              }
            }
            if (p.post !== null) {
              await submit(post.code, knowledge(p.post), code);
              responses.push({ ...base, surveyKind: 'post_test', score: p.post, order: order++ });
            }
            if (p.feedback) {
              const f = p.feedback;
              const answers = {
                ...postEventAnswers,
                satisfaction: f.satisfaction,
                self_rated_knowledge: { before: f.before, after: f.after },
                ...(f.gender ? { gender: f.gender } : { gender: undefined }),
              };
              if (!f.gender) delete (answers as Record<string, unknown>).gender;
              const times = f.again ? 2 : 1;
              for (let t = 0; t < times; t++) {
                await submit(
                  fb.code,
                  { ...answers, satisfaction: t === 0 ? f.satisfaction : 6 - f.satisfaction },
                  code,
                );
                responses.push({
                  ...base,
                  surveyKind: 'post_event_feedback',
                  satisfaction: t === 0 ? f.satisfaction : 6 - f.satisfaction,
                  selfRating: { before: f.before, after: f.after },
                  gender: f.gender,
                  order: order++,
                });
              }
            }
          }
        }
        // The API reads the roll-ups the stream consumer keeps: wait until it has folded every answer.
        await rollupsSettled();
        for (const k of KINDS) {
          const def = await createIndicator(
            IndicatorInput.parse({
              code: `PG7-REF-${randomUUID().slice(0, 6).toUpperCase()}`,
              name: `Reference ${k.kind}`,
              unit: k.unit,
              computation: k.computation,
              filters: { projectIds: [project] },
              baseline: { value: k.baseline, date: '2019-01-01', source: 'test' },
              targets: [{ period: '2024', date: '2024-12-31', value: k.target }],
              frameworkId: defaultFramework().id,
              priorityGoal: 7,
              disaggregations:
                k.kind === 'mean_satisfaction' || k.kind === 'share_satisfied' ? ['gender'] : [],
            }),
            'reference-test',
          );
          const res = await call(evaluator, `/api/results/indicators/${def.id}`);
          expect(res.status).toBe(200);
          const body = (await res.json()) as IndicatorResult;
          // Per-year counts over 2019-2024: the latest year with data (the default without a cumulative target).
          if (k.kind === 'count_activities') {
            const latest = Math.max(...activities.map((a) => a.year));
            expectFigure(
              'count whole',
              body.value,
              figure(
                k.kind,
                responses,
                activities.filter((a) => a.year === latest),
              ),
              k,
              '2024-12-31',
            );
          } else
            expectFigure(
              `${k.kind} whole`,
              body.value,
              figure(k.kind, responses, activities),
              k,
              '2024-12-31',
            );
          for (const y of [2019, 2020, 2021, 2022, 2023, 2024]) {
            const inYear = activities.filter((a) => a.year === y);
            const got = body.byYear.find((v) => v.period.label === String(y));
            expectFigure(`${k.kind} ${y}`, got, figure(k.kind, responses, inYear), k, `${y}-12-31`);
          }
          // Activity rows: published ones equal the reference; 1-4 people never published.
          for (const a of activities) {
            const row = body.activities.find((r) => r.activityId === a.id);
            const ref = figure(k.kind, responses, [a]);
            if (!row) continue;
            if (aboutPeople(k.kind) && ref.n > 0 && ref.n < 5)
              expect(row.suppressed, 'small activity row').toBe(true);
            if (row.suppressed) expect([row.n, row.value]).toEqual([null, null]);
            else if (ref.value !== null) {
              expect(row.n, 'activity n').toBe(ref.n);
              expect(row.value as number, 'activity value').toBeCloseTo(ref.value, 9);
            }
          }
          // Headline subtraction: whole − published years never leaves a group of 1-4 people.
          if (aboutPeople(k.kind) && !body.value.withheld && body.value.n !== null) {
            const hidden = body.byYear.filter((v) => v.withheld);
            const shown = body.byYear.reduce((s, v) => s + (v.withheld ? 0 : (v.n ?? 0)), 0);
            if (hidden.length > 0) expect(body.value.n - shown === 0 || body.value.n - shown >= 5).toBe(true);
          }
          // Gender cells of the whole period.
          for (const cell of body.breakdowns.gender ?? []) {
            const inCell = responses.filter(
              (r) => r.surveyKind !== 'post_event_feedback' || r.gender === cell.key,
            );
            const ref = figure(k.kind, inCell, activities);
            if (ref.n > 0 && ref.n < 5) expect(cell.suppressed, `gender ${cell.key} small`).toBe(true);
            if (!cell.suppressed) {
              expect(cell.n, `gender ${cell.key} n`).toBe(ref.n);
              expect(cell.value as number, `gender ${cell.key}`).toBeCloseTo(ref.value as number, 9);
            }
          }
        }
      }),
      { numRuns: 6, endOnFailure: true },
    );
  }, 240_000);
});

describe('the reference statistics against published and scipy constants', () => {
  it('t interval, Wilson interval and class gain', async () => {
    const { tInterval, wilson } = await import('../reference/reference.js');
    // scipy 1.17: mean 1, t.ppf(0.975, 4) = 2.7764451051977934, se 1 → [−1.776445, 3.776445].
    const t = tInterval([2, 0, -2, 4, 1]);
    expect(t.lower).toBeCloseTo(-1.7764451051977934, 12);
    expect(t.upper).toBeCloseTo(3.7764451051977934, 12);
    // Newcombe (1998), Statistics in Medicine 17:857-872, table II, Wilson score: 81/263 → 0.2553-0.3662.
    const w = wilson(81, 263, 1);
    expect(w.lower).toBeCloseTo(0.2553, 4);
    expect(w.upper).toBeCloseTo(0.3662, 4);
    expect(wilson(0, 20, 1).upper).toBeCloseTo(0.1611, 4);
  });
});
