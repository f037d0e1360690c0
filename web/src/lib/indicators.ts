import terms from '$lib/i18n/en/terms';
import { labels } from '$lib/i18n/index.svelte';
import type {
  ComputationKind,
  Direction,
  Disaggregation,
  IndicatorStatus,
  IndicatorUnit,
  ReportingFrequency,
} from '$shared/indicators/schema';
import type { MeasureTag } from '$shared/surveys/schema';

/** Words for the enums of indicators, as pages show them. */
export const UNIT_LABELS: Record<IndicatorUnit, string> = {
  count: 'Count',
  percent: 'Percent',
  mean_score: 'Mean score',
  ratio: 'Ratio',
  currency: 'Currency',
};

export const KIND_LABELS: Record<ComputationKind, string> = {
  count_activities: 'Count of activities',
  sum_participants: 'Sum of participants',
  distinct_countries: 'Distinct countries',
  distinct_organisations: 'Distinct organisations',
  share_women: 'Share of women among participants',
  measure_mean: 'Mean of a survey measure',
  measure_share_above: 'Share of answers at or above a threshold',
  share_improved: 'Share of respondents who improved (pre/post)',
  mean_prepost_change: 'Mean pre/post change',
  normalised_gain: 'Normalised gain (pre/post)',
  manual: 'Manual value with evidence',
};

export const MEASURE_LABELS: Record<MeasureTag, string> = {
  satisfaction: 'Satisfaction',
  relevance: 'Relevance',
  usefulness: 'Usefulness',
  quality: 'Quality',
  knowledge: 'Knowledge test score',
  self_rated_knowledge: 'Self-rated knowledge',
  intent_to_apply: 'Intention to apply',
  application: 'Application (follow-up)',
  obstacles: 'Obstacles',
  recommendation: 'Recommendation',
  lessons: 'Lessons',
  profile: 'Profile',
  other: 'Other',
};

export const DIRECTION_LABELS: Record<Direction, string> = {
  higher_is_better: 'Higher is better',
  lower_is_better: 'Lower is better',
};

export const FREQUENCY_LABELS: Record<ReportingFrequency, string> = {
  annual: 'Annual',
  semi_annual: 'Twice a year',
  quarterly: 'Quarterly',
  per_activity: 'After each activity',
};

export const DISAGGREGATION_LABELS: Record<Disaggregation, string> = {
  gender: 'Gender',
  country: 'Country',
  region: 'Region',
  organisation_type: 'Organisation type',
};

export const STATUS_LABELS: Record<IndicatorStatus, string> = labels('terms', terms, {
  draft: 'draft',
  active: 'active',
  retired: 'retired',
});

/** The form field a finding's path points at, so the SMART panel can focus it. */
export function fieldIdOf(path: readonly (string | number)[]): string {
  const [a, b, c] = path;
  if (a === 'targets')
    return typeof b === 'number' ? `i-target-${b}-${c === 'date' ? 'date' : 'value'}` : 'i-add-target';
  if (a === 'baseline') return `i-baseline-${b === 'date' ? 'date' : b === 'source' ? 'source' : 'value'}`;
  if (a === 'computation') return b ? `i-${String(b)}` : 'i-kind';
  if (a === 'filters') return 'i-projects';
  if (a === 'actionPointCodes') return 'i-ap-filter';
  const ids: Record<string, string> = {
    code: 'i-code',
    name: 'i-name',
    definition: 'i-definition',
    unit: 'i-unit',
    currency: 'i-currency',
    dataSource: 'i-source',
    thresholds: 'i-on-track',
    frameworkId: 'i-goal',
    priorityGoal: 'i-goal',
    resultId: 'i-result',
    reportingFrequency: 'i-frequency',
  };
  return ids[String(a)] ?? 'i-code';
}
