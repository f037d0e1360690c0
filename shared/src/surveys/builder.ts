/**
 * Pure logic of the template builder (question editor): the question bank, blank questions of
 * every type, and the edits (add, move, remove) that keep a survey definition valid, pages
 * included. Nothing here mutates its input; every operation returns a new definition or says
 * why it refuses.
 */
import {
  type EvaluationLevel,
  type LocalizedText,
  type MeasureTag,
  type Option,
  type Page,
  PROFILE_OPTION_IDS,
  type ProfileKind,
  type Question,
  type QuestionOf,
  type QuestionType,
  SurveyDefinition,
  type SurveyKind,
} from './schema.js';
import { templates } from './templates.js';

// ---------------------------------------------------------------------------
// The question bank

export type BuiltInTemplateId = keyof typeof templates;

/** One question of the bank: a question of a built-in template, ready to copy into another survey. */
export interface BankEntry {
  id: string;
  type: QuestionType;
  measure?: MeasureTag;
  level?: EvaluationLevel;
  /** The built-in template it comes from (the first one that has it). */
  templateId: BuiltInTemplateId;
  /** Every built-in template that has it (the profile questions are in all three). */
  templateIds: BuiltInTemplateId[];
  question: Question;
}

/**
 * Every question of the built-in templates, once (by id), in template order: post-event feedback,
 * knowledge test, three-month follow-up.
 */
export function questionBank(): BankEntry[] {
  const byId = new Map<string, BankEntry>();
  for (const [templateId, make] of Object.entries(templates) as [
    BuiltInTemplateId,
    () => SurveyDefinition,
  ][]) {
    for (const q of make().questions) {
      const seen = byId.get(q.id);
      if (seen) {
        if (!seen.templateIds.includes(templateId)) seen.templateIds.push(templateId);
        continue;
      }
      byId.set(q.id, {
        id: q.id,
        type: q.type,
        ...(q.measure ? { measure: q.measure } : {}),
        ...(q.level ? { level: q.level } : {}),
        templateId,
        templateIds: [templateId],
        question: q,
      });
    }
  }
  return [...byId.values()];
}

// ---------------------------------------------------------------------------
// Texts

/** `{ en: '', ar: '' }`: a text with every language present and blank. */
export const emptyText = (languages: readonly string[]): LocalizedText =>
  Object.fromEntries(languages.map((l) => [l, '']));

/** A text restricted to `languages`, a blank for each language it lacks. */
export function fitText(text: LocalizedText, languages: readonly string[]): LocalizedText {
  return Object.fromEntries(languages.map((l) => [l, text[l] ?? '']));
}

/** A copy of `q` whose every text offers exactly `languages` (extra ones dropped, missing ones blank). */
export function fitQuestionLanguages<Q extends Question>(q: Q, languages: readonly string[]): Q {
  const fit = (t: LocalizedText) => fitText(t, languages);
  const fitOptions = (options: Option[]) => options.map((o) => ({ ...o, label: fit(o.label) }));
  const out = structuredClone(q) as Question;
  out.text = fit(out.text);
  if (out.help) out.help = fit(out.help);
  switch (out.type) {
    case 'single_choice':
    case 'multiple_choice':
    case 'knowledge':
      out.options = fitOptions(out.options);
      break;
    case 'profile':
      if (out.options) out.options = fitOptions(out.options);
      break;
    case 'likert':
      out.points = out.points.map(fit);
      break;
    case 'self_rating':
      out.beforeLabel = fit(out.beforeLabel);
      out.afterLabel = fit(out.afterLabel);
      if (out.points) out.points = out.points.map(fit);
      break;
    case 'rating_0_10':
      if (out.minLabel) out.minLabel = fit(out.minLabel);
      if (out.maxLabel) out.maxLabel = fit(out.maxLabel);
      break;
    case 'number':
      if (out.unit) out.unit = fit(out.unit);
      break;
    default:
      break;
  }
  return out as Q;
}

