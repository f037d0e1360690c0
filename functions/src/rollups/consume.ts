import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { env } from '../lib/env.js';
import { log } from '../lib/log.js';
import { pool } from '../lib/pool.js';
import { warmViews } from '../results/store.js';
import {
  type AttendeeImage,
  attendeeContribution,
  type Contribution,
  counterDeltas,
  fold,
  type ResponseImage,
  responseContribution,
} from './fold.js';
import { answeredDefinitions, appliedMarkers, deleteRollup, readStoredRollup, writeRollup } from './store.js';
import { bumpViewCounter, OWN_TYPES } from './views.js';

/**
 * The DynamoDB Streams consumer of the roll-ups: the Lambda handler (`handlers/rollups.ts`) and the
 * local poller (`local/stream-poller.ts`) both pass their records here.
 *
 * Exactly once: the records of one activity are folded into its roll-up and written in one
 * transaction together with one marker per record (`X#<eventId>`, conditional on not existing) and
 * conditional on the roll-up revision read. A record whose marker exists is skipped. So a replayed
 * batch (a retry after a failure, a poller restarting from the start of the stream) skips what was
 * applied, and two overlapping invocations cannot both apply a record: the second transaction is
 * cancelled, re-reads and then skips it. Order does not matter: the fold is a sum.
 */

/** A stream record, as Lambda's DynamoDB event and DynamoDB Streams' GetRecords both give it. */
export interface StreamRecord {
  eventID?: string;
  eventName?: string;
  dynamodb?: {
    Keys?: Record<string, unknown>;
    NewImage?: Record<string, unknown>;
    OldImage?: Record<string, unknown>;
    SequenceNumber?: string;
  };
}

/**
 * Records per transaction: markers + item A + D parts + P + a counter per survey of the activity
 * must stay within 100 items.
 */
const RECORDS_PER_WRITE = 60;
const MAX_ATTEMPTS = 25;

type Image = ResponseImage | AttendeeImage;

/**
 * The DynamoDB Streams client of the SDK reads an empty map (`{"M":{}}`) as `{}`, which `unmarshall`
 * refuses; Lambda's events keep `{"M":{}}`. Puts the `M` back, at any depth.
 */
function repaired(av: Record<string, unknown>): AttributeValue {
  if (Object.keys(av).length === 0) return { M: {} };
  if (av.M) return { M: repairedMap(av.M as Record<string, Record<string, unknown>>) };
  if (av.L) return { L: (av.L as Record<string, unknown>[]).map(repaired) };
  return av as unknown as AttributeValue;
}
const repairedMap = (m: Record<string, Record<string, unknown>>) =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [k, repaired(v)]));

const imageOf = (raw: Record<string, unknown> | undefined): Image | null => {
  if (!raw) return null;
  const item = unmarshall(repairedMap(raw as Record<string, Record<string, unknown>>));
  return item.type === 'response' || item.type === 'attendee' ? (item as Image) : null;
};

interface Change {
  eventId: string;
  activityId: string;
  old: Image | null;
  new: Image | null;
}

/** The roll-up relevant changes of a batch (responses and attendees; every other item is ignored). */
export function changesOf(records: readonly StreamRecord[]): Change[] {
  return records.flatMap((r) => {
    const old = imageOf(r.dynamodb?.OldImage);
    const next = imageOf(r.dynamodb?.NewImage);
    const activityId = (next ?? old)?.activityId;
    if (!activityId) return [];
    const keys = r.dynamodb?.Keys ? JSON.stringify(r.dynamodb.Keys) : '';
    const eventId = r.eventID ?? `${keys}|${r.dynamodb?.SequenceNumber ?? ''}`;
    return [{ eventId, activityId, old, new: next }];
  });
}

