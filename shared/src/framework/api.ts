import * as z from 'zod/mini';
import { MAX_KEY_TEXT, MAX_NAME, MAX_NUMBER, MAX_TEXT } from '../lib/bounds.js';
import {
  ActionPoint,
  ActionPointCode,
  FrameworkStatus,
  GoalNumber,
  IsoDate,
  Pillar,
  PillarId,
  PriorityGoal,
  Project,
  Region,
  ResultStatement,
  regionIssues,
  Slug,
  Timeline,
} from './schema.js';

/*
 * The shapes the framework and project API reads and writes. The content types (goal, action
 * point, project...) are those of schema.ts; these add what storage adds (edit version, times)
 * and leave out what the client never sends (ids of new projects).
 */

/** A framework version in the list: no content, just what a version switcher needs. */
export const FrameworkSummary = z.object({
  id: Slug,
  name: z.string().check(z.minLength(1)),
  periodStart: IsoDate,
  periodEnd: IsoDate,
  status: FrameworkStatus,
  version: z.int().check(z.gte(1)),
  basedOn: z.optional(Slug),
  /** A new plan (its own period) started as a copy of this framework; unlike `basedOn`, not a revision of it. */
  copiedFrom: z.optional(Slug),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Set when the framework last became active. */
  activatedAt: z.optional(z.string()),
});
export type FrameworkSummary = z.infer<typeof FrameworkSummary>;

/** A whole framework version: its goals, action points, pillars, results and the ids of its projects. */
export const FrameworkDetail = z.extend(FrameworkSummary, {
  priorityGoals: z.array(PriorityGoal),
  actionPoints: z.array(ActionPoint),
  pillars: z.array(Pillar),
  resultStatements: z.array(ResultStatement),
  regions: z._default(z.array(Region), []),
  projectIds: z.array(Slug),
});
export type FrameworkDetail = z.infer<typeof FrameworkDetail>;

const periodOrder = {
  check: (f: { periodStart: string; periodEnd: string }) => f.periodStart <= f.periodEnd,
  message: { message: 'the period cannot end before it starts', path: ['periodEnd'] },
};

/**
 * A new plan with its own period (e.g. 2025-2029), as a draft: a copy of the goals, action points,
 * pillars, results, regions and projects of `copyFrom`, or blank when `copyFrom` is null.
 */
export const NewFramework = z
  .object({
    name: z.string().check(z.trim(), z.minLength(1, 'enter a name'), z.maxLength(120)),
    periodStart: IsoDate,
    periodEnd: IsoDate,
    copyFrom: z.nullable(Slug),
  })
  .check(z.refine(periodOrder.check, periodOrder.message));
export type NewFramework = z.infer<typeof NewFramework>;

/** The name and period of a draft. */
export const FrameworkMetaUpdate = z
  .object({
    name: z.string().check(z.trim(), z.minLength(1, 'enter a name'), z.maxLength(120)),
    periodStart: IsoDate,
    periodEnd: IsoDate,
  })
  .check(z.refine(periodOrder.check, periodOrder.message));
export type FrameworkMetaUpdate = z.infer<typeof FrameworkMetaUpdate>;

/**
 * Replaces the priority goals of a draft: add (a new number), rename (same number, new title),
 * retire (`retired`), reorder (`order`). Numbers and codes unique; code "PG<number>".
 */
export const GoalsUpdate = z.object({
  priorityGoals: z.array(PriorityGoal).check(
    z.minLength(1),
    z.maxLength(20),
    z.superRefine((list, ctx) => {
      const seen = new Set<number>();
      list.forEach((g, i) => {
        if (seen.has(g.number))
          ctx.addIssue({
            code: 'custom',
            message: `two goals have the number ${g.number}`,
            path: [i, 'number'],
          });
        seen.add(g.number);
        if (g.code !== `PG${g.number}`)
          ctx.addIssue({
            code: 'custom',
            message: `the code of goal ${g.number} is PG${g.number}`,
            path: [i, 'code'],
          });
      });
    }),
  ),
});
export type GoalsUpdate = z.infer<typeof GoalsUpdate>;

/** Replaces the pillars of a draft (their names and descriptions); ids unique. */
export const PillarsUpdate = z.object({
  pillars: z.array(Pillar).check(
    z.maxLength(3),
    z.refine((list) => new Set(list.map((p) => p.id)).size === list.length, {
      message: 'two pillars have the same id',
    }),
  ),
});
export type PillarsUpdate = z.infer<typeof PillarsUpdate>;

