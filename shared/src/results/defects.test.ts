/**
 * One named test per defect class of issue 9, each failing on the code before the fix. Class 3
 * (suppression that can be undone) is tested in shared/src/disclosure/protect.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { IndicatorDefinition, type IndicatorDefinitionInput } from '../indicators/schema.js';
import { scoreKnowledge } from '../responses/rules.js';
import { SurveyDefinition } from '../surveys/schema.js';
import { knowledgeTestTemplate, postEventTemplate } from '../surveys/templates.js';
import { addDeltas, type Delta, responseDelta } from './aggregate.js';
import { computeIndicatorValue, frameworkPeriod, type SurveyFacts } from './indicators.js';
import { activityLearning, pairedScores, type ScoredResponse } from './learning.js';

const FW = { periodStart: '2019-01-01', periodEnd: '2024-12-31' };
const OPTS = { framework: FW, asOf: '2024-12-31' };
const WHOLE = frameworkPeriod(FW);
const activity = {
  id: 'a1',
  title: 'Training',
  startsAt: '2022-05-01T09:00:00Z',
  type: 'training',
  pillar: null,
  projectId: null,
  attendance: null,
};
const def = (over: Partial<IndicatorDefinitionInput>) =>
  Object.assign(IndicatorDefinition.parse({ code: 'PG7-T-01', name: 'T', frameworkId: 'fw', ...over }), {
    id: 'i1',
  });

/** The template's knowledge test with items worth 2, 2, 2, 1, 1 points: maximum 8. */
function test8(kind: 'pre_test' | 'post_event'): SurveyDefinition {
  const base = knowledgeTestTemplate(kind);
  const points = [2, 2, 2, 1, 1];
  let i = 0;
  return SurveyDefinition.parse({
    ...base,
    questions: base.questions.map((q) => (q.type === 'knowledge' ? { ...q, points: points[i++] } : q)),
  });
}

/** Answers scoring exactly `points` on test8 (items answered right from the first, largest, on). */
function answersFor(d: SurveyDefinition, points: number): Record<string, unknown> {
  const answers: Record<string, unknown> = { gender: 'female' };
  let left = points;
  const items = d.questions.flatMap((q) => (q.type === 'knowledge' ? [q] : []));
  for (const q of items) {
    const right = q.points <= left;
    if (right) left -= q.points;
    answers[q.id] = right ? q.correct : [q.options.find((o) => !q.correct.includes(o.id))!.id];
  }
  // Greedy from the largest items reaches every total 0..8 with points 2,2,2,1,1.
  expect(scoreKnowledge(d, answers).points).toBe(points);
  return answers;
}

function surveyOf(d: SurveyDefinition, answers: Record<string, unknown>[]): SurveyFacts {
  const aggregates = answers.reduce<Delta>((t, a) => {
    const s = scoreKnowledge(d, a);
    return addDeltas(t, responseDelta(d, a as never, s.maxPoints > 0 ? s : null));
  }, {});
  return { id: d.id, kind: d.kind, definition: d, aggregates };
}

