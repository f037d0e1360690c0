import { describe, expect, it } from 'vitest';
import { IndicatorDefinition, type IndicatorDefinitionInput } from '../indicators/schema.js';
import { postEventTemplate } from '../surveys/templates.js';
import { addDeltas, type Delta, responseDelta } from './aggregate.js';
import {
  type ActivityFacts,
  type ActivityInputs,
  breakdownsFor,
  computeIndicatorValue,
  countAtOrAbove,
  expectedProgressAt,
  frameworkPeriod,
  histogramTotal,
  measureKeys,
  progressOf,
  type SurveyFacts,
  singleCell,
  statusOf,
  yearPeriod,
} from './indicators.js';
import { pairedPicture, scoreDistribution } from './learning.js';

/*
 * Expected values are computed by hand; the arithmetic is written next to each expectation.
 * t quantiles from tables: t(0.975, 3) = 3.182446, t(0.975, 4) = 2.776445.
 */

const FW = { periodStart: '2019-01-01', periodEnd: '2024-12-31' };
const OPTS = { framework: FW, asOf: '2024-12-31' };
const WHOLE = frameworkPeriod(FW);

const def = (over: Partial<IndicatorDefinitionInput> = {}) =>
  Object.assign(
    IndicatorDefinition.parse({
      code: 'PG7-T-01',
      name: 'Test indicator',
      unit: 'count',
      computation: { kind: 'count_activities' },
      frameworkId: 'fw',
      ...over,
    }),
    { id: 'ind1' },
  );

let seq = 0;
const activity = (over: Partial<ActivityFacts> = {}): ActivityFacts => ({
  id: `a${++seq}`,
  title: 'Activity',
  startsAt: '2022-05-01T09:00:00Z',
  type: 'training',
  pillar: null,
  projectId: null,
  attendance: null,
  ...over,
});

const template = postEventTemplate();
/** A post-event survey's maintained aggregates: the sum of each response's delta. */
function survey(answers: Record<string, unknown>[], kind: SurveyFacts['kind'] = 'post_event'): SurveyFacts {
  const aggregates = answers.reduce<Delta>((t, a) => addDeltas(t, responseDelta(template, a as never)), {});
  return { id: `s${++seq}`, kind, definition: template, aggregates };
}
const input = (
  a: Partial<ActivityFacts> = {},
  surveys: SurveyFacts[] = [],
  paired?: ActivityInputs['paired'],
) => ({
  activity: activity(a),
  surveys,
  paired,
});