// ---------------------------------------------------------------------------
// Blank questions

/** The product's names of the question types, in the order the editor offers them. */
export const QUESTION_TYPE_LABELS: Readonly<Record<QuestionType, string>> = {
  single_choice: 'Single choice',
  multiple_choice: 'Multiple choice',
  likert: 'Likert scale',
  rating_0_10: 'Rating 0–10',
  number: 'Number',
  short_text: 'Short text',
  long_text: 'Long text',
  knowledge: 'Knowledge-test item (scored)',
  self_rating: 'Self-rating before / after',
  profile: 'Profile (disaggregation)',
};

const ID_BASE: Readonly<Record<QuestionType, string>> = {
  single_choice: 'choice',
  multiple_choice: 'choices',
  likert: 'scale',
  rating_0_10: 'rating',
  number: 'number',
  short_text: 'short_text',
  long_text: 'long_text',
  knowledge: 'knowledge_item',
  self_rating: 'self_rating',
  profile: 'profile',
};

/** `base` if free, else `base_2`, `base_3`... (or `base_1` first when `numbered`). */
export function uniqueId(base: string, existingIds: Iterable<string>, numbered = true): string {
  const taken = new Set(existingIds);
  if (!numbered && !taken.has(base)) return base;
  for (let n = numbered ? 1 : 2; ; n++) {
    const id = `${base}_${n}`;
    if (!taken.has(id)) return id;
  }
}

/** English, Russian and Arabic labels of a 7-point agreement scale (the 5-point one is in the bank). */
const AGREEMENT_7: LocalizedText[] = [
  { en: 'Strongly disagree', ru: 'Совершенно не согласен(на)', ar: 'لا أوافق بشدة' },
  { en: 'Disagree', ru: 'Не согласен(на)', ar: 'لا أوافق' },
  { en: 'Somewhat disagree', ru: 'Скорее не согласен(на)', ar: 'لا أوافق إلى حد ما' },
  { en: 'Neither agree nor disagree', ru: 'Ни да, ни нет', ar: 'محايد' },
  { en: 'Somewhat agree', ru: 'Скорее согласен(на)', ar: 'أوافق إلى حد ما' },
  { en: 'Agree', ru: 'Согласен(на)', ar: 'أوافق' },
  { en: 'Strongly agree', ru: 'Полностью согласен(на)', ar: 'أوافق بشدة' },
];

function bankQuestion<T extends QuestionType>(id: string, type: T): QuestionOf<T> {
  const entry = questionBank().find((e) => e.id === id && e.type === type);
  if (!entry) throw new Error(`the question bank has no ${type} question "${id}"`);
  return entry.question as QuestionOf<T>;
}

/** Agreement labels of a 5- or 7-point scale, in the languages the bank has them. */
export function agreementPoints(scale: 5 | 7, languages: readonly string[]): LocalizedText[] {
  const points = scale === 5 ? bankQuestion('relevance', 'likert').points : AGREEMENT_7;
  return points.map((p) => fitText(p, languages));
}

/** The standard options of a profile question (none for country), from the bank. */
export function profileOptions(kind: ProfileKind, languages: readonly string[]): Option[] | undefined {
  if (kind === 'country') return undefined;
  const q = bankQuestion(kind, 'profile');
  const options =
    q.options ??
    PROFILE_OPTION_IDS[kind].map((id) => ({ id, label: { en: id.replaceAll('_', ' ') } as LocalizedText }));
  return options.map((o) => ({ id: o.id, label: fitText(o.label, languages) }));
}

/** Two options `option_1`, `option_2`, labelled in the default language only. */
function twoOptions(languages: readonly string[]): Option[] {
  const [first = 'en'] = languages;
  return [1, 2].map((n) => ({
    id: `option_${n}`,
    label: { ...emptyText(languages), [first]: `Option ${n}` },
  }));
}

/**
 * A new, valid question of `type` with an id not in `existingIds`. Its text is blank in every
 * language (the editor asks for it); choices get two options labelled in the default language,
 * scales their labelled points, profile questions their standard options.
 */
