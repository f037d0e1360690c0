import { describe, expect, it } from 'vitest';
import { scoreKnowledge, validateAnswers } from '../responses/rules.js';
import { missingTranslations, translationCompleteness, visibleQuestionIds } from './rules.js';
import { isRtl, SurveyDefinition } from './schema.js';
import { followUpTemplate, knowledgeTestTemplate, postEventTemplate, templates } from './templates.js';

const all = () => [
  postEventTemplate(),
  knowledgeTestTemplate('pre_test'),
  knowledgeTestTemplate('post_event'),
  followUpTemplate(),
];

describe('templates', () => {
  it.each(all().map((d) => [d.id, d] as const))(
    '%s passes the schema and has no missing translation',
    (_id, def) => {
      expect(SurveyDefinition.safeParse(def).success).toBe(true);
      expect(missingTranslations(def)).toEqual([]);
      expect(translationCompleteness(def).every((c) => c.percent === 100)).toBe(true);
    },
  );

  it('offer English, Russian and one right-to-left language', () => {
    for (const def of all()) {
      expect(def.languages).toEqual(['en', 'ru', 'ar']);
      expect(def.languages.some(isRtl)).toBe(true);
    }
  });

  it('are really translated: the Arabic texts are in Arabic script and differ from the English', () => {
    for (const def of all())
      for (const q of def.questions) {
        expect(q.text.ar).toMatch(/[\u0600-\u06FF]/);
        expect(q.text.ru).toMatch(/[\u0400-\u04FF]/);
      }
  });

  it('each call returns a fresh copy', () => {
    const a = postEventTemplate();
    a.questions.pop();
    expect(postEventTemplate().questions.length).toBe(a.questions.length + 1);
    expect(Object.keys(templates)).toHaveLength(3);
  });

  it('post-event feedback covers satisfaction, relevance, intent, self-rated knowledge, texts and all four profile questions', () => {
    const def = postEventTemplate();
    const measures = new Set(def.questions.map((q) => q.measure));
    for (const m of [
      'satisfaction',
      'relevance',
      'intent_to_apply',
      'self_rated_knowledge',
      'lessons',
      'profile',
    ] as const)
      expect(measures).toContain(m);
    expect(
      def.questions.filter((q) => q.type === 'profile').map((q) => q.type === 'profile' && q.profile),
    ).toEqual(['gender', 'country', 'organisation_type', 'role']);
    expect(def.questions.filter((q) => q.type === 'likert').length).toBeGreaterThanOrEqual(4);
  });

  it('knowledge test: pre and post share the same five scored items and explain the pairing code', () => {
    const pre = knowledgeTestTemplate('pre_test');
    const post = knowledgeTestTemplate('post_event');
    const items = (d: SurveyDefinition) => d.questions.filter((q) => q.type === 'knowledge');
    expect(items(pre)).toHaveLength(5);
    expect(items(post)).toEqual(items(pre));
    expect(pre.kind).toBe('pre_test');
    expect(post.kind).toBe('post_event');
    expect(pre.intro?.en).toContain('pairing code');
    const allRight = Object.fromEntries(
      items(pre).map((q) => [q.id, q.type === 'knowledge' ? q.correct : []]),
    );
    expect(scoreKnowledge(pre, allRight)).toMatchObject({ points: 5, maxPoints: 5, percent: 100 });
  });

  it('follow-up is level 3 and asks how only when applied', () => {
    const def = followUpTemplate();
    expect(def.questions.filter((q) => q.type !== 'profile').every((q) => q.level === 3)).toBe(true);
    expect(visibleQuestionIds(def, { applied: 'partly' })).toContain('how_applied');
    expect(visibleQuestionIds(def, { applied: 'no' })).not.toContain('how_applied');
    expect(visibleQuestionIds(def, { obstacles: ['other'] })).toContain('obstacles_other');
    const r = validateAnswers(def, {
      applied: 'no',
      obstacles: ['no_support', 'other'],
      obstacles_other: 'لا يوجد وقت كافٍ',
      gender: 'female',
      country: 'IQ',
    });
    expect(r.ok).toBe(true);
  });
});
