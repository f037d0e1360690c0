import { describe, expect, it } from 'vitest';
import type { Lesson } from '../lessons/schema.js';
import { addDeltas, type Delta, responseDelta } from '../results/aggregate.js';
import type { IndicatorValue } from '../results/contract.js';
import type { ActivityFacts, ActivityInputs, SurveyFacts } from '../results/indicators.js';
import { followUpTemplate } from '../surveys/templates.js';
import { buildReport, issuedDocument, type ReportInputs, reportPeriod } from './model.js';

/* Expected figures are worked out by hand next to each expectation. */

const FW = {
  id: 'fw1',
  name: 'Call for Action 2019-2024',
  periodStart: '2019-01-01',
  periodEnd: '2024-12-31',
  priorityGoals: [
    { number: 1, title: 'Goal one' },
    { number: 7, title: 'Cross-cutting', crossCutting: true },
  ],
};

let seq = 0;
const activity = (over: Partial<ActivityFacts> = {}): ActivityFacts => ({
  id: `a${++seq}`,
  title: `Activity ${seq}`,
  startsAt: '2023-05-01T09:00:00Z',
  type: 'thematic_meeting',
  pillar: null,
  projectId: null,
  attendance: null,
  ...over,
});

const followUp = followUpTemplate();
function followUpSurvey(applied: string[]): SurveyFacts {
  const aggregates = applied.reduce<Delta>(
    (t, a) => addDeltas(t, responseDelta(followUp, { applied: a } as never)),
    {},
  );
  return { id: `s${++seq}`, kind: 'follow_up', definition: followUp, aggregates };
}

const pairs = (list: [number, number][]) => ({ pairs: list.map(([pre, post]) => ({ pre, post })), max: 10 });

const value = (over: Partial<IndicatorValue>): IndicatorValue => ({
  indicatorId: 'ind1',
  code: 'PG1-01',
  name: 'Satisfied participants',
  unit: 'percent',
  version: 3,
  direction: 'higher_is_better',
  period: { label: '2023', from: '2023-01-01', to: '2023-12-31' },
  value: 80,
  display: '80.0 %',
  n: 25,
  nOf: 'respondents',
  of: null,
  lowN: false,
  withheld: false,
  ci: { lower: 60.9, upper: 91.1, level: 0.95 },
  ciDisplay: '95 % CI 60.9 % to 91.1 %',
  method: null,
  scale: null,
  summary: null,
  reason: null,
  baseline: { value: 50, date: '2019-01-01' },
  target: { value: 90, label: '2024' },
  progress: 0.75,
  status: 'on_track',
  statusReason: null,
  expectedProgress: 0.8,
  lowNMessage: null,
  trend: [
    { year: 2022, value: 70, n: 20, withheld: false },
    { year: 2023, value: 80, n: 25, withheld: false },
    { year: 2024, value: 85, n: 30, withheld: false },
  ],
  ...over,
});

const lesson = (over: Partial<Lesson>): Lesson => ({
  id: `l${++seq}`,
  kind: 'practice',
  title: 'Peer exchange',
  text: 'Pairing officials from two countries worked.',
  date: '2023-06-01',
  activityIds: [],
  actionPointCodes: ['1.1'],
  priorityGoals: [1],
  indicators: [],
  quotes: [{ surveyId: 's1', questionId: 'most_useful', text: 'تبادل الخبرات' }],
  frameworkId: 'fw1',
  version: 1,
  createdAt: '2023-06-01T00:00:00Z',
  createdBy: 'ev',
  updatedAt: '2023-06-01T00:00:00Z',
  updatedBy: 'ev',
  ...over,
});

function inputs(acts: ActivityInputs[], over: Partial<ReportInputs> = {}): ReportInputs {
  return {
    framework: FW,
    periodKey: '2023',
    period: reportPeriod(FW, '2023') as NonNullable<ReturnType<typeof reportPeriod>>,
    goals: [{ number: 1, indicators: [value({})] }],
    definitions: [],
    inputs: acts,
    lessons: [],
    narratives: {},
    draftVersion: 0,
    generatedAt: '2026-11-30T00:00:00Z',
    asOf: '2026-11-30',
    ...over,
  };
}