export function blankQuestion(
  type: QuestionType,
  existingIds: Iterable<string>,
  languages: readonly string[],
): Question {
  const ids = [...existingIds];
  const common = { text: emptyText(languages), required: false };
  switch (type) {
    case 'single_choice':
    case 'multiple_choice':
      return { id: uniqueId(ID_BASE[type], ids), type, ...common, options: twoOptions(languages) };
    case 'likert':
      return {
        id: uniqueId(ID_BASE[type], ids),
        type,
        ...common,
        level: 1,
        scale: 5,
        points: agreementPoints(5, languages),
      };
    case 'rating_0_10': {
      const recommend = bankQuestion('recommend', 'rating_0_10');
      return {
        id: uniqueId(ID_BASE[type], ids),
        type,
        ...common,
        ...(recommend.minLabel ? { minLabel: fitText(recommend.minLabel, languages) } : {}),
        ...(recommend.maxLabel ? { maxLabel: fitText(recommend.maxLabel, languages) } : {}),
      };
    }
    case 'number':
      return { id: uniqueId(ID_BASE[type], ids), type, ...common, min: 0, integer: true };
    case 'short_text':
      return { id: uniqueId(ID_BASE[type], ids), type, ...common, maxLength: 500 };
    case 'long_text':
      return { id: uniqueId(ID_BASE[type], ids), type, ...common, maxLength: 5000 };
    case 'knowledge':
      return {
        id: uniqueId(ID_BASE[type], ids),
        type,
        ...common,
        measure: 'knowledge',
        level: 2,
        options: twoOptions(languages),
        correct: ['option_1'],
        points: 1,
      };
    case 'self_rating': {
      const model = bankQuestion('self_rated_knowledge', 'self_rating');
      return {
        id: uniqueId(ID_BASE[type], ids),
        type,
        ...common,
        measure: 'self_rated_knowledge',
        level: 2,
        beforeLabel: fitText(model.beforeLabel, languages),
        afterLabel: fitText(model.afterLabel, languages),
      };
    }
    case 'profile': {
      // The first standard profile question the survey lacks, under its usual id.
      const kind = (['gender', 'country', 'organisation_type', 'role'] as const).find(
        (k) => !ids.includes(k),
      );
      const profile = kind ?? 'gender';
      const options = profileOptions(profile, languages);
      return {
        id: kind ?? uniqueId(profile, ids, false),
        type,
        ...common,
        measure: 'profile',
        profile,
        ...(options ? { options } : {}),
      };
    }
  }
}

/** A likert question moved to a 5- or 7-point scale: labels of the standard agreement scale. */
export function withLikertScale(
  q: QuestionOf<'likert'>,
  scale: 5 | 7,
  languages: readonly string[],
): QuestionOf<'likert'> {
  if (q.scale === scale) return q;
  return { ...q, scale, points: agreementPoints(scale, languages) };
}

/** A profile question of another kind, with that kind's standard options. */
export function withProfileKind(
  q: QuestionOf<'profile'>,
  profile: ProfileKind,
  languages: readonly string[],
): QuestionOf<'profile'> {
  const { options: _, ...rest } = q;
  const options = profileOptions(profile, languages);
  return { ...rest, profile, ...(options ? { options } : {}) };
}

/** The option list with one more option, id `option_<n>` unique within it, labels blank. */
export function withNewOption(options: readonly Option[], languages: readonly string[]): Option[] {
  return [
    ...options,
    {
      id: uniqueId(
        'option',
        options.map((o) => o.id),
      ),
      label: emptyText(languages),
    },
  ];
}

// ---------------------------------------------------------------------------
// A blank template

/** Where a new template starts when it is not a copy: a title, the kind, the languages. */
export interface BlankTemplateInput {
  title: string;
  kind: SurveyKind;
  languages: string[];
}

/**
 * A new definition with the given title (in the default language), the standard thank-you
 * message, and one open question from the bank ("What was most useful for you, and why?"), so it
 * is valid from the start.
 */
