/**
 * The pre/post picture of one activity, pure: the knowledge-test responses of its pre-test and
 * post-test (paired with `pairResponses`), and its surveys' aggregates for the retrospective
 * self-ratings and the roll-up per training-evaluation level.
 */
import { classGainCI, learningChange } from '../learning/change.js';
import { LEVEL_NAMES, levelOf, rollUpByLevel } from '../learning/levels.js';
import { type PairableResponse, pairResponses, selfGeneratedCode } from '../learning/pairing.js';
import { MIN_CELL_N } from '../learning/suppression.js';
import {
  combine,
  EMPTY_MOMENTS,
  type Moments,
  meanCI,
  momentsToSummary,
  REASON_TEXT,
  wilsonCI,
} from '../lib/statistics.js';
import type { EvaluationLevel } from '../surveys/schema.js';
import type { ActivityLearning, BreakdownCell } from './contract.js';
import { momentsAt, type PairedFacts, type SurveyFacts, toCells } from './indicators.js';

export interface ScoredResponse {
  responseId: string;
  activityId: string;
  submittedAt: string;
  pairingCode?: string | null;
  answers: Record<string, unknown>;
  score?: { points: number; maxPoints: number; percent?: number | null } | null;
  /** False for a repeat attempt (set at submission): kept as raw data, counted nowhere. */
  counted?: boolean;
}

/** The rule for repeat attempts, as the learning page and the docs state it. */
export const ATTEMPT_RULE =
  'People, not responses: when the same device (pairing code) answers a test twice, the first attempt counts, in the pre-test and in the post-test; later attempts are kept but counted nowhere. Responses an administrator excluded (a test, a duplicate) count nowhere either, and excluding a first attempt does not make a later one count in its place.';

const timeOf = (r: ScoredResponse) => {
  const t = Date.parse(r.submittedAt);
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
};

/**
 * One response per person: responses marked `counted: false` are left out, and of several
 * responses with the same pairing code the first attempt (earliest submittedAt, then smallest id) is kept.
 */
export function firstAttempts(responses: readonly ScoredResponse[]): ScoredResponse[] {
  const kept = new Map<string, ScoredResponse>();
  const out: ScoredResponse[] = [];
  const sorted = responses
    .filter((r) => r.counted !== false)
    .sort((a, b) => timeOf(a) - timeOf(b) || (a.responseId < b.responseId ? -1 : 1));
  for (const r of sorted) {
    if (!r.pairingCode) out.push(r);
    else if (!kept.has(r.pairingCode)) {
      kept.set(r.pairingCode, r);
      out.push(r);
    }
  }
  return out;
}

export interface TestInput {
  surveyId: string;
  responses: ScoredResponse[];
}

const BANDS = [
  { key: '0-19 %', from: 0, to: 20 },
  { key: '20-39 %', from: 20, to: 40 },
  { key: '40-59 %', from: 40, to: 60 },
  { key: '60-79 %', from: 60, to: 80 },
  { key: '80-100 %', from: 80, to: 101 },
];

const percentOfScore = (s: { points: number; maxPoints: number }) =>
  s.maxPoints > 0 ? (s.points * 100) / s.maxPoints : 0;

/** Scores in percent bands, each band a cell suppressed below 5 (with complementary suppression). */
export function scoreDistribution(responses: readonly ScoredResponse[]): BreakdownCell[] {
  const scored = firstAttempts(responses).flatMap((r) => (r.score ? [percentOfScore(r.score)] : []));
  const figures = BANDS.map((b) => {
    const n = scored.filter((p) => p >= b.from && p < b.to).length;
    return { key: b.key, n, value: scored.length === 0 ? null : (n * 100) / scored.length };
  });
  return toCells({ unit: 'percent', currency: null }, figures);
}

function testSummary(t: TestInput | null) {
  if (!t) return null;
  const scored = firstAttempts(t.responses).filter((r) => r.score);
  const mean = scored.length
    ? scored.reduce((s, r) => s + percentOfScore(r.score as { points: number; maxPoints: number }), 0) /
      scored.length
    : null;
  return {
    surveyId: t.surveyId,
    n: scored.length,
    scoreDistribution: scoreDistribution(scored),
    // Fewer than 5 people: their mean is withheld (disclosure control, as every other view).
    meanPercent: scored.length < MIN_CELL_N ? null : mean,
  };
}

/**
 * The paired scores of two tests of one activity, for the indicator engine: in points of the test
 * when every paired response has the same maximum, else in percent of each response's maximum.
 */
