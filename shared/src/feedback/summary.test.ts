import { describe, expect, it } from 'vitest';
import type { SurveySummary } from '../responses/summary.js';
import type { SurveyDefinition } from '../surveys/schema.js';
import { FEEDBACK_LANGUAGES, FEEDBACK_MESSAGES, feedbackLanguage, summaryLines } from './messages.js';
import { buildFeedbackSummary, shareDisclosable } from './summary.js';

const def = {
  questions: [
    { id: 'sat', type: 'likert', measure: 'satisfaction', scale: 5, points: [], text: {} },
    { id: 'rel', type: 'likert', measure: 'relevance', scale: 7, points: [], text: {} },
    { id: 'use', type: 'likert', measure: 'usefulness', scale: 5, points: [], text: {} },
  ],
} as unknown as Pick<SurveyDefinition, 'questions'>;

/** A question's summary from counts per scale point. */
const likert = (questionId: string, counts: Record<string, number>) => {
  const n = Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    questionId,
    type: 'likert' as const,
    n,
    options: Object.entries(counts).map(([id, count]) => ({ id, count, percent: (count / n) * 100 })),
  };
};

const summary = (count: number, questions: SurveySummary['questions']) => ({ count, questions });

describe('the feedback summary', () => {
  it('shows no figure at all when fewer than 5 people answered', () => {
    const s = buildFeedbackSummary({ definition: def, summary: summary(4, [likert('sat', { '5': 4 })]) });
    expect(s).toEqual({
      respondents: null,
      withheld: true,
      partlyWithheld: false,
      shares: [],
      knowledge: null,
      minPeople: 5,
    });
    expect(summaryLines(s, 'en')).toEqual([
      'Fewer than 5 people answered, so no figures are shown, to protect their anonymity.',
    ]);
  });

  it('gives the top-two-box shares where neither side is 1 to 4 people, and says some were left out', () => {
    const s = buildFeedbackSummary({
      definition: def,
      summary: summary(12, [
        // 10 of 12 satisfied: the other 2 would be a group of 2 → withheld.
        likert('sat', { '5': 6, '4': 4, '2': 2 }),
        // 7-point scale: 6 and 7 count; 6 of 11 and 5 of 11 → shown.
        likert('rel', { '7': 3, '6': 3, '5': 5 }),
        // Everybody (12 of 12) found it useful: the rest is 0 people, nothing to protect.
        likert('use', { '5': 12 }),
      ]),
    });
    expect(s.respondents).toBe(12);
    expect(s.partlyWithheld).toBe(true);
    expect(s.shares.map((x) => x.measure)).toEqual(['relevance', 'usefulness']);
    expect(s.shares[0]!.percent).toBeCloseTo((6 / 11) * 100);
    expect(s.shares[1]).toEqual({ measure: 'usefulness', percent: 100, n: 12 });
    expect(summaryLines(s, 'en')).toEqual([
      '12 people answered the survey.',
      '55% found it relevant to their work.',
      '100% found it useful.',
      'Figures about fewer than 5 people are not shown.',
    ]);
  });

  it('reports the paired knowledge change from 5 pairs, with the improved share only when disclosable', () => {
    const base = { definition: def, summary: summary(8, []) };
    const four = buildFeedbackSummary({
      ...base,
      paired: { n: 4, meanPrePercent: 40, meanPostPercent: 70, improved: 4 },
    });
    expect(four.knowledge).toBeNull();
    expect(four.partlyWithheld).toBe(true);
    const eight = buildFeedbackSummary({
      ...base,
      paired: { n: 8, meanPrePercent: 40, meanPostPercent: 70, improved: 6 },
    });
    // 6 improved, 2 did not: the 2 are a small group, so the share is withheld; the means stay.
    expect(eight.knowledge).toEqual({ n: 8, before: 40, after: 70, improvedPercent: null });
    const ten = buildFeedbackSummary({
      ...base,
      paired: { n: 10, meanPrePercent: 40, meanPostPercent: 70, improved: 5 },
    });
    expect(ten.knowledge?.improvedPercent).toBe(50);
    expect(summaryLines(ten, 'en')).toContain(
      'Knowledge test, taken before and after by 10 people: the average score rose from 40% to 70%.',
    );
  });

  it('decides a share with the disclosure layer: both sides 0 or at least 5', () => {
    expect(shareDisclosable(5, 10)).toBe(true);
    expect(shareDisclosable(6, 6)).toBe(true);
    expect(shareDisclosable(0, 6)).toBe(true);
    expect(shareDisclosable(4, 10)).toBe(false);
    expect(shareDisclosable(6, 9)).toBe(false);
    expect(shareDisclosable(4, 4)).toBe(false);
  });
});

describe('the summary in the participant languages', () => {
  it('has every text in the nine languages of the participant page, with the same placeholders', () => {
    expect(FEEDBACK_LANGUAGES.sort()).toEqual(['ar', 'en', 'fa', 'fr', 'prs', 'ps', 'ru', 'tr', 'ur']);
    const en = FEEDBACK_MESSAGES.en!;
    const holes = (t: string) => (t.match(/\{\w+\}/g) ?? []).sort();
    for (const lang of FEEDBACK_LANGUAGES) {
      const m = FEEDBACK_MESSAGES[lang]!;
      for (const [key, text] of Object.entries(en)) {
        const own = m[key as keyof typeof m];
        expect(own, `${lang}.${key}`).toBeTruthy();
        expect(holes(own), `${lang}.${key}`).toEqual(holes(text));
      }
    }
  });

  it("picks the invitation's language, else the survey's default, else English", () => {
    expect(feedbackLanguage('ar-IQ', 'en')).toBe('ar');
    expect(feedbackLanguage(null, 'ru')).toBe('ru');
    expect(feedbackLanguage('de', 'sr-Latn')).toBe('en');
    expect(feedbackLanguage(undefined, undefined)).toBe('en');
  });

  it('writes the figures in Arabic with its own text and number formatting', () => {
    const s = buildFeedbackSummary({ definition: def, summary: summary(6, [likert('sat', { '5': 6 })]) });
    const lines = summaryLines(s, 'ar');
    expect(lines[0]).toContain('أجاب على الاستبيان');
    expect(lines[1]).toContain('كانوا راضين عن الفعالية');
    expect(lines[1]).toMatch(/100|١٠٠/);
  });
});
