/**
 * Zod-free survey rules the participants' Lambda needs (survey.ts re-exports them): the shape of a
 * public survey code and whether a survey takes answers now.
 */

/** A survey's public code: twelve characters of Crockford's base 32, lower case (`PublicCode` in survey.ts). */
export const PUBLIC_CODE = /^[0-9a-hjkmnp-tv-z]{12}$/;

export type SurveyStatus = 'open' | 'not_yet_open' | 'closed';

/**
 * Whether a survey takes answers at `now`: open from `opensAt` (inclusive) to `closesAt`
 * (exclusive), closed once archived.
 */
export function surveyStatus(
  s: { opensAt: string; closesAt: string; archived?: { at: string } | null },
  now: Date,
): SurveyStatus {
  if (s.archived) return 'closed';
  const t = now.getTime();
  if (t < Date.parse(s.opensAt)) return 'not_yet_open';
  if (t >= Date.parse(s.closesAt)) return 'closed';
  return 'open';
}
