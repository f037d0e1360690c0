import { describe, expect, it } from 'vitest';
import type { SurveyDefinition } from '../surveys/schema.js';
import {
  commentLanguages,
  fold,
  gatherComments,
  listComments,
  quoteOf,
  quoteText,
  type ResponseForComments,
  themeCounts,
  themeNameKey,
} from './rules.js';

const def = {
  questions: [
    { id: 'sat', type: 'likert', text: { en: 'Satisfied?' }, scale: 5, points: [] },
    { id: 'useful', type: 'long_text', text: { en: 'Most useful?' } },
    { id: 'improve', type: 'short_text', text: { en: 'What to improve?' } },
  ],
} as unknown as Pick<SurveyDefinition, 'questions'>;

const key = (r: string, q: string) => `${r}:${q}`;

const responses: ResponseForComments[] = [
  {
    responseId: 'r1',
    language: 'en',
    receivedAt: '2026-05-01T10:00:00Z',
    answers: { sat: 5, useful: 'The exchange with the border police', improve: '  ' },
  },
  {
    responseId: 'r2',
    language: 'ar',
    receivedAt: '2026-05-03T09:00:00Z',
    answers: { useful: 'تبادلُ الخبرات مع الزملاء', improve: 'More time for visa questions' },
  },
  {
    responseId: 'r3',
    language: 'ru',
    receivedAt: '2026-05-02T08:00:00Z',
    answers: { useful: 'Обмен опытом' },
    counted: false,
  },
  {
    responseId: 'r4',
    language: 'fr',
    receivedAt: '2026-05-02T12:00:00Z',
    answers: { improve: 'Café trop froid' },
  },
];

describe('gathering free-text answers', () => {
  const comments = gatherComments(def, responses, key, new Map([['r2:useful', ['T2', 'T1']]]));

  it('lists every non-blank free-text answer of counted responses, newest first, without respondent detail', () => {
    expect(comments.map((c) => c.key)).toEqual(['r2:improve', 'r2:useful', 'r4:improve', 'r1:useful']);
    // A repeat attempt (counted: false) gives nothing; a blank answer gives nothing.
    expect(comments.some((c) => c.text === 'Обмен опытом')).toBe(false);
    expect(Object.keys(comments[0]!).sort()).toEqual([
      'day',
      'key',
      'language',
      'questionId',
      'text',
      'themes',
    ]);
    expect(comments[0]!.day).toBe('2026-05-03');
    expect(comments[1]!.themes).toEqual(['T1', 'T2']);
  });

  it('searches folded text: case, accents and Arabic short vowels do not matter; all words must appear', () => {
    const find = (q: string) => listComments(comments, def, { q }).items.map((c) => c.key);
    expect(find('cafe')).toEqual(['r4:improve']);
    expect(find('BORDER police')).toEqual(['r1:useful']);
    expect(find('border visa')).toEqual([]);
    expect(find('تبادل')).toEqual(['r2:useful']);
    expect(fold('ÉCOLE  ـمدرسةٌ')).toBe('ecole مدرسة');
  });

  it('filters by question, language and theme (or none), orders by question and pages', () => {
    expect(listComments(comments, def, { questionId: 'improve' }).total).toBe(2);
    expect(listComments(comments, def, { language: 'ar' }).items.map((c) => c.key)).toEqual([
      'r2:improve',
      'r2:useful',
    ]);
    expect(listComments(comments, def, { theme: 'T1' }).items.map((c) => c.key)).toEqual(['r2:useful']);
    expect(listComments(comments, def, { theme: 'none' }).total).toBe(3);
    expect(listComments(comments, def, { order: 'question' }).items.map((c) => c.key)).toEqual([
      'r2:useful',
      'r1:useful',
      'r2:improve',
      'r4:improve',
    ]);
    const page2 = listComments(comments, def, { pageSize: 3, page: 2 });
    expect(page2).toMatchObject({ total: 4, pages: 2, page: 2 });
    expect(page2.items.map((c) => c.key)).toEqual(['r1:useful']);
    // A page past the end gives the last one.
    expect(listComments(comments, def, { pageSize: 3, page: 9 }).page).toBe(2);
  });

  it('counts themes per free-text question, with the untagged answers', () => {
    expect(themeCounts(comments, def)).toEqual([
      { questionId: 'useful', answers: 2, untagged: 1, themes: { T1: 1, T2: 1 } },
      { questionId: 'improve', answers: 2, untagged: 2, themes: {} },
    ]);
    expect(commentLanguages(comments)).toEqual([
      { lang: 'ar', count: 2 },
      { lang: 'fr', count: 1 },
      { lang: 'en', count: 1 },
    ]);
  });

  it('quotes an answer with its survey and question, nothing about who wrote it', () => {
    const q = quoteOf('S1', comments[1]!);
    expect(q).toEqual({
      text: 'تبادلُ الخبرات مع الزملاء',
      surveyId: 'S1',
      questionId: 'useful',
      language: 'ar',
    });
    expect(quoteText(q)).toBe('“تبادلُ الخبرات مع الزملاء” (survey S1, question useful)');
  });

  it('treats theme names that differ only in case, accents or spaces as one', () => {
    expect(themeNameKey(' Visa  Procédures')).toBe(themeNameKey('visa procedures'));
  });
});
