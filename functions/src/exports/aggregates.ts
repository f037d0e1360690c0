/** Reading the aggregate exports' figures: indicator values from the results engine, activities with attendance. */

import { summarizeAttendees } from '../../../shared/src/activities/rules.js';
import type { ActivityQuery } from '../../../shared/src/activities/schema.js';
import { type ActivityFacts, activityRow, indicatorRow } from '../../../shared/src/exports/aggregates.js';
import type { SafeCell } from '../../../shared/src/exports/cells.js';
import { getActivityWithAttendees, listActivities } from '../activities/store.js';
import { listProjects } from '../framework/store.js';
import { goalOverview, indicatorResult, type ScopeFilters } from '../results/store.js';

/** Indicator reads at once: each reads roll-ups; a few in parallel keep the export quick and the table calm. */
const PARALLEL = 4;

async function inBatches<T, R>(items: readonly T[], f: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += PARALLEL)
    out.push(...(await Promise.all(items.slice(i, i + PARALLEL).map(f))));
  return out;
}

/**
 * Rows of every indicator: the period's value, each year's value (whole period only) and the
 * period's breakdown cells, as the indicator pages compute and protect them (the results engine
 * applies the disclosure layer; nothing is computed here).
 */
export async function indicatorRows(opts: {
  year?: number;
  frameworkId?: string;
  filters?: ScopeFilters;
}): Promise<SafeCell[][]> {
  const filters = opts.filters ?? {};
  const overview = await goalOverview(opts.year, filters, opts.frameworkId);
  const regions = new Map(overview.framework.regions.map((r) => [r.id, r.name]));
  const items = overview.goals.flatMap((g) => g.indicators.map((v) => ({ goal: String(g.number), v })));
  const results = await inBatches(items, async ({ goal, v }) => {
    const result = await indicatorResult(v.indicatorId, opts.year, filters);
    const rows: SafeCell[][] = [indicatorRow(goal, result.value, { kind: 'period' })];
    if (opts.year === undefined)
      for (const y of result.byYear) rows.push(indicatorRow(goal, y, { kind: 'year' }));
    for (const [dimension, cells] of Object.entries(result.breakdowns))
      for (const cell of cells)
        rows.push(
          indicatorRow(goal, result.value, {
            kind: 'breakdown',
            dimension,
            cell,
            label: dimension === 'region' ? regions.get(cell.key) : undefined,
          }),
        );
    return rows;
  });
  return results.flat();
}

/** Rows of the activities starting in a period, with their attendance facts protected. */
export async function activityRows(query: ActivityQuery): Promise<SafeCell[][]> {
  const [activities, projects] = await Promise.all([listActivities(query), listProjects()]);
  const projectNames = new Map(projects.map((p) => [p.id, p.name]));
  const facts = await inBatches(activities, async (a): Promise<ActivityFacts> => {
    const withList = a.attendeeCount > 0 ? await getActivityWithAttendees(a.id) : null;
    const list = withList && withList.attendees.length > 0 ? summarizeAttendees(withList.attendees) : null;
    return {
      ...a,
      attendance: list ?? a.attendance,
      attendanceSource: list ? 'list' : a.attendance ? 'stated' : 'none',
    };
  });
  return facts.map((f) => activityRow(f, f.projectId ? projectNames.get(f.projectId) : undefined));
}