describe('computation kinds', () => {
  it('count_activities counts the activities of the period by start date', () => {
    const inputs = [input(), input(), input(), input({ startsAt: '2023-01-02T00:00:00Z' })];
    const v = computeIndicatorValue(def(), 1, inputs, yearPeriod(2022), OPTS);
    // Three activities start in 2022.
    expect(v).toMatchObject({ value: 3, n: 3, nOf: 'activities', display: '3', lowN: false, version: 1 });
    // Trend: years with activities only (a year without activities is no data, not 0).
    expect(v.trend.find((t) => t.year === 2022)).toEqual({ year: 2022, value: 3, n: 3, withheld: false });
    expect(v.trend.find((t) => t.year === 2023)).toEqual({ year: 2023, value: 1, n: 1, withheld: false });
    expect(v.trend).toHaveLength(2);
    // The whole period, with a cumulative target: the sum of the years.
    const cumulative = def({ targets: [{ period: '2024', date: '2024-12-31', value: 9, cumulative: true }] });
    expect(computeIndicatorValue(cumulative, 1, inputs, WHOLE, OPTS).value).toBe(4);
  });

  it('sum_participants prefers the list, falls back to the summary, skips activities with neither', () => {
    const inputs = [
      input({ listParticipants: 12, attendance: { participants: 30 } }),
      input({ attendance: { participants: 40 } }),
      input(),
    ];
    const v = computeIndicatorValue(
      def({ computation: { kind: 'sum_participants' } }),
      1,
      inputs,
      WHOLE,
      OPTS,
    );
    // 12 (list, not the reported 30) + 40 = 52, from 2 activities with figures.
    expect(v).toMatchObject({ value: 52, n: 2, nOf: 'activities with attendance figures' });
  });

  it('distinct_countries unions the lists and takes a summary as a lower bound', () => {
    const list = (countries: string[]) => ({ countries, organisations: [], women: 0, participants: 5 });
    const d = def({ computation: { kind: 'distinct_countries' } });
    const inputs = [
      input({ list: list(['AF', 'PK']) }),
      input({ list: list(['PK', 'IQ']) }),
      input({ attendance: { countries: 2 } }),
    ];
    // {AF, PK} ∪ {PK, IQ} = 3 countries; the summary's 2 is below: max(3, 2) = 3.
    expect(computeIndicatorValue(d, 1, inputs, WHOLE, OPTS)).toMatchObject({ value: 3, n: 3 });
    // A summary of 5 countries exceeds the union: max(3, 5) = 5.
    inputs.push(input({ attendance: { countries: 5 } }));
    expect(computeIndicatorValue(d, 1, inputs, WHOLE, OPTS).value).toBe(5);
  });

  it('distinct_organisations ignores case and surrounding spaces', () => {
    const d = def({ computation: { kind: 'distinct_organisations' } });
    const inputs = [
      input({
        list: { countries: [], organisations: ['ICMPD', ' icmpd ', 'UNHCR'], women: 0, participants: 3 },
      }),
    ];
    // 'ICMPD' = ' icmpd ', plus 'UNHCR': 2.
    expect(computeIndicatorValue(d, 1, inputs, WHOLE, OPTS).value).toBe(2);
  });

  it('share_women divides women by participants of activities that report both', () => {
    const d = def({ unit: 'percent', computation: { kind: 'share_women' } });
    const inputs = [
      input({ list: { countries: [], organisations: [], women: 3, participants: 10 } }),
      input({ attendance: { participants: 20, women: 5 } }),
      input({ attendance: { participants: 10 } }), // no gender figure: left out
    ];
    const v = computeIndicatorValue(d, 1, inputs, WHOLE, OPTS);
    // (3 + 5) / (10 + 20) = 8 / 30 = 26.666...%
    expect(v.value).toBeCloseTo(26.6667, 4);
    expect(v).toMatchObject({ n: 30, nOf: 'participants', display: '26.7 %' });
    expect(v.of).toContain('of participants');
  });

  it('measure_mean pools the moments of tagged questions across surveys, with a t interval', () => {
    const d = def({
      unit: 'mean_score',
      computation: { kind: 'measure_mean', measure: 'satisfaction', surveyKind: 'post_event' },
    });
    const inputs = [
      input({}, [survey([{ satisfaction: 5 }, { satisfaction: 4 }, { satisfaction: 4 }])]),
      input({}, [
        survey([{ satisfaction: 3 }, { satisfaction: 2 }]),
        survey([{ satisfaction: 1 }], 'pre_test'),
      ]),
    ];
    const v = computeIndicatorValue(d, 1, inputs, WHOLE, OPTS);
    // The pre_test survey is left out. n = 5, Σx = 18, Σx² = 70, mean 3.6;
    // s² = (70 − 18²/5) / 4 = 1.3, s = 1.140175, se = s/√5 = 0.509902,
    // half-width = t(0.975, 4) · se = 2.776445 · 0.509902 = 1.415715 → [2.184285, 5.015715].
    expect(v.value).toBeCloseTo(3.6, 10);
    expect(v.n).toBe(5);
    expect(v.ci?.lower).toBeCloseTo(2.184285, 5);
    expect(v.ci?.upper).toBeCloseTo(5.015715, 5);
    expect(v.display).toBe('3.60');
    expect(v.lowN).toBe(false); // 5 is not below the default minimum of 5
  });

  it('measure_share_above counts categories at or above the threshold', () => {
    const d = def({
      unit: 'percent',
      computation: { kind: 'measure_share_above', measure: 'satisfaction', threshold: 4 },
    });
    const inputs = [input({}, [survey([5, 4, 4, 3, 2].map((s) => ({ satisfaction: s })))])];
    const v = computeIndicatorValue(d, 1, inputs, WHOLE, OPTS);
    // 5, 4, 4 are ≥ 4: 3 of 5 = 60 %.
    expect(v).toMatchObject({ value: 60, n: 5, display: '60.0 %' });
    expect(v.of).toBe('of respondents who answered satisfaction');
  });

  // Paired knowledge scores on 0..5 points: (pre, post) = (2,4), (3,3), (4,2), (1,5), (0,1);
  // differences 2, 0, −2, 4, 1. Expected figures computed with scipy 1.17 (stats.t.ppf, stats.norm.ppf).
  const paired = {
    pairs: [
      { pre: 2, post: 4 },
      { pre: 3, post: 3 },
      { pre: 4, post: 2 },
      { pre: 1, post: 5 },
      { pre: 0, post: 1 },
    ],
    max: 5,
  };

  it('share_improved: paired respondents whose post is above their pre, with a Wilson interval', () => {
    const d = def({ unit: 'percent', computation: { kind: 'share_improved' } });
    const v = computeIndicatorValue(d, 1, [input({}, [], paired)], WHOLE, OPTS);
    // Improved: (2,4), (1,5), (0,1): 3 of 5 = 60 %; Wilson 95 %: 23.072428 % to 88.237923 %.
    expect(v).toMatchObject({ value: 60, n: 5, nOf: 'paired respondents', lowN: false });
    expect(v.ci?.lower).toBeCloseTo(23.072428, 5);
    expect(v.ci?.upper).toBeCloseTo(88.237923, 5);
    expect(v.method).toContain('Wilson');
  });

  it('mean_prepost_change: mean difference in points of the test, with the paired t interval', () => {
    const d = def({ unit: 'mean_score', computation: { kind: 'mean_prepost_change' } });
    const v = computeIndicatorValue(d, 1, [input({}, [], paired)], WHOLE, OPTS);
    // mean d = 5/5 = 1; s² = (1 + 1 + 9 + 9 + 0)/4 = 5, se = √5/√5 = 1; t(0.975, 4) = 2.776445
    // → [−1.776445, 3.776445].
    expect(v.value).toBeCloseTo(1, 10);
    expect(v.ci?.lower).toBeCloseTo(-1.776445, 5);
    expect(v.ci?.upper).toBeCloseTo(3.776445, 5);
    expect(v.scale).toBe('points of the test (maximum 5)');
  });

  it('normalised_gain: class-level Hake gain, with a delta-method interval, labelled', () => {
    const d = def({ unit: 'ratio', computation: { kind: 'normalised_gain' } });
    const v = computeIndicatorValue(d, 1, [input({}, [], paired)], WHOLE, OPTS);
    // mean pre = 10/5 = 2, mean post = 15/5 = 3: (3 − 2) / (5 − 2) = 1/3. Delta method (numpy):
    // z = d/(5 − 2) + 1·pre/(5 − 2)², sd(z)/√5 · t(0.975, 4) → [−0.453175, 1.119842].
    expect(v.value).toBeCloseTo(1 / 3, 10);
    expect(v.display).toBe('0.33');
    expect(v.ci?.lower).toBeCloseTo(-0.453175, 5);
    expect(v.ci?.upper).toBeCloseTo(1.119842, 5);
    expect(v.method).toContain('class gain');
  });

  it('manual: the value entered for the year; none is no data', () => {
    const d = def({
      unit: 'percent',
      computation: {
        kind: 'manual',
        evidence: 'report',
        values: [
          { year: 2021, value: 15 },
          { year: 2023, value: 10 },
        ],
      },
    });
    expect(computeIndicatorValue(d, 1, [], yearPeriod(2023), OPTS).value).toBe(10);
    // Whole period: the latest year's value.
    expect(computeIndicatorValue(d, 1, [], WHOLE, OPTS).value).toBe(10);
    const none = computeIndicatorValue(d, 1, [], yearPeriod(2022), OPTS);
    expect(none).toMatchObject({ value: null, display: 'no data', status: 'no_data' });
    expect(none.trend.map((t) => t.year)).toEqual([2021, 2023]);
  });
});

