/**
 * Survey definitions: languages, localized texts, the question bank and the survey itself.
 * Pure zod schemas; each schema and its type share one name.
 */
import * as z from 'zod/mini';
import { MAX_NUMBER, MAX_TEXT } from '../lib/bounds.js';
import {
  COUNTRY_CODES,
  LANGUAGE_CODE,
  LANGUAGE_CODE_MESSAGE,
  optionIdsOf,
  PROFILE_OPTION_IDS,
  SELF_RATING_MAX,
} from './constants.js';

/** Sizes a survey definition stays within (the API reads at most 64 KB anyway). */
const MAX_OPTIONS = 100;
const MAX_QUESTIONS = 200;
const MAX_LANGUAGES = 20;
const MAX_VERSION = 100_000;

// Zod-free constants and helpers live in ./constants.ts so the participant page can import them
// without zod; they are re-exported here for everyone else.
export {
  COUNTRY_CODES,
  isRtl,
  KNOWN_LANGUAGES,
  optionIdsOf,
  PROFILE_OPTION_IDS,
  SELF_RATING_MAX,
  SELF_RATING_MIN,
} from './constants.js';

// ---------------------------------------------------------------------------
// Languages

/** A BCP-47-ish language tag such as `en`, `prs`, `ar`, `sr-Latn`, `pt-BR` (constants.ts). */
export const LanguageCode = z.string().check(z.regex(LANGUAGE_CODE, LANGUAGE_CODE_MESSAGE));
export type LanguageCode = z.infer<typeof LanguageCode>;

/** One text in several languages: `{ en: 'Thank you', ar: 'شكراً لك' }`. Blank strings count as missing. */
export const LocalizedText = z.record(LanguageCode, z.string().check(z.maxLength(MAX_TEXT)));
export type LocalizedText = z.infer<typeof LocalizedText>;

// ---------------------------------------------------------------------------
// Building blocks

/** A stable identifier: lower-case slug, used as answer key and result column. */
export const Slug = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(64),
    z.regex(/^[a-z][a-z0-9_]*$/, 'expected a slug: lower-case letters, digits and _; starting with a letter'),
  );
export type Slug = z.infer<typeof Slug>;

export const Option = z.strictObject({
  id: Slug,
  label: LocalizedText,
});
export type Option = z.infer<typeof Option>;

/** What a question measures; indicators select answers by this tag. */
export const MeasureTag = z.enum([
  'satisfaction',
  'relevance',
  'usefulness',
  'quality',
  'knowledge',
  'self_rated_knowledge',
  'intent_to_apply',
  'application',
  'obstacles',
  'recommendation',
  'lessons',
  'profile',
  'other',
]);
export type MeasureTag = z.infer<typeof MeasureTag>;

/** Training-evaluation level (Kirkpatrick): 1 reaction, 2 learning, 3 behaviour. */
export const EvaluationLevel = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type EvaluationLevel = z.infer<typeof EvaluationLevel>;

const ConditionValue = z.union([
  z.string().check(z.maxLength(MAX_TEXT)),
  z.number().check(z.gte(-MAX_NUMBER), z.lte(MAX_NUMBER)),
]);

/**
 * Show a question only when an earlier question's answer matches.
 * For a multiple-choice question, `equals` means "the selection includes", `in` means "includes
 * any of", `notEquals` means "does not include". A condition on an unanswered (or hidden)
 * question is false, including `notEquals`.
 */
export const ShowIf = z.union([
  z.strictObject({ questionId: Slug, equals: ConditionValue }),
  z.strictObject({
    questionId: Slug,
    in: z.array(ConditionValue).check(z.minLength(1), z.maxLength(MAX_OPTIONS)),
  }),
  z.strictObject({ questionId: Slug, notEquals: ConditionValue }),
]);
export type ShowIf = z.infer<typeof ShowIf>;

const common = {
  id: Slug,
  text: LocalizedText,
  help: z.optional(LocalizedText),
  required: z._default(z.boolean(), false),
  showIf: z.optional(ShowIf),
  measure: z.optional(MeasureTag),
  level: z.optional(EvaluationLevel),
};

