import { buildFeedbackSummary, type FeedbackSummary } from '../../../shared/src/feedback/summary.js';
import { summarise } from '../../../shared/src/responses/summary.js';
import { getActivity } from '../activities/store.js';
import * as responses from '../responses/store.js';
import { learningOfActivity } from '../results/store.js';
import type { SurveyRecord } from '../surveys/store.js';

/** What a summary says and what it is about, as kept on a share link and put in an e-mail. */
export interface SummarySnapshot {
  activityTitle: string;
  surveyTitle: Record<string, string>;
  /** The survey's languages, its default first. */
  languages: string[];
  summary: FeedbackSummary;
  madeAt: string;
}

/**
 * The feedback summary of a survey, from the results engine: the survey summary of its counted
 * responses (pattern 12) and, for one of an activity's two knowledge tests, the paired change of
 * the activity's learning view. Every figure passes the disclosure layer (shared/src/feedback).
 */
export async function summaryOf(survey: SurveyRecord): Promise<SummarySnapshot> {
  const [activity, all] = await Promise.all([
    getActivity(survey.activityId),
    responses.listResponses(survey.id),
  ]);
  const counted = all.filter((r) => r.counted !== false);
  const summary = summarise(survey.definition, counted, {});
  let paired = null;
  const isTest = survey.definition.questions.some((q) => q.type === 'knowledge');
  if (isTest && survey.sameTestAs) {
    const learning = await learningOfActivity(survey.activityId);
    const p = learning.paired;
    if (p && p.n > 0) {
      // Scores are in points of the test when both tests have one maximum, else in percent.
      const max = survey.definition.questions.reduce(
        (s, q) => s + (q.type === 'knowledge' ? q.points : 0),
        0,
      );
      const asPercent = (v: number | null) =>
        v === null ? null : p.unit === 'percent' ? v : max > 0 ? (v / max) * 100 : null;
      paired = {
        n: p.n,
        meanPrePercent: asPercent(p.meanPre),
        meanPostPercent: asPercent(p.meanPost),
        improved: Math.round(((p.improved ?? 0) * p.n) / 100),
      };
    }
  }
  return {
    activityTitle: activity?.title ?? '',
    surveyTitle: survey.title,
    languages: survey.languages,
    summary: buildFeedbackSummary({ definition: survey.definition, summary, paired }),
    madeAt: new Date().toISOString(),
  };
}
