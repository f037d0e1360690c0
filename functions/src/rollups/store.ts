import { type PairedMoments, pairedMomentsOf } from '../../../shared/src/learning/paired-moments.js';
import type { Delta } from '../../../shared/src/results/aggregate.js';
import type { PairedFacts } from '../../../shared/src/results/indicators.js';
import type { SurveyDefinition } from '../../../shared/src/surveys/schema.js';
import { ddb, queryAll, tableName } from '../lib/aws.js';
import {
  BatchGetCommand,
  type BatchGetCommandInput,
  type BatchGetCommandOutput,
  DeleteCommand,
  TransactionCanceledException,
  TransactWriteCommand,
} from '../lib/dynamodb.js';
import { keys, versionSk } from '../lib/keys.js';
import { pool } from '../lib/pool.js';
import {
  type AttendanceRollup,
  emptyRollup,
  pairsOf,
  type RollupState,
  type SurveyCounts,
  type SurveyRollup,
} from './fold.js';

/*
 * Roll-up items (docs/data-model.md, "Roll-ups"): per activity, in partition `ROLLUP#<activityId>`:
 * - `A`: what views read: per survey its kind, answered versions and overall figures; attendance
 *   facts; the paired pre/post scores; `rev` (the optimistic lock of every write) and `dParts`;
 * - `D#<n>`: figures by profile dimension, per survey, in parts under 300 KB (indicator pages only);
 * - `P`: the scored knowledge-test responses that pairing needs (consumer, rebuild, learning page);
 * - `X#<eventId>`: one marker per stream record applied, written in the same transaction as the
 *   roll-up, with a TTL of two days (a stream keeps records for one day): a replayed or overlapping
 *   batch finds the marker and never counts a record twice.
 */

/** Serialised size above which an item is split (D) or not kept (P): DynamoDB items stop at 400 KB. */
export const MAX_PART_BYTES = 300_000;
/** Markers outlive the stream's 24-hour retention, so no record can be replayed after its marker. */
const MARKER_TTL_SECONDS = 2 * 86_400;
/** Item `A` keeps its view copy (`view`) while both copies fit well under DynamoDB's 400 KB. */
const MAX_VIEW_BYTES = 150_000;

/** What a view reads of one activity's roll-up (item `A`, and the `D` parts for breakdowns). */
export interface RollupView {
  activityId: string;
  surveys: Record<string, Omit<SurveyRollup, 'breakdown'> & { breakdown?: Delta }>;
  attendance: AttendanceRollup;
  paired: PairedFacts | null;
  /** The activity has more scored test responses than item `P` holds: pairs come from the responses. */
  pairsOverflow: boolean;
  dParts: number;
}

/** A stored roll-up as the consumer and the rebuild see it. */
export interface StoredRollup {
  state: RollupState;
  rev: number;
  dParts: number;
  pairsOverflow: boolean;
}

interface ItemA {
  activityId: string;
  rev: number;
  surveys: Record<string, Omit<SurveyRollup, 'breakdown'>>;
  attendance: AttendanceRollup;
  /** Items written before points were kept hold percent pairs without `max` and `unit`. */
  paired: { pairs: [number, number][]; max?: number; unit?: 'points' | 'percent' } | null;
  pairsOverflow?: boolean;
  dParts: number;
}

/** Item A's JSON copy (`view`) holds the pairs' moments instead of the pairs (copies written before: pairs). */
type ViewPaired = { moments: PairedMoments; max: number; unit: 'points' | 'percent' };
type ViewItem = Omit<ItemA, 'paired'> & { paired: ItemA['paired'] | ViewPaired };

const size = (v: unknown) => JSON.stringify(v).length;

/**
 * The items of a roll-up (all but the markers), read consistently: one query. A query is not a
 * snapshot across items, so every part carries the revision of the write that made it, and a read
 * that meets parts of two writes (a transaction landing in between) is made again.
 */
