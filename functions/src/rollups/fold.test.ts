import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { knowledgeTestTemplate, postEventTemplate } from '../../../shared/src/surveys/templates.js';
import {
  attendeeContribution,
  counterDeltas,
  emptyRollup,
  fold,
  pairsOf,
  type ResponseImage,
  responseContribution,
  rollupDifferences,
} from './fold.js';

const post = postEventTemplate();
const response = (over: Partial<ResponseImage> = {}): ResponseImage => ({
  type: 'response',
  surveyId: 's1',
  activityId: 'a1',
  responseId: 'r1',
  surveyVersion: 1,
  answers: { satisfaction: 4, gender: 'female' },
  submittedAt: '2024-01-01T10:00:00Z',
  ...over,
});

describe('roll-up fold', () => {
  it('adds a response to its survey, overall and breakdown figures apart, and removes it again', () => {
    const state = emptyRollup('a1');
    const c = responseContribution(response(), post);
    if (!c) throw new Error('no contribution');
    fold(state, c, 1);
    expect(state.surveys.s1?.overall['satisfaction|all|sum']).toBe(4);
    expect(state.surveys.s1?.breakdown['satisfaction|gender=female|sum']).toBe(4);
    expect(state.surveys.s1?.versions).toEqual({ '1': 1 });
    fold(state, c, -1);
    expect(state.surveys.s1?.overall['responses|all|n']).toBe(0);
    expect(state.surveys.s1?.versions).toEqual({});
  });

  it('gives nothing for a response that is not counted', () => {
    expect(responseContribution(response({ counted: false }), post)).toBeNull();
  });

  it('counts attendees, women, countries and organisations (normalised), and forgets a removed one', () => {
    const state = emptyRollup('a1');
    const a = attendeeContribution({
      type: 'attendee',
      activityId: 'a1',
      country: 'AF',
      organisation: ' IOM  Kabul',
      gender: 'female',
    });
    const b = attendeeContribution({
      type: 'attendee',
      activityId: 'a1',
      country: 'PK',
      organisation: 'iom kabul',
      gender: 'male',
    });
    fold(state, a, 1);
    fold(state, b, 1);
    expect(state.attendance).toEqual({
      participants: 2,
      women: 1,
      countries: { AF: 1, PK: 1 },
      organisations: { 'iom kabul': 2 },
    });
    fold(state, b, -1);
    expect(state.attendance).toEqual({
      participants: 1,
      women: 1,
      countries: { AF: 1 },
      organisations: { 'iom kabul': 1 },
    });
  });

  it('pairs pre-test and post-test responses by pairing code, in points of the test', () => {
    const state = emptyRollup('a1');
    const pre = knowledgeTestTemplate('pre_test');
    const postTest = knowledgeTestTemplate('post_event');
    const scored = (surveyId: string, responseId: string, points: number) =>
      response({ surveyId, responseId, pairingCode: 'p1', answers: {}, score: { points, maxPoints: 4 } });
    fold(state, responseContribution(scored('pre', 'r1', 1), pre)!, 1);
    expect(pairsOf(state)).toBeNull();
    fold(state, responseContribution(scored('post', 'r2', 3), postTest)!, 1);
    expect(pairsOf(state)).toEqual({ pairs: [{ pre: 1, post: 3 }], max: 4, unit: 'points' });
  });

  it('ends in the same state whatever the order of the contributions (the stream gives no order across items)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ s: fc.integer({ min: 1, max: 5 }), g: fc.constantFrom('female', 'male') }), {
          maxLength: 20,
        }),
        fc.nat(),
        (answers, seed) => {
          const cs = answers.map(
            (a, i) =>
              responseContribution(
                response({ responseId: `r${i}`, answers: { satisfaction: a.s, gender: a.g } }),
                post,
              )!,
          );
          const inOrder = emptyRollup('a1');
          for (const c of cs) fold(inOrder, c, 1);
          const shuffled = emptyRollup('a1');
          const order = cs.map((c, i) => ({ c, k: (i * 7919 + seed) % 104729 })).sort((x, y) => x.k - y.k);
          for (const { c } of order) fold(shuffled, c, 1);
          expect(rollupDifferences(inOrder, shuffled)).toEqual([]);
        },
      ),
    );
  });
});

describe("counterDeltas: what a batch of changes does to the surveys' response counters", () => {
  const mine = (over: Partial<ResponseImage> = {}) => response({ tally: 'stream', ...over });
  it("counts a new response once, and a personal link's for the response rate too", () => {
    expect(
      counterDeltas([
        { old: null, new: mine({ responseId: 'a' }) },
        { old: null, new: mine({ responseId: 'b', personalLink: true }) },
        { old: null, new: mine({ responseId: 'c', surveyId: 's2', counted: false }) },
      ]),
    ).toEqual({ s1: { responses: 2, responded: 1 }, s2: { responses: 1, responded: 0 } });
  });
  it('moves nothing for a change of a stored response (an exclusion, its undo)', () => {
    expect(counterDeltas([{ old: mine(), new: mine({ counted: false }) }])).toEqual({});
  });
  it('takes a removed response out', () => {
    expect(counterDeltas([{ old: mine({ personalLink: true }), new: null }])).toEqual({
      s1: { responses: -1, responded: -1 },
    });
  });
  it('leaves out responses whose submission moved the counter itself (no tally), and attendees', () => {
    expect(
      counterDeltas([
        { old: null, new: response() },
        { old: null, new: { type: 'attendee', activityId: 'a1', gender: 'female' } },
      ]),
    ).toEqual({});
  });
});
