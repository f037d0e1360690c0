/**
 * An independent reference for indicator values: deliberately plain code that computes every figure
 * from raw responses (no aggregates, no pairs cache, nothing of the engine in shared/src/results,
 * shared/src/learning or shared/src/lib). Only the t quantile comes from a library (@stdlib), and
 * the normal quantile is the constant z(0.975) = 1.959963984540054 (scipy.stats.norm.ppf(0.975)).
 *
 * Rules it implements, as stated in docs/disclosure.md and docs/data-model.md:
 * - people, not responses: per survey, the first response of each pairing code counts;
 * - pairs: the counted pre-test and post-test responses of one activity with the same code;
 * - a value on 1-4 people is withheld; a year without activities has no data;
 * - intervals: t for means and paired change, Wilson for shares, delta method for the class gain.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

export const Z975 = 1.959963984540054;

export interface RawResponse {
  surveyKind: 'post_event_feedback' | 'pre_test' | 'post_test';
  activityId: string;
  pairingCode: string;
  /** Arrival order: the first of a code on a survey counts. */
  order: number;
  satisfaction?: number;
  gender?: string;
  selfRating?: { before: number; after: number };
  /** Knowledge-test points (0..5). */
  score?: number;
}

export interface RefActivity {
  id: string;
  year: number;
}

export interface Figure {
  value: number | null;
  n: number;
  lower: number | null;
  upper: number | null;
}

const none: Figure = { value: null, n: 0, lower: null, upper: null };

export function counted(responses: readonly RawResponse[]): RawResponse[] {
  const seen = new Set<string>();
  const out: RawResponse[] = [];
  for (const r of [...responses].sort((a, b) => a.order - b.order)) {
    const key = `${r.surveyKind}|${r.activityId}|${r.pairingCode}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}

function meanOf(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

function sdOf(xs: readonly number[]): number {
  const m = meanOf(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return Math.sqrt(ss / (xs.length - 1));
}

export function tInterval(xs: readonly number[]): Figure {
  if (xs.length === 0) return none;
  const m = meanOf(xs);
  if (xs.length < 2) return { value: m, n: xs.length, lower: null, upper: null };
  const half = tQuantile(0.975, xs.length - 1) * (sdOf(xs) / Math.sqrt(xs.length));
  return { value: m, n: xs.length, lower: m - half, upper: m + half };
}

/** Wilson score interval, in percent (or a fraction with scale 1). */
export function wilson(k: number, n: number, scale = 100): Figure {
  if (n === 0) return none;
  const p = k / n;
  const z2 = Z975 * Z975;
  const centre = p + z2 / (2 * n);
  const half = Z975 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const d = 1 + z2 / n;
  return {
    value: p * scale,
    n,
    lower: k === 0 ? 0 : ((centre - half) / d) * scale,
    upper: k === n ? scale : ((centre + half) / d) * scale,
  };
}

export function pairsOf(responses: readonly RawResponse[]): { pre: number; post: number }[] {
  const c = counted(responses);
  const out: { pre: number; post: number }[] = [];
  for (const pre of c.filter((r) => r.surveyKind === 'pre_test')) {
    const post = c.find(
      (r) =>
        r.surveyKind === 'post_test' && r.activityId === pre.activityId && r.pairingCode === pre.pairingCode,
    );
    if (post) out.push({ pre: pre.score as number, post: post.score as number });
  }
  return out;
}

export type RefKind =
  | 'mean_satisfaction'
  | 'share_satisfied'
  | 'share_knowledge_3'
  | 'share_improved'
  | 'mean_change'
  | 'gain'
  | 'self_rated_change'
  | 'count_activities';

/** The figure of one indicator kind over some activities' responses (one period). */
export function figure(
  kind: RefKind,
  responses: readonly RawResponse[],
  activities: readonly RefActivity[],
): Figure {
  const ids = new Set(activities.map((a) => a.id));
  const mine = counted(responses.filter((r) => ids.has(r.activityId)));
  const feedback = mine.filter((r) => r.surveyKind === 'post_event_feedback');
  switch (kind) {
    case 'count_activities':
      return activities.length === 0
        ? none
        : { value: activities.length, n: activities.length, lower: null, upper: null };
    case 'mean_satisfaction':
      return tInterval(feedback.map((r) => r.satisfaction as number));
    case 'share_satisfied':
      return wilson(feedback.filter((r) => (r.satisfaction as number) >= 4).length, feedback.length);
    case 'share_knowledge_3': {
      const post = mine.filter((r) => r.surveyKind === 'post_test');
      return wilson(post.filter((r) => (r.score as number) >= 3).length, post.length);
    }
    case 'self_rated_change':
      return tInterval(feedback.map((r) => (r.selfRating?.after ?? 0) - (r.selfRating?.before ?? 0)));
    default: {
      const pairs = pairsOf(responses.filter((r) => ids.has(r.activityId)));
      if (pairs.length === 0) return none;
      if (kind === 'share_improved') return wilson(pairs.filter((p) => p.post > p.pre).length, pairs.length);
      if (kind === 'mean_change') return tInterval(pairs.map((p) => p.post - p.pre));
      // Class gain (Hake) with a delta-method interval: z_i = d_i/(5 − P̄) + D̄·pre_i/(5 − P̄)².
      const P = meanOf(pairs.map((p) => p.pre));
      const D = meanOf(pairs.map((p) => p.post - p.pre));
      if (P === 5) return { ...none, n: pairs.length };
      const g = D / (5 - P);
      if (pairs.length < 2) return { value: g, n: pairs.length, lower: null, upper: null };
      const z = pairs.map((p) => (p.post - p.pre) / (5 - P) + (D * p.pre) / ((5 - P) * (5 - P)));
      const half = tQuantile(0.975, pairs.length - 1) * (sdOf(z) / Math.sqrt(pairs.length));
      return { value: g, n: pairs.length, lower: g - half, upper: g + half };
    }
  }
}

/** Whether n counts people (then 1-4 is withheld). */
export const aboutPeople = (kind: RefKind) => kind !== 'count_activities';

/** Status against a baseline and target, linear expected progress from baselineDate to targetDate. */
export function status(
  value: number | null,
  baseline: number,
  target: number,
  baselineDate: string,
  targetDate: string,
  periodEnd: string,
  today: string,
): 'on_track' | 'at_risk' | 'off_track' | 'no_data' {
  if (value === null) return 'no_data';
  const progress = target === baseline ? (value >= target ? 1 : 0) : (value - baseline) / (target - baseline);
  const day = 86_400_000;
  const asOf = today < periodEnd ? today : periodEnd;
  const start = Date.parse(baselineDate);
  const end = Date.parse(targetDate);
  const expected = Math.min(1, Math.max(0, (Date.parse(asOf) - start + day) / (end - start + day)));
  if (expected <= 0) return progress >= 0 ? 'on_track' : 'off_track';
  if (progress >= 0.9 * expected - 1e-12) return 'on_track';
  if (progress >= 0.6 * expected - 1e-12) return 'at_risk';
  return 'off_track';
}