export function pairedScores(pre: TestInput, post: TestInput): PairedFacts {
  const asPairable = (r: ScoredResponse) => ({
    responseId: r.responseId,
    activityId: r.activityId,
    submittedAt: r.submittedAt,
    pairingCode: r.pairingCode ?? null,
    selfCode: selfGeneratedCode(r.answers),
    r,
  });
  const scored = (list: ScoredResponse[]) =>
    list.filter((r) => r.counted !== false && r.score && r.score.maxPoints > 0).map(asPairable);
  const pairs = pairResponses(scored(pre.responses), scored(post.responses)).pairs;
  const sc = (r: ScoredResponse) => r.score as { points: number; maxPoints: number };
  const maxes = new Set(pairs.flatMap((p) => [sc(p.pre.r).maxPoints, sc(p.post.r).maxPoints]));
  if (maxes.size <= 1)
    return {
      pairs: pairs.map((p) => ({ pre: sc(p.pre.r).points, post: sc(p.post.r).points })),
      max: [...maxes][0] ?? 1,
      unit: 'points',
    };
  return {
    pairs: pairs.map((p) => ({ pre: percentOfScore(sc(p.pre.r)), post: percentOfScore(sc(p.post.r)) })),
    max: 100,
    unit: 'percent',
  };
}

/** Pairs the pre-test and post-test responses and summarises the change. */
export function pairedPicture(pre: TestInput | null, post: TestInput | null): ActivityLearning['paired'] {
  if (!pre || !post) return null;
  const asPairable = (r: ScoredResponse): PairableResponse & { r: ScoredResponse } => ({
    responseId: r.responseId,
    activityId: r.activityId,
    submittedAt: r.submittedAt,
    pairingCode: r.pairingCode ?? null,
    selfCode: selfGeneratedCode(r.answers),
    r,
  });
  const scored = (list: ScoredResponse[]) =>
    list.filter((r) => r.counted !== false && r.score && r.score.maxPoints > 0).map(asPairable);
  const result = pairResponses(scored(pre.responses), scored(post.responses));
  const maxes = new Set(result.pairs.flatMap((p) => [p.pre.r.score?.maxPoints, p.post.r.score?.maxPoints]));
  const samePoints = maxes.size === 1;
  const max = samePoints ? ([...maxes][0] as number) : 100;
  const value = (r: ScoredResponse) => {
    const s = r.score as { points: number; maxPoints: number };
    return samePoints ? s.points : percentOfScore(s);
  };
  const pairs = result.pairs.map((p) => ({ pre: value(p.pre.r), post: value(p.post.r) }));
  const lc = learningChange(pairs, max);
  const improvedCI = wilsonCI(lc.improved.numerator, lc.n);
  const gainCI = classGainCI(pairs, max);
  const ci =
    lc.change.lower === null || lc.change.upper === null
      ? null
      : { lower: lc.change.lower, upper: lc.change.upper, level: lc.change.level };
  return {
    n: lc.n,
    matchRate: result.matchRate,
    meanChange: lc.change.mean,
    ci,
    dz: lc.effectSize.dz,
    improved: lc.improved.value,
    improvedCI:
      improvedCI.lower === null || improvedCI.upper === null
        ? null
        : { lower: improvedCI.lower * 100, upper: improvedCI.upper * 100, level: improvedCI.level },
    classGainCI:
      gainCI.lower === null || gainCI.upper === null
        ? null
        : { lower: gainCI.lower, upper: gainCI.upper, level: gainCI.level },
    gainMethod: gainCI.method,
    attemptRule: ATTEMPT_RULE,
    same: lc.same.value,
    worse: lc.worse.value,
    classGain: lc.gain.classGain.value,
    meanIndividualGain: lc.gain.meanIndividualGain.value,
    excludedAtMax: lc.gain.meanIndividualGain.excludedAtMax,
    // Said in words: the page shows it to evaluators as it is (it once showed `no_variation`).
    reason: ((r) => (r ? REASON_TEXT[r] : null))(
      lc.change.reason ?? lc.effectSize.reason ?? lc.gain.classGain.reason,
    ),
    meanPre: lc.meanPre,
    meanPost: lc.meanPost,
    unit: samePoints ? 'points' : 'percent',
    lowN: lc.n < MIN_CELL_N,
  };
}

