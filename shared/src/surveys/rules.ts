/**
 * Pure rules over survey definitions: translation completeness, show-if conditions,
 * versioning and the stable result columns.
 */
import type { LocalizedText, Question, ShowIf, SurveyDefinition } from './schema.js';

// ---------------------------------------------------------------------------
// Translations

/** Where a text sits in a definition, by ids not positions: `['questions', 'q_sat', 'options', 'yes', 'label']`. */
export type TextPath = readonly (string | number)[];

export interface MissingTranslation {
  path: TextPath;
  lang: string;
}

/** Every localized text of a definition with its id-based path, in reading order. */
export function textsOf(def: SurveyDefinition): { path: TextPath; text: LocalizedText }[] {
  const out: { path: TextPath; text: LocalizedText }[] = [];
  const add = (path: TextPath, text: LocalizedText | undefined) => {
    if (text !== undefined) out.push({ path, text });
  };
  add(['title'], def.title);
  add(['intro'], def.intro);
  for (const p of def.pages ?? []) add(['pages', p.id, 'title'], p.title);
  for (const q of def.questions) {
    const at = ['questions', q.id];
    add([...at, 'text'], q.text);
    add([...at, 'help'], q.help);
    switch (q.type) {
      case 'single_choice':
      case 'multiple_choice':
      case 'knowledge':
      case 'profile':
        for (const o of q.options ?? []) add([...at, 'options', o.id, 'label'], o.label);
        break;
      case 'likert':
        for (const [i, t] of q.points.entries()) add([...at, 'points', i + 1], t);
        break;
      case 'self_rating':
        add([...at, 'beforeLabel'], q.beforeLabel);
        add([...at, 'afterLabel'], q.afterLabel);
        for (const [i, t] of (q.points ?? []).entries()) add([...at, 'points', i + 1], t);
        break;
      case 'rating_0_10':
        add([...at, 'minLabel'], q.minLabel);
        add([...at, 'maxLabel'], q.maxLabel);
        break;
      case 'number':
        add([...at, 'unit'], q.unit);
        break;
      case 'short_text':
      case 'long_text':
        break;
    }
  }
  add(['thanks'], def.thanks);
  return out;
}

const present = (text: LocalizedText, lang: string): boolean => (text[lang] ?? '').trim() !== '';

/**
 * Every (text, language) pair where a language the survey offers has no (or a blank) version.
 * Example: `[{ path: ['questions', 'q_sat', 'text'], lang: 'ar' }]`.
 */
export function missingTranslations(def: SurveyDefinition): MissingTranslation[] {
  const out: MissingTranslation[] = [];
  for (const { path, text } of textsOf(def))
    for (const lang of def.languages) if (!present(text, lang)) out.push({ path, lang });
  return out;
}

export interface LanguageCompleteness {
  lang: string;
  translated: number;
  total: number;
  /** translated / total × 100, 100 when there is nothing to translate. */
  percent: number;
}

/** Per offered language, how many of the survey's texts are translated. */
export function translationCompleteness(def: SurveyDefinition): LanguageCompleteness[] {
  const texts = textsOf(def);
  return def.languages.map((lang) => {
    const translated = texts.filter((t) => present(t.text, lang)).length;
    const total = texts.length;
    return { lang, translated, total, percent: total === 0 ? 100 : (translated * 100) / total };
  });
}

// ---------------------------------------------------------------------------
// Conditions

function matches(condition: ShowIf, answer: unknown): boolean {
  if (answer === undefined || answer === null) return false;
  const has = (v: string | number) => (Array.isArray(answer) ? answer.includes(v) : answer === v);
  if ('equals' in condition) return has(condition.equals);
  if ('in' in condition) return condition.in.some(has);
  return !has(condition.notEquals);
}

/**
 * Whether a question is shown, given the answers so far. A question without `showIf` is always
 * shown; a condition on an unanswered question is false (also for `notEquals`).
 * Does not look at whether the referenced question is itself shown: see `visibleQuestionIds`.
 */
