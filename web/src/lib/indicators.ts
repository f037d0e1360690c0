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
export const UNIT_LABELS: Record<IndicatorUnit, string> = labels('terms', terms, {
  count: 'unitCount',
  percent: 'unitPercent',
  mean_score: 'unitMeanScore',
  ratio: 'unitRatio',
  currency: 'unitCurrency',
});

export const KIND_LABELS: Record<ComputationKind, string> = labels('terms', terms, {
  count_activities: 'kindCountActivities',
  sum_participants: 'kindSumParticipants',
  distinct_countries: 'kindCountries',
  distinct_organisations: 'kindOrganisations',
  share_women: 'kindShareWomen',
  measure_mean: 'kindMeasureMean',
  measure_share_above: 'kindShareAbove',
  share_improved: 'kindShareImproved',
  mean_prepost_change: 'kindPrePostChange',
  normalised_gain: 'kindNormalisedGain',
  manual: 'kindManual',
});

export const MEASURE_LABELS: Record<MeasureTag, string> = labels('terms', terms, {
  satisfaction: 'measureSatisfaction',
  relevance: 'measureRelevance',
  usefulness: 'measureUsefulness',
  quality: 'measureQuality',
  knowledge: 'measureKnowledge',
  self_rated_knowledge: 'measureSelfRated',
  intent_to_apply: 'measureIntent',
  application: 'measureApplication',
  obstacles: 'measureObstacles',
  recommendation: 'measureRecommendation',
  lessons: 'measureLessons',
  profile: 'measureProfile',
  other: 'measureOther',
});

export const DIRECTION_LABELS: Record<Direction, string> = labels('terms', terms, {
  higher_is_better: 'higherBetter',
  lower_is_better: 'lowerBetter',
});

export const FREQUENCY_LABELS: Record<ReportingFrequency, string> = labels('terms', terms, {
  annual: 'annual',
  semi_annual: 'semiAnnual',
  quarterly: 'quarterly',
  per_activity: 'perActivity',
});

export const DISAGGREGATION_LABELS: Record<Disaggregation, string> = labels('terms', terms, {
  gender: 'byGender',
  country: 'byCountry',
  region: 'byRegion',
  organisation_type: 'byOrganisationType',
});

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