/** Retrospective self-ratings from the aggregates (`q.before` / `q.after`): means only, no interval. */
export function retrospectivePicture(surveys: readonly SurveyFacts[]): ActivityLearning['retrospective'] {
  let before: Moments = EMPTY_MOMENTS;
  let after: Moments = EMPTY_MOMENTS;
  let change: Moments = EMPTY_MOMENTS;
  for (const s of surveys)
    for (const q of s.definition.questions)
      if (q.type === 'self_rating') {
        before = combine(before, momentsAt(s.aggregates, `${q.id}.before`));
        after = combine(after, momentsAt(s.aggregates, `${q.id}.after`));
        change = combine(change, momentsAt(s.aggregates, `${q.id}.change`));
      }
  if (before.n === 0 && after.n === 0) return null;
  const mb = momentsToSummary(before).mean;
  const ma = momentsToSummary(after).mean;
  // Each respondent's own change (`<q>.change`) gives a paired t interval; older aggregates lack it.
  const ci = change.n === after.n ? meanCI(change) : null;
  return {
    n: Math.min(before.n, after.n),
    meanBefore: mb,
    meanAfter: ma,
    meanChange: mb === null || ma === null ? null : ma - mb,
    ci:
      ci && ci.lower !== null && ci.upper !== null
        ? { lower: ci.lower, upper: ci.upper, level: ci.level }
        : null,
  };
}

/**
 * Measures per training-evaluation level: every numeric question with a level (its own, its
 * measure's, or level 3 in a follow-up) with its mean; knowledge tests by their score (post-test
 * only: a pre-test is a baseline, not an outcome). Questions of one measure are pooled.
 */
export function levelsPicture(surveys: readonly SurveyFacts[]): ActivityLearning['levels'] {
  const entries: { level: EvaluationLevel; measure: string; m: Moments }[] = [];
  for (const s of surveys) {
    if (s.kind === 'pre_test') continue;
    let knowledgeLevel: EvaluationLevel | null = null;
    for (const q of s.definition.questions) {
      const lv = levelOf(q, s.kind)?.level ?? null;
      if (lv === null) continue;
      if (q.type === 'knowledge') knowledgeLevel = lv;
      else if (q.type === 'likert' || q.type === 'rating_0_10' || q.type === 'number')
        entries.push({ level: lv, measure: q.measure ?? q.id, m: momentsAt(s.aggregates, q.id) });
      else if (q.type === 'self_rating')
        entries.push({ level: lv, measure: q.measure ?? q.id, m: momentsAt(s.aggregates, `${q.id}.after`) });
    }
    if (knowledgeLevel !== null)
      entries.push({
        level: knowledgeLevel,
        measure: 'knowledge (test points)',
        m: momentsAt(s.aggregates, 'score'),
      });
  }
  const rolled = rollUpByLevel(entries);
  return ([1, 2, 3] as const).map((level) => {
    const pooled = new Map<string, Moments>();
    for (const e of rolled[level])
      pooled.set(e.measure, combine(pooled.get(e.measure) ?? EMPTY_MOMENTS, e.m));
    return {
      level,
      label: LEVEL_NAMES[level],
      measures: [...pooled.entries()].map(([measure, m]) => ({
        measure,
        n: m.n,
        mean: m.n > 0 && m.n >= MIN_CELL_N ? momentsToSummary(m).mean : null,
      })),
    };
  });
}

/** The whole learning picture of an activity. */
export function activityLearning(
  activity: ActivityLearning['activity'],
  pre: TestInput | null,
  post: TestInput | null,
  surveys: readonly SurveyFacts[],
): ActivityLearning {
  return {
    activity,
    pre: testSummary(pre),
    post: testSummary(post),
    paired: withheldPaired(pairedPicture(pre, post)),
    retrospective: withheldRetrospective(retrospectivePicture(surveys)),
    levels: levelsPicture(surveys),
  };
}

const WITHHELD_REASON = `Fewer than ${MIN_CELL_N} people: figures withheld to protect them.`;

/** Paired figures of fewer than 5 people are withheld (n and the match rate stay: they describe no answer). */
function withheldPaired(p: ActivityLearning['paired']): ActivityLearning['paired'] {
  if (!p || p.n >= MIN_CELL_N || p.n === 0) return p;
  return {
    ...p,
    meanChange: null,
    ci: null,
    dz: null,
    improved: null,
    improvedCI: null,
    same: null,
    worse: null,
    classGain: null,
    classGainCI: null,
    meanIndividualGain: null,
    meanPre: null,
    meanPost: null,
    reason: WITHHELD_REASON,
  };
}

function withheldRetrospective(r: ActivityLearning['retrospective']): ActivityLearning['retrospective'] {
  if (!r || r.n >= MIN_CELL_N) return r;
  return { ...r, meanBefore: null, meanAfter: null, meanChange: null, ci: null };
}
