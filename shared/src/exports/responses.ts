/**
 * Per-respondent export of a survey: the column layout and the row of one response. Pure.
 *
 * Layout (as KoboToolbox's "XML values and headers" with a label row beneath):
 * - row 1: column codes (`response_id`, `q_id`, `q_id/option_id`), stable across languages, for R,
 *   Stata or SPSS; row 2: the labels (question texts, "question: option") in one language; then
 *   one row per response. Cells hold codes (option ids) and numbers, never labels, so an analysis
 *   does not depend on the language; the XLSX adds a `choices` sheet (code → label per language).
 * - meta columns: response id (random, made by the device), survey version, language answered,
 *   submission time, pairing status (and `status` when repeat attempts or excluded responses are
 *   asked for). Never an e-mail, an invitation, a pairing code, an address or a name: a response
 *   record holds none of them but the pairing code, and that code is reduced to a status here.
 * - one column per question; a multiple choice (or a knowledge item with several correct options)
 *   also has one column per option (1 chosen, 0 not chosen, empty when not answered); a
 *   retrospective self-rating has `/before` and `/after`; a knowledge test adds the score.
 * - the self-generated code questions (mother's initial, birth day, phone digit) are left out:
 *   they exist only to pair pre- and post-tests and are the closest thing to an identifier in the
 *   answers; the pairing status stands for them.
 * Questions of every version are included (the newest version's order first, then questions only
 * older versions asked), so a response to version 1 keeps its answers.
 */
import { pairResponses, SELF_CODE_QUESTIONS, selfGeneratedCode } from '../learning/pairing.js';
import type { Answers } from '../responses/schema.js';
import type { LocalizedText, Question, SurveyDefinition } from '../surveys/schema.js';
import { type CellValue, guardCell, type SafeCell } from './cells.js';

/** How a response was paired with the other test of its activity. */
export type PairingStatus =
  /** Linked to the other test by the code kept on the device. */
  | 'paired_device'
  /** Linked by the self-generated code. */
  | 'paired_self_code'
  /** A pre- or post-test response without a partner. */
  | 'unpaired'
  /** Not counted (repeat attempt or excluded): pairs with nothing. */
  | 'not_counted'
  /** The survey is not one of a pre-test / post-test pair of knowledge tests. */
  | 'not_applicable';

/** Whether a response counts: accepted, a repeat attempt of the same device, or excluded by staff. */
export type ResponseStatus = 'accepted' | 'repeat_attempt' | 'excluded';

/** What the export reads of a stored response (nothing else leaves the table). */
export interface ExportableResponse {
  responseId: string;
  surveyVersion: number;
  language: string;
  submittedAt: string;
  answers: Answers;
  score?: { points: number; maxPoints: number; percent: number } | null;
  counted?: boolean;
  /** Set by an administrator's exclusion (cleandata); its details stay out of the export. */
  excluded?: unknown;
}

export type ExportColumn =
  | {
      kind: 'meta';
      code: string;
      label: string;
      key: 'response_id' | 'survey_version' | 'language' | 'submitted_at' | 'pairing' | 'status';
    }
  | { kind: 'answer'; code: string; label: string; questionId: string; multiple: boolean }
  | { kind: 'option'; code: string; label: string; questionId: string; optionId: string }
  | { kind: 'part'; code: string; label: string; questionId: string; part: 'before' | 'after' }
  | { kind: 'score'; code: string; label: string; key: 'points' | 'percent' };

/** One option's code and its label in every language the survey offers. */
export interface ChoiceRow {
  questionId: string;
  optionId: string;
  labels: Record<string, string>;
}

export interface ResponseLayout {
  columns: ExportColumn[];
  choices: ChoiceRow[];
  /** The language of the label row. */
  labelLanguage: string;
}

const SELF_CODE_IDS: ReadonlySet<string> = new Set(Object.values(SELF_CODE_QUESTIONS));

/** A text in `lang`, else English, else the first language given. */
export function textIn(text: LocalizedText | undefined, lang: string): string {
  if (!text) return '';
  return text[lang] ?? text.en ?? Object.values(text)[0] ?? '';
}