function uniqueOptionIds(
  options: readonly Option[],
  ctx: z.core.$RefinementCtx,
  path: PropertyKey[] = ['options'],
): void {
  const seen = new Set<string>();
  options.forEach((o, i) => {
    if (seen.has(o.id))
      ctx.addIssue({ code: 'custom', message: `duplicate option id "${o.id}"`, path: [...path, i, 'id'] });
    seen.add(o.id);
  });
}

// ---------------------------------------------------------------------------
// Question types

export const SingleChoiceQuestion = z
  .strictObject({
    ...common,
    type: z.literal('single_choice'),
    options: z.array(Option).check(z.minLength(2), z.maxLength(MAX_OPTIONS)),
  })
  .check(z.superRefine((q, ctx) => uniqueOptionIds(q.options, ctx)));

export const MultipleChoiceQuestion = z
  .strictObject({
    ...common,
    type: z.literal('multiple_choice'),
    options: z.array(Option).check(z.minLength(2), z.maxLength(MAX_OPTIONS)),
    minSelections: z.optional(z.int().check(z.gte(0), z.lte(MAX_OPTIONS))),
    maxSelections: z.optional(z.int().check(z.gte(1), z.lte(MAX_OPTIONS))),
  })
  .check(
    z.superRefine((q, ctx) => {
      uniqueOptionIds(q.options, ctx);
      if (q.minSelections !== undefined && q.maxSelections !== undefined && q.minSelections > q.maxSelections)
        ctx.addIssue({
          code: 'custom',
          message: 'minSelections is greater than maxSelections',
          path: ['minSelections'],
        });
      if (q.maxSelections !== undefined && q.maxSelections > q.options.length)
        ctx.addIssue({
          code: 'custom',
          message: 'maxSelections exceeds the number of options',
          path: ['maxSelections'],
        });
      if (q.minSelections !== undefined && q.minSelections > q.options.length)
        ctx.addIssue({
          code: 'custom',
          message: 'minSelections exceeds the number of options',
          path: ['minSelections'],
        });
    }),
  );

/** Answer: an integer 1..scale. `points[i]` labels the value i+1. */
export const LikertQuestion = z
  .strictObject({
    ...common,
    type: z.literal('likert'),
    scale: z.union([z.literal(5), z.literal(7)]),
    points: z.array(LocalizedText).check(z.maxLength(MAX_OPTIONS)),
  })
  .check(
    z.superRefine((q, ctx) => {
      if (q.points.length !== q.scale)
        ctx.addIssue({
          code: 'custom',
          message: `a ${q.scale}-point scale needs ${q.scale} labelled points`,
          path: ['points'],
        });
    }),
  );

/** Answer: an integer 0..10 (e.g. "how likely are you to recommend"). */
export const Rating010Question = z.strictObject({
  ...common,
  type: z.literal('rating_0_10'),
  minLabel: z.optional(LocalizedText),
  maxLabel: z.optional(LocalizedText),
});

export const NumberQuestion = z
  .strictObject({
    ...common,
    type: z.literal('number'),
    min: z.optional(z.number().check(z.gte(-MAX_NUMBER), z.lte(MAX_NUMBER))),
    max: z.optional(z.number().check(z.gte(-MAX_NUMBER), z.lte(MAX_NUMBER))),
    integer: z._default(z.boolean(), false),
    unit: z.optional(LocalizedText),
  })
  .check(
    z.superRefine((q, ctx) => {
      if (q.min !== undefined && q.max !== undefined && q.min > q.max)
        ctx.addIssue({ code: 'custom', message: 'min is greater than max', path: ['min'] });
    }),
  );

export const ShortTextQuestion = z.strictObject({
  ...common,
  type: z.literal('short_text'),
  maxLength: z._default(z.int().check(z.gte(1), z.lte(2000)), 500),
});

