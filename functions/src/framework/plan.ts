import type { FrameworkDetail } from '../../../shared/src/framework/api.js';
import {
  buildImplementationPlan,
  type ImplementationPlan,
  type PlanFilters,
  type PlanIndicatorInput,
} from '../../../shared/src/framework/plan.js';
import { listActivities } from '../activities/store.js';
import { listIndicators } from '../indicators/store.js';
import { ProblemError } from '../lib/problem.js';
import { goalOverview } from '../results/store.js';
import { listSurveyMetasOfActivity } from '../surveys/store.js';
import { getFramework } from './store.js';

/** At most this many survey reads at once. */
const CONCURRENCY = 16;

async function mapLimited<T, R>(items: readonly T[], fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i] as T);
      }
    }),
  );
  return out;
}

/**
 * The implementation plan of a framework version: reads the framework, the activities of its
 * period (one query), the surveys of each (one query per activity in view) and its indicators,
 * with their latest status from the results overview of the framework (whole period).
 */
export async function implementationPlan(
  frameworkId: string,
  filters: PlanFilters,
): Promise<ImplementationPlan> {
  const fw: FrameworkDetail | null = await getFramework(frameworkId);
  if (!fw) throw new ProblemError(404, 'not-found', `No framework ${frameworkId}.`);
  const [activities, indicators] = await Promise.all([
    listActivities({ from: fw.periodStart, to: fw.periodEnd }),
    listIndicators({ frameworkId: fw.id }),
  ]);
  const inView = activities.filter(
    (a) =>
      filters.year === undefined ||
      Number(a.startsAt.slice(0, 4)) === filters.year ||
      // The gap list looks at the current year too.
      Number(a.startsAt.slice(0, 4)) === new Date().getUTCFullYear(),
  );
  const surveys = await mapLimited(inView, (a) => listSurveyMetasOfActivity(a.id));
  const surveysOf = new Map(inView.map((a, i) => [a.id, surveys[i] ?? []]));
  const latest = new Map<string, PlanIndicatorInput['latest']>();
  try {
    const overview = await goalOverview(undefined, {}, fw.id);
    for (const g of overview.goals)
      for (const v of g.indicators)
        latest.set(v.indicatorId, { status: v.status, display: v.display, period: v.period.label });
  } catch (err) {
    // A framework with no values yet (or none computable) still has a plan.
    if (!(err instanceof ProblemError)) throw err;
  }
  return buildImplementationPlan(
    fw,
    activities.map((a) => ({
      id: a.id,
      title: a.title,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      place: a.place,
      actionPointCodes: a.actionPointCodes,
      priorityGoals: a.priorityGoals,
      pillar: a.pillar,
      projectId: a.projectId,
      participants: a.attendance?.participants ?? (a.attendeeCount > 0 ? a.attendeeCount : null),
      surveys: (surveysOf.get(a.id) ?? []).map((s) => ({
        id: s.id,
        kind: s.kind,
        title: s.title.en ?? Object.values(s.title)[0] ?? s.kind,
      })),
    })),
    indicators.map((i) => ({
      id: i.id,
      code: i.code,
      name: i.name,
      status: i.status,
      priorityGoal: i.priorityGoal,
      actionPointCodes: i.actionPointCodes,
      dataSource: i.dataSource,
      latest: latest.get(i.id) ?? null,
    })),
    filters,
    new Date().toISOString(),
  );
}