describe('progress and status', () => {
  it('progress is direction-aware, null without baseline or target', () => {
    // Higher is better: (440 − 400) / (450 − 400) = 0.8.
    expect(progressOf(440, 400, 450, 'higher_is_better')).toBeCloseTo(0.8, 10);
    // Lower is better: (12 − 21) / (8 − 21) = 9/13 = 0.692308.
    expect(progressOf(12, 21, 8, 'lower_is_better')).toBeCloseTo(0.692308, 5);
    // Worse than the baseline: (22 − 21) / (8 − 21) = −1/13.
    expect(progressOf(22, 21, 8, 'lower_is_better')).toBeCloseTo(-0.076923, 5);
    expect(progressOf(12, null, 8, 'lower_is_better')).toBeNull();
    expect(progressOf(12, 21, null, 'lower_is_better')).toBeNull();
  });

  it('status compares progress with the expected progress by now', () => {
    // Halfway through the time: (365 days elapsed + 1) / (730 + 1) = 365/731 = 0.499316.
    const expected = expectedProgressAt('2019-01-01', '2020-12-31', '2019-12-31');
    expect(expected).toBeCloseTo(365 / 731, 6);
    // 0.45 ≥ 0.9 × 0.499316 = 0.449384: on track; 0.40 ≥ 0.6 × 0.499316 = 0.29959: at risk.
    expect(statusOf(0.45, expected, { onTrack: 0.9, atRisk: 0.6 })).toBe('on_track');
    expect(statusOf(0.4, expected, { onTrack: 0.9, atRisk: 0.6 })).toBe('at_risk');
    expect(statusOf(0.2, expected, { onTrack: 0.9, atRisk: 0.6 })).toBe('off_track');
    expect(statusOf(null, expected, { onTrack: 0.9, atRisk: 0.6 })).toBe('no_data');
  });

  it('a lower-is-better manual indicator at the end of its period: on track, at risk, off track', () => {
    const at = (value: number) =>
      computeIndicatorValue(
        def({
          unit: 'percent',
          direction: 'lower_is_better',
          computation: { kind: 'manual', evidence: 'survey', values: [{ year: 2024, value }] },
          baseline: { value: 21, date: '2019-01-01', source: 'x' },
          targets: [{ period: '2024', date: '2024-12-31', value: 8 }],
        }),
        2,
        [],
        yearPeriod(2024),
        OPTS,
      );
    // Expected progress at the target date is 1. 9 → (9 − 21)/(8 − 21) = 12/13 = 0.923 ≥ 0.9.
    expect(at(9)).toMatchObject({ status: 'on_track', expectedProgress: 1, version: 2 });
    expect(at(9).progress).toBeCloseTo(12 / 13, 10);
    // 12 → 9/13 = 0.692: at risk (≥ 0.6, < 0.9).
    expect(at(12).status).toBe('at_risk');
    // 22 → −1/13: off track.
    expect(at(22).status).toBe('off_track');
  });

  it('a higher-is-better cumulative count is compared since the framework start', () => {
    const d = def({
      computation: { kind: 'sum_participants' },
      baseline: { value: 0, date: '2019-01-01', source: 'start' },
      targets: [{ period: '2019-2020', date: '2020-12-31', value: 100, cumulative: true }],
    });
    const inputs = [
      input({ startsAt: '2019-06-01T00:00:00Z', attendance: { participants: 40 } }),
      input({ startsAt: '2020-06-01T00:00:00Z', attendance: { participants: 50 } }),
    ];
    const v = computeIndicatorValue(d, 1, inputs, yearPeriod(2020), OPTS);
    // The 2020 value is 50; progress uses 40 + 50 = 90 since 2019: (90 − 0)/(100 − 0) = 0.9,
    // expected 1 at the end of 2020: 0.9 ≥ 0.9 → on track.
    expect(v.value).toBe(50);
    expect(v.progress).toBeCloseTo(0.9, 10);
    expect(v.status).toBe('on_track');
    expect(v.target).toEqual({ value: 100, label: '2019-2020' });
  });

  it('per-year (defect 4): headline and progress use the same figure, the latest year with data by default', () => {
    const d = def({
      computation: { kind: 'sum_participants' },
      baseline: { value: 40, date: '2019-01-01', source: 'start' },
      targets: [{ period: '2024', date: '2024-12-31', value: 60, cumulative: false }],
    });
    const inputs = [
      input({ startsAt: '2021-06-01T00:00:00Z', attendance: { participants: 45 } }),
      input({ startsAt: '2023-06-01T00:00:00Z', attendance: { participants: 55 } }),
    ];
    const v = computeIndicatorValue(d, 1, inputs, WHOLE, OPTS);
    // Shown and compared: 2023, the latest year with data: (55 − 40)/(60 − 40) = 0.75 (the old
    // code showed the sum 100 beside a progress of the latest year).
    expect(v.value).toBe(55);
    expect(v.progress).toBeCloseTo(0.75, 10);
    expect(v.summary).toContain('2023');
    // The definition can say otherwise: the mean per year with data, (45 + 55)/2 = 50, used for both.
    const mean = computeIndicatorValue({ ...d, periodSummary: 'mean_per_year' }, 1, inputs, WHOLE, OPTS);
    expect(mean.value).toBe(50);
    expect(mean.progress).toBeCloseTo(0.5, 10);
    const sum = computeIndicatorValue({ ...d, periodSummary: 'sum' }, 1, inputs, WHOLE, OPTS);
    expect(sum.value).toBe(100);
    expect(sum.progress).toBeCloseTo(3, 10);
  });

  it('per-year (defect 4): a year without activities is no data, not 0', () => {
    const d = def({
      baseline: { value: 2, date: '2019-01-01', source: 'start' },
      targets: [{ period: '2024', date: '2024-12-31', value: 4, cumulative: false }],
    });
    const inputs = [input({ startsAt: '2021-06-01T00:00:00Z' })];
    const v = computeIndicatorValue(d, 1, inputs, yearPeriod(2022), OPTS);
    expect(v).toMatchObject({ value: null, display: 'no data', status: 'no_data' });
    expect(v.statusReason).toBe('no activities in this period');
  });

  it('a value without baseline or target has no status, and says why', () => {
    const v = computeIndicatorValue(def(), 1, [input()], WHOLE, OPTS);
    expect(v).toMatchObject({ value: 1, progress: null, status: 'no_data' });
    expect(v.statusReason).toContain('no baseline or target');
  });
});