export const LongTextQuestion = z.strictObject({
  ...common,
  type: z.literal('long_text'),
  maxLength: z._default(z.int().check(z.gte(1), z.lte(20000)), 5000),
});

/**
 * A scored knowledge-test item. With one correct option it is answered like a single choice,
 * with several like a multiple choice; it scores `points` only when the selection equals the
 * set of correct options exactly (see `scoreKnowledge`).
 */
export const KnowledgeQuestion = z
  .strictObject({
    ...common,
    type: z.literal('knowledge'),
    options: z.array(Option).check(z.minLength(2), z.maxLength(MAX_OPTIONS)),
    correct: z.array(Slug).check(z.minLength(1), z.maxLength(MAX_OPTIONS)),
    points: z._default(z.number().check(z.positive(), z.lte(1000)), 1),
    /** Only in the participant's copy, where `correct` is emptied: whether to offer checkboxes. */
    multiple: z.optional(z.boolean()),
  })
  .check(
    z.superRefine((q, ctx) => {
      uniqueOptionIds(q.options, ctx);
      const ids = new Set(q.options.map((o) => o.id));
      q.correct.forEach((c, i) => {
        if (!ids.has(c))
          ctx.addIssue({
            code: 'custom',
            message: `correct option "${c}" is not an option`,
            path: ['correct', i],
          });
      });
      if (new Set(q.correct).size !== q.correct.length)
        ctx.addIssue({ code: 'custom', message: 'correct options repeat', path: ['correct'] });
    }),
  );

/**
 * Retrospective self-rating: one question, two answers on a 1-5 scale,
 * `{ before, after }` ("my knowledge before the training" / "now").
 */
export const SelfRatingQuestion = z
  .strictObject({
    ...common,
    type: z.literal('self_rating'),
    beforeLabel: LocalizedText,
    afterLabel: LocalizedText,
    /** Labels of points 1..5; optional, the scale is fixed. */
    points: z.optional(z.array(LocalizedText).check(z.maxLength(MAX_OPTIONS))),
  })
  .check(
    z.superRefine((q, ctx) => {
      if (q.points !== undefined && q.points.length !== SELF_RATING_MAX)
        ctx.addIssue({ code: 'custom', message: 'a self-rating needs 5 labelled points', path: ['points'] });
    }),
  );

// ---------------------------------------------------------------------------
// Profile (disaggregation) questions

export const ProfileKind = z.enum(['gender', 'country', 'organisation_type', 'role']);
export type ProfileKind = z.infer<typeof ProfileKind>;

/**
 * A standard disaggregation question. Gender, organisation type and role carry their labelled
 * options (ids from `PROFILE_OPTION_IDS`, a subset is allowed). Country carries no options: its
 * answer is an upper-case code from `COUNTRY_CODES` and the page names countries with
 * `Intl.DisplayNames` in the participant's language, so the definition stays small.
 */
export const ProfileQuestion = z
  .strictObject({
    ...common,
    type: z.literal('profile'),
    profile: ProfileKind,
    options: z.optional(z.array(Option).check(z.minLength(2), z.maxLength(MAX_OPTIONS))),
  })
  .check(
    z.superRefine((q, ctx) => {
      if (q.profile === 'country') {
        if (q.options !== undefined)
          ctx.addIssue({
            code: 'custom',
            message: 'the country question takes no options (ISO 3166-1 codes)',
            path: ['options'],
          });
        return;
      }
      if (q.options === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `the ${q.profile} question needs its options`,
          path: ['options'],
        });
        return;
      }
      uniqueOptionIds(q.options, ctx);
      const allowed = new Set(PROFILE_OPTION_IDS[q.profile]);
      q.options.forEach((o, i) => {
        if (!allowed.has(o.id))
          ctx.addIssue({
            code: 'custom',
            message: `"${o.id}" is not a standard ${q.profile} option`,
            path: ['options', i, 'id'],
          });
      });
    }),
  );

