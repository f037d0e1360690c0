/**
 * Training-evaluation levels (Kirkpatrick): 1 reaction, 2 learning, 3 behaviour. Pure.
 * Each measure carries its level so values roll up per level; follow-up surveys feed level 3.
 */
import type { EvaluationLevel, MeasureTag, Question, SurveyKind } from '../surveys/schema.js';

export const LEVEL_NAMES: Readonly<Record<EvaluationLevel, string>> = {
  1: 'Reaction',
  2: 'Learning',
  3: 'Behaviour',
};

/**
 * The level a measure belongs to when the question does not say.
 * - 1 reaction: satisfaction, relevance, usefulness, quality, recommendation;
 * - 2 learning: knowledge, self-rated knowledge, intent to apply (commitment is part of level 2 in
 *   the New World Kirkpatrick model: the participant has not acted yet);
 * - 3 behaviour: application and the obstacles met when applying;
 * - none: lessons (open reflections), profile (disaggregation), other.
 */
export const LEVEL_OF_MEASURE: Readonly<Record<MeasureTag, EvaluationLevel | null>> = {
  satisfaction: 1,
  relevance: 1,
  usefulness: 1,
  quality: 1,
  recommendation: 1,
  knowledge: 2,
  self_rated_knowledge: 2,
  intent_to_apply: 2,
  application: 3,
  obstacles: 3,
  lessons: null,
  profile: null,
  other: null,
};

export interface LevelOf {
  level: EvaluationLevel;
  /** Where the level came from: the question's own `level`, its measure, or the follow-up survey. */
  source: 'question' | 'measure' | 'follow_up';
}

/**
 * The evaluation level of a question: its `level` field when present; otherwise its measure's
 * level; otherwise, in a follow-up survey, level 3 (what follow-ups are for) for any question that
 * is not a profile question. Null when none applies.
 */
export function levelOf(
  question: Pick<Question, 'level' | 'measure' | 'type'>,
  surveyKind?: SurveyKind,
): LevelOf | null {
  if (question.level !== undefined) return { level: question.level, source: 'question' };
  const byMeasure = question.measure === undefined ? null : LEVEL_OF_MEASURE[question.measure];
  if (byMeasure !== null) return { level: byMeasure, source: 'measure' };
  if (surveyKind === 'follow_up' && question.type !== 'profile' && question.measure !== 'profile')
    return { level: 3, source: 'follow_up' };
  return null;
}

export interface LevelRollUp<T> {
  1: T[];
  2: T[];
  3: T[];
  /** Values with no level: never silently counted in a level. */
  unassigned: T[];
  counts: { 1: number; 2: number; 3: number; unassigned: number };
}

/** Group values by their level, keeping input order within each level. */
export function rollUpByLevel<T extends { level: EvaluationLevel | null | undefined }>(
  values: readonly T[],
): LevelRollUp<T> {
  const out: LevelRollUp<T> = {
    1: [],
    2: [],
    3: [],
    unassigned: [],
    counts: { 1: 0, 2: 0, 3: 0, unassigned: 0 },
  };
  for (const v of values) {
    const key = v.level === 1 || v.level === 2 || v.level === 3 ? v.level : 'unassigned';
    out[key].push(v);
    out.counts[key] += 1;
  }
  return out;
}
