/**
 * Disclosure control of a survey's results under a profile filter (gender, country...): a filter
 * that narrows the results to fewer than 5 people, or leaves fewer than 5 outside it (the
 * unfiltered results minus the filtered ones would describe them), answers with the counts
 * suppressed and no answers at all.
 */
import type { SurveySummary } from '../responses/summary.js';
import { MIN_PEOPLE } from './protect.js';

export interface ProtectedSummary extends Omit<SurveySummary, 'count' | 'questions'> {
  /** People kept by the filter; null when withheld. */
  count: number | null;
  questions: SurveySummary['questions'];
  /** True when the filter's results are withheld. */
  suppressed: boolean;
  /** Why, in words, when suppressed. */
  reason: string | null;
}

/** The summary as it may be published: unchanged without a filter, withheld when the filter discloses. */
export function protectFilteredSummary(summary: SurveySummary, minN = MIN_PEOPLE): ProtectedSummary {
  const filtered = Object.values(summary.filter).some((v) => v !== undefined);
  const inside = summary.count;
  const outside = summary.total - summary.count;
  const small = (n: number) => n > 0 && n < minN;
  if (!filtered || !(small(inside) || small(outside))) return { ...summary, suppressed: false, reason: null };
  return {
    ...summary,
    count: null,
    questions: [],
    suppressed: true,
    reason: small(inside)
      ? `This filter leaves fewer than ${minN} people: their answers are not shown.`
      : `This filter leaves out fewer than ${minN} people, whose answers the unfiltered results would give away: not shown.`,
  };
}