describe('honesty rules', () => {
  it('flags low n below the indicator minimum', () => {
    const d = def({
      unit: 'mean_score',
      minimumN: 10,
      computation: { kind: 'measure_mean', measure: 'satisfaction' },
    });
    const answers = [4, 5, 3, 4, 5, 2].map((satisfaction) => ({ satisfaction }));
    const v = computeIndicatorValue(d, 1, [input({}, [survey(answers)])], WHOLE, OPTS);
    // n = 6 < 10: shown, flagged.
    expect(v).toMatchObject({ n: 6, lowN: true, withheld: false });
    expect(v.lowNMessage).toContain('fewer than the 10');
    // n = 2 < 5: withheld (value, n, interval, status), in every view.
    const w = computeIndicatorValue(d, 1, [input({}, [survey(answers.slice(0, 2))])], WHOLE, OPTS);
    expect(w).toMatchObject({
      value: null,
      n: null,
      ci: null,
      withheld: true,
      display: '< 5',
      status: 'no_data',
    });
    expect(w.trend).toEqual([{ year: 2022, value: null, n: null, withheld: true }]);
  });

  it('suppresses breakdown cells under 5, with complementary suppression', () => {
    const d = def({
      unit: 'mean_score',
      computation: { kind: 'measure_mean', measure: 'satisfaction' },
      disaggregations: ['gender', 'region'],
    });
    const answers = [
      ...[5, 5, 4, 4, 3, 3].map((s) => ({ satisfaction: s, gender: 'female' })),
      ...[2, 3, 4].map((s) => ({ satisfaction: s, gender: 'male' })),
      ...[4, 4, 4, 4, 4].map((s) => ({ satisfaction: s, gender: 'prefer_not_to_say' })),
    ];
    const b = breakdownsFor(d, [input({}, [survey(answers)])]);
    // female: n 6, mean 24/6 = 4 (shown); male: n 3 < 5 (suppressed); prefer_not_to_say: n 5, the
    // smallest cell shown otherwise, suppressed so that male = total − female − it cannot be recovered.
    expect(b.gender).toEqual([
      { key: 'female', n: 6, value: 4, suppressed: false, display: '4.00' },
      { key: 'male', n: null, value: null, suppressed: true, display: '< 5' },
      { key: 'prefer_not_to_say', n: null, value: null, suppressed: true, display: '< 5' },
    ]);
    expect(b.region).toEqual([]);
  });

  it("breaks down by region from the respondents' countries, others in their own cell", () => {
    const d = def({
      unit: 'mean_score',
      computation: { kind: 'measure_mean', measure: 'satisfaction' },
      disaggregations: ['region', 'country'],
    });
    const regions = [
      { id: 'silk-routes', countries: ['AF', 'PK', 'IQ'] },
      { id: 'black-sea', countries: ['TR', 'GE'] },
    ];
    const answers = [
      ...[5, 4, 4].map((s) => ({ satisfaction: s, country: 'AF' })),
      ...[3, 4, 5].map((s) => ({ satisfaction: s, country: 'PK' })),
      ...[2, 2, 3, 3, 5].map((s) => ({ satisfaction: s, country: 'TR' })),
      ...[4, 4, 4, 4, 4, 4].map((s) => ({ satisfaction: s, country: 'DE' })),
    ];
    const b = breakdownsFor(d, [input({}, [survey(answers)])], regions);
    // silk-routes: AF + PK, n 6, mean 25/6 = 4.1667; black-sea: TR, n 5, mean 15/5 = 3;
    // other: DE, n 6, mean 4. Countries alone: AF (3) and PK (3) are under 5.
    expect(b.region).toEqual([
      { key: 'black-sea', n: 5, value: 3, suppressed: false, display: '3.00' },
      { key: 'other', n: 6, value: 4, suppressed: false, display: '4.00' },
      { key: 'silk-routes', n: 6, value: 25 / 6, suppressed: false, display: '4.17' },
    ]);
    expect(b.country?.find((c) => c.key === 'AF')).toMatchObject({ suppressed: true, display: '< 5' });
    // Without regions in the framework there is no region breakdown.
    expect(breakdownsFor(d, [input({}, [survey(answers)])]).region).toEqual([]);
  });

  it('defect 3: suppresses a single respondent cell (one activity) under 5, keeping no n beside it', () => {
    expect(
      singleCell({ unit: 'mean_score', currency: null }, { n: 3, value: 4, respondents: true, ci: null }),
    ).toEqual({ n: null, value: null, display: '< 5', suppressed: true, ci: null });
    // Counts of activities are not respondents: shown.
    expect(
      singleCell({ unit: 'count', currency: null }, { n: 1, value: 3, respondents: false, ci: null }).display,
    ).toBe('3');
  });
});