export const Question = z.discriminatedUnion('type', [
  SingleChoiceQuestion,
  MultipleChoiceQuestion,
  LikertQuestion,
  Rating010Question,
  NumberQuestion,
  ShortTextQuestion,
  LongTextQuestion,
  KnowledgeQuestion,
  SelfRatingQuestion,
  ProfileQuestion,
]);
export type Question = z.infer<typeof Question>;
export type QuestionType = Question['type'];
export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;

// ---------------------------------------------------------------------------
// Survey definition

export const SurveyKind = z.enum(['pre_test', 'post_event', 'follow_up']);
export type SurveyKind = z.infer<typeof SurveyKind>;

/** An optional grouping of consecutive questions shown as one page. */
export const Page = z.strictObject({
  id: Slug,
  title: z.optional(LocalizedText),
  questionIds: z.array(Slug).check(z.minLength(1), z.maxLength(MAX_QUESTIONS)),
});
export type Page = z.infer<typeof Page>;

/** Whether a showIf value is one the referenced question can produce. */
function conditionValueFits(target: Question, value: string | number): boolean {
  const ids = optionIdsOf(target);
  if (ids) return typeof value === 'string' && ids.includes(value);
  switch (target.type) {
    case 'likert':
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= target.scale;
    case 'rating_0_10':
      return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 10;
    case 'number':
      return typeof value === 'number';
    case 'short_text':
    case 'long_text':
      return typeof value === 'string';
    default:
      return false; // self_rating has two values: no simple condition applies
  }
}

export const SurveyDefinition = z
  .strictObject({
    id: Slug,
    version: z.int().check(z.gte(1), z.lte(MAX_VERSION)),
    kind: SurveyKind,
    title: LocalizedText,
    intro: z.optional(LocalizedText),
    thanks: LocalizedText,
    /** Languages offered, the default first. */
    languages: z.array(LanguageCode).check(z.minLength(1), z.maxLength(MAX_LANGUAGES)),
    questions: z.array(Question).check(z.minLength(1), z.maxLength(MAX_QUESTIONS)),
    pages: z.optional(z.array(Page).check(z.maxLength(MAX_QUESTIONS))),
  })
  .check(
    z.superRefine((def, ctx) => {
      if (new Set(def.languages).size !== def.languages.length)
        ctx.addIssue({ code: 'custom', message: 'languages repeat', path: ['languages'] });

      const position = new Map<string, number>();
      def.questions.forEach((q, i) => {
        if (position.has(q.id))
          ctx.addIssue({
            code: 'custom',
            message: `duplicate question id "${q.id}"`,
            path: ['questions', i, 'id'],
          });
        else position.set(q.id, i);
      });

      def.questions.forEach((q, i) => {
        if (!q.showIf) return;
        const path = ['questions', i, 'showIf'];
        const at = position.get(q.showIf.questionId);
        if (at === undefined || at >= i) {
          ctx.addIssue({
            code: 'custom',
            message: `showIf must refer to an earlier question, not "${q.showIf.questionId}"`,
            path: [...path, 'questionId'],
          });
          return;
        }
        const target = def.questions[at]!;
        const values =
          'in' in q.showIf ? q.showIf.in : 'equals' in q.showIf ? [q.showIf.equals] : [q.showIf.notEquals];
        for (const v of values)
          if (!conditionValueFits(target, v))
            ctx.addIssue({
              code: 'custom',
              message: `showIf value ${JSON.stringify(v)} is not a possible answer of "${target.id}"`,
              path,
            });
      });

      if (def.pages) {
        const flat = def.pages.flatMap((p) => p.questionIds);
        const order = def.questions.map((q) => q.id);
        if (flat.length !== order.length || flat.some((id, i) => id !== order[i]))
          ctx.addIssue({
            code: 'custom',
            message: 'pages must list every question once, in question order',
            path: ['pages'],
          });
        if (new Set(def.pages.map((p) => p.id)).size !== def.pages.length)
          ctx.addIssue({ code: 'custom', message: 'page ids repeat', path: ['pages'] });
      }
    }),
  );
export type SurveyDefinition = z.infer<typeof SurveyDefinition>;
