import { describe, expect, it } from 'vitest';
import { sampleInput } from './__fixtures__/sample.js';
import { COUNTRY_CODES, isRtl, LanguageCode, Question, SurveyDefinition } from './schema.js';

const clone = () => structuredClone(sampleInput) as any;
const messages = (input: unknown) => {
  const r = SurveyDefinition.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('languages', () => {
  it('accepts short BCP-47-ish codes and rejects others', () => {
    for (const code of ['en', 'ru', 'ar', 'fa', 'prs', 'ps', 'ur', 'fr', 'tr', 'sr-Latn', 'pt-BR'])
      expect(LanguageCode.safeParse(code).success).toBe(true);
    for (const code of ['', 'EN', 'english', 'en_US', 'e'])
      expect(LanguageCode.safeParse(code).success).toBe(false);
  });

  it('isRtl is true for Arabic-script and Hebrew languages, false for others, script subtag wins', () => {
    for (const lang of ['ar', 'fa', 'prs', 'ps', 'ur', 'he', 'ar-IQ']) expect(isRtl(lang)).toBe(true);
    for (const lang of ['en', 'ru', 'fr', 'tr', 'uz', 'ku-Latn', 'az-Latn']) expect(isRtl(lang)).toBe(false);
    expect(isRtl('uz-Arab')).toBe(true);
  });
});

describe('country codes', () => {
  it('lists 249 ISO 3166-1 alpha-2 codes plus XK, unique, each a region Intl can name', () => {
    expect(COUNTRY_CODES).toHaveLength(250);
    expect(new Set(COUNTRY_CODES).size).toBe(250);
    const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    for (const c of COUNTRY_CODES) expect(names.of(c), c).toBeTruthy();
  });
});

describe('SurveyDefinition refinements', () => {
  it('accepts the sample survey and fills defaults', () => {
    const def = SurveyDefinition.parse(sampleInput);
    const notes = def.questions.find((q) => q.id === 'notes');
    expect(notes).toMatchObject({ maxLength: 5000, required: false });
  });

  it('rejects duplicate question ids', () => {
    const input = clone();
    input.questions[1].id = 'sat';
    expect(messages(input)).toContainEqual(expect.stringContaining('duplicate question id "sat"'));
  });

  it('rejects duplicate option ids within a question', () => {
    const input = clone();
    input.questions[2].options[1].id = 'a';
    expect(messages(input)).toContainEqual(expect.stringContaining('duplicate option id "a"'));
  });

  it('rejects showIf on a later question', () => {
    const input = clone();
    input.questions[1].showIf = { questionId: 'applied', equals: 'yes' };
    expect(messages(input)).toContainEqual(expect.stringContaining('earlier question'));
  });

  it('rejects showIf on an unknown question or on itself', () => {
    const input = clone();
    input.questions[4].showIf = { questionId: 'nope', equals: 'yes' };
    expect(messages(input)).toContainEqual(expect.stringContaining('earlier question'));
    input.questions[4].showIf = { questionId: 'how', equals: 'yes' };
    expect(messages(input)).toContainEqual(expect.stringContaining('earlier question'));
  });

  it('rejects showIf with a value that is not an option of the referenced question', () => {
    const input = clone();
    input.questions[4].showIf = { questionId: 'applied', in: ['yes', 'maybe'] };
    expect(messages(input)).toContainEqual(expect.stringContaining('"maybe" is not a possible answer'));
  });

  it('rejects showIf on a likert value outside its scale', () => {
    const input = clone();
    input.questions[1].showIf = { questionId: 'sat', notEquals: 6 };
    expect(messages(input)).toContainEqual(expect.stringContaining('6 is not a possible answer'));
  });

  it('rejects a knowledge item without correct options', () => {
    const input = clone();
    input.questions[7].correct = [];
    expect(messages(input).length).toBeGreaterThan(0);
  });

  it('rejects a knowledge item whose correct option does not exist', () => {
    const input = clone();
    input.questions[7].correct = ['z'];
    expect(messages(input)).toContainEqual(expect.stringContaining('correct option "z" is not an option'));
  });

  it('rejects number min greater than max', () => {
    const input = clone();
    input.questions[5].min = 50;
    expect(messages(input)).toContainEqual(expect.stringContaining('min is greater than max'));
  });

  it('rejects multiple choice minSelections greater than maxSelections', () => {
    const input = clone();
    input.questions[2].minSelections = 3;
    expect(messages(input)).toContainEqual(
      expect.stringContaining('minSelections is greater than maxSelections'),
    );
  });

  it('rejects a likert scale whose labelled points do not match the scale', () => {
    const input = clone();
    input.questions[0].scale = 7;
    expect(messages(input)).toContainEqual(expect.stringContaining('7-point scale needs 7'));
  });

  it('rejects profile options that are not standard, and options on the country question', () => {
    const input = clone();
    input.questions[10].options[0].id = 'woman';
    input.questions[11].options = [
      { id: 'af', label: { en: 'AF' } },
      { id: 'pk', label: { en: 'PK' } },
    ];
    const m = messages(input);
    expect(m).toContainEqual(expect.stringContaining('"woman" is not a standard gender option'));
    expect(m).toContainEqual(expect.stringContaining('country question takes no options'));
  });

  it('rejects an empty language list and repeated languages', () => {
    expect(messages({ ...clone(), languages: [] }).length).toBeGreaterThan(0);
    expect(messages({ ...clone(), languages: ['en', 'en'] })).toContainEqual(
      expect.stringContaining('languages repeat'),
    );
  });

  it('rejects pages that skip or reorder questions', () => {
    const ids = sampleInput.questions.map((q) => q.id);
    expect(
      messages({
        ...clone(),
        pages: [
          { id: 'p1', questionIds: ids.slice(0, 3) },
          { id: 'p2', questionIds: ids.slice(3) },
        ],
      }),
    ).toEqual([]);
    expect(messages({ ...clone(), pages: [{ id: 'p1', questionIds: ids.slice(1) }] })).toContainEqual(
      expect.stringContaining('pages must list'),
    );
  });

  it('rejects unknown question types and unknown fields', () => {
    expect(Question.safeParse({ id: 'x', type: 'slider', text: { en: 'x' } }).success).toBe(false);
    expect(
      Question.safeParse({ id: 'x', type: 'short_text', text: { en: 'x' }, colour: 'red' }).success,
    ).toBe(false);
  });

  it('rejects question ids that are not slugs', () => {
    const input = clone();
    input.questions[0].id = 'Sat.1';
    expect(messages(input).length).toBeGreaterThan(0);
  });
});