/** Replaces the result statements of a draft framework; ids unique, goals among the framework's. */
export const ResultStatementsUpdate = z.object({
  resultStatements: z.array(ResultStatement).check(
    z.maxLength(90),
    z.refine((list) => new Set(list.map((r) => r.id)).size === list.length, {
      message: 'two result statements have the same id',
    }),
  ),
});
export type ResultStatementsUpdate = z.infer<typeof ResultStatementsUpdate>;

/** Replaces the regions of a draft: ids unique, each country in one region at most. */
export const RegionsUpdate = z.object({
  regions: z.array(Region).check(
    z.maxLength(40),
    z.superRefine((list, ctx) => {
      for (const issue of regionIssues(list))
        ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    }),
  ),
});
export type RegionsUpdate = z.infer<typeof RegionsUpdate>;

/** An action point of a draft as edited: everything but its code and goal, which the path gives. */
export const ActionPointUpdate = z.object({
  title: z.string().check(z.trim(), z.minLength(1, 'enter the action'), z.maxLength(MAX_TEXT)),
  timeline: Timeline,
  workingGroup: z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_NAME))),
  linkedGoals: z.array(GoalNumber).check(z.maxLength(20)),
  linkedProjects: z.array(Slug).check(z.maxLength(100)),
  comments: z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_TEXT))),
  /** The pillar the action point mainly serves; null or absent: none set. */
  pillar: z.optional(z.nullable(PillarId)),
  /** Retired in this plan: kept for history, no longer offered. */
  retired: z.optional(z.boolean()),
});
export type ActionPointUpdate = z.infer<typeof ActionPointUpdate>;

/** The action point an update produces: the code's first digit is its goal. */
export function actionPointFrom(code: ActionPointCode, update: ActionPointUpdate): ActionPoint {
  return ActionPoint.parse({ ...update, code, goal: Number(code.split('.')[0]) });
}

// Project fields without the schema's refinement, so they can be reused for input and records.
const { id: _id, source: _source, ...projectFields } = Project.shape;

const periodInOrder = (p: { periodStart: number | null; periodEnd: number | null }) =>
  p.periodStart === null || p.periodEnd === null || p.periodStart <= p.periodEnd;
const periodMessage = { message: 'a project cannot end before it starts', path: ['periodEnd'] };

/** A project as an administrator enters it; the server gives it an id. */
export const ProjectInput = z
  .object({
    ...projectFields,
    name: z.string().check(z.trim(), z.minLength(1, 'enter the project name'), z.maxLength(MAX_KEY_TEXT)),
    /** Where the facts come from; "Entered by an administrator" when not given. */
    source: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_TEXT))),
  })
  .check(z.refine(periodInOrder, periodMessage));
export type ProjectInput = z.infer<typeof ProjectInput>;

/** An edit: the whole input plus the version it was made from (a stale version is refused). */
export const ProjectUpdate = z
  .object({
    ...projectFields,
    name: z.string().check(z.trim(), z.minLength(1, 'enter the project name'), z.maxLength(MAX_KEY_TEXT)),
    source: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_TEXT))),
    version: z.int().check(z.positive(), z.lte(MAX_NUMBER)),
  })
  .check(z.refine(periodInOrder, periodMessage));
export type ProjectUpdate = z.infer<typeof ProjectUpdate>;

/** A stored project: the content of schema.ts plus its edit version and times. */
export const ProjectRecord = z
  .object({
    ...Project.shape,
    version: z.int().check(z.positive()),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** Archived: kept (activities refer to it), hidden from pickers and the project list by default. */
    archived: z.optional(z.nullable(z.object({ at: z.string(), by: z.string() }))),
  })
  .check(z.refine(periodInOrder, periodMessage));
export type ProjectRecord = z.infer<typeof ProjectRecord>;

/** What refers to a project, shown before it is deleted or archived. */
export const ProjectDependents = z.object({
  activities: z.array(z.object({ id: z.string(), title: z.string() })),
  childProjects: z.array(z.object({ id: z.string(), name: z.string() })),
  indicators: z.array(z.object({ id: z.string(), code: z.string() })),
  /** Nothing refers to it: it can be deleted. */
  deletable: z.boolean(),
});
export type ProjectDependents = z.infer<typeof ProjectDependents>;

/** Sorts action point codes numerically: 1.2 before 1.10. */
export const byCode = (a: { code: string }, b: { code: string }) =>
  a.code.localeCompare(b.code, 'en', { numeric: true });

export { ActionPointCode };
