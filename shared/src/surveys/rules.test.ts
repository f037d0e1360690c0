import { describe, expect, it } from 'vitest';
import { sample, sampleInput } from './__fixtures__/sample.js';
import {
  columnsAcross,
  columnsOf,
  isVisible,
  missingTranslations,
  needsNewVersion,
  nextVersion,
  reviseSurvey,
  translationCompleteness,
  visibleQuestionIds,
} from './rules.js';
import { type Question, SurveyDefinition } from './schema.js';

const q = (id: string) => sample.questions.find((x) => x.id === id)!;

describe('missingTranslations', () => {
  it('finds nothing when every text has every offered language', () => {
    expect(missingTranslations(sample)).toEqual([]);
  });

  it('reports each text lacking an offered language by id-based path, blank counting as missing', () => {
    const input = structuredClone(sampleInput) as any;
    input.languages = ['en', 'ar', 'ru'];
    input.questions[0].text = { en: 'Satisfied?', ar: '   ' };
    const missing = missingTranslations(SurveyDefinition.parse(input));
    expect(missing).toContainEqual({ path: ['questions', 'sat', 'text'], lang: 'ar' });
    expect(missing).toContainEqual({ path: ['questions', 'topics', 'options', 'b', 'label'], lang: 'ru' });
    expect(missing).toContainEqual({ path: ['questions', 'sat', 'points', 5], lang: 'ru' });
    expect(missing.filter((m) => m.lang === 'en')).toEqual([]);
  });

  it('gives a completeness percentage per language', () => {
    const input = structuredClone(sampleInput) as any;
    input.languages = ['en', 'ar', 'ru'];
    input.title.ru = 'Пример';
    const result = translationCompleteness(SurveyDefinition.parse(input));
    const total = result[0]!.total;
    expect(result.map((r) => r.lang)).toEqual(['en', 'ar', 'ru']);
    expect(result[0]).toMatchObject({ translated: total, percent: 100 });
    // ru: only the title of `total` texts is translated
    expect(result[2]).toMatchObject({ translated: 1, percent: 100 / total });
  });
});

describe('isVisible', () => {
  it('shows a question without condition', () => {
    expect(isVisible(q('sat'), {})).toBe(true);
  });

  it('evaluates equals, in and notEquals against scalar answers', () => {
    expect(isVisible(q('how'), { applied: 'yes' })).toBe(true);
    expect(isVisible(q('how'), { applied: 'no' })).toBe(false);
    expect(isVisible(q('how'), {})).toBe(false);
    const inQ = { ...q('how'), showIf: { questionId: 'sat', in: [4, 5] } } as Question;
    expect(isVisible(inQ, { sat: 5 })).toBe(true);
    expect(isVisible(inQ, { sat: 3 })).toBe(false);
    const notQ = { ...q('how'), showIf: { questionId: 'applied', notEquals: 'no' } } as Question;
    expect(isVisible(notQ, { applied: 'yes' })).toBe(true);
    expect(isVisible(notQ, { applied: 'no' })).toBe(false);
    expect(isVisible(notQ, {})).toBe(false); // unanswered: condition false, even notEquals
  });

  it('treats a multiple-choice answer as "includes"', () => {
    const incl = { ...q('how'), showIf: { questionId: 'topics', equals: 'b' } } as Question;
    expect(isVisible(incl, { topics: ['a', 'b'] })).toBe(true);
    expect(isVisible(incl, { topics: ['a'] })).toBe(false);
  });

  it('does not read inherited properties as answers', () => {
    const weird = { ...q('how'), showIf: { questionId: 'constructor', notEquals: 'x' } } as any;
    expect(isVisible(weird, {})).toBe(false);
  });

  it('visibleQuestionIds ignores answers of hidden questions in later conditions', () => {
    const input = structuredClone(sampleInput) as any;
    // hours shown only if how == 'x'; how shown only if applied == yes
    input.questions[4] = {
      id: 'how',
      type: 'single_choice',
      options: [
        { id: 'x', label: { en: 'x', ar: 'x' } },
        { id: 'y', label: { en: 'y', ar: 'y' } },
      ],
      text: { en: 'h', ar: 'h' },
      showIf: { questionId: 'applied', equals: 'yes' },
    };
    input.questions[5].showIf = { questionId: 'how', equals: 'x' };
    const def = SurveyDefinition.parse(input);
    expect(visibleQuestionIds(def, { applied: 'yes', how: 'x' })).toContain('hours');
    expect(visibleQuestionIds(def, { applied: 'no', how: 'x' })).not.toContain('hours');
  });
});

describe('versioning', () => {
  it('needs a new version only once there are responses', () => {
    expect(needsNewVersion(false)).toBe(false);
    expect(needsNewVersion(true)).toBe(true);
  });

  it('nextVersion numbers a deep copy and leaves the original intact', () => {
    const before = structuredClone(sample);
    const next = nextVersion(sample);
    expect(next.version).toBe(sample.version + 1);
    (next.questions[0]!.text as Record<string, string>).en = 'changed';
    expect(sample).toEqual(before);
  });

  it('reviseSurvey keeps the version while unanswered and bumps it once answered, mutating nothing', () => {
    const current = structuredClone(sample);
    const edited = { ...structuredClone(sample), title: { en: 'New', ar: 'جديد' } };
    const editedCopy = structuredClone(edited);
    expect(reviseSurvey(current, edited, false).version).toBe(1);
    const stored = reviseSurvey(current, edited, true);
    expect(stored).toMatchObject({ version: 2, title: { en: 'New' } });
    expect(current).toEqual(sample);
    expect(edited).toEqual(editedCopy);
    stored.questions.pop();
    expect(edited.questions).toHaveLength(sample.questions.length);
  });
});

describe('columns', () => {
  it('lists id-keyed columns with sub-parts for self-rating, multiple choice and knowledge', () => {
    const keys = columnsOf(sample).map((c) => c.key);
    expect(keys).toEqual([
      'sat',
      'rec',
      'topics.a',
      'topics.b',
      'topics.c',
      'topics.d',
      'applied',
      'how',
      'hours',
      'self.before',
      'self.after',
      'k1',
      'k1.score',
      'k2',
      'k2.score',
      'notes',
      'gender',
      'country',
    ]);
  });

  it('keeps earlier columns in place across versions and appends new ones', () => {
    const v2input = structuredClone(sampleInput) as any;
    v2input.version = 2;
    v2input.questions = v2input.questions.filter((x: any) => x.id !== 'rec'); // removed question
    v2input.questions[1].options.push({ id: 'e', label: { en: 'e', ar: 'e' } }); // new option
    v2input.questions.splice(0, 0, { id: 'first', type: 'short_text', text: { en: 'f', ar: 'f' } }); // inserted first
    const v2 = SurveyDefinition.parse(v2input);
    const v1Keys = columnsOf(sample).map((c) => c.key);
    const union = columnsAcross([v2, sample]).map((c) => c.key);
    expect(union.slice(0, v1Keys.length)).toEqual(v1Keys);
    expect(union.slice(v1Keys.length)).toEqual(['first', 'topics.e']);
  });
});
