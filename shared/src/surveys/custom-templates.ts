/**
 * Survey templates as the API lists and edits them: the built-in ones (read-only, in code) and
 * custom ones an administrator makes and stores (a blank start, or a copy of a template or of a
 * survey's current definition). Attaching a template to an activity copies its definition, so a
 * later edit of the template never changes a survey.
 */
import * as z from 'zod/mini';
import { DateTime, Id } from '../activities/schema.js';
import { LanguageCode, LocalizedText, SurveyDefinition, SurveyKind } from './schema.js';

const Title = z.string().check(z.trim(), z.minLength(1, 'Give the template a title.'), z.maxLength(200));

/** How a new custom template starts. */
export const TemplateCreateInput = z.discriminatedUnion('from', [
  z.strictObject({
    from: z.literal('blank'),
    title: Title,
    kind: SurveyKind,
    /** Languages offered, the default first. */
    languages: z.array(LanguageCode).check(
      z.minLength(1, 'Choose at least one language.'),
      z.maxLength(20),
      z.refine((l) => new Set(l).size === l.length, 'Languages repeat.'),
    ),
  }),
  z.strictObject({
    from: z.literal('template'),
    /** A built-in template (`post_event_feedback`...) or a custom template's id. */
    templateId: z.string().check(z.minLength(1), z.maxLength(80)),
    /** The copy's title in its default language; default: "Copy of …". */
    title: z.optional(Title),
  }),
  z.strictObject({
    from: z.literal('survey'),
    /** The survey whose current definition is copied. */
    surveyId: Id,
    title: z.optional(Title),
  }),
]);
export type TemplateCreateInput = z.infer<typeof TemplateCreateInput>;

/** A full edit of a custom template: the whole definition and the version the editor read. */
export const TemplateUpdateInput = z.strictObject({
  /** The template's `version` as read; a save by someone else meanwhile answers 409. */
  version: z.int().check(z.gte(1), z.lte(Number.MAX_SAFE_INTEGER)),
  definition: SurveyDefinition,
});
export type TemplateUpdateInput = z.infer<typeof TemplateUpdateInput>;

/** A template in the list. */
export const TemplateSummary = z.object({
  id: z.string(),
  /** Built-in templates are read-only (copy them to change them). */
  builtIn: z.boolean(),
  title: LocalizedText,
  kind: SurveyKind,
  languages: z.array(LanguageCode),
  questionCount: z.int(),
  translations: z.array(z.object({ lang: z.string(), percent: z.number() })),
  /** Edit counter of a custom template (the optimistic lock); 1 for built-in ones. */
  version: z.int(),
  updatedAt: z.nullable(DateTime),
  /** Archived: hidden from the template picker (surveys attached from it keep their copy). */
  archived: z.boolean(),
});
export type TemplateSummary = z.infer<typeof TemplateSummary>;

/** Where a custom template was copied from. */
export const TemplateSource = z.object({
  from: z.enum(['blank', 'template', 'survey']),
  id: z.nullable(z.string()),
});
export type TemplateSource = z.infer<typeof TemplateSource>;

/** One template with its definition. */
export const TemplateDetail = z.extend(TemplateSummary, {
  definition: SurveyDefinition,
  source: z.nullable(TemplateSource),
});
export type TemplateDetail = z.infer<typeof TemplateDetail>;

/** The definition id a custom template's definition carries: `template_<id>`. */
export const templateDefinitionId = (templateId: string) => `template_${templateId}`;
