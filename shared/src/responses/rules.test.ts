import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sample, validAnswers } from '../surveys/__fixtures__/sample.js';
import { SurveyDefinition } from '../surveys/schema.js';
import { canonicalJson, sameSubmission, scoreKnowledge, validateAnswers } from './rules.js';
import { AnswerIssueCode, ResponseSubmission } from './schema.js';

/** Validate `validAnswers` with some answers replaced (undefined removes one). */
function issuesWith(changes: Record<string, unknown>) {
  const answers: Record<string, unknown> = { ...validAnswers };
  for (const [k, v] of Object.entries(changes))
    if (v === undefined) delete answers[k];
    else answers[k] = v;
  const r = validateAnswers(sample, answers);
  return r.ok ? [] : r.issues;
}

describe('validateAnswers accepts and normalises', () => {
  it('accepts a complete valid answer set and normalises it', () => {
    const r = validateAnswers(sample, validAnswers);
    expect(r).toEqual({
      ok: true,
      value: { ...validAnswers, topics: ['a', 'c'], how: 'Training', k1: ['a'], k2: ['a', 'c'] },
    });
  });

  it('drops blank answers of optional questions', () => {
    const r = validateAnswers(sample, { ...validAnswers, notes: '  ', rec: null, topics: [] });
    expect(r.ok && Object.keys(r.value)).not.toContain('notes');
    expect(r.ok && Object.keys(r.value)).not.toContain('rec');
    expect(r.ok && Object.keys(r.value)).not.toContain('topics');
  });

  it('does not require a hidden required question', () => {
    expect(issuesWith({ applied: 'no', how: undefined })).toEqual([]);
  });
});

describe('validateAnswers rejects every invalid-answer class with its own code', () => {
  const cases: [AnswerIssueCode, () => ReturnType<typeof issuesWith>, (string | number)[]][] = [
    [
      'answers_not_object',
      () => {
        const r = validateAnswers(sample, ['sat', 4]);
        return r.ok ? [] : r.issues;
      },
      ['answers'],
    ],
    ['unknown_question', () => issuesWith({ colour: 'red' }), ['answers', 'colour']],
    ['wrong_type', () => issuesWith({ sat: '4' }), ['answers', 'sat']],
    ['required', () => issuesWith({ sat: undefined }), ['answers', 'sat']],
    ['hidden_question_answered', () => issuesWith({ applied: 'no' }), ['answers', 'how']],
    ['invalid_option', () => issuesWith({ topics: ['a', 'z'] }), ['answers', 'topics', 1]],
    ['duplicate_option', () => issuesWith({ topics: ['a', 'a'] }), ['answers', 'topics', 1]],
    [
      'too_few_selections',
      () => {
        const d = structuredClone(sample) as any;
        d.questions[2].minSelections = 2;
        const r = validateAnswers(SurveyDefinition.parse(d), { ...validAnswers, topics: ['a'] });
        return r.ok ? [] : r.issues;
      },
      ['answers', 'topics'],
    ],
    ['too_many_selections', () => issuesWith({ topics: ['a', 'b', 'c'] }), ['answers', 'topics']],
    ['out_of_scale', () => issuesWith({ rec: 11 }), ['answers', 'rec']],
    ['not_integer', () => issuesWith({ hours: 1.5 }), ['answers', 'hours']],
    ['number_too_small', () => issuesWith({ hours: -1 }), ['answers', 'hours']],
    ['number_too_large', () => issuesWith({ hours: 41 }), ['answers', 'hours']],
    ['text_too_long', () => issuesWith({ how: 'x'.repeat(11) }), ['answers', 'how']],
    ['self_rating_incomplete', () => issuesWith({ self: { before: 2 } }), ['answers', 'self', 'after']],
    [
      'self_rating_out_of_scale',
      () => issuesWith({ self: { before: 0, after: 6 } }),
      ['answers', 'self', 'before'],
    ],
    ['invalid_knowledge_option', () => issuesWith({ k2: ['a', 'x'] }), ['answers', 'k2', 1]],
  ];

  it('covers every code', () => {
    expect(cases.map((c) => c[0]).sort()).toEqual([...AnswerIssueCode.options].sort());
  });

  it.each(cases)('%s', (code, run, path) => {
    const issues = run();
    expect(issues.map((i) => i.code)).toEqual(expect.arrayContaining([code]));
    expect(issues.find((i) => i.code === code)?.path).toEqual(path);
  });
});