describe('defect 1: shares at or above a threshold of test scores and self-ratings', () => {
  const post = test8('post_event');
  const scores = [8, 7, 6, 6, 5, 4, 8, 6, 3, 2];
  const facts = surveyOf(
    post,
    scores.map((p) => answersFor(post, p)),
  );
  const share = def({
    unit: 'percent',
    computation: {
      kind: 'measure_share_above',
      measure: 'knowledge',
      threshold: 6,
      surveyKind: 'post_event',
    },
  });

  it('"at least 6 of 8 on the post-test" is 6 of 10 = 60 %, not 0 %', () => {
    expect(facts.aggregates['score|all|c:6']).toBe(3);
    const v = computeIndicatorValue(share, 1, [{ activity, surveys: [facts] }], WHOLE, OPTS);
    // 8, 7, 6, 6, 8, 6 reach 6: 6 of 10. Wilson 95 % (scipy 1.17): 31.267 % to 83.182 %.
    expect(v.value).toBeCloseTo(60, 10);
    expect(v.n).toBe(10);
    expect(v.ci?.lower).toBeCloseTo(31.2674, 3);
    expect(v.ci?.upper).toBeCloseTo(83.1819, 3);
  });

  it('a share of self-ratings "now" at or above 4 counts the ratings', () => {
    const pe = postEventTemplate();
    const ratings = [5, 4, 4, 3, 2, 5];
    const aggregates = ratings.reduce<Delta>(
      (t, after) => addDeltas(t, responseDelta(pe, { self_rated_knowledge: { before: 2, after } } as never)),
      {},
    );
    const d = def({
      unit: 'percent',
      computation: { kind: 'measure_share_above', measure: 'self_rated_knowledge', threshold: 4 },
    });
    const v = computeIndicatorValue(
      d,
      1,
      [{ activity, surveys: [{ id: 's', kind: 'post_event', definition: pe, aggregates }] }],
      WHOLE,
      OPTS,
    );
    expect(v.value).toBeCloseTo((4 * 100) / 6, 10);
  });

  it('aggregates that hold no per-answer counts give no data with a reason, never 0', () => {
    const old = Object.fromEntries(
      Object.entries(facts.aggregates).filter(([k]) => !k.startsWith('score|all|c:')),
    );
    const v = computeIndicatorValue(
      share,
      1,
      [{ activity, surveys: [{ ...facts, aggregates: old }] }],
      WHOLE,
      OPTS,
    );
    expect(v.value).toBeNull();
    expect(v.statusReason).toContain('rebuild the aggregates');
  });
});

let seq = 0;
const scored = (
  d: SurveyDefinition,
  code: string,
  points: number,
  at = '2022-05-01T10:00:00Z',
): ScoredResponse => {
  const answers = answersFor(d, points);
  const s = scoreKnowledge(d, answers);
  return {
    responseId: `r${++seq}`,
    activityId: 'a1',
    submittedAt: at,
    pairingCode: code,
    answers,
    score: { points: s.points, maxPoints: s.maxPoints, percent: s.percent },
  };
};

describe('defect 2: a pre/post change labelled "mean score" is in points of the test', () => {
  const pre = test8('pre_test');
  const post = test8('post_event');
  const before = [2, 3, 4, 5, 3, 1];
  const after = [5, 4, 6, 6, 3, 4];
  const a = { surveyId: 'pre', responses: before.map((p, i) => scored(pre, `dev-${i}`, p)) };
  const b = { surveyId: 'post', responses: after.map((p, i) => scored(post, `dev-${i}`, p)) };

  it('the indicator and the learning page show the same +1.67 points', () => {
    const learning = activityLearning(
      { id: 'a1', title: 'T', startsAt: activity.startsAt, endsAt: activity.startsAt },
      a,
      b,
      [],
    );
    // Differences 3, 1, 2, 1, 0, 3: mean 10/6 = 1.666… points of 8.
    expect(learning.paired?.meanChange).toBeCloseTo(10 / 6, 10);
    expect(learning.paired?.unit).toBe('points');
    const d = def({ unit: 'mean_score', computation: { kind: 'mean_prepost_change' } });
    const v = computeIndicatorValue(
      d,
      1,
      [{ activity, surveys: [], paired: pairedScores(a, b) }],
      WHOLE,
      OPTS,
    );
    expect(v.value).toBeCloseTo(10 / 6, 10);
    expect(v.scale).toBe('points of the test (maximum 8)');
    expect(v.ci?.lower).toBeCloseTo(learning.paired?.ci?.lower as number, 10);
    // Percent only when the definition says percent, and then the value says so: 1.666…/8 = 20.83 %.
    const pct = computeIndicatorValue(
      { ...d, unit: 'percent' },
      1,
      [{ activity, surveys: [], paired: pairedScores(a, b) }],
      WHOLE,
      OPTS,
    );
    expect(pct.value).toBeCloseTo((10 / 6) * 12.5, 10);
    expect(pct.scale).toBe('percentage points of the test maximum');
  });
});