export function blankDefinition(id: string, input: BlankTemplateInput): SurveyDefinition {
  const [first = 'en'] = input.languages;
  const comment = fitQuestionLanguages(bankQuestion('most_useful', 'long_text'), input.languages);
  return SurveyDefinition.parse({
    id,
    version: 1,
    kind: input.kind,
    title: { ...emptyText(input.languages), [first]: input.title.trim() },
    thanks: fitText(templates.post_event_feedback().thanks, input.languages),
    languages: input.languages,
    questions: [comment],
  });
}

// ---------------------------------------------------------------------------
// Edits that keep a definition valid

export type Edit = { ok: true; definition: SurveyDefinition } | { ok: false; reason: string };

const done = (definition: SurveyDefinition): Edit => ({ ok: true, definition });
const refuse = (reason: string): Edit => ({ ok: false, reason });

/** Pages without empty ones; `undefined` when none is left. */
function tidyPages(pages: Page[] | undefined): Page[] | undefined {
  if (!pages) return undefined;
  const kept = pages.filter((p) => p.questionIds.length > 0);
  return kept.length > 0 ? kept : undefined;
}

function withPages(
  def: SurveyDefinition,
  questions: Question[],
  pages: Page[] | undefined,
): SurveyDefinition {
  const { pages: _, ...rest } = def;
  const tidy = tidyPages(pages);
  return { ...rest, questions, ...(tidy ? { pages: tidy } : {}) };
}

const label = (def: SurveyDefinition, id: string) => {
  const i = def.questions.findIndex((q) => q.id === id);
  return `question ${i + 1} (${id})`;
};

/** The questions whose show-if condition refers to `id`. */
export function dependentsOf(def: SurveyDefinition, id: string): Question[] {
  return def.questions.filter((q) => q.showIf?.questionId === id);
}

/**
 * Adds `question` after the question `afterId` (at the start when `afterId` is null, at the end
 * when it is undefined). With pages, it joins the page of the question before it (the first page
 * when it comes first). A show-if condition on a question that is not before it is dropped, and
 * so are texts in languages the survey does not offer.
 */
export function addQuestion(def: SurveyDefinition, question: Question, afterId?: string | null): Edit {
  if (def.questions.some((q) => q.id === question.id))
    return refuse(`The survey already has a question "${question.id}".`);
  let at: number;
  if (afterId === undefined) at = def.questions.length;
  else if (afterId === null) at = 0;
  else {
    const i = def.questions.findIndex((q) => q.id === afterId);
    if (i < 0) return refuse(`No question "${afterId}".`);
    at = i + 1;
  }
  let added = fitQuestionLanguages(question, def.languages);
  if (added.showIf && !def.questions.slice(0, at).some((q) => q.id === added.showIf?.questionId)) {
    const { showIf: _, ...rest } = added;
    added = rest as Question;
  }
  const questions = [...def.questions.slice(0, at), added, ...def.questions.slice(at)];
  const pages = def.pages?.map((p) => ({ ...p, questionIds: [...p.questionIds] }));
  if (pages && pages.length > 0) {
    const before = at > 0 ? def.questions[at - 1]?.id : undefined;
    const page = before ? pages.find((p) => p.questionIds.includes(before)) : pages[0];
    if (page) {
      const i = before ? page.questionIds.indexOf(before) + 1 : 0;
      page.questionIds.splice(i, 0, added.id);
    }
  }
  return done(withPages(def, questions, pages));
}

/**
 * Moves a question one step up or down. Within a page it swaps with its neighbour; the first
 * question of a page moving up joins the end of the page before (the last moving down joins the
 * next page), so the order of questions stays and pages stay contiguous. Refused when it would put
 * a question before the question its show-if condition refers to.
 */