describe('validateAnswers details', () => {
  it('rejects a likert value with a fraction as not_integer and outside the scale as out_of_scale', () => {
    expect(issuesWith({ sat: 3.5 }).map((i) => i.code)).toEqual(['not_integer']);
    expect(issuesWith({ sat: 6 }).map((i) => i.code)).toEqual(['out_of_scale']);
  });

  it('rejects a profile answer not in its list, including a lower-case country code', () => {
    expect(issuesWith({ gender: 'other' }).map((i) => i.code)).toEqual(['invalid_option']);
    expect(issuesWith({ country: 'af' }).map((i) => i.code)).toEqual(['invalid_option']);
  });

  it('rejects two answers to a single-correct knowledge item', () => {
    expect(issuesWith({ k1: ['a', 'b'] }).map((i) => i.code)).toEqual(['too_many_selections']);
  });

  it('counts text length in characters, not UTF-16 units', () => {
    expect(issuesWith({ how: '😀'.repeat(10) })).toEqual([]);
    expect(issuesWith({ how: 'دریدریدریدریدری' })).toHaveLength(1);
  });

  it('rejects extra keys in a self-rating', () => {
    expect(issuesWith({ self: { before: 1, after: 2, during: 3 } }).map((i) => i.path)).toEqual([
      ['answers', 'self', 'during'],
    ]);
  });

  it('does not call a dependent answer hidden when the answer it depends on is invalid', () => {
    expect(issuesWith({ applied: 'maybe' }).map((i) => i.code)).toEqual(['invalid_option']);
  });

  it('does not take inherited properties for answers', () => {
    const d = structuredClone(sample) as any;
    d.questions[9].id = 'constructor';
    const { notes: _notes, ...answers } = validAnswers;
    const r = validateAnswers(SurveyDefinition.parse(d), answers);
    expect(r.ok).toBe(true);
  });
});

