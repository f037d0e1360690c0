import { defaultFramework } from '../../../shared/src/framework/default-framework.js';
import { IndicatorInput, type IndicatorStatus } from '../../../shared/src/indicators/schema.js';
import { stableId } from '../lib/ids.js';
import { activateIndicator, createIndicator, getIndicator } from './store.js';

/*
 * Demo indicators with baselines and targets drawn from seed 002's result figures (IMM project
 * results sheet). Where the seed states a figure it is quoted in `baseline.source`; targets
 * beyond the seed are marked as illustrative. One stays a draft with an open finding (no
 * baseline for satisfaction exists in the seeds), to show the S.M.A.R.T. check.
 */

const FRAMEWORK_ID = defaultFramework().id;
const SEED_002 = 'Seed 002 (IMM project results sheet)';

const demo: { slug: string; status: IndicatorStatus; input: unknown }[] = [
  {
    slug: 'pg1-mrc-irregular-intention',
    status: 'active',
    input: {
      code: 'PG1-OC-01',
      name: 'Migrant resource centre clients intending to migrate irregularly',
      definition:
        'Share of counselled clients of the migrant resource centres who state that they are likely to emigrate irregularly, measured in the centres’ client survey.',
      unit: 'percent',
      computation: {
        kind: 'manual',
        evidence: 'MRC client survey report of the IMM project, entered once per year by the secretariat.',
      },
      dataSource: 'Migrant resource centre client surveys (IMM project)',
      baseline: {
        value: 21,
        date: '2019-01-01',
        source: `${SEED_002}: "13% reduction on the likelihood of emigrating irregularly (from 21 to 8 %)"`,
      },
      targets: [
        { period: '2021', date: '2021-12-31', value: 12, cumulative: false },
        { period: '2024', date: '2024-12-31', value: 8, cumulative: false },
      ],
      direction: 'lower_is_better',
      frameworkId: FRAMEWORK_ID,
      priorityGoal: 1,
      resultId: 'pg1-outcome-irregular-emigration',
      actionPointCodes: ['7.9'],
      disaggregations: ['gender', 'country'],
      reportingFrequency: 'annual',
      meansOfVerification: 'MRC annual survey reports',
      owner: 'Secretariat, Silk Routes projects',
      limitations: 'Self-reported intention, not observed behaviour; the 2021 target is illustrative.',
    },
  },
  {
    slug: 'pg7-individuals-capacitated',
    status: 'active',
    input: {
      code: 'PG7-OC-01',
      name: 'Individuals capacitated by trainings',
      definition:
        'Number of participants of trainings, counted from attendance lists (or the reported attendance where no list exists), cumulative since the start of the action plan.',
      unit: 'count',
      computation: { kind: 'sum_participants' },
      filters: { activityTypes: ['training', 'study_visit'] },
      dataSource: 'Activity records and attendance lists',
      baseline: { value: 0, date: '2019-01-01', source: 'Start of the Call for Action period' },
      targets: [
        { period: '2019-2021', date: '2021-12-31', value: 3500, cumulative: true },
        {
          period: '2019-2024',
          date: '2024-12-31',
          value: 7000,
          cumulative: true,
        },
      ],
      direction: 'higher_is_better',
      frameworkId: FRAMEWORK_ID,
      priorityGoal: 7,
      resultId: 'pg7-output-individuals-capacitated',
      actionPointCodes: ['1.4', '5.4', '7.8'],
      disaggregations: ['gender', 'country', 'organisation_type'],
      reportingFrequency: 'semi_annual',
      meansOfVerification: 'Attendance lists kept with each activity',
      owner: 'Secretariat',
      limitations: `Target from ${SEED_002}: "More than 7,000 individuals capacitated in more than 90 organisations"; the mid-term target is illustrative.`,
    },
  },
  {
    slug: 'pg7-dialogue-participants',
    status: 'active',
    input: {
      code: 'PG7-DI-01',
      name: 'Participants in dialogue meetings per year',
      definition: 'Number of participants of meetings under the Dialogue pillar held in the year.',
      unit: 'count',
      computation: { kind: 'sum_participants' },
      filters: { pillars: ['dialogue'] },
      dataSource: 'Activity records and attendance lists',
      baseline: {
        value: 400,
        date: '2019-01-01',
        source: `${SEED_002}: "ca. 2000 participants from an average of 37 countries" at 27 meetings over the project's five years, i.e. about 400 a year`,
      },
      targets: [
        { period: '2022', date: '2022-12-31', value: 400, cumulative: false },
        { period: '2024', date: '2024-12-31', value: 450, cumulative: false },
      ],
      direction: 'higher_is_better',
      frameworkId: FRAMEWORK_ID,
      priorityGoal: 7,
      resultId: 'pg7-output-meeting-participants',
      actionPointCodes: ['7.1', '7.3', '7.4'],
      disaggregations: ['gender', 'country', 'region'],
      reportingFrequency: 'annual',
      meansOfVerification: 'Meeting reports and attendance lists',
      owner: 'Secretariat',
      limitations: 'Counts participations, not distinct people.',
    },
  },
  {
    slug: 'pg7-meeting-satisfaction',
    status: 'draft',
    input: {
      code: 'PG7-DI-02',
      name: 'Mean satisfaction of participants with meetings',
      definition: 'Mean overall satisfaction (1 to 5) in post-event surveys of meetings and trainings.',
      unit: 'mean_score',
      computation: { kind: 'measure_mean', measure: 'satisfaction', surveyKind: 'post_event' },
      dataSource: 'Post-event surveys',
      // No seed states a satisfaction figure: the baseline is left for the first year of surveys.
      baseline: null,
      targets: [{ period: '2024', date: '2024-12-31', value: 4.2, cumulative: false }],
      direction: 'higher_is_better',
      frameworkId: FRAMEWORK_ID,
      priorityGoal: 7,
      resultId: 'pg7-outcome-knowledge-attitude-practice',
      actionPointCodes: ['7.1'],
      disaggregations: ['gender', 'organisation_type'],
      reportingFrequency: 'per_activity',
      meansOfVerification: 'Survey results page of each activity',
      owner: 'Secretariat',
      minimumN: 10,
    },
  },
  {
    // Computes from the demo post-event surveys (Ohrid 2022: 52 responses, Sofia 2023: 41).
    slug: 'pg7-meeting-satisfied-share',
    status: 'active',
    input: {
      code: 'PG7-DI-03',
      name: 'Participants satisfied with dialogue meetings',
      definition:
        'Share of respondents of post-event surveys of Dialogue meetings rating their overall satisfaction 4 or 5 on the 1 to 5 scale.',
      unit: 'percent',
      computation: {
        kind: 'measure_share_above',
        measure: 'satisfaction',
        threshold: 4,
        surveyKind: 'post_event',
      },
      filters: { pillars: ['dialogue'] },
      dataSource: 'Post-event surveys',
      baseline: {
        value: 70,
        date: '2019-01-01',
        source:
          'Illustrative: no seed states a satisfaction figure; to be replaced by the first year of surveys.',
      },
      targets: [{ period: '2024', date: '2024-12-31', value: 85, cumulative: false }],
      direction: 'higher_is_better',
      frameworkId: FRAMEWORK_ID,
      priorityGoal: 7,
      resultId: 'pg7-outcome-knowledge-attitude-practice',
      actionPointCodes: ['7.1'],
      disaggregations: ['gender', 'country'],
      reportingFrequency: 'annual',
      meansOfVerification: 'Survey results page of each activity',
      owner: 'Secretariat',
      limitations: 'Respondents only (not all participants); baseline and target are illustrative.',
      minimumN: 10,
    },
  },
  {
    slug: 'pg7-meeting-activities',
    status: 'active',
    input: {
      code: 'PG7-DI-04',
      name: 'Dialogue meetings held',
      definition: 'Number of meetings under the Dialogue pillar started in the period.',
      unit: 'count',
      computation: { kind: 'count_activities' },
      filters: { pillars: ['dialogue'] },
      dataSource: 'Activity records',
      baseline: {
        value: 5,
        date: '2019-01-01',
        source: `${SEED_002}: 27 meetings over five years, about 5 a year`,
      },
      targets: [{ period: '2024', date: '2024-12-31', value: 5, cumulative: false }],
      direction: 'higher_is_better',
      frameworkId: FRAMEWORK_ID,
      priorityGoal: 7,
      resultId: 'pg7-output-meeting-participants',
      actionPointCodes: ['7.1'],
      disaggregations: [],
      reportingFrequency: 'annual',
      meansOfVerification: 'Meeting reports',
      owner: 'Secretariat',
      limitations: 'Only meetings recorded in the tool are counted.',
    },
  },
];

/** The fixed id of a demo indicator: seeding twice writes nothing new. */
export const demoIndicatorId = (slug: string) => stableId(`demo-indicator:${slug}`);

/** Writes the demo indicators that are not there yet (and activates the S.M.A.R.T. ones); returns how many were added. */
export async function seedDemoIndicators(actor = 'demo-seed'): Promise<number> {
  let added = 0;
  for (const d of demo) {
    const id = demoIndicatorId(d.slug);
    if (!(await getIndicator(id))) {
      try {
        await createIndicator(IndicatorInput.parse(d.input), actor, { id });
        added++;
      } catch (err) {
        // Another process seeded it between the read and the write: the condition kept one copy.
        if (!(await getIndicator(id))) throw err;
      }
    }
    const current = await getIndicator(id);
    if (d.status === 'active' && current?.status === 'draft' && current.version === 1)
      await activateIndicator(id, actor).catch(async (err) => {
        if ((await getIndicator(id))?.status !== 'active') throw err;
      });
  }
  return added;
}
