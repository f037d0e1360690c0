import type { Framework } from '../framework/schema.js';
import type { MeasureTag, SurveyDefinition, SurveyKind } from '../surveys/schema.js';
import { followUpTemplate, knowledgeTestTemplate, postEventTemplate } from '../surveys/templates.js';
import { SMART_LETTERS } from './letters.js';
import type {
  ComputationKind,
  IndicatorDefinition,
  IndicatorUnit,
  SmartFinding,
  SmartLetter,
} from './schema.js';
import { structuralIssue } from './structure.js';

/*
 * The S.M.A.R.T. check of an indicator definition: every rule yields a finding with the letter
 * it belongs to, the field path it concerns, a stable code and a message an administrator can
 * act on. An indicator can be activated when no finding remains.
 */

export { SMART_LETTERS, SMART_NAMES } from './letters.js';

/** What the check compares a definition with. */
export interface SmartContext {
  /** The framework the indicator belongs to; null when its frameworkId is unknown. */
  framework: Pick<
    Framework,
    'id' | 'periodStart' | 'periodEnd' | 'priorityGoals' | 'actionPoints' | 'resultStatements' | 'projects'
  > | null;
  /** Measures some survey template collects. */
  collectedMeasures: ReadonlySet<MeasureTag>;
}

/** Every survey definition a template produces (the knowledge test as pre-test and as post-test). */
function templateDefinitions(): SurveyDefinition[] {
  return [
    postEventTemplate(),
    knowledgeTestTemplate('pre_test'),
    knowledgeTestTemplate('post_event'),
    followUpTemplate(),
  ];
}

/** The measures the survey templates collect, optionally only those of one survey kind. */
export function measuresCollected(kind?: SurveyKind): Set<MeasureTag> {
  const out = new Set<MeasureTag>();
  for (const def of templateDefinitions()) {
    if (kind && def.kind !== kind) continue;
    for (const q of def.questions) if (q.measure) out.add(q.measure);
  }
  return out;
}

/** The units each computation can honestly be stated in (manual: any). */
export const UNITS_OF: Record<ComputationKind, readonly IndicatorUnit[]> = {
  count_activities: ['count'],
  sum_participants: ['count'],
  distinct_countries: ['count'],
  distinct_organisations: ['count'],
  share_women: ['percent', 'ratio'],
  measure_mean: ['mean_score'],
  measure_share_above: ['percent', 'ratio'],
  share_improved: ['percent', 'ratio'],
  mean_prepost_change: ['mean_score', 'percent'],
  normalised_gain: ['ratio', 'percent'],
  manual: ['count', 'percent', 'mean_score', 'ratio', 'currency'],
};

/** Question types whose answers the aggregates keep as moments (a mean is computable). */
const MEAN_TYPES = new Set(['likert', 'rating_0_10', 'number', 'self_rating', 'knowledge']);
/** Question types whose answers the aggregates also keep as per-answer counts (a share is computable). */
const COUNT_TYPES = new Set(['likert', 'rating_0_10', 'self_rating', 'knowledge']);

/** The measures whose template questions keep what a computation needs (moments or counts). */
export function measuresComputable(how: 'mean' | 'share', kind?: SurveyKind): Set<MeasureTag> {
  const types = how === 'mean' ? MEAN_TYPES : COUNT_TYPES;
  const out = new Set<MeasureTag>();
  for (const def of templateDefinitions()) {
    if (kind && def.kind !== kind) continue;
    for (const q of def.questions) if (q.measure && types.has(q.type)) out.add(q.measure);
  }
  return out;
}

/**
 * Why the engine cannot compute a kind × unit × measure, or null when it can. The engine refuses
 * (no data, with this reason) rather than yield a 0; the S.M.A.R.T. check refuses activation.
 */
export function computabilityIssue(def: Pick<IndicatorDefinition, 'computation' | 'unit'>): string | null {
  const c = def.computation;
  if (!c) return null;
  const structural = structuralIssue(def);
  if (structural) return structural;
  switch (c.kind) {
    case 'measure_mean':
      return measuresComputable('mean', c.surveyKind).has(c.measure)
        ? null
        : `No survey question tagged "${c.measure}" has a numeric answer (scale, rating, number, self-rating or test score): a mean cannot be computed.`;
    case 'measure_share_above':
      return measuresComputable('share', c.surveyKind).has(c.measure)
        ? null
        : `The answers tagged "${c.measure}" are not kept as counts per answer (only scales, ratings, self-ratings and test scores are): a share at or above a threshold cannot be computed.`;
    default:
      return null;
  }
}