describe('defect 5: people, not responses', () => {
  const pre = test8('pre_test');
  const post = test8('post_event');
  it('a test taken twice by the same device counts once, the first attempt, in n, means, bands and pairs', () => {
    const first = scored(pre, 'dev-x', 2, '2022-05-01T09:00:00Z');
    const again = scored(pre, 'dev-x', 8, '2022-05-01T09:30:00Z');
    const others = [3, 4, 5, 6].map((p, i) => scored(pre, `dev-${i}`, p));
    const a = { surveyId: 'pre', responses: [again, first, ...others] };
    const b = {
      surveyId: 'post',
      responses: [scored(post, 'dev-x', 6), ...[3, 4, 5, 6].map((p, i) => scored(post, `dev-${i}`, p + 1))],
    };
    const l = activityLearning({ id: 'a1', title: 'T', startsAt: '', endsAt: '' }, a, b, []);
    expect(l.pre?.n).toBe(5);
    // Mean of 2, 3, 4, 5, 6 points of 8 in percent: 20/5/8 = 50 %.
    expect(l.pre?.meanPercent).toBeCloseTo(50, 10);
    expect(l.paired?.n).toBe(5);
    // dev-x: 2 → 6 (the first attempt), others +1: mean (4 + 4)/5 = 1.6.
    expect(l.paired?.meanChange).toBeCloseTo(1.6, 10);
    expect(l.paired?.attemptRule).toContain('first attempt counts');
    // A response already marked `counted: false` at submission is left out too.
    const marked = {
      surveyId: 'pre',
      responses: [first, { ...again, pairingCode: 'dev-y', counted: false }, ...others],
    };
    expect(
      activityLearning({ id: 'a1', title: 'T', startsAt: '', endsAt: '' }, marked, null, []).pre?.n,
    ).toBe(5);
  });
});

describe('defect 6: uncertainty beside every statistical value', () => {
  it('retrospective self-rated change has a paired t interval from the aggregates', () => {
    const pe = postEventTemplate();
    const pairs = [
      [2, 4],
      [3, 3],
      [1, 4],
      [2, 3],
      [3, 5],
    ];
    const aggregates = pairs.reduce<Delta>(
      (t, [before, after]) =>
        addDeltas(t, responseDelta(pe, { self_rated_knowledge: { before, after } } as never)),
      {},
    );
    const surveys = [{ id: 's', kind: 'post_event' as const, definition: pe, aggregates }];
    const d = def({
      unit: 'mean_score',
      computation: { kind: 'mean_prepost_change', measure: 'self_rated_knowledge' },
    });
    const v = computeIndicatorValue(d, 1, [{ activity, surveys }], WHOLE, OPTS);
    // Changes 2, 0, 3, 1, 2: mean 1.6, sd 1.140175, se 0.509902, t(0.975, 4) = 2.776445 (scipy)
    // → [0.184285, 3.015715].
    expect(v.value).toBeCloseTo(1.6, 10);
    expect(v.ci?.lower).toBeCloseTo(0.184285, 5);
    expect(v.ci?.upper).toBeCloseTo(3.015715, 5);
    const improved = computeIndicatorValue(
      def({ unit: 'percent', computation: { kind: 'share_improved', measure: 'self_rated_knowledge' } }),
      1,
      [{ activity, surveys }],
      WHOLE,
      OPTS,
    );
    // 4 of 5 rate themselves higher: 80 %, Wilson 95 % 37.5535 % to 96.3776 % (scipy).
    expect(improved.value).toBeCloseTo(80, 10);
    expect(improved.ci?.lower).toBeCloseTo(37.5535, 3);
    expect(improved.ci?.upper).toBeCloseTo(96.3776, 3);
    const l = activityLearning({ id: 'a1', title: 'T', startsAt: '', endsAt: '' }, null, null, surveys);
    expect(l.retrospective?.ci?.lower).toBeCloseTo(0.184285, 5);
  });
});