describe('report period', () => {
  it('is a year inside the plan or the whole plan, null outside', () => {
    expect(reportPeriod(FW, '2023')).toEqual({ label: '2023', from: '2023-01-01', to: '2023-12-31' });
    expect(reportPeriod(FW, 'plan')).toEqual({ label: '2019-2024', from: '2019-01-01', to: '2024-12-31' });
    expect(reportPeriod(FW, '2025')).toBeNull();
    expect(reportPeriod(FW, '2018')).toBeNull();
  });
});

describe('buildReport', () => {
  it('states the activity figures of the period as the results document does', () => {
    const acts: ActivityInputs[] = [
      // 2023: two meetings (30 + 20 participants), one training (10 people on a list: 6 women, 3 countries).
      { activity: activity({ attendance: { participants: 30, countries: 12, women: 12 } }), surveys: [] },
      {
        activity: activity({ type: 'working_group_meeting', attendance: { participants: 20, countries: 8 } }),
        surveys: [],
      },
      {
        activity: activity({
          type: 'training',
          listParticipants: 10,
          list: { participants: 10, women: 6, countries: ['AF', 'PK', 'IQ'], organisations: ['a', 'b'] },
        }),
        surveys: [],
      },
      // 2022: outside the period.
      {
        activity: activity({ startsAt: '2022-03-01T09:00:00Z', attendance: { participants: 99 } }),
        surveys: [],
      },
    ];
    const doc = buildReport(inputs(acts));
    const fig = (k: string) => doc.activities.figures.find((f) => f.key === k);
    expect(fig('meetings')?.value).toBe(2);
    expect(fig('trainings')?.value).toBe(1);
    expect(fig('participants')?.value).toBe(60); // 30 + 20 + 10
    expect(fig('trained')?.value).toBe(10);
    // No workshop in a period that held activities: 0, not "no data".
    expect([fig('otherActivities')?.value, fig('otherActivities')?.display]).toEqual([0, '0']);
    // Distinct countries: the list's union (3) against the largest reported figure (12): at least 12.
    expect(fig('countries')?.value).toBe(12);
    // Women: (12 + 6) of (30 + 10) participants stating both = 45 %.
    expect(fig('women')?.value).toBeCloseTo(45, 10);
    // Mean countries per activity: (12 + 8 + 3) / 3.
    expect(doc.activities.meanCountries.value).toBeCloseTo(23 / 3, 10);
    expect(doc.activities.byType).toEqual([
      { type: 'thematic_meeting', count: 1 },
      { type: 'training', count: 1 },
      { type: 'working_group_meeting', count: 1 },
    ]);
  });

  it('keeps each indicator value with its interval, n, target, progress, status, version and a trend up to the period', () => {
    const doc = buildReport(inputs([]));
    const ind = doc.goals[0]?.indicators[0];
    expect(ind).toMatchObject({ value: 80, n: 25, version: 3, progress: 0.75, status: 'on_track' });
    expect(ind?.target).toEqual({ value: 90, label: '2024' });
    expect(ind?.ci).toEqual({ lower: 60.9, upper: 91.1, level: 0.95 });
    expect(ind?.trend.map((t) => t.year)).toEqual([2022, 2023]); // 2024 is after the 2023 report
    expect(doc.goals[1]?.crossCutting).toBe(true);
    expect(doc.goals[1]?.indicators).toEqual([]);
  });

  it('publishes paired learning figures from 5 people and withholds them under 5', () => {
    // Five pairs on a test of 10 points: changes +2, +2, +4, 0, +2 → mean 2 points = 20 % of the maximum.
    const five = {
      activity: activity({ type: 'training' }),
      surveys: [],
      paired: pairs([
        [4, 6],
        [5, 7],
        [2, 6],
        [6, 6],
        [3, 5],
      ]),
    };
    const doc = buildReport(inputs([five]));
    const change = doc.learning.figures.find((f) => f.key === 'knowledgeChange');
    expect(change?.value).toBeCloseTo(20, 10);
    expect(change?.n).toBe(5);
    // Improved: 4 of 5 = 80 %.
    expect(doc.learning.figures.find((f) => f.key === 'improved')?.value).toBeCloseTo(80, 10);
    // Class gain: mean pre 4, mean post 6, (6 − 4) / (10 − 4) = 1/3.
    expect(doc.learning.figures.find((f) => f.key === 'normalisedGain')?.value).toBeCloseTo(100 / 3, 8);

    const three = {
      activity: activity({ type: 'training' }),
      surveys: [],
      paired: pairs([
        [4, 6],
        [5, 7],
        [2, 6],
      ]),
    };
    const small = buildReport(inputs([three]));
    const withheld = small.learning.figures.find((f) => f.key === 'knowledgeChange');
    expect(withheld).toMatchObject({ value: null, n: null, withheld: true, display: '< 5' });
  });

  it('counts follow-up behaviour change and withholds it under 5 people', () => {
    // 6 answers: yes, yes, partly, no, yes, no → applied 4 of 6 = 66.7 %, fully 3 of 6 = 50 %.
    const a = {
      activity: activity({ type: 'training' }),
      surveys: [followUpSurvey(['yes', 'yes', 'partly', 'no', 'yes', 'no'])],
    };
    const b = buildReport(inputs([a])).learning.behaviour;
    expect(b.n).toBe(6);
    expect(b.value).toBeCloseTo(400 / 6, 8);
    expect(b.fully).toBeCloseTo(50, 8);
    expect(b.ci?.lower).toBeLessThan(b.value as number);
    const few = { activity: activity({ type: 'training' }), surveys: [followUpSurvey(['yes', 'no', 'yes'])] };
    expect(buildReport(inputs([few])).learning.behaviour).toMatchObject({
      value: null,
      n: null,
      withheld: true,
    });
  });

  it('withholds a year that could be worked out from the whole plan and the other years', () => {
    // 2022: 10 people, 2023: 3 people. The 2023 figure is small; the plan total (13) is shown
    // only if 2022 is withheld too, so the 2022 report must not show 10 either.
    const a2022 = {
      activity: activity({ startsAt: '2022-05-01T09:00:00Z' }),
      surveys: [followUpSurvey(Array(10).fill('yes'))],
    };
    const a2023 = { activity: activity(), surveys: [followUpSurvey(['yes', 'no', 'yes'])] };
    const y2022 = buildReport({
      ...inputs([a2022, a2023]),
      periodKey: '2022',
      period: reportPeriod(FW, '2022')!,
    });
    expect(y2022.learning.behaviour.withheld).toBe(true);
  });

  it('carries the lessons of the period and the narratives, and the methods annex', () => {
    const doc = buildReport(
      inputs([], {
        lessons: [lesson({}), lesson({ date: '2022-12-31', title: 'Earlier' })],
        narratives: {
          '1': { text: 'Goal one advanced.', updatedAt: '2026-11-30T00:00:00Z', updatedBy: 'ev' },
        },
        definitions: [
          {
            ...(value({}) as unknown as object),
            id: 'ind1',
            version: 3,
            code: 'PG1-01',
            name: 'Satisfied participants',
            definition: 'Share satisfied',
            unit: 'percent',
            computation: { kind: 'measure_share_above', measure: 'satisfaction', threshold: 4 },
            filters: { activityTypes: [], pillars: [], projectIds: [] },
            dataSource: 'post-event survey',
            limitations: '',
          } as never,
        ],
      }),
    );
    expect(doc.lessons.map((l) => l.title)).toEqual(['Peer exchange']);
    expect(doc.lessons[0]?.quotes[0]).toEqual({
      surveyId: 's1',
      questionId: 'most_useful',
      text: 'تبادل الخبرات',
    });
    expect(doc.goals[0]?.narrative?.text).toBe('Goal one advanced.');
    expect(doc.methods.definitions).toEqual([
      expect.objectContaining({
        code: 'PG1-01',
        version: 3,
        computation: expect.stringContaining('threshold 4'),
      }),
    ]);
    expect(doc.methods.suppression).toMatch(/fewer than 5 people/);
    expect(doc.methods.pairing).toMatch(/self-generated code/);
    const issued = issuedDocument(doc, '2026-12-01T00:00:00Z', 'evaluator@example.org');
    expect(issued).toMatchObject({ status: 'issued', issuedBy: 'evaluator@example.org' });
    expect(doc.status).toBe('draft');
  });
});