async function contributionsOf(changes: readonly Change[]): Promise<[Contribution, 1 | -1][]> {
  const responses = changes.flatMap((c) =>
    [c.old, c.new].filter((i): i is ResponseImage => i?.type === 'response'),
  );
  const defs = await answeredDefinitions(
    responses.map((r) => ({ surveyId: r.surveyId, version: r.surveyVersion })),
  );
  const of = (image: Image | null): Contribution | null => {
    if (!image) return null;
    if (image.type === 'attendee') return attendeeContribution(image);
    const def = defs.get(`${image.surveyId}#${image.surveyVersion}`);
    if (!def) {
      // Read consistently, so the version is really gone (its survey was deleted): a record that can
      // never apply must not stop the stream behind it. A rebuild recomputes from what exists.
      console.error(
        `roll-up consumer: survey ${image.surveyId} has no version ${image.surveyVersion}; skipped`,
      );
      return null;
    }
    return responseContribution(image, def);
  };
  return changes.flatMap((c) => {
    const out: [Contribution, 1 | -1][] = [];
    const before = of(c.old);
    const after = of(c.new);
    if (before) out.push([before, -1]);
    if (after) out.push([after, 1]);
    return out;
  });
}

/** Applies the changes of one activity, at most RECORDS_PER_WRITE per transaction, exactly once. */
async function applyToActivity(activityId: string, changes: readonly Change[]): Promise<number> {
  let applied = 0;
  for (let i = 0; i < changes.length; i += RECORDS_PER_WRITE) {
    const chunk = changes.slice(i, i + RECORDS_PER_WRITE);
    for (let attempt = 1; ; attempt++) {
      // First try optimistically (a record is new in the common case); the transaction's marker
      // conditions still refuse a record applied meanwhile. After a refusal, look the markers up.
      const done =
        attempt === 1
          ? new Set<string>()
          : await appliedMarkers(
              activityId,
              chunk.map((c) => c.eventId),
            );
      const pending = chunk.filter((c) => !done.has(c.eventId));
      if (pending.length === 0) break;
      const [contributions, stored] = await Promise.all([
        contributionsOf(pending),
        readStoredRollup(activityId),
      ]);
      const next = structuredClone(stored.state);
      for (const [c, sign] of contributions) fold(next, c, sign);
      if (
        await writeRollup(
          stored,
          next,
          pending.map((c) => c.eventId),
          { counters: counterDeltas(pending) },
        )
      ) {
        applied += pending.length;
        break;
      }
      if (attempt >= MAX_ATTEMPTS) throw new Error(`roll-up of ${activityId}: too many write conflicts`);
      // Another writer of this roll-up came first: back off a little, then read again.
      await new Promise((r) => setTimeout(r, Math.random() * 10 * Math.min(2 ** attempt, 64)));
    }
  }
  return applied;
}

/**
 * Folds a batch of stream records into the roll-ups, exactly once. Throws if any activity could
 * not be written: the whole batch is then retried, and what was applied is skipped.
 */
export async function consumeRecords(
  records: readonly StreamRecord[],
): Promise<{ records: number; relevant: number; applied: number }> {
  const changes = changesOf(records);
  const byActivity = new Map<string, Change[]>();
  for (const c of changes) {
    const list = byActivity.get(c.activityId) ?? [];
    list.push(c);
    byActivity.set(c.activityId, list);
  }
  // Activities are independent: their roll-ups are written side by side.
  const applied = await pool([...byActivity.entries()], 8, ([id, list]) => applyToActivity(id, list));
  // A deleted activity (never answered: its attendees' removals came before, in its partition's
  // order) takes its roll-up with it. Idempotent, so a replayed removal does no harm.
  for (const r of records) {
    const old = r.dynamodb?.OldImage as Record<string, { S?: string }> | undefined;
    if (r.eventName === 'REMOVE' && old?.type?.S === 'activity' && old.sk?.S === 'META' && old.id?.S)
      await deleteRollup(old.id.S);
  }
  // Anything but the consumer's own items may change a view: cached views become stale.
  const typeOf = (image: Record<string, unknown> | undefined) =>
    (image?.type as { S?: string } | undefined)?.S;
  if (records.some((r) => !OWN_TYPES.has(typeOf(r.dynamodb?.NewImage ?? r.dynamodb?.OldImage) ?? ''))) {
    await bumpViewCounter();
    // The results page as it opens is computed now, not by the next evaluator (WARM_VIEWS=off: not).
    if (env().WARM_VIEWS === 'on')
      await warmViews().catch((err: unknown) => log.warn('results view not warmed', { error: String(err) }));
  }
  return { records: records.length, relevant: changes.length, applied: applied.reduce((s, n) => s + n, 0) };
}
