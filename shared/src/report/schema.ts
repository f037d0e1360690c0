import * as z from 'zod/mini';

/*
 * The yearly results report (issue 12, part 1): request schemas. The document itself is a plain
 * TypeScript type (model.ts), so the page imports it without zod.
 */

/** A report's period in a URL: a calendar year ("2023") or the whole plan ("plan"). */
export const ReportPeriodKey = z.union([
  z.literal('plan'),
  z.string().check(z.regex(/^(19|20|21)\d{2}$/, 'a year or "plan"')),
]);
export type ReportPeriodKey = z.infer<typeof ReportPeriodKey>;

/** Longest narrative of one priority goal. */
export const MAX_NARRATIVE = 8000;

/** A goal's narrative, edited while the report is a draft, with the draft version read. */
export const NarrativeInput = z.object({
  text: z.string().check(z.trim(), z.maxLength(MAX_NARRATIVE)),
  /** The draft's version the edit was made from (0 when no narrative was saved yet). */
  version: z.int().check(z.gte(0), z.lte(1_000_000)),
});
export type NarrativeInput = z.infer<typeof NarrativeInput>;

/** Issue (freeze) the report as read: the draft version it was read with. */
export const IssueInput = z.object({ version: z.int().check(z.gte(0), z.lte(1_000_000)) });
export type IssueInput = z.infer<typeof IssueInput>;