/** Every rule's code, by letter: the unit tests cover each of these. */
export const SMART_RULES = {
  S: [
    'code-missing',
    'code-format',
    'name-missing',
    'definition-missing',
    'unit-missing',
    'currency-missing',
  ],
  M: [
    'computation-missing',
    'measure-not-collected',
    'threshold-missing',
    'evidence-missing',
    'unit-mismatch',
    'not-computable',
    'data-source-missing',
  ],
  A: [
    'baseline-missing',
    'baseline-source-missing',
    'target-value-missing',
    'target-wrong-direction',
    'percent-out-of-range',
    'thresholds-unordered',
  ],
  R: [
    'framework-unknown',
    'goal-missing',
    'goal-unknown',
    'action-point-unknown',
    'result-missing',
    'result-unknown',
    'result-other-goal',
    'project-unknown',
  ],
  T: [
    'target-missing',
    'target-date-missing',
    'target-outside-period',
    'baseline-date-missing',
    'baseline-after-target',
    'frequency-missing',
  ],
} as const satisfies Record<SmartLetter, readonly string[]>;

const UNIT_WORDS: Record<IndicatorUnit, string> = {
  count: 'a count',
  percent: 'a percent',
  mean_score: 'a mean score',
  ratio: 'a ratio',
  currency: 'an amount of money',
};