export function isVisible(question: Question, answers: Readonly<Record<string, unknown>>): boolean {
  if (!question.showIf) return true;
  const id = question.showIf.questionId;
  return matches(question.showIf, Object.hasOwn(answers, id) ? answers[id] : undefined);
}

/** The ids of the questions shown, in order; answers of hidden questions are ignored by later conditions. */
export function visibleQuestionIds(
  def: SurveyDefinition,
  answers: Readonly<Record<string, unknown>>,
): string[] {
  const effective: Record<string, unknown> = {};
  const out: string[] = [];
  for (const q of def.questions) {
    if (!isVisible(q, effective)) continue;
    out.push(q.id);
    if (Object.hasOwn(answers, q.id)) effective[q.id] = answers[q.id];
  }
  return out;
}

// ---------------------------------------------------------------------------
// Versioning

/** Once a survey version has a response, an edit must become a new version. */
export function needsNewVersion(hasResponses: boolean): boolean {
  return hasResponses;
}

/** A deep copy of `def` numbered `def.version + 1`; `def` itself is untouched. */
export function nextVersion(def: SurveyDefinition): SurveyDefinition {
  return { ...structuredClone(def), version: def.version + 1 };
}

/**
 * The definition to store after an edit: `edited` in place of `current` while nobody has
 * answered, otherwise as `current.version + 1` (the answered version stays as it was).
 * Neither input is mutated.
 */
export function reviseSurvey(
  current: SurveyDefinition,
  edited: SurveyDefinition,
  hasResponses: boolean,
): SurveyDefinition {
  const copy = structuredClone(edited);
  return {
    ...copy,
    id: current.id,
    version: needsNewVersion(hasResponses) ? current.version + 1 : current.version,
  };
}

// ---------------------------------------------------------------------------
// Result columns

export interface Column {
  /** `questionId` or `questionId.part`, e.g. `q_knowledge.before`, `q_topics.border_management`. */
  key: string;
  questionId: string;
  /** before/after, an option id of a multiple choice, or `score` of a knowledge item. */
  part?: string;
}

/**
 * The result columns of one version, keyed by ids: a self-rating gives `.before` and `.after`,
 * a multiple choice one column per option (selected or not), a knowledge item its selection and
 * its `.score`, every other question one column.
 */
export function columnsOf(def: SurveyDefinition): Column[] {
  const out: Column[] = [];
  for (const q of def.questions) {
    switch (q.type) {
      case 'self_rating':
        out.push({ key: `${q.id}.before`, questionId: q.id, part: 'before' });
        out.push({ key: `${q.id}.after`, questionId: q.id, part: 'after' });
        break;
      case 'multiple_choice':
        for (const o of q.options) out.push({ key: `${q.id}.${o.id}`, questionId: q.id, part: o.id });
        break;
      case 'knowledge':
        out.push({ key: q.id, questionId: q.id });
        out.push({ key: `${q.id}.score`, questionId: q.id, part: 'score' });
        break;
      default:
        out.push({ key: q.id, questionId: q.id });
    }
  }
  return out;
}

/**
 * The columns of several versions of one survey: the oldest version's columns first, each later
 * version only appends columns it adds, so a column never moves and a removed question keeps its
 * column. Versions may come in any order.
 */
export function columnsAcross(defs: readonly SurveyDefinition[]): Column[] {
  const out: Column[] = [];
  const seen = new Set<string>();
  for (const def of [...defs].sort((a, b) => a.version - b.version))
    for (const c of columnsOf(def))
      if (!seen.has(c.key)) {
        seen.add(c.key);
        out.push(c);
      }
  return out;
}

/**
 * The definition as participants receive it: the correct answers of knowledge items removed (a
 * pre-test must not give them away), with `multiple` saying whether more than one option is right.
 */
export function publicDefinition(def: SurveyDefinition): SurveyDefinition {
  return {
    ...def,
    questions: def.questions.map((q) =>
      q.type === 'knowledge' ? { ...q, correct: [], multiple: q.correct.length > 1 } : q,
    ),
  };
}
