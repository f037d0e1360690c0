import * as z from 'zod/mini';
import { ActionPointCode, GoalNumber, IsoDate } from '../framework/schema.js';
import { MAX_NAME } from '../lib/bounds.js';

/*
 * The lessons and practices log (issue 12, part 4): a lesson learned or a promising practice,
 * linked to activities, action points and priority goals, with evidence (indicator values captured
 * when linked, and quoted free-text answers: the quote text, survey and question only, never who
 * wrote it, when, or their pairing code).
 */

export const LessonKind = z.enum(['lesson', 'practice']);
export type LessonKind = z.infer<typeof LessonKind>;

export const LESSON_KIND_LABELS: Record<LessonKind, string> = {
  lesson: 'Lesson learned',
  practice: 'Promising practice',
};

const RefId = z.string().check(z.regex(/^[0-9a-z-]{1,80}$/, 'expected an id'));

/** An indicator value as evidence: which indicator and period; the value is captured by the API. */
export const EvidenceIndicatorInput = z.object({
  indicatorId: RefId,
  /** A calendar year, or null for the whole plan period. */
  year: z.nullable(z.int().check(z.gte(1900), z.lte(2200))),
});
export type EvidenceIndicatorInput = z.infer<typeof EvidenceIndicatorInput>;

/** A quoted free-text answer, chosen from a survey's comments. */
export const EvidenceQuote = z.object({
  surveyId: RefId,
  questionId: z.string().check(z.minLength(1), z.maxLength(80)),
  text: z.string().check(z.trim(), z.minLength(1), z.maxLength(2000)),
});
export type EvidenceQuote = z.infer<typeof EvidenceQuote>;

/** What an evaluator sends to record a lesson or practice. */
export const LessonInput = z.object({
  kind: LessonKind,
  title: z.string().check(z.trim(), z.minLength(3), z.maxLength(MAX_NAME)),
  text: z.string().check(z.trim(), z.minLength(1), z.maxLength(8000)),
  /** When it was learned or observed; its year puts it in that year's report. */
  date: IsoDate,
  activityIds: z._default(z.array(RefId).check(z.maxLength(50)), []),
  actionPointCodes: z._default(z.array(ActionPointCode).check(z.maxLength(50)), []),
  priorityGoals: z._default(z.array(GoalNumber).check(z.maxLength(20)), []),
  indicators: z._default(z.array(EvidenceIndicatorInput).check(z.maxLength(20)), []),
  quotes: z._default(z.array(EvidenceQuote).check(z.maxLength(20)), []),
  /** The plan whose reports it flows into; the active one when absent. */
  frameworkId: z._default(z.nullable(z.string().check(z.regex(/^[0-9a-z-]{1,80}$/))), null),
});
export type LessonInput = z.infer<typeof LessonInput>;

export const LessonUpdate = z.safeExtend(LessonInput, {
  version: z.int().check(z.positive(), z.lte(1_000_000)),
});
export type LessonUpdate = z.infer<typeof LessonUpdate>;

/** An indicator value captured when it was linked (later data does not change the evidence). */
export interface EvidenceIndicator {
  indicatorId: string;
  code: string;
  name: string;
  year: number | null;
  periodLabel: string;
  value: number | null;
  display: string;
  n: number | null;
  nOf: string;
  version: number;
  withheld: boolean;
  capturedAt: string;
}

export interface Lesson {
  id: string;
  kind: LessonKind;
  title: string;
  text: string;
  date: string;
  activityIds: string[];
  actionPointCodes: string[];
  priorityGoals: number[];
  indicators: EvidenceIndicator[];
  quotes: EvidenceQuote[];
  frameworkId: string | null;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** Filters of the log. */
export const LessonQuery = z.object({
  goal: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(20))),
  actionPoint: z.optional(ActionPointCode),
  activityId: z.optional(RefId),
  kind: z.optional(LessonKind),
  year: z.optional(z.coerce.number().check(z.int(), z.gte(1900), z.lte(2200))),
  q: z.optional(z.string().check(z.trim(), z.maxLength(100))),
});
export type LessonQuery = z.infer<typeof LessonQuery>;