export function moveQuestion(def: SurveyDefinition, id: string, direction: 'up' | 'down'): Edit {
  const i = def.questions.findIndex((q) => q.id === id);
  if (i < 0) return refuse(`No question "${id}".`);
  const pages = def.pages?.map((p) => ({ ...p, questionIds: [...p.questionIds] }));
  const pageIndex = pages ? pages.findIndex((p) => p.questionIds.includes(id)) : -1;
  const page = pages?.[pageIndex];

  // Across a page boundary: change page, keep the order.
  if (pages && page) {
    const inPage = page.questionIds.indexOf(id);
    if (direction === 'up' && inPage === 0 && pageIndex > 0) {
      page.questionIds.shift();
      pages[pageIndex - 1]!.questionIds.push(id);
      return done(withPages(def, def.questions, pages));
    }
    if (direction === 'down' && inPage === page.questionIds.length - 1 && pageIndex < pages.length - 1) {
      page.questionIds.pop();
      pages[pageIndex + 1]!.questionIds.unshift(id);
      return done(withPages(def, def.questions, pages));
    }
  }

  const j = direction === 'up' ? i - 1 : i + 1;
  if (j < 0 || j >= def.questions.length)
    return refuse(`${label(def, id)} is already the ${direction === 'up' ? 'first' : 'last'} question.`);
  const [upper, lower] =
    direction === 'up' ? [def.questions[j]!, def.questions[i]!] : [def.questions[i]!, def.questions[j]!];
  // After the swap `lower` comes before `upper`.
  if (lower.showIf?.questionId === upper.id)
    return refuse(
      `${label(def, lower.id)} is shown depending on the answer to ${label(def, upper.id)}, so it must stay after it.`,
    );
  const questions = [...def.questions];
  questions[i] = def.questions[j]!;
  questions[j] = def.questions[i]!;
  if (page) {
    const a = page.questionIds.indexOf(id);
    const b = page.questionIds.indexOf(def.questions[j]!.id);
    page.questionIds[a] = def.questions[j]!.id;
    page.questionIds[b] = id;
  }
  return done(withPages(def, questions, pages));
}

/**
 * Removes a question. Refused for the last question of a survey, and while another question's
 * show-if condition refers to it (the reason names them).
 */
export function removeQuestion(def: SurveyDefinition, id: string): Edit {
  if (!def.questions.some((q) => q.id === id)) return refuse(`No question "${id}".`);
  if (def.questions.length === 1) return refuse('A survey needs at least one question.');
  const dependents = dependentsOf(def, id);
  if (dependents.length > 0)
    return refuse(
      `${label(def, id)} cannot be removed: ${dependents.map((q) => label(def, q.id)).join(', ')} ${
        dependents.length === 1 ? 'is' : 'are'
      } shown depending on its answer. Remove or change that condition first.`,
    );
  const questions = def.questions.filter((q) => q.id !== id);
  const pages = def.pages?.map((p) => ({ ...p, questionIds: p.questionIds.filter((q) => q !== id) }));
  return done(withPages(def, questions, pages));
}

/** Replaces the question with the same id (its id, position and page stay). */
export function replaceQuestion(def: SurveyDefinition, question: Question): Edit {
  const i = def.questions.findIndex((q) => q.id === question.id);
  if (i < 0) return refuse(`No question "${question.id}".`);
  const questions = [...def.questions];
  questions[i] = question;
  return done({ ...def, questions });
}

// ---------------------------------------------------------------------------
// Show-if choices

export interface ConditionTarget {
  questionId: string;
  /** The answers a condition can name, with their labels in `lang`. */
  answers: { value: string | number; label: string }[];
}

/**
 * The earlier questions a show-if condition of question `id` can refer to, each with the answers
 * it can have: choice options (by label), scale points, 0-10. Free text, numbers, self-ratings
 * and the country question are left out (no short list of answers).
 */