describe('validateAnswers properties', () => {
  it('never throws on arbitrary JSON and returns issues under answers', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.dictionary(
            fc.constantFrom(...sample.questions.map((q) => q.id), 'x', '__proto__'),
            fc.jsonValue(),
          ),
        ),
        (answers) => {
          const r = validateAnswers(sample, answers);
          if (!r.ok) for (const i of r.issues) expect(i.path[0]).toBe('answers');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a normalised valid answer set validates again to itself', () => {
    const arbitraryAnswers = fc
      .record(
        {
          sat: fc.integer({ min: 1, max: 5 }),
          rec: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constant(null)),
          topics: fc.subarray(['a', 'b', 'c', 'd'], { minLength: 1, maxLength: 2 }),
          applied: fc.constantFrom('yes', 'no'),
          hours: fc.integer({ min: 0, max: 40 }),
          self: fc.record({ before: fc.integer({ min: 1, max: 5 }), after: fc.integer({ min: 1, max: 5 }) }),
          k1: fc.constantFrom('a', 'b', 'c'),
          k2: fc.subarray(['a', 'b', 'c', 'd']),
          notes: fc.string({ maxLength: 50 }),
          gender: fc.constantFrom('female', 'male'),
          country: fc.constantFrom('AF', 'PK', 'XK', 'TR'),
          how: fc.string({ maxLength: 10 }),
        },
        { requiredKeys: ['sat', 'applied', 'self'] },
      )
      .map((a) => (a.applied === 'no' ? { ...a, how: undefined } : a));
    fc.assert(
      fc.property(arbitraryAnswers, (answers) => {
        const first = validateAnswers(sample, JSON.parse(JSON.stringify(answers)));
        if (!first.ok) return; // e.g. `how` blank while required
        expect(validateAnswers(sample, first.value)).toEqual(first);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('scoreKnowledge', () => {
  it('scores all or nothing per item, also for items with several correct options', () => {
    // k1 (1 point) right; k2 (2 points, correct a+c) half right -> 0: 1 of 3 points
    expect(scoreKnowledge(sample, { k1: ['a'], k2: ['a'] })).toMatchObject({
      points: 1,
      maxPoints: 3,
      percent: 100 / 3,
    });
    // k1 wrong; k2 exactly a+c -> 2 of 3
    expect(scoreKnowledge(sample, { k1: 'b', k2: ['c', 'a'] })).toMatchObject({ points: 2, maxPoints: 3 });
    // a superset is not correct
    expect(scoreKnowledge(sample, { k1: ['a'], k2: ['a', 'b', 'c'] })).toMatchObject({ points: 1 });
    expect(scoreKnowledge(sample, {})).toMatchObject({ points: 0, maxPoints: 3, percent: 0 });
  });

  it('has no percent when there is no knowledge item', () => {
    const d = structuredClone(sample);
    d.questions = d.questions.filter((q) => q.type !== 'knowledge');
    expect(scoreKnowledge(d, {})).toEqual({ points: 0, maxPoints: 0, percent: null, items: [] });
  });
});

describe('sameSubmission', () => {
  const base: ResponseSubmission = ResponseSubmission.parse({
    responseId: '0b7f5a4e-4c1d-4f7e-9a53-2f1f2a6c9d10',
    surveyVersion: 1,
    language: 'ar',
    answers: { sat: 4, self: { before: 2, after: 4 }, topics: ['a', 'c'] },
    pairingCode: 'blue-river-42',
    startedAt: '2025-03-01T10:00:00Z',
    submittedAt: '2025-03-01T10:05:00Z',
  });

  it('is true for the same content in another key order, and for a restamped submittedAt', () => {
    const reordered = JSON.parse(
      '{"submittedAt":"2025-03-01T10:07:00Z","answers":{"topics":["a","c"],"self":{"after":4,"before":2},"sat":4},"startedAt":"2025-03-01T10:00:00Z","pairingCode":"blue-river-42","language":"ar","surveyVersion":1,"responseId":"0b7f5a4e-4c1d-4f7e-9a53-2f1f2a6c9d10"}',
    );
    expect(sameSubmission(base, reordered)).toBe(true);
  });

  it('is false when an answer, the language, the version or the pairing code differ', () => {
    expect(sameSubmission(base, { ...base, answers: { ...base.answers, sat: 5 } })).toBe(false);
    expect(sameSubmission(base, { ...base, answers: { ...base.answers, topics: ['c', 'a'] } })).toBe(false);
    expect(sameSubmission(base, { ...base, language: 'en' })).toBe(false);
    expect(sameSubmission(base, { ...base, surveyVersion: 2 })).toBe(false);
    expect(sameSubmission(base, { ...base, pairingCode: undefined })).toBe(false);
  });

  it('canonicalJson sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"e":0,"f":1}]},"b":1}',
    );
  });
});

describe('ResponseSubmission', () => {
  it('rejects a pairing code outside 4-64 characters, a non-uuid id and non-ISO times', () => {
    const ok = {
      responseId: crypto.randomUUID(),
      surveyVersion: 1,
      language: 'en',
      answers: {},
      startedAt: '2025-03-01T10:00:00Z',
      submittedAt: '2025-03-01T10:00:00+04:30',
    };
    expect(ResponseSubmission.safeParse(ok).success).toBe(true);
    expect(ResponseSubmission.safeParse({ ...ok, pairingCode: 'abc' }).success).toBe(false);
    expect(ResponseSubmission.safeParse({ ...ok, pairingCode: 'x'.repeat(65) }).success).toBe(false);
    expect(ResponseSubmission.safeParse({ ...ok, responseId: 'r1' }).success).toBe(false);
    expect(ResponseSubmission.safeParse({ ...ok, startedAt: '1 March 2025' }).success).toBe(false);
  });
});