type Choice = { id: string; label: LocalizedText };

/** The options a question offers as labelled choices (likert points are numbers, not choices). */
function choicesOf(q: Question): Choice[] | null {
  switch (q.type) {
    case 'single_choice':
    case 'multiple_choice':
    case 'knowledge':
      return q.options;
    case 'profile':
      return q.options ?? null;
    default:
      return null;
  }
}

const isMultiple = (q: Question) =>
  q.type === 'multiple_choice' || (q.type === 'knowledge' && (q.correct.length > 1 || q.multiple === true));

/**
 * The questions of every version, newest version's order first, then questions only older versions
 * had; options merged by id (a newer label wins). `definitions` in any order.
 */
export function mergedQuestions(definitions: readonly SurveyDefinition[]): Question[] {
  const newestFirst = [...definitions].sort((a, b) => b.version - a.version);
  const byId = new Map<string, Question>();
  for (const def of newestFirst)
    for (const q of def.questions) {
      const known = byId.get(q.id);
      if (!known) {
        byId.set(q.id, q);
        continue;
      }
      const [newer, older] = [choicesOf(known), choicesOf(q)];
      if (newer && older && known.type === q.type) {
        const ids = new Set(newer.map((o) => o.id));
        const extra = older.filter((o) => !ids.has(o.id));
        if (extra.length > 0) byId.set(q.id, { ...known, options: [...newer, ...extra] } as Question);
      }
      // A question that changed to or from several answers keeps its option columns.
      if (isMultiple(q) && !isMultiple(known) && known.type === 'knowledge')
        byId.set(q.id, { ...(byId.get(q.id) as Question), multiple: true } as Question);
    }
  return [...byId.values()];
}

/**
 * The columns of a survey's per-respondent export. `withStatus` adds the `status` column (when
 * repeat attempts or excluded responses are included); `labelLanguage` picks the label row's
 * language (the survey's default language when absent or not offered).
 */
export function responseLayout(
  definitions: readonly SurveyDefinition[],
  opts: { labelLanguage?: string; withStatus?: boolean } = {},
): ResponseLayout {
  if (definitions.length === 0) throw new Error('a survey has at least one definition');
  const newest = [...definitions].sort((a, b) => b.version - a.version)[0] as SurveyDefinition;
  const lang =
    opts.labelLanguage && newest.languages.includes(opts.labelLanguage)
      ? opts.labelLanguage
      : (newest.languages[0] as string);
  const languages = [...new Set(definitions.flatMap((d) => d.languages))];
  const columns: ExportColumn[] = [
    { kind: 'meta', code: 'response_id', label: 'Response', key: 'response_id' },
    { kind: 'meta', code: 'survey_version', label: 'Survey version', key: 'survey_version' },
    { kind: 'meta', code: 'language', label: 'Language answered', key: 'language' },
    { kind: 'meta', code: 'submitted_at', label: 'Submitted at', key: 'submitted_at' },
    { kind: 'meta', code: 'pairing', label: 'Pairing status', key: 'pairing' },
  ];
  if (opts.withStatus)
    columns.push({
      kind: 'meta',
      code: 'status',
      label: 'Counted or not (accepted, repeat attempt, excluded)',
      key: 'status',
    });
  const choices: ChoiceRow[] = [];
  let knowledge = false;
  for (const q of mergedQuestions(definitions)) {
    if (SELF_CODE_IDS.has(q.id)) continue;
    const text = textIn(q.text, lang);
    if (q.type === 'knowledge') knowledge = true;
    if (q.type === 'self_rating') {
      columns.push(
        {
          kind: 'part',
          code: `${q.id}/before`,
          label: `${text}: ${textIn(q.beforeLabel, lang)}`,
          questionId: q.id,
          part: 'before',
        },
        {
          kind: 'part',
          code: `${q.id}/after`,
          label: `${text}: ${textIn(q.afterLabel, lang)}`,
          questionId: q.id,
          part: 'after',
        },
      );
      continue;
    }
    const multiple = isMultiple(q);
    columns.push({ kind: 'answer', code: q.id, label: text, questionId: q.id, multiple });
    const options = choicesOf(q) ?? [];
    for (const o of options)
      choices.push({
        questionId: q.id,
        optionId: o.id,
        labels: Object.fromEntries(languages.map((l) => [l, textIn(o.label, l)])),
      });
    if (multiple)
      for (const o of options)
        columns.push({
          kind: 'option',
          code: `${q.id}/${o.id}`,
          label: `${text}: ${textIn(o.label, lang)}`,
          questionId: q.id,
          optionId: o.id,
        });
  }
  if (knowledge)
    columns.push(
      { kind: 'score', code: 'score_points', label: 'Test score (points)', key: 'points' },
      { kind: 'score', code: 'score_percent', label: 'Test score (percent of the maximum)', key: 'percent' },
    );
  return { columns, choices, labelLanguage: lang };
}