export function conditionTargets(def: SurveyDefinition, id: string, lang: string): ConditionTarget[] {
  const i = def.questions.findIndex((q) => q.id === id);
  const earlier = i < 0 ? def.questions : def.questions.slice(0, i);
  const name = (t: LocalizedText | undefined, fallback: string) =>
    (t?.[lang] ?? '').trim() || (t?.[def.languages[0] ?? 'en'] ?? '').trim() || fallback;
  const out: ConditionTarget[] = [];
  for (const q of earlier) {
    switch (q.type) {
      case 'single_choice':
      case 'multiple_choice':
      case 'knowledge':
        out.push({
          questionId: q.id,
          answers: q.options.map((o) => ({ value: o.id, label: name(o.label, o.id) })),
        });
        break;
      case 'profile':
        if (q.options)
          out.push({
            questionId: q.id,
            answers: q.options.map((o) => ({ value: o.id, label: name(o.label, o.id) })),
          });
        break;
      case 'likert':
        out.push({
          questionId: q.id,
          answers: q.points.map((p, k) => ({ value: k + 1, label: `${k + 1} ${name(p, '')}`.trim() })),
        });
        break;
      case 'rating_0_10':
        out.push({
          questionId: q.id,
          answers: Array.from({ length: 11 }, (_, k) => ({ value: k, label: String(k) })),
        });
        break;
      default:
        break;
    }
  }
  return out;
}

/**
 * The definition without optional texts left blank in every language (a help text, introduction,
 * unit or scale-end label the editor opened and emptied), so they do not count as missing
 * translations. Required texts are kept as they are.
 */
export function tidyDefinition(def: SurveyDefinition): SurveyDefinition {
  const empty = (t: LocalizedText | undefined) =>
    t !== undefined && Object.values(t).every((v) => v.trim() === '');
  const drop = <T extends object>(obj: T, keys: string[]): T => {
    const out = { ...obj } as Record<string, unknown>;
    for (const k of keys) if (empty(out[k] as LocalizedText | undefined)) delete out[k];
    return out as T;
  };
  return {
    ...drop(def, ['intro']),
    questions: def.questions.map((q) => drop(q, ['help', 'unit', 'minLabel', 'maxLabel'])),
  };
}

// ---------------------------------------------------------------------------
// Checking a definition while it is edited

export interface DefinitionIssue {
  /** Position-based path inside the definition, as zod gives it: `['questions', 2, 'options', 0, 'label']`. */
  path: (string | number)[];
  message: string;
}

const blank = (t: LocalizedText | undefined, lang: string) =>
  t !== undefined && (t[lang] ?? '').trim() === '';

/**
 * Everything that stops a definition from being saved: the schema's findings and, in the default
 * language (the first), every blank text a participant would see — survey title, thank-you
 * message, question texts, option labels, scale points and before/after labels. Other languages
 * may stay incomplete (see `missingTranslations`).
 */
export function definitionIssues(def: SurveyDefinition): DefinitionIssue[] {
  const parsed = SurveyDefinition.safeParse(def);
  const out: DefinitionIssue[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({
        path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        message: i.message,
      }));
  const lang = def.languages?.[0];
  if (!lang) return out;
  const need = (t: LocalizedText | undefined, path: (string | number)[], what: string) => {
    if (t === undefined || blank(t, lang)) out.push({ path, message: `${what} is empty.` });
  };
  need(def.title, ['title'], 'The survey title');
  need(def.thanks, ['thanks'], 'The thank-you message');
  (def.questions ?? []).forEach((q, i) => {
    const at = ['questions', i];
    need(q.text, [...at, 'text'], 'The question text');
    if ('options' in q && Array.isArray(q.options))
      for (const [k, o] of q.options.entries())
        need(o.label, [...at, 'options', k, 'label'], `The label of option ${k + 1}`);
    if (q.type === 'likert')
      for (const [k, p] of q.points.entries()) need(p, [...at, 'points', k], `The label of point ${k + 1}`);
    if (q.type === 'self_rating') {
      need(q.beforeLabel, [...at, 'beforeLabel'], 'The "before" label');
      need(q.afterLabel, [...at, 'afterLabel'], 'The "after" label');
    }
  });
  return out;
}