/** Checks a definition against the five criteria; an empty list means it is S.M.A.R.T. */
export function smartCheck(def: IndicatorDefinition, ctx: SmartContext): SmartFinding[] {
  const out: SmartFinding[] = [];
  const add = (letter: SmartLetter, path: (string | number)[], code: string, message: string) =>
    out.push({ letter, path, code, message });
  const blank = (s: string | null | undefined) => !s || s.trim() === '';

  // S: what exactly is counted, in which unit.
  if (blank(def.code)) add('S', ['code'], 'code-missing', 'Give the indicator a code, e.g. "PG1-OC-01".');
  else if (!/^[A-Z0-9]+(?:[-.][A-Z0-9]+)*$/.test(def.code))
    add('S', ['code'], 'code-format', 'Codes use capital letters, digits, "-" and ".", e.g. "PG1-OC-01".');
  if (blank(def.name)) add('S', ['name'], 'name-missing', 'Give the indicator a name.');
  if (blank(def.definition))
    add('S', ['definition'], 'definition-missing', 'Define what is counted or measured, and of whom.');
  if (!def.unit)
    add('S', ['unit'], 'unit-missing', 'Choose the unit (count, percent, mean score, ratio or currency).');
  else if (def.unit === 'currency' && blank(def.currency))
    add('S', ['currency'], 'currency-missing', 'Name the currency (e.g. EUR) of an amount of money.');

  // M: how it is computed, and from what.
  const c = def.computation;
  if (!c) add('M', ['computation'], 'computation-missing', 'Choose how the value is computed.');
  else {
    if ('measure' in c && c.measure && !ctx.collectedMeasures.has(c.measure))
      add(
        'M',
        ['computation', 'measure'],
        'measure-not-collected',
        `No survey template collects the measure "${c.measure}": nothing could be computed.`,
      );
    const issue = computabilityIssue(def);
    if (issue && !out.some((f) => f.code === 'measure-not-collected'))
      add('M', ['computation'], 'not-computable', issue);
    if (c.kind === 'measure_share_above' && c.threshold === null)
      add('M', ['computation', 'threshold'], 'threshold-missing', 'Give the threshold answers must reach.');
    if (c.kind === 'manual' && blank(c.evidence))
      add('M', ['computation', 'evidence'], 'evidence-missing', 'Say what evidence a manual value rests on.');
    if (def.unit && !UNITS_OF[c.kind].includes(def.unit))
      add(
        'M',
        ['unit'],
        'unit-mismatch',
        `The computation gives ${UNITS_OF[c.kind].map((u) => UNIT_WORDS[u]).join(' or ')}, not ${UNIT_WORDS[def.unit]}.`,
      );
  }
  if (blank(def.dataSource))
    add(
      'M',
      ['dataSource'],
      'data-source-missing',
      'Name the data source (e.g. post-event surveys, attendance lists).',
    );

  // A: a baseline, and targets that are possible and point the right way.
  const b = def.baseline;
  if (!b || b.value === null) add('A', ['baseline', 'value'], 'baseline-missing', 'Give the baseline value.');
  else if (blank(b.source))
    add('A', ['baseline', 'source'], 'baseline-source-missing', 'Say where the baseline comes from.');
  const percent = def.unit === 'percent';
  if (percent && b && b.value !== null && (b.value < 0 || b.value > 100))
    add('A', ['baseline', 'value'], 'percent-out-of-range', 'A percent baseline must be between 0 and 100.');
  def.targets.forEach((t, i) => {
    if (t.value === null) {
      add('A', ['targets', i, 'value'], 'target-value-missing', `Give the value of target ${i + 1}.`);
      return;
    }
    if (percent && (t.value < 0 || t.value > 100))
      add(
        'A',
        ['targets', i, 'value'],
        'percent-out-of-range',
        `Target ${i + 1} is a percent: it must be between 0 and 100.`,
      );
    if (b && b.value !== null) {
      const wrong = def.direction === 'lower_is_better' ? t.value > b.value : t.value < b.value;
      if (wrong)
        add(
          'A',
          ['targets', i, 'value'],
          'target-wrong-direction',
          def.direction === 'lower_is_better'
            ? `Lower is better, but target ${i + 1} (${t.value}) is above the baseline (${b.value}).`
            : `Higher is better, but target ${i + 1} (${t.value}) is below the baseline (${b.value}).`,
        );
    }
  });
  const th = def.thresholds;
  if (!(0 <= th.atRisk && th.atRisk < th.onTrack && th.onTrack <= 1))
    add(
      'A',
      ['thresholds'],
      'thresholds-unordered',
      'Thresholds must satisfy 0 ≤ at risk < on track ≤ 1 (fractions of the way to the target).',
    );

  // R: what in the framework it evidences.
  const fw = ctx.framework;
  if (!fw) add('R', ['frameworkId'], 'framework-unknown', `There is no framework "${def.frameworkId}".`);
  if (def.priorityGoal === null)
    add('R', ['priorityGoal'], 'goal-missing', 'Choose the priority goal it serves.');
  else if (fw && !fw.priorityGoals.some((g) => g.number === def.priorityGoal))
    add('R', ['priorityGoal'], 'goal-unknown', `The framework has no priority goal ${def.priorityGoal}.`);
  if (fw)
    def.actionPointCodes.forEach((code, i) => {
      if (!fw.actionPoints.some((a) => a.code === code))
        add(
          'R',
          ['actionPointCodes', i],
          'action-point-unknown',
          `The framework has no action point ${code}.`,
        );
    });
  if (blank(def.resultId))
    add('R', ['resultId'], 'result-missing', 'Choose the output or outcome it measures.');
  else if (fw) {
    const result = fw.resultStatements.find((r) => r.id === def.resultId);
    if (!result) add('R', ['resultId'], 'result-unknown', `The framework has no result "${def.resultId}".`);
    else if (def.priorityGoal !== null && result.priorityGoal !== def.priorityGoal)
      add(
        'R',
        ['resultId'],
        'result-other-goal',
        `That result belongs to priority goal ${result.priorityGoal}, not ${def.priorityGoal}.`,
      );
  }
  if (fw)
    def.filters.projectIds.forEach((id, i) => {
      if (!fw.projects.some((p) => p.id === id))
        add('R', ['filters', 'projectIds', i], 'project-unknown', `The framework has no project "${id}".`);
    });

  // T: when.
  if (def.targets.length === 0)
    add(
      'T',
      ['targets'],
      'target-missing',
      'Add at least one target with its date: no target, no time-bound.',
    );
  def.targets.forEach((t, i) => {
    if (!t.date) add('T', ['targets', i, 'date'], 'target-date-missing', `Give the date of target ${i + 1}.`);
    else if (fw && (t.date < fw.periodStart || t.date > fw.periodEnd))
      add(
        'T',
        ['targets', i, 'date'],
        'target-outside-period',
        `Target ${i + 1} is due ${t.date}, outside the framework period ${fw.periodStart} to ${fw.periodEnd}.`,
      );
  });
  if (b && b.value !== null && !b.date)
    add('T', ['baseline', 'date'], 'baseline-date-missing', 'Give the date the baseline was measured.');
  const first = def.targets.flatMap((t) => (t.date ? [t.date] : [])).sort()[0];
  if (b?.date && first && b.date > first)
    add(
      'T',
      ['baseline', 'date'],
      'baseline-after-target',
      `The baseline (${b.date}) is dated after the first target (${first}).`,
    );
  if (!def.reportingFrequency)
    add('T', ['reportingFrequency'], 'frequency-missing', 'Choose how often it is reported.');

  return out;
}

/** An indicator can be activated when nothing is missing. */
export const canActivate = (findings: readonly SmartFinding[]) => findings.length === 0;

/** The letters that have findings, in S M A R T order. */
export function missingLetters(findings: readonly SmartFinding[]): SmartLetter[] {
  return SMART_LETTERS.filter((l) => findings.some((f) => f.letter === l));
}
