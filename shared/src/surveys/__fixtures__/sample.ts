/** A small survey using every question type, for tests. */
import type * as z from 'zod/mini';
import { SurveyDefinition } from '../schema.js';

const t = (en: string, ar = `${en} (ar)`) => ({ en, ar });
const opts = (...ids: string[]) => ids.map((id) => ({ id, label: t(id) }));

export const sampleInput = {
  id: 'sample',
  version: 1,
  kind: 'post_event',
  title: t('Sample'),
  thanks: t('Thanks'),
  languages: ['en', 'ar'],
  questions: [
    {
      id: 'sat',
      type: 'likert',
      scale: 5,
      points: [t('1'), t('2'), t('3'), t('4'), t('5')],
      text: t('Satisfied?'),
      required: true,
      measure: 'satisfaction',
      level: 1,
    },
    { id: 'rec', type: 'rating_0_10', text: t('Recommend?') },
    {
      id: 'topics',
      type: 'multiple_choice',
      options: opts('a', 'b', 'c', 'd'),
      minSelections: 1,
      maxSelections: 2,
      text: t('Topics'),
    },
    { id: 'applied', type: 'single_choice', options: opts('yes', 'no'), text: t('Applied?'), required: true },
    {
      id: 'how',
      type: 'short_text',
      maxLength: 10,
      text: t('How?'),
      required: true,
      showIf: { questionId: 'applied', equals: 'yes' },
    },
    { id: 'hours', type: 'number', min: 0, max: 40, integer: true, text: t('Hours') },
    {
      id: 'self',
      type: 'self_rating',
      beforeLabel: t('Before'),
      afterLabel: t('After'),
      text: t('Knowledge'),
      required: true,
    },
    { id: 'k1', type: 'knowledge', options: opts('a', 'b', 'c'), correct: ['a'], text: t('K1') },
    {
      id: 'k2',
      type: 'knowledge',
      options: opts('a', 'b', 'c', 'd'),
      correct: ['a', 'c'],
      points: 2,
      text: t('K2'),
    },
    { id: 'notes', type: 'long_text', text: t('Notes') },
    { id: 'gender', type: 'profile', profile: 'gender', options: opts('female', 'male'), text: t('Gender') },
    { id: 'country', type: 'profile', profile: 'country', text: t('Country') },
  ],
} satisfies z.input<typeof SurveyDefinition>;

export const sample: SurveyDefinition = SurveyDefinition.parse(sampleInput);

/** A complete valid answer set for `sample`. */
export const validAnswers = {
  sat: 4,
  rec: 9,
  topics: ['c', 'a'],
  applied: 'yes',
  how: '  Training ',
  hours: 12,
  self: { before: 2, after: 4 },
  k1: 'a',
  k2: ['c', 'a'],
  notes: 'Good',
  gender: 'female',
  country: 'AF',
};
