/** Themes and tags of a survey's free-text answers: the API's inputs and outputs. */
import * as z from 'zod/mini';

/** A comment's opaque key: base64url of a hash of (response, question), 22 characters. */
export const CommentKey = z.string().check(z.regex(/^[A-Za-z0-9_-]{22,43}$/, 'not a comment key'));
export type CommentKey = z.infer<typeof CommentKey>;

/** Server-made ids (functions/src/lib/ids.ts): 26 lower-case base32 characters. */
export const ThemeId = z.string().check(z.regex(/^[0-9a-z]{26}$/, 'not a theme id'));
export type ThemeId = z.infer<typeof ThemeId>;

/** A theme of a survey's comments, e.g. "Visa procedures". */
export const ThemeInput = z.strictObject({
  name: z
    .string()
    .check(z.trim(), z.minLength(1, 'Give the theme a name.'), z.maxLength(60, 'At most 60 characters.')),
});
export type ThemeInput = z.infer<typeof ThemeInput>;

export const Theme = z.object({
  id: ThemeId,
  name: z.string().check(z.maxLength(60)),
  createdAt: z.string().check(z.maxLength(40)),
});
export type Theme = z.infer<typeof Theme>;

/** Tag or untag answers with one theme: one answer, or a selection (bulk), at most 200 at once. */
export const TagInput = z.strictObject({
  themeId: ThemeId,
  commentKeys: z.array(CommentKey).check(z.minLength(1), z.maxLength(200)),
});
export type TagInput = z.infer<typeof TagInput>;

export const CommentsQuery = z.object({
  q: z.optional(z.string().check(z.maxLength(200))),
  questionId: z.optional(z.string().check(z.maxLength(64))),
  language: z.optional(z.string().check(z.maxLength(20))),
  /** A theme id, or `none` for answers without a theme. */
  theme: z.optional(z.string().check(z.maxLength(26))),
  order: z.optional(z.enum(['newest', 'question'])),
  page: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(100_000))),
  pageSize: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(200))),
});
export type CommentsQuery = z.infer<typeof CommentsQuery>;

export const CommentItem = z.object({
  key: CommentKey,
  questionId: z.string().check(z.maxLength(64)),
  language: z.string().check(z.maxLength(20)),
  text: z.string().check(z.maxLength(20_000)),
  day: z.string().check(z.maxLength(10)),
  themes: z.array(ThemeId).check(z.maxLength(1000)),
});