export async function readStoredRollup(activityId: string): Promise<StoredRollup> {
  for (let attempt = 1; ; attempt++) {
    const items = await queryAll<Record<string, unknown>>({
      KeyConditionExpression: 'pk = :pk AND sk < :x',
      ExpressionAttributeValues: { ':pk': keys.rollup(activityId).pk, ':x': 'X' },
      ConsistentRead: true,
    });
    const state = emptyRollup(activityId);
    const a = items.find((i) => i.sk === 'A') as (ItemA & { hasP?: boolean }) | undefined;
    if (!a) return { state, rev: 0, dParts: 0, pairsOverflow: false };
    const wanted = new Set([
      ...Array.from({ length: a.dParts }, (_, n) => `D#${n}`),
      ...(a.hasP ? ['P'] : []),
    ]);
    const parts = items.filter((i) => wanted.has(String(i.sk)) && i.rev === a.rev);
    if (parts.length !== wanted.size) {
      if (attempt >= 10) throw new Error(`roll-up of ${activityId}: parts of different writes`);
      await new Promise((r) => setTimeout(r, 10 * attempt));
      continue;
    }
    for (const [id, s] of Object.entries(a.surveys)) state.surveys[id] = { ...s, breakdown: {} };
    state.attendance = a.attendance;
    for (const item of parts) {
      if (String(item.sk).startsWith('D#'))
        for (const [id, d] of Object.entries(item.surveys as Record<string, Delta>)) {
          const s = state.surveys[id];
          if (s) Object.assign(s.breakdown, d);
        }
      if (item.sk === 'P') state.entries = item.entries as RollupState['entries'];
    }
    return { state, rev: a.rev, dParts: a.dParts, pairsOverflow: a.pairsOverflow === true };
  }
}

/** Breakdown figures in parts of at most MAX_PART_BYTES each. */
function breakdownParts(state: RollupState): Record<string, Delta>[] {
  const parts: Record<string, Delta>[] = [];
  let current: Record<string, Delta> = {};
  let bytes = 0;
  for (const [id, s] of Object.entries(state.surveys))
    for (const [k, v] of Object.entries(s.breakdown)) {
      const add = k.length + 40;
      if (bytes + add > MAX_PART_BYTES && bytes > 0) {
        parts.push(current);
        current = {};
        bytes = 0;
      }
      current[id] ??= {};
      (current[id] as Delta)[k] = v;
      bytes += add;
    }
  if (bytes > 0) parts.push(current);
  return parts;
}

/** Whether the pairing entries fit item `P`; once they did not, pairs are no longer maintained. */
export function pairsFit(state: RollupState, wasOverflow: boolean): boolean {
  return !wasOverflow && size(state.entries) <= MAX_PART_BYTES;
}

/** The items that store a roll-up state (A, D parts, P), and the old D parts to delete. */
export function rollupItems(state: RollupState, rev: number, oldDParts: number, wasOverflow: boolean) {
  const k = keys.rollup(state.activityId);
  const fits = pairsFit(state, wasOverflow);
  const parts = breakdownParts(state);
  const pairs = fits ? pairsOf(state) : null;
  const fields: ItemA = {
    activityId: state.activityId,
    rev,
    surveys: Object.fromEntries(
      Object.entries(state.surveys).map(([id, { breakdown, ...rest }]) => [id, rest]),
    ),
    attendance: state.attendance,
    paired: pairs
      ? { pairs: pairs.pairs.map((p) => [p.pre, p.post]), max: pairs.max, unit: pairs.unit }
      : null,
    ...(fits ? {} : { pairsOverflow: true }),
    dParts: parts.length,
  };
  // The same fields once more as one JSON string, which is what views read (`readRollups`):
  // one string attribute unmarshals in a fraction of the time of the nested maps. Views need the
  // pairs' moments only (the engine pools those), so the copy holds them instead of the pairs.
  const view = JSON.stringify({
    ...fields,
    paired: pairs && { moments: pairedMomentsOf(pairs.pairs, pairs.max), max: pairs.max, unit: pairs.unit },
  });
  const a: ItemA & { pk: string; sk: string; type: string; updatedAt: string; hasP: boolean; view?: string } =
    {
      pk: k.pk,
      sk: 'A',
      type: 'rollup',
      ...fields,
      ...(view.length <= MAX_VIEW_BYTES ? { view } : {}),
      hasP: fits && Object.keys(state.entries).length > 0,
      updatedAt: new Date().toISOString(),
    };
  const puts: Record<string, unknown>[] = [
    { ...a },
    ...parts.map((surveys, n) => ({ pk: k.pk, sk: `D#${n}`, type: 'rollup-part', rev, surveys })),
  ];
  const deletes: { pk: string; sk: string }[] = [];
  for (let n = parts.length; n < oldDParts; n++) deletes.push({ pk: k.pk, sk: `D#${n}` });
  if (a.hasP) puts.push({ pk: k.pk, sk: 'P', type: 'rollup-part', rev, entries: state.entries });
  else deletes.push({ pk: k.pk, sk: 'P' });
  return { puts, deletes };
}

