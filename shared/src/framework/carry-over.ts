import * as z from 'zod/mini';
import { type IndicatorInput, type IndicatorRecord, Target } from '../indicators/schema.js';
import { goalLabel } from './labels.js';
import type { ActionPoint, PriorityGoal, ResultStatement } from './schema.js';

/*
 * Carrying indicators over to a new framework version is an explicit step: for each indicator
 * the administrator sees what changes (goal renamed or retired, action point retired or dropped,
 * result statement gone, targets outside the new period) before a copy is made in the new
 * version. The copy is a new indicator of the new framework; the old one, its versions and every
 * value computed under the old framework stay as they were.
 */

type FrameworkContent = {
  id: string;
  name: string;
  periodStart: string;
  periodEnd: string;
  priorityGoals: PriorityGoal[];
  actionPoints: ActionPoint[];
  resultStatements: ResultStatement[];
};

export const CarryChange = z.object({
  kind: z.enum([
    'goal-renamed',
    'goal-retired',
    'goal-missing',
    'action-point-renamed',
    'action-point-retired',
    'action-point-missing',
    'result-changed',
    'result-missing',
    'targets-outside-period',
  ]),
  message: z.string(),
});
export type CarryChange = z.infer<typeof CarryChange>;

export const CarryPreviewItem = z.object({
  indicatorId: z.string(),
  code: z.string(),
  name: z.string(),
  status: z.string(),
  changes: z.array(CarryChange),
  /** Already carried over to the target framework (the id of the copy there). */
  carriedTo: z.nullable(z.string()),
});
export type CarryPreviewItem = z.infer<typeof CarryPreviewItem>;

export const CarryPreview = z.object({
  from: z.object({ id: z.string(), name: z.string(), periodStart: z.string(), periodEnd: z.string() }),
  to: z.object({ id: z.string(), name: z.string(), periodStart: z.string(), periodEnd: z.string() }),
  indicators: z.array(CarryPreviewItem),
});
export type CarryPreview = z.infer<typeof CarryPreview>;

/** The carry-over request: which indicators, each with the targets it gets in the new period. */
export const CarryRequest = z.object({
  from: z.string().check(z.minLength(1), z.maxLength(80)),
  items: z
    .array(
      z.object({
        indicatorId: z.string().check(z.minLength(1), z.maxLength(80)),
        /** Targets for the new period; absent: those of the old definition that fall inside it. */
        targets: z.optional(z.array(Target).check(z.maxLength(20))),
      }),
    )
    .check(
      z.minLength(1),
      z.maxLength(100),
      z.refine((list) => new Set(list.map((i) => i.indicatorId)).size === list.length, {
        message: 'an indicator is listed twice',
      }),
    ),
});
export type CarryRequest = z.infer<typeof CarryRequest>;

/** A link from a carried-over indicator to the one it was copied from (kept in the new framework). */
export const CarryLink = z.object({
  indicatorId: z.string(),
  frameworkId: z.string(),
  fromIndicatorId: z.string(),
  fromFrameworkId: z.string(),
  fromVersion: z.int().check(z.positive()),
  changes: z.array(CarryChange),
  at: z.string(),
  by: z.string(),
});
export type CarryLink = z.infer<typeof CarryLink>;

const inPeriod = (date: string | null, fw: Pick<FrameworkContent, 'periodStart' | 'periodEnd'>) =>
  date !== null && fw.periodStart <= date && date <= fw.periodEnd;

/** What changes for one indicator when it moves from one framework version to another. */
export function carryChanges(
  indicator: Pick<IndicatorInput, 'priorityGoal' | 'actionPointCodes' | 'resultId' | 'targets'>,
  from: FrameworkContent,
  to: FrameworkContent,
): CarryChange[] {
  const changes: CarryChange[] = [];
  const n = indicator.priorityGoal;
  if (n !== null) {
    const before = from.priorityGoals.find((g) => g.number === n);
    const after = to.priorityGoals.find((g) => g.number === n);
    const was = before ? goalLabel(before, from.actionPoints) : `PG${n}`;
    if (!after)
      changes.push({ kind: 'goal-missing', message: `${was} is not in ${to.name}: choose a goal there.` });
    else if (after.retired)
      changes.push({ kind: 'goal-retired', message: `${was} is retired in ${to.name}.` });
    else if (before && (before.title !== after.title || before.shortTitle !== after.shortTitle))
      changes.push({
        kind: 'goal-renamed',
        message: `${before.code} is renamed: "${before.title}" becomes "${after.title}".`,
      });
  }
  for (const code of indicator.actionPointCodes) {
    const before = from.actionPoints.find((a) => a.code === code);
    const after = to.actionPoints.find((a) => a.code === code);
    if (!after)
      changes.push({
        kind: 'action-point-missing',
        message: `Action point ${code} is not in ${to.name}: it is dropped from the copy.`,
      });
    else if (after.retired)
      changes.push({
        kind: 'action-point-retired',
        message: `Action point ${code} is retired in ${to.name}: it is dropped from the copy.`,
      });
    else if (before && before.title !== after.title)
      changes.push({
        kind: 'action-point-renamed',
        message: `Action point ${code} is reworded: "${after.title}".`,
      });
  }
  if (indicator.resultId) {
    const before = from.resultStatements.find((r) => r.id === indicator.resultId);
    const after = to.resultStatements.find((r) => r.id === indicator.resultId);
    if (!after)
      changes.push({
        kind: 'result-missing',
        message: `The result statement it measures is not in ${to.name}: choose one there.`,
      });
    else if (before && before.text !== after.text)
      changes.push({
        kind: 'result-changed',
        message: `The result statement it measures is reworded: "${after.text}".`,
      });
  }
  const outside = indicator.targets.filter((t) => !inPeriod(t.date, to));
  if (outside.length > 0)
    changes.push({
      kind: 'targets-outside-period',
      message: `${outside.length === 1 ? 'Target' : 'Targets'} ${outside.map((t) => t.period || t.date || '?').join(', ')} ${outside.length === 1 ? 'falls' : 'fall'} outside ${to.periodStart.slice(0, 4)}-${to.periodEnd.slice(0, 4)} and ${outside.length === 1 ? 'is' : 'are'} not carried: set targets for the new period.`,
    });
  return changes;
}

/**
 * The definition of the copy in the new framework: same code, name, computation and reporting;
 * the new framework's id; action points and result only where the new framework still has them
 * (and not retired); targets those given, else the old ones inside the new period.
 */
export function carriedDefinition(
  indicator: IndicatorRecord,
  to: FrameworkContent,
  targets?: IndicatorInput['targets'],
): IndicatorInput {
  const {
    id: _id,
    version: _v,
    revision: _r,
    createdAt: _ca,
    createdBy: _cb,
    updatedAt: _ua,
    updatedBy: _ub,
    status: _s,
    ...definition
  } = indicator;
  const live = (code: string) => to.actionPoints.some((a) => a.code === code && !a.retired);
  const goal = to.priorityGoals.find((g) => g.number === indicator.priorityGoal);
  return {
    ...definition,
    frameworkId: to.id,
    priorityGoal: goal ? goal.number : null,
    actionPointCodes: indicator.actionPointCodes.filter(live),
    resultId: to.resultStatements.some((r) => r.id === indicator.resultId) ? indicator.resultId : null,
    targets: targets ?? indicator.targets.filter((t) => inPeriod(t.date, to)),
  };
}
