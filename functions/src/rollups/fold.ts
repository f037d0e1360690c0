/**
 * The per-activity roll-up, pure: what every response and attendee item of an activity contributes,
 * and the fold of such contributions into one state. The stream consumer folds the changes of a
 * batch (`+` the new image, `-` the old one); the rebuild folds every raw item from scratch; both
 * end in the same state, which `rollupDifferences` compares. No I/O here.
 *
 * A contribution is generic: a response adds its aggregate `Delta` (whatever keys
 * `responseDelta` produces) to its survey, so new delta keys flow through unchanged. A response
 * with `counted === false` contributes nothing.
 */
import { SELF_CODE_QUESTIONS } from '../../../shared/src/learning/pairing.js';
import { type Delta, responseDelta } from '../../../shared/src/results/aggregate.js';
import type { PairedFacts } from '../../../shared/src/results/indicators.js';
import { pairedScores, type ScoredResponse } from '../../../shared/src/results/learning.js';
import type { SurveyDefinition, SurveyKind } from '../../../shared/src/surveys/schema.js';
import { aggregatePartOf } from '../lib/keys.js';

/** One survey's part of a roll-up. */
export interface SurveyRollup {
  kind: SurveyKind;
  /** Whether the survey is a knowledge test (its definition has knowledge questions). */
  knowledge: boolean;
  /** Counted responses per survey version: the definition read is that of the newest answered one. */
  versions: Record<string, number>;
  /** Overall aggregate figures (`<measure>|all|<stat>`). */
  overall: Delta;
  /** Figures by a profile dimension (`<measure>|gender=female|<stat>`...). */
  breakdown: Delta;
}

/** A scored knowledge-test response, as pairing needs it (the code answers only, never the rest). */
export interface PairingEntry {
  /** Survey id. */
  s: string;
  /** submittedAt. */
  t: string;
  /** Device pairing code. */
  c?: string;
  /** Answers to the self-generated code questions (the only answers kept). */
  a?: Record<string, unknown>;
  /** Points, maximum points, percent. */
  p: number;
  m: number;
  pc?: number | null;
}

export interface AttendanceRollup {
  participants: number;
  women: number;
  /** People per country and per organisation (normalised: trimmed, spaces folded, lower case). */
  countries: Record<string, number>;
  organisations: Record<string, number>;
}

export interface RollupState {
  activityId: string;
  surveys: Record<string, SurveyRollup>;
  attendance: AttendanceRollup;
  /** Scored knowledge-test responses by response id (for pre/post pairing). */
  entries: Record<string, PairingEntry>;
}

export const emptyRollup = (activityId: string): RollupState => ({
  activityId,
  surveys: {},
  attendance: { participants: 0, women: 0, countries: {}, organisations: {} },
  entries: {},
});

/** What one item adds to its activity's roll-up (subtracted with sign -1 when it goes away). */
export type Contribution =
  | {
      kind: 'response';
      activityId: string;
      responseId: string;
      surveyId: string;
      surveyKind: SurveyKind;
      knowledge: boolean;
      version: number;
      delta: Delta;
      entry: PairingEntry | null;
    }
  | {
      kind: 'attendee';
      activityId: string;
      country: string | null;
      organisation: string | null;
      woman: boolean;
    };

/** The stored fields of a response item that a roll-up reads. */
export interface ResponseImage {
  type: 'response';
  surveyId: string;
  activityId: string;
  responseId: string;
  surveyVersion: number;
  answers: Record<string, unknown>;
  pairingCode?: string;
  score?: { points: number; maxPoints: number; percent?: number | null };
  submittedAt: string;
  counted?: boolean;
  /** See `ResponseRecord` (functions/src/responses/store.ts): what the survey's counters read. */
  personalLink?: true;
  tally?: 'stream';
}

export interface AttendeeImage {
  type: 'attendee';
  activityId: string;
  country?: string | null;
  organisation?: string | null;
  gender?: string | null;
}

const isKnowledge = (def: SurveyDefinition) => def.questions.some((q) => q.type === 'knowledge');

