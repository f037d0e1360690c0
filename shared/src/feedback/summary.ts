/**
 * The short summary of a closed survey that goes back to those who took part (by e-mail and on a
 * public page): a few headline figures, each passed through the disclosure layer. Pure.
 *
 * - nothing at all is shown when fewer than 5 people answered (only that this is so);
 * - a share ("83 % were satisfied") is a split of the people who answered that question into those
 *   at the top of the scale and the rest: published only when `protect` publishes both parts, i.e.
 *   neither is a group of 1 to 4 people (so "all 6 were satisfied" may show, "5 of 6" may not);
 * - the knowledge change of a pre/post test is shown for at least 5 paired people, its "improved"
 *   share under the same rule as the other shares.
 */
import { MIN_PEOPLE, protect } from '../disclosure/protect.js';
import type { SurveySummary } from '../responses/summary.js';
import type { MeasureTag, SurveyDefinition } from '../surveys/schema.js';

/** Measures a summary reports, in this order, each from the first likert question that carries it. */
export const SUMMARY_MEASURES = ['satisfaction', 'relevance', 'usefulness', 'intent_to_apply'] as const;
export type SummaryMeasure = (typeof SUMMARY_MEASURES)[number];

/** A share of the people who answered a question: those at the top two points of its scale. */
export interface ShareFigure {
  measure: SummaryMeasure;
  /** 0..100, unrounded. */
  percent: number;
  n: number;
}

export interface KnowledgeFigure {
  /** People who took both tests and were paired. */
  n: number;
  /** Mean score before and after, in percent of the test's maximum. */
  before: number;
  after: number;
  /** Share of the paired people whose score went up; null when withheld. */
  improvedPercent: number | null;
}

export interface FeedbackSummary {
  /** People whose answers count; null when fewer than `minPeople` (then nothing else is shown). */
  respondents: number | null;
  /** True when fewer than `minPeople` answered: no figure at all. */
  withheld: boolean;
  /** True when some figure was left out because it would describe 1 to 4 people. */
  partlyWithheld: boolean;
  shares: ShareFigure[];
  knowledge: KnowledgeFigure | null;
  minPeople: number;
}

/** What the summary is made of: the survey's summary (the results engine) and, for a test, the pairs. */
export interface FeedbackInput {
  definition: Pick<SurveyDefinition, 'questions'>;
  /** `summarise` of the counted responses, unfiltered. */
  summary: Pick<SurveySummary, 'count' | 'questions'>;
  /** The activity's paired pre/post change, when this survey is one of its two knowledge tests. */
  paired?: {
    n: number;
    meanPrePercent: number | null;
    meanPostPercent: number | null;
    /** People whose score went up. */
    improved: number;
  } | null;
}

/** Whether a count of `part` out of `total` may be published as a share: neither side is 1-4 people. */
export function shareDisclosable(part: number, total: number, minN = MIN_PEOPLE): boolean {
  if (total < minN) return false;
  const withheld = protect(
    [
      { id: 'total', n: total },
      { id: 'part', n: part },
      { id: 'rest', n: total - part },
    ],
    [{ total: 'total', parts: ['part', 'rest'] }],
    minN,
  );
  return withheld.size === 0;
}

/**
 * The summary as it may be published. `buildFeedbackSummary({ definition, summary: summarise(def, counted) })`
 * gives e.g. `{ respondents: 12, shares: [{ measure: 'satisfaction', percent: 83.3, n: 12 }], ... }`.
 */
export function buildFeedbackSummary(input: FeedbackInput, minN = MIN_PEOPLE): FeedbackSummary {
  const people = input.summary.count;
  if (people < minN) {
    return {
      respondents: null,
      withheld: true,
      partlyWithheld: false,
      shares: [],
      knowledge: null,
      minPeople: minN,
    };
  }
  let partlyWithheld = false;
  const shares: ShareFigure[] = [];
  for (const measure of SUMMARY_MEASURES) {
    const q = input.definition.questions.find(
      (x) => x.type === 'likert' && x.measure === (measure as MeasureTag),
    );
    if (q?.type !== 'likert') continue;
    const s = input.summary.questions.find((x) => x.questionId === q.id);
    if (!s || s.n === 0) continue;
    // The top two points: 4-5 of 5, 6-7 of 7.
    const top = (s.options ?? [])
      .filter((o) => Number(o.id) >= q.scale - 1)
      .reduce((sum, o) => sum + o.count, 0);
    if (!shareDisclosable(top, s.n, minN)) {
      partlyWithheld = true;
      continue;
    }
    shares.push({ measure, percent: (top / s.n) * 100, n: s.n });
  }
  let knowledge: KnowledgeFigure | null = null;
  const p = input.paired;
  if (p && p.n > 0) {
    if (p.n >= minN && p.meanPrePercent !== null && p.meanPostPercent !== null) {
      const improvedShown = shareDisclosable(p.improved, p.n, minN);
      if (!improvedShown) partlyWithheld = true;
      knowledge = {
        n: p.n,
        before: p.meanPrePercent,
        after: p.meanPostPercent,
        improvedPercent: improvedShown ? (p.improved / p.n) * 100 : null,
      };
    } else partlyWithheld = true;
  }
  return { respondents: people, withheld: false, partlyWithheld, shares, knowledge, minPeople: minN };
}
