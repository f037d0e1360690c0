import type { SurveyDefinition } from '../../../shared/src/surveys/schema.js';

// Synthetic answers for demo data and benchmarks, generated reproducibly from a seed.

/** A small seeded PRNG (mulberry32): the same seed gives the same demo data on every machine. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: () => number, items: readonly T[], weights?: readonly number[]): T => {
  const w = weights ?? items.map(() => 1);
  let x = r() * w.reduce((s, v) => s + v, 0);
  for (let i = 0; i < items.length; i++) {
    x -= w[i] ?? 0;
    if (x < 0) return items[i] as T;
  }
  return items[items.length - 1] as T;
};

export const uuidFrom = (r: () => number) =>
  'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const v = Math.floor(r() * 16);
    return (c === 'x' ? v : (v & 0x3) | 0x8).toString(16);
  });

export const COUNTRIES = ['AF', 'PK', 'IQ', 'IR', 'BD', 'TR', 'BG', 'MK', 'RS', 'DE', 'AT', 'HU'];
const COMMENTS = [
  'The exchange with colleagues from other border agencies.',
  'Practical examples of document checks.',
  'Обмен опытом с коллегами из других стран.',
  'تبادل الخبرات حول إدارة الحدود المتكاملة.',
  'Site visit to the border crossing point.',
];

export function postEventAnswers(r: () => number): Record<string, unknown> {
  const before = pick(r, [1, 2, 3], [3, 5, 2]);
  return {
    satisfaction: pick(r, [2, 3, 4, 5], [1, 2, 6, 5]),
    relevance: pick(r, [3, 4, 5], [2, 6, 4]),
    intent_to_apply: pick(r, [3, 4, 5], [2, 5, 5]),
    self_rated_knowledge: { before, after: Math.min(5, before + pick(r, [0, 1, 2], [1, 5, 3])) },
    recommend: pick(r, [6, 7, 8, 9, 10], [1, 2, 4, 4, 2]),
    ...(r() < 0.4 ? { most_useful: pick(r, COMMENTS) } : {}),
    gender: pick(r, ['female', 'male', 'prefer_not_to_say'], [4, 6, 1]),
    country: pick(r, COUNTRIES),
  };
}

/**
 * Knowledge-test answers: each item right with probability `p` (a participant who learned is more
 * often right after the training), else a wrong option. The pairing code links pre and post.
 */
export function knowledgeAnswers(def: SurveyDefinition, r: () => number, p: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const q of def.questions) {
    if (q.type !== 'knowledge') continue;
    const wrong = q.options.map((o) => o.id).filter((id) => !q.correct.includes(id));
    out[q.id] = r() < p ? [...q.correct] : [pick(r, wrong)];
  }
  return out;
}