/**
 * Writes a roll-up state with the markers of the stream records it includes, in one transaction,
 * conditional on the revision read and on every marker being new. False when the transaction was
 * cancelled (another writer came first, or a record was applied meanwhile): the caller reads again.
 */
export async function writeRollup(
  stored: StoredRollup,
  next: RollupState,
  markers: readonly string[],
  opts: { fresh?: boolean; counters?: SurveyCounts } = {},
): Promise<boolean> {
  // A rebuild (`fresh`) decides anew whether the pairing facts fit; the consumer keeps the decision.
  const wasOverflow = opts.fresh ? false : stored.pairsOverflow;
  const { puts, deletes } = rollupItems(next, stored.rev + 1, stored.dParts, wasOverflow);
  const k = keys.rollup(next.activityId);
  const expiresAt = Math.floor(Date.now() / 1000) + MARKER_TTL_SECONDS;
  try {
    await ddb().send(
      new TransactWriteCommand({
        TransactItems: [
          ...puts.map((Item, i) => ({
            Put: {
              TableName: tableName(),
              Item,
              ...(i === 0
                ? stored.rev === 0
                  ? { ConditionExpression: 'attribute_not_exists(pk)' }
                  : { ConditionExpression: 'rev = :rev', ExpressionAttributeValues: { ':rev': stored.rev } }
                : {}),
            },
          })),
          ...deletes.map((Key) => ({ Delete: { TableName: tableName(), Key } })),
          ...markers.map((id) => ({
            Put: {
              TableName: tableName(),
              Item: { pk: k.pk, sk: `X#${id}`, type: 'rollup-applied', expiresAt },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          })),
          // The surveys' response counters move with the records that moved them, exactly once.
          ...Object.entries(opts.counters ?? {}).map(([surveyId, c]) => ({
            Update: {
              TableName: tableName(),
              Key: keys.counterShard(surveyId, 0),
              UpdateExpression: 'SET #type = :type ADD responses :r, responded :d',
              ExpressionAttributeNames: { '#type': 'type' },
              ExpressionAttributeValues: { ':type': 'counter', ':r': c.responses, ':d': c.responded },
            },
          })),
        ],
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof TransactionCanceledException) return false;
    throw err;
  }
}

/** Every item of `keys` that exists, in BatchGetItem requests of 100 (10 at a time). */
export async function batchGet(
  keyList: readonly { pk: string; sk: string }[],
  opts: {
    ConsistentRead?: boolean;
    ProjectionExpression?: string;
    ExpressionAttributeNames?: Record<string, string>;
  } = {},
): Promise<Record<string, unknown>[]> {
  const chunks: (typeof keyList)[] = [];
  for (let i = 0; i < keyList.length; i += 100) chunks.push(keyList.slice(i, i + 100));
  const out = await pool(chunks, 10, async (chunk) => {
    const found: Record<string, unknown>[] = [];
    let request: BatchGetCommandInput['RequestItems'] = { [tableName()]: { Keys: [...chunk], ...opts } };
    for (let attempt = 0; request && Object.keys(request).length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt)));
      const res: BatchGetCommandOutput = await ddb().send(new BatchGetCommand({ RequestItems: request }));
      found.push(...((res.Responses?.[tableName()] ?? []) as Record<string, unknown>[]));
      request = res.UnprocessedKeys;
    }
    return found;
  });
  return out.flat();
}

/** Stream records (by event id) whose markers exist: already applied to the activity's roll-up. */
export async function appliedMarkers(activityId: string, eventIds: readonly string[]): Promise<Set<string>> {
  const pk = keys.rollup(activityId).pk;
  const found = await batchGet(
    eventIds.map((id) => ({ pk, sk: `X#${id}` })),
    { ConsistentRead: true, ProjectionExpression: 'sk' },
  );
  return new Set(found.map((i) => String(i.sk).slice(2)));
}

/** What views need of an item's pairs: their moments (item A's fields hold the pairs, its copy the moments). */
function viewPairs(p: NonNullable<ItemA['paired']> | ViewPaired): PairedFacts {
  const max = p.max ?? 100;
  const unit = p.unit ?? 'percent';
  const moments =
    'moments' in p
      ? p.moments
      : pairedMomentsOf(
          p.pairs.map(([pre, post]) => ({ pre, post })),
          max,
        );
  return { pairs: [], moments, max, unit };
}

