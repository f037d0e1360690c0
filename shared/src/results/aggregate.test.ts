import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { postEventTemplate } from '../surveys/templates.js';
import { addDeltas, differences, responseDelta } from './aggregate.js';

const def = postEventTemplate();

describe('responseDelta', () => {
  it('adds n, sum and sum of squares per measure, overall and per profile answer', () => {
    const d = responseDelta(def, {
      satisfaction: 4,
      gender: 'female',
      country: 'AF',
      self_rated_knowledge: { before: 2, after: 5 },
    });
    expect(d['responses|all|n']).toBe(1);
    expect(d['satisfaction|all|sum']).toBe(4);
    expect(d['satisfaction|all|sq']).toBe(16);
    expect(d['satisfaction|gender=female|n']).toBe(1);
    expect(d['satisfaction|country=AF|sum']).toBe(4);
    expect(d['satisfaction|all|c:4']).toBe(1);
    expect(d['self_rated_knowledge.after|all|sum']).toBe(5);
    expect(d['gender|all|c:female']).toBe(1);
    // Profile answers are not broken down by themselves.
    expect(d['gender|gender=female|c:female']).toBeUndefined();
  });

  it('ignores free text and unanswered questions', () => {
    const d = responseDelta(def, { most_useful: 'the site visit' });
    expect(Object.keys(d)).toEqual(['responses|all|n']);
  });
});

describe('addDeltas', () => {
  const delta = fc.dictionary(
    fc.constantFrom('a|all|n', 'b|all|sum', 'c|x=1|sq'),
    fc.integer({ min: 0, max: 100 }),
  );
  it('is associative and commutative, so shards can be summed in any order', () => {
    fc.assert(
      fc.property(delta, delta, delta, (a, b, c) => {
        expect(differences(addDeltas(addDeltas(a, b), c), addDeltas(a, addDeltas(b, c)))).toEqual([]);
        expect(differences(addDeltas(a, b), addDeltas(b, a))).toEqual([]);
      }),
    );
  });
  it('reports the keys that differ, missing counting as zero', () => {
    expect(differences({ a: 1, b: 2 }, { a: 1, c: 3 })).toEqual([
      { key: 'b', maintained: 2, rebuilt: 0 },
      { key: 'c', maintained: 0, rebuilt: 3 },
    ]);
  });
});