describe('activity learning', () => {
  const r = (id: string, code: string | null, points: number, at = '2024-01-01T10:00:00Z') => ({
    responseId: id,
    activityId: 'act',
    submittedAt: at,
    pairingCode: code,
    answers: {},
    score: { points, maxPoints: 5 },
  });

  it('pairs by code, reports the match rate, mean change and gains', () => {
    const pre = {
      surveyId: 'pre',
      responses: [r('1', 'aaaa', 2), r('2', 'bbbb', 3), r('3', 'cccc', 1), r('4', 'dddd', 4)],
    };
    const post = { surveyId: 'post', responses: [r('5', 'aaaa', 4), r('6', 'bbbb', 5), r('7', 'cccc', 1)] };
    const p = pairedPicture(pre, post);
    // 3 pairs of max(4, 3) = 4 distinct respondents: match rate 0.75. Differences 2, 2, 0: mean 4/3.
    expect(p).toMatchObject({ n: 3, matchRate: 0.75, unit: 'points', lowN: true });
    expect(p?.meanChange).toBeCloseTo(4 / 3, 10);
    // Improved 2 of 3 = 66.67 %; mean pre 2, mean post 10/3: class gain (10/3 − 2)/(5 − 2) = 4/9.
    expect(p?.improved).toBeCloseTo(200 / 3, 10);
    expect(p?.classGain).toBeCloseTo(4 / 9, 10);
  });

  it('suppresses small score bands', () => {
    // 3 scores, all in 40-59 %: that band is under 5, and so is every other (0).
    const cells = scoreDistribution([r('1', null, 2), r('2', null, 2), r('3', null, 3)]);
    expect(cells.every((c) => c.suppressed && c.display === '< 5')).toBe(true);
  });
});

