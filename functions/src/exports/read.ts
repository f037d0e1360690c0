/**
 * Reading a survey's responses for an export, page by page (pattern 12, one query page at a time,
 * never the whole partition in memory), with only the attributes the export writes: the stored
 * submission (as the device sent it) and anything else on the item never leave the table.
 */

import {
  type ExportableResponse,
  type PairingInput,
  type PairingStatus,
  pairingStatuses,
} from '../../../shared/src/exports/responses.js';
import { SELF_CODE_QUESTIONS } from '../../../shared/src/learning/pairing.js';
import { auditEntry } from '../lib/audit.js';
import { ddb, tableName } from '../lib/aws.js';
import { PutCommand, QueryCommand } from '../lib/dynamodb.js';
import { keys } from '../lib/keys.js';
import { listSurveyMetasOfActivity, type SurveyMeta } from '../surveys/store.js';

/** Responses per query page: small pages keep memory flat and the first bytes early. */
export const PAGE_SIZE = 1000;

export interface StoredResponse extends ExportableResponse {
  activityId: string;
  pairingCode?: string;
}

/** Pages of a survey's responses with the given attributes, in response id order. */
async function* pagesOf<T>(
  surveyId: string,
  attributes: readonly string[],
  pageSize: number,
): AsyncGenerator<T[]> {
  const names = Object.fromEntries(attributes.map((a, i) => [`#a${i}`, a]));
  // Nested paths (`answers.code_birth_day`) are projected part by part.
  const projection = attributes
    .map((a, i) =>
      a.includes('.')
        ? a
            .split('.')
            .map((_part, j) => `#a${i}_${j}`)
            .join('.')
        : `#a${i}`,
    )
    .join(', ');
  for (const [i, a] of attributes.entries())
    if (a.includes('.')) {
      delete names[`#a${i}`];
      for (const [j, part] of a.split('.').entries()) names[`#a${i}_${j}`] = part;
    }
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ddb().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.responses(surveyId).pk },
        ProjectionExpression: projection,
        ExpressionAttributeNames: names,
        Limit: pageSize,
        ExclusiveStartKey: start,
      }),
    );
    if (page.Items?.length) yield page.Items as T[];
    start = page.LastEvaluatedKey;
  } while (start);
}

const EXPORT_ATTRIBUTES = [
  'responseId',
  'activityId',
  'surveyVersion',
  'language',
  'submittedAt',
  'answers',
  'score',
  'counted',
  'excluded',
] as const;

/** Whether a response counts (not a repeat attempt, not excluded). */
export const counts = (r: { counted?: boolean; excluded?: unknown }) => r.counted !== false && !r.excluded;

/**
 * A survey's responses, a page at a time; with `all` false only the counted ones (repeat attempts
 * and excluded responses left out).
 */
export async function* responsePages(
  surveyId: string,
  opts: { all: boolean; pageSize?: number },
): AsyncGenerator<StoredResponse[]> {
  for await (const page of pagesOf<StoredResponse>(surveyId, EXPORT_ATTRIBUTES, opts.pageSize ?? PAGE_SIZE)) {
    const kept = opts.all ? page : page.filter(counts);
    if (kept.length) yield kept;
  }
}

const hasKnowledge = (s: Pick<SurveyMeta, 'definition'>) =>
  s.definition.questions.some((q) => q.type === 'knowledge');

/** The counted responses of a test, with just what pairing reads. */
async function pairingInputs(surveyId: string): Promise<PairingInput[]> {
  const out: PairingInput[] = [];
  const attrs = [
    'responseId',
    'activityId',
    'submittedAt',
    'pairingCode',
    'counted',
    'excluded',
    ...Object.values(SELF_CODE_QUESTIONS).map((q) => `answers.${q}`),
  ];
  for await (const page of pagesOf<PairingInput & { counted?: boolean; excluded?: unknown }>(
    surveyId,
    attrs,
    1000,
  ))
    for (const r of page) if (counts(r)) out.push({ ...r, answers: r.answers ?? {} });
  return out;
}

/**
 * The pairing status of every counted response of a survey that is the pre-test or the post-test
 * of its activity's knowledge test (the same two surveys the learning page pairs); null when the
 * survey is not one of them (every response then `not_applicable`). Holds only ids and codes.
 */
export async function pairingOf(survey: SurveyMeta): Promise<Map<string, PairingStatus> | null> {
  if (survey.kind !== 'pre_test' && survey.kind !== 'post_event') return null;
  const surveys = await listSurveyMetasOfActivity(survey.activityId);
  const pre = surveys.find((s) => s.kind === 'pre_test' && hasKnowledge(s));
  const post = surveys.find((s) => s.kind === 'post_event' && hasKnowledge(s));
  if (!pre || !post || (pre.id !== survey.id && post.id !== survey.id)) return null;
  const [a, b] = await Promise.all([pairingInputs(pre.id), pairingInputs(post.id)]);
  return pairingStatuses(a, b);
}

/** The pairing status of one exported response. */
export function pairingStatusOf(
  pairing: Map<string, PairingStatus> | null,
  r: StoredResponse,
): PairingStatus {
  if (!counts(r)) return 'not_counted';
  if (!pairing) return 'not_applicable';
  return pairing.get(r.responseId) ?? 'unpaired';
}

/** Writes an export to the audit trail (who exported what, when, how): before any row leaves. */
export async function auditExport(e: {
  entity: string;
  entityId: string;
  action: string;
  actor: string;
  changes: Record<string, unknown>;
}): Promise<void> {
  await ddb().send(new PutCommand(auditEntry(e).Put));
}