/** A response's contribution, or null when it counts for nothing (`counted === false`). */
export function responseContribution(r: ResponseImage, def: SurveyDefinition): Contribution | null {
  if (r.counted === false) return null;
  const score = r.score && r.score.maxPoints > 0 ? r.score : null;
  const knowledge = isKnowledge(def);
  const codeAnswers = Object.fromEntries(
    Object.values(SELF_CODE_QUESTIONS)
      .filter((id) => Object.hasOwn(r.answers, id))
      .map((id) => [id, r.answers[id]]),
  );
  return {
    kind: 'response',
    activityId: r.activityId,
    responseId: r.responseId,
    surveyId: r.surveyId,
    surveyKind: def.kind,
    knowledge,
    version: r.surveyVersion,
    delta: responseDelta(def, r.answers as never, score),
    entry:
      knowledge && r.score
        ? {
            s: r.surveyId,
            t: r.submittedAt,
            ...(r.pairingCode ? { c: r.pairingCode } : {}),
            ...(Object.keys(codeAnswers).length > 0 ? { a: codeAnswers } : {}),
            p: r.score.points,
            m: r.score.maxPoints,
            ...(r.score.percent !== undefined ? { pc: r.score.percent } : {}),
          }
        : null,
  };
}

export const normaliseOrganisation = (o: string) => o.trim().replace(/\s+/g, ' ').toLowerCase();

/** An attendee's contribution: one participant, their country, organisation and gender. */
export function attendeeContribution(a: AttendeeImage): Contribution {
  const org = a.organisation ? normaliseOrganisation(a.organisation) : '';
  return {
    kind: 'attendee',
    activityId: a.activityId,
    country: a.country || null,
    organisation: org === '' ? null : org,
    woman: a.gender === 'female',
  };
}

function addTo(map: Record<string, number>, key: string, amount: number): void {
  const v = (map[key] ?? 0) + amount;
  // A count back at zero leaves the map: the rebuild never has it.
  if (v === 0) delete map[key];
  else map[key] = v;
}

/** Adds (`sign` 1) or removes (`sign` -1) one contribution, in place. */
export function fold(state: RollupState, c: Contribution, sign: 1 | -1): void {
  if (c.kind === 'attendee') {
    const a = state.attendance;
    a.participants += sign;
    if (c.woman) a.women += sign;
    if (c.country) addTo(a.countries, c.country, sign);
    if (c.organisation) addTo(a.organisations, c.organisation, sign);
    return;
  }
  state.surveys[c.surveyId] ??= {
    kind: c.surveyKind,
    knowledge: c.knowledge,
    versions: {},
    overall: {},
    breakdown: {},
  };
  const s = state.surveys[c.surveyId] as SurveyRollup;
  s.kind = c.surveyKind;
  s.knowledge ||= c.knowledge;
  addTo(s.versions, String(c.version), sign);
  // Sums, not counts: a figure that returns to 0 stays (the rebuild keeps zero sums too).
  for (const [k, v] of Object.entries(c.delta)) {
    const target = aggregatePartOf(k) === 'A' ? s.overall : s.breakdown;
    target[k] = (target[k] ?? 0) + sign * v;
  }
  if (c.entry) {
    if (sign === 1) state.entries[c.responseId] = c.entry;
    else delete state.entries[c.responseId];
  }
}

/** The newest survey version with counted responses (its definition names the measures). */
export function answeredVersion(s: SurveyRollup): number | null {
  const versions = Object.entries(s.versions)
    .filter(([, n]) => n > 0)
    .map(([v]) => Number(v));
  return versions.length > 0 ? Math.max(...versions) : null;
}

/** The pre-test and knowledge post-test of a roll-up (the lowest survey id of each, if several). */
export function knowledgeTestIds(state: Pick<RollupState, 'surveys'>): {
  pre: string | null;
  post: string | null;
} {
  const ids = Object.keys(state.surveys).sort();
  const find = (kind: SurveyKind) =>
    ids.find((id) => {
      const s = state.surveys[id] as SurveyRollup;
      return s.kind === kind && s.knowledge && answeredVersion(s) !== null;
    }) ?? null;
  return { pre: find('pre_test'), post: find('post_event') };
}

