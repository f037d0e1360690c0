import * as z from 'zod';
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

const RefId = z.string().regex(/^[0-9a-z-]{1,80}$/, 'expected an id');

/** An indicator value as evidence: which indicator and period; the value is captured by the API. */
export const EvidenceIndicatorInput = z.object({
  indicatorId: RefId,
  /** A calendar year, or null for the whole plan period. */
  year: z.int().min(1900).max(2200).nullable(),
});
export type EvidenceIndicatorInput = z.infer<typeof EvidenceIndicatorInput>;

/** A quoted free-text answer, chosen from a survey's comments. */
export const EvidenceQuote = z.object({
  surveyId: RefId,
  questionId: z.string().min(1).max(80),
  text: z.string().trim().min(1).max(2000),
});
export type EvidenceQuote = z.infer<typeof EvidenceQuote>;

/** What an evaluator sends to record a lesson or practice. */
export const LessonInput = z.object({
  kind: LessonKind,
  title: z.string().trim().min(3).max(MAX_NAME),
  text: z.string().trim().min(1).max(8000),
  /** When it was learned or observed; its year puts it in that year's report. */
  date: IsoDate,
  activityIds: z.array(RefId).max(50).default([]),
  actionPointCodes: z.array(ActionPointCode).max(50).default([]),
  priorityGoals: z.array(GoalNumber).max(20).default([]),
  indicators: z.array(EvidenceIndicatorInput).max(20).default([]),
  quotes: z.array(EvidenceQuote).max(20).default([]),
  /** The plan whose reports it flows into; the active one when absent. */
  frameworkId: z
    .string()
    .regex(/^[0-9a-z-]{1,80}$/)
    .nullable()
    .default(null),
});
export type LessonInput = z.infer<typeof LessonInput>;

export const LessonUpdate = LessonInput.safeExtend({ version: z.int().positive().max(1_000_000) });
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
  goal: z.coerce.number().int().min(1).max(20).optional(),
  actionPoint: ActionPointCode.optional(),
  activityId: RefId.optional(),
  kind: LessonKind.optional(),
  year: z.coerce.number().int().min(1900).max(2200).optional(),
  q: z.string().trim().max(100).optional(),
});
export type LessonQuery = z.infer<typeof LessonQuery>;