/**
 * The roll-ups views read (pattern 19): item `A` of each activity in BatchGetItem requests of 100,
 * and with `breakdowns` its `D` parts. An activity without a roll-up yet has none in the map.
 */
export async function readRollups(
  activityIds: readonly string[],
  opts: { breakdowns: boolean },
): Promise<Map<string, RollupView>> {
  const aKeys = activityIds.map((id) => ({ pk: keys.rollup(id).pk, sk: 'A' }));
  // The JSON copy of item A only; items without it (written before it existed, or too large) whole.
  const copies = await batchGet(aKeys, {
    ProjectionExpression: 'pk, #type, #view',
    ExpressionAttributeNames: { '#type': 'type', '#view': 'view' },
  });
  const items: ViewItem[] = [];
  const whole: { pk: string; sk: string }[] = [];
  for (const c of copies)
    if (typeof c.view === 'string') items.push(JSON.parse(c.view) as ViewItem);
    else whole.push({ pk: String(c.pk), sk: 'A' });
  if (whole.length > 0) items.push(...((await batchGet(whole)) as unknown as ViewItem[]));
  const views = new Map<string, RollupView>();
  for (const a of items)
    views.set(a.activityId, {
      activityId: a.activityId,
      surveys: a.surveys,
      attendance: a.attendance,
      paired: a.paired ? viewPairs(a.paired) : null,
      pairsOverflow: a.pairsOverflow === true,
      dParts: a.dParts,
    });
  if (opts.breakdowns) {
    const dKeys = [...views.values()].flatMap((v) =>
      Array.from({ length: v.dParts }, (_, n) => ({ pk: keys.rollup(v.activityId).pk, sk: `D#${n}` })),
    );
    for (const d of await batchGet(dKeys)) {
      const view = views.get(String(d.pk).slice('ROLLUP#'.length));
      if (!view) continue;
      for (const [id, delta] of Object.entries(d.surveys as Record<string, Delta>)) {
        const s = view.surveys[id];
        if (s) s.breakdown = { ...(s.breakdown ?? {}), ...delta };
      }
    }
  }
  return views;
}

/** Definitions of answered survey versions, by `<surveyId>#<version>`: such a version never changes. */
const definitions = new Map<string, SurveyDefinition>();

/**
 * The definitions of some answered survey versions: those the process has not seen yet are read in
 * BatchGetItem requests of 100, then kept (a version with responses is never edited in place).
 */
export async function answeredDefinitions(
  wanted: readonly { surveyId: string; version: number }[],
): Promise<Map<string, SurveyDefinition>> {
  const key = (w: { surveyId: string; version: number }) => `${w.surveyId}#${w.version}`;
  const missing = [
    ...new Map(wanted.filter((w) => !definitions.has(key(w))).map((w) => [key(w), w])).values(),
  ];
  if (missing.length > 0) {
    if (definitions.size + missing.length > 20_000) definitions.clear();
    const found = await batchGet(
      missing.map((w) => ({ pk: keys.surveyVersion(w.surveyId, w.version).pk, sk: versionSk(w.version) })),
      // Consistent: a version written just before its first response is always found.
      {
        ConsistentRead: true,
        ProjectionExpression: 'pk, sk, #d',
        ExpressionAttributeNames: { '#d': 'definition' },
      },
    );
    for (const item of found)
      definitions.set(
        `${String(item.pk).slice('SURVEY#'.length)}#${Number(String(item.sk).slice(2))}`,
        item.definition as SurveyDefinition,
      );
  }
  return new Map(
    wanted.flatMap((w) =>
      definitions.has(key(w)) ? [[key(w), definitions.get(key(w)) as SurveyDefinition]] : [],
    ),
  );
}

/**
 * Removes an activity's roll-up (all but the markers, which keep a replayed record from applying
 * again) once the activity itself is deleted: nothing reads it any more.
 */
export async function deleteRollup(activityId: string): Promise<void> {
  const items = await queryAll<{ pk: string; sk: string }>({
    KeyConditionExpression: 'pk = :pk AND sk < :x',
    ExpressionAttributeValues: { ':pk': keys.rollup(activityId).pk, ':x': 'X' },
    ProjectionExpression: 'pk, sk',
  });
  for (const item of items)
    await ddb().send(new DeleteCommand({ TableName: tableName(), Key: { pk: item.pk, sk: item.sk } }));
}
