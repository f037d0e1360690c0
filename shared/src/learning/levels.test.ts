import { describe, expect, it } from 'vitest';
import { MeasureTag } from '../surveys/schema.js';
import { LEVEL_OF_MEASURE, levelOf, rollUpByLevel } from './levels.js';

describe('levelOf', () => {
  it('uses the measure: reaction, learning, behaviour', () => {
    expect(levelOf({ type: 'likert', measure: 'satisfaction' })).toEqual({ level: 1, source: 'measure' });
    expect(levelOf({ type: 'likert', measure: 'relevance' })?.level).toBe(1);
    expect(levelOf({ type: 'knowledge', measure: 'knowledge' })?.level).toBe(2);
    expect(levelOf({ type: 'self_rating', measure: 'self_rated_knowledge' })?.level).toBe(2);
    expect(levelOf({ type: 'single_choice', measure: 'application' })?.level).toBe(3);
  });

  it("the question's own level wins over its measure", () => {
    expect(levelOf({ type: 'likert', measure: 'satisfaction', level: 3 })).toEqual({
      level: 3,
      source: 'question',
    });
  });

  it('follow-up surveys feed level 3 for questions without a level; profile never', () => {
    expect(levelOf({ type: 'long_text', measure: 'other' }, 'follow_up')).toEqual({
      level: 3,
      source: 'follow_up',
    });
    expect(levelOf({ type: 'long_text' }, 'follow_up')?.level).toBe(3);
    expect(levelOf({ type: 'profile', measure: 'profile' }, 'follow_up')).toBeNull();
    expect(levelOf({ type: 'long_text', measure: 'other' }, 'post_event')).toBeNull();
    expect(levelOf({ type: 'knowledge', measure: 'knowledge' }, 'follow_up')?.level).toBe(2); // retention
  });

  it('every measure tag has an entry', () => {
    for (const tag of MeasureTag.options) expect(LEVEL_OF_MEASURE).toHaveProperty(tag);
  });
});

describe('rollUpByLevel', () => {
  it('groups by level, unassigned kept apart, order kept', () => {
    const r = rollUpByLevel([
      { id: 'a', level: 1 as const },
      { id: 'b', level: 3 as const },
      { id: 'c', level: null },
      { id: 'd', level: 1 as const },
      { id: 'e', level: undefined },
    ]);
    expect(r[1].map((v) => v.id)).toEqual(['a', 'd']);
    expect(r[2]).toEqual([]);
    expect(r[3].map((v) => v.id)).toEqual(['b']);
    expect(r.unassigned.map((v) => v.id)).toEqual(['c', 'e']);
    expect(r.counts).toEqual({ 1: 2, 2: 0, 3: 1, unassigned: 2 });
  });
});