/** The scored responses of one test, as the learning functions take them. */
export function scoredResponses(
  state: Pick<RollupState, 'entries' | 'activityId'>,
  surveyId: string,
): ScoredResponse[] {
  return Object.entries(state.entries)
    .filter(([, e]) => e.s === surveyId)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([responseId, e]) => ({
      responseId,
      activityId: state.activityId,
      submittedAt: e.t,
      pairingCode: e.c ?? null,
      answers: e.a ?? {},
      score: { points: e.p, maxPoints: e.m, percent: e.pc ?? null },
    }));
}

/**
 * The paired pre/post scores (null without both tests), as the engine's `PairedFacts`: in points of
 * the test, or in percent of each maximum when the paired responses' maxima differ.
 */
export function pairsOf(state: RollupState): PairedFacts | null {
  const { pre, post } = knowledgeTestIds(state);
  if (!pre || !post) return null;
  return pairedScores(
    { surveyId: pre, responses: scoredResponses(state, pre) },
    { surveyId: post, responses: scoredResponses(state, post) },
  );
}

/** JSON with keys sorted at every level: stored maps do not keep their key order. */
function canonical(v: unknown): string {
  if (v === undefined) return 'null';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  return `{${Object.keys(v)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
    .join(',')}}`;
}

/**
 * Where two roll-up states differ (maintained vs rebuilt), as readable lines; empty when equal.
 * Sums are compared with a tolerance of 1e-9 (float sums of the same numbers in another order).
 */
export function rollupDifferences(maintained: RollupState, rebuilt: RollupState): string[] {
  const out: string[] = [];
  const num = (label: string, a: number, b: number) => {
    if (Math.abs(a - b) > 1e-9) out.push(`${label}: maintained ${a}, rebuilt ${b}`);
  };
  const maps = (label: string, a: Record<string, number>, b: Record<string, number>) => {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
      num(`${label} ${k}`, a[k] ?? 0, b[k] ?? 0);
  };
  const ma = maintained.attendance;
  const ra = rebuilt.attendance;
  num('attendance participants', ma.participants, ra.participants);
  num('attendance women', ma.women, ra.women);
  maps('attendance country', ma.countries, ra.countries);
  maps('attendance organisation', ma.organisations, ra.organisations);
  const empty: SurveyRollup = {
    kind: 'post_event',
    knowledge: false,
    versions: {},
    overall: {},
    breakdown: {},
  };
  for (const id of new Set([...Object.keys(maintained.surveys), ...Object.keys(rebuilt.surveys)])) {
    const a = maintained.surveys[id] ?? empty;
    const b = rebuilt.surveys[id] ?? empty;
    maps(`survey ${id} version`, a.versions, b.versions);
    maps(`survey ${id}`, { ...a.overall, ...a.breakdown }, { ...b.overall, ...b.breakdown });
  }
  for (const id of new Set([...Object.keys(maintained.entries), ...Object.keys(rebuilt.entries)]))
    if (canonical(maintained.entries[id]) !== canonical(rebuilt.entries[id]))
      out.push(`pairing entry ${id} differs`);
  return out;
}

/** Changes to surveys' response counters, by survey id. */
export type SurveyCounts = Record<string, { responses: number; responded: number }>;

/**
 * What changes move the surveys' response counters: +1 for a response that appears, -1 for one that
 * goes, and the same for `responded` when it came through a personal link. Only responses written
 * since the consumer keeps the counters (`tally: 'stream'`) count: an earlier one moved the counter
 * in its own submission.
 */
export function counterDeltas(
  changes: readonly {
    old: ResponseImage | AttendeeImage | null;
    new: ResponseImage | AttendeeImage | null;
  }[],
): SurveyCounts {
  const out: SurveyCounts = {};
  const add = (image: ResponseImage | AttendeeImage | null, sign: 1 | -1) => {
    if (image?.type !== 'response' || image.tally !== 'stream') return;
    const c = out[image.surveyId] ?? { responses: 0, responded: 0 };
    out[image.surveyId] = c;
    c.responses += sign;
    if (image.personalLink) c.responded += sign;
  };
  for (const c of changes) {
    add(c.old, -1);
    add(c.new, 1);
  }
  for (const [id, c] of Object.entries(out)) if (c.responses === 0 && c.responded === 0) delete out[id];
  return out;
}