/** Whether a response counts, and if not why. */
export function responseStatus(r: Pick<ExportableResponse, 'counted' | 'excluded'>): ResponseStatus {
  if (r.excluded) return 'excluded';
  return r.counted === false ? 'repeat_attempt' : 'accepted';
}

/** The guarded header rows: codes, then labels. */
export function headerRows(layout: ResponseLayout): [SafeCell[], SafeCell[]] {
  return [layout.columns.map((c) => guardCell(c.code)), layout.columns.map((c) => guardCell(c.label))];
}

function answerCell(value: Answers[string] | undefined, multiple: boolean): CellValue {
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.join(' ');
  if (typeof value === 'object') return null; // a self-rating is written as its two parts
  if (multiple && typeof value === 'string') return value;
  return value;
}

function optionCell(value: Answers[string] | undefined, optionId: string): CellValue {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.includes(optionId) ? 1 : 0;
  if (typeof value === 'string') return value === optionId ? 1 : 0;
  return null;
}

/** One guarded row of a response, in the layout's column order. */
export function responseRow(
  layout: ResponseLayout,
  r: ExportableResponse,
  pairing: PairingStatus,
): SafeCell[] {
  return layout.columns.map((c): SafeCell => {
    switch (c.kind) {
      case 'meta':
        switch (c.key) {
          case 'response_id':
            return guardCell(r.responseId);
          case 'survey_version':
            return r.surveyVersion;
          case 'language':
            return guardCell(r.language);
          case 'submitted_at':
            return guardCell(r.submittedAt);
          case 'pairing':
            return pairing;
          case 'status':
            return responseStatus(r);
        }
        return '';
      case 'answer':
        return guardCell(answerCell(r.answers[c.questionId], c.multiple));
      case 'option':
        return guardCell(optionCell(r.answers[c.questionId], c.optionId));
      case 'part': {
        const v = r.answers[c.questionId];
        return v && typeof v === 'object' && !Array.isArray(v) ? guardCell(v[c.part]) : '';
      }
      default:
        return guardCell(r.score ? r.score[c.key] : null);
    }
  });
}

/** What pairing needs of a counted response of a pre- or post-test. */
export interface PairingInput {
  responseId: string;
  activityId: string;
  submittedAt: string;
  pairingCode?: string | null;
  answers: Answers;
}

/**
 * The pairing status of every counted response of a pre-test and a post-test of one activity,
 * by the same rule as the learning page (`pairResponses`: device code first, then the
 * self-generated code; a code twice in one test keeps the first attempt). Response id → status.
 */
export function pairingStatuses(
  pre: readonly PairingInput[],
  post: readonly PairingInput[],
): Map<string, PairingStatus> {
  const pairable = (r: PairingInput) => ({
    responseId: r.responseId,
    activityId: r.activityId,
    submittedAt: r.submittedAt,
    pairingCode: r.pairingCode ?? null,
    selfCode: selfGeneratedCode(r.answers),
  });
  const result = pairResponses(pre.map(pairable), post.map(pairable));
  const out = new Map<string, PairingStatus>();
  for (const r of [...pre, ...post]) out.set(r.responseId, 'unpaired');
  for (const p of result.pairs) {
    const status: PairingStatus = p.by === 'device' ? 'paired_device' : 'paired_self_code';
    out.set(p.pre.responseId, status);
    out.set(p.post.responseId, status);
  }
  return out;
}