describe('what the engine keeps per object (histogram index, measure keys)', () => {
  it('reads each aggregate and definition object anew: another object, or a new version, gives its own figures', () => {
    const a: Delta = { 'q|all|c:1': 2, 'q|all|c:4': 3, 'q|all|c:5': 1, 'q|gender=female|c:5': 1 };
    expect(countAtOrAbove(a, 'q', 4)).toBe(4);
    expect(histogramTotal(a, 'q')).toBe(6);
    expect(countAtOrAbove(a, 'q', 4, 'gender=female')).toBe(1);
    // A new aggregate object (e.g. the next view's, after more responses) is indexed on its own.
    const b: Delta = { ...a, 'q|all|c:4': 10 };
    expect(countAtOrAbove(b, 'q', 4)).toBe(11);
    expect(countAtOrAbove(a, 'q', 4)).toBe(4);

    const v1 = postEventTemplate();
    const satisfaction = measureKeys(v1, 'satisfaction');
    expect(satisfaction.length).toBeGreaterThan(0);
    expect(measureKeys(v1, 'satisfaction')).toBe(satisfaction);
    // Version 2 of the survey drops the satisfaction questions: read from the new definition object.
    const v2 = { ...v1, version: 2, questions: v1.questions.filter((q) => q.measure !== 'satisfaction') };
    expect(measureKeys(v2, 'satisfaction')).toEqual([]);
    expect(measureKeys(v1, 'satisfaction')).toEqual(satisfaction);
  });
});
