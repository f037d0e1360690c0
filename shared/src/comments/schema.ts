/** Themes and tags of a survey's free-text answers: the API's inputs and outputs. */
import * as z from 'zod';

/** A comment's opaque key: base64url of a hash of (response, question), 22 characters. */
export const CommentKey = z.string().regex(/^[A-Za-z0-9_-]{22,43}$/, 'not a comment key');
export type CommentKey = z.infer<typeof CommentKey>;

/** Server-made ids (functions/src/lib/ids.ts): 26 lower-case base32 characters. */
export const ThemeId = z.string().regex(/^[0-9a-z]{26}$/, 'not a theme id');
export type ThemeId = z.infer<typeof ThemeId>;

/** A theme of a survey's comments, e.g. "Visa procedures". */
export const ThemeInput = z.strictObject({
  name: z.string().trim().min(1, 'Give the theme a name.').max(60, 'At most 60 characters.'),
});
export type ThemeInput = z.infer<typeof ThemeInput>;

export const Theme = z.object({
  id: ThemeId,
  name: z.string().max(60),
  createdAt: z.string().max(40),
});
export type Theme = z.infer<typeof Theme>;

/** Tag or untag answers with one theme: one answer, or a selection (bulk), at most 200 at once. */
export const TagInput = z.strictObject({
  themeId: ThemeId,
  commentKeys: z.array(CommentKey).min(1).max(200),
});
export type TagInput = z.infer<typeof TagInput>;

export const CommentsQuery = z.object({
  q: z.string().max(200).optional(),
  questionId: z.string().max(64).optional(),
  language: z.string().max(20).optional(),
  /** A theme id, or `none` for answers without a theme. */
  theme: z.string().max(26).optional(),
  order: z.enum(['newest', 'question']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
});
export type CommentsQuery = z.infer<typeof CommentsQuery>;

export const CommentItem = z.object({
  key: CommentKey,
  questionId: z.string().max(64),
  language: z.string().max(20),
  text: z.string().max(20_000),
  day: z.string().max(10),
  themes: z.array(ThemeId).max(1000),
});
