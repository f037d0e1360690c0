/**
 * Disclosure control of one indicator's respondent figures, pure: the value of the whole period
 * and of each year, each activity's row, and the breakdown cells of each period, unfiltered and,
 * when the request is filtered, filtered. Two stages, so that every view agrees:
 * - headline: period totals and activity rows (what the goal overview shows too);
 * - cells: breakdown cells, with the headline's decisions fixed.
 * A filtered view is protected with the unfiltered figures fixed (they are published anyway) and
 * the hidden rest of each filtered figure ("everyone outside the filter") sensitive when 1-4.
 */
import { type FigureIn, MIN_PEOPLE, protect, type Relation, type Suppression } from './protect.js';

export interface HeadlineCounts {
  /** People behind the value of the whole period. */
  whole: number;
  /** People behind each year's value, by year. */
  years: Record<string, number>;
  /** People behind each activity's row, with the year it counts in. */
  activities: { id: string; year: string; n: number }[];
}

export interface HeadlineProtection {
  whole: boolean;
  years: Set<string>;
  activities: Set<string>;
  /** The raw decisions, to fix them in the cells stage. */
  suppression: Suppression;
}

const T = (view: string, period: string) => `${view}T:${period}`;
const A = (id: string) => `A:${id}`;

function headlineFigures(
  view: string,
  c: HeadlineCounts,
  acts: boolean,
): { figures: FigureIn[]; relations: Relation[] } {
  const figures: FigureIn[] = [{ id: T(view, 'whole'), n: c.whole }];
  const relations: Relation[] = [];
  const years = Object.keys(c.years).sort();
  for (const y of years) figures.push({ id: T(view, y), n: c.years[y] as number });
  relations.push({ total: T(view, 'whole'), parts: years.map((y) => T(view, y)) });
  if (acts) for (const a of c.activities) figures.push({ id: A(a.id), n: a.n });
  for (const y of years)
    relations.push({
      total: T(view, y),
      parts: c.activities.filter((a) => a.year === y).map((a) => A(a.id)),
    });
  return { figures, relations };
}

function toHeadline(view: string, c: HeadlineCounts, s: Suppression): HeadlineProtection {
  return {
    whole: s.has(T(view, 'whole')),
    years: new Set(Object.keys(c.years).filter((y) => s.has(T(view, y)))),
    activities: new Set(c.activities.filter((a) => s.has(A(a.id))).map((a) => a.id)),
    suppression: s,
  };
}

/** Complements of a filtered view: unfiltered figure = filtered figure + hidden rest. */
function complements(ids: readonly { id: string; fid: string; n: number; fn: number }[]) {
  const figures: FigureIn[] = [];
  const relations: Relation[] = [];
  for (const x of ids) {
    const k = `K:${x.fid}`;
    figures.push({ id: k, n: Math.max(0, x.n - x.fn), hidden: true });
    relations.push({ total: x.id, parts: [x.fid, k] });
  }
  return { figures, relations };
}

const fixedFrom = (figures: FigureIn[], s: Suppression): FigureIn[] =>
  figures.map((f) => (f.hidden ? f : { ...f, fixed: true, suppressed: s.has(f.id) }));

/** Stage 1: the headline figures, unfiltered, and filtered when `filtered` is given. */
export function protectHeadline(
  all: HeadlineCounts,
  filtered?: HeadlineCounts | null,
  minN = MIN_PEOPLE,
): { all: HeadlineProtection; filtered: HeadlineProtection | null } {
  const u = headlineFigures('', all, true);
  const su = protect(u.figures, u.relations, minN);
  if (!filtered) return { all: toHeadline('', all, su), filtered: null };
  const f = headlineFigures('F:', filtered, false);
  const periods = ['whole', ...Object.keys(all.years)];
  const k = complements(
    periods.map((p) => ({
      id: T('', p),
      fid: T('F:', p),
      n: p === 'whole' ? all.whole : (all.years[p] ?? 0),
      fn: p === 'whole' ? filtered.whole : (filtered.years[p] ?? 0),
    })),
  );
  const sf = protect(
    [...fixedFrom(u.figures, su), ...f.figures, ...k.figures],
    [...u.relations, ...f.relations, ...k.relations],
    minN,
  );
  return { all: toHeadline('', all, su), filtered: toHeadline('F:', filtered, sf) };
}

/** Breakdown cells: `cells[dimension][period][key]` = people, the periods those of the headline. */
export type CellCounts = Record<string, Record<string, Record<string, number>>>;

const C = (view: string, dim: string, period: string, key: string) => `${view}C:${dim}:${period}:${key}`;
const NOT_STATED = '\u0000not-stated';

function cellFigures(
  view: string,
  head: HeadlineCounts,
  cells: CellCounts,
  groups: Record<string, { of: string; members: Record<string, readonly string[]> }>,
): { figures: FigureIn[]; relations: Relation[] } {
  const figures: FigureIn[] = [];
  const relations: Relation[] = [];
  const periods = ['whole', ...Object.keys(head.years).sort()];
  const total = (p: string) => (p === 'whole' ? head.whole : (head.years[p] ?? 0));
  for (const [dim, byPeriod] of Object.entries(cells)) {
    const keys = [...new Set(periods.flatMap((p) => Object.keys(byPeriod[p] ?? {})))].sort();
    for (const p of periods) {
      const row = byPeriod[p] ?? {};
      const sum = keys.reduce((s, k) => s + (row[k] ?? 0), 0);
      for (const k of keys) figures.push({ id: C(view, dim, p, k), n: row[k] ?? 0 });
      // The people in no cell (the question skipped) are total − cells: hidden, sensitive when 1-4.
      figures.push({ id: C(view, dim, p, NOT_STATED), n: Math.max(0, total(p) - sum), hidden: true });
      relations.push({
        total: T(view, p),
        parts: [...keys.map((k) => C(view, dim, p, k)), C(view, dim, p, NOT_STATED)],
      });
    }
    for (const k of [...keys, NOT_STATED])
      relations.push({
        total: C(view, dim, 'whole', k),
        parts: periods.filter((p) => p !== 'whole').map((p) => C(view, dim, p, k)),
      });
    const g = groups[dim];
    const of = g ? cells[g.of] : undefined;
    if (g && of) {
      const ofKeys = new Set(periods.flatMap((p) => Object.keys(of[p] ?? {})));
      for (const p of periods)
        for (const [groupKey, members] of Object.entries(g.members))
          if (keys.includes(groupKey))
            relations.push({
              total: C(view, dim, p, groupKey),
              parts: members.filter((m) => ofKeys.has(m)).map((m) => C(view, g.of, p, m)),
            });
    }
  }
  return { figures, relations };
}

/**
 * Stage 2: breakdown cells. `groups` declares a dimension made of another's cells (region of
 * country: `{ region: { of: 'country', members: { 'silk-routes': ['AF', 'PK'], ... } } }`).
 * Returns the withheld cells as `dim → period → keys`.
 */
export function protectCells(
  head: { counts: HeadlineCounts; protection: HeadlineProtection },
  cells: CellCounts,
  groups: Record<string, { of: string; members: Record<string, readonly string[]> }> = {},
  filtered: { counts: HeadlineCounts; protection: HeadlineProtection; cells: CellCounts } | null = null,
  minN = MIN_PEOPLE,
): { all: CellSuppression; filtered: CellSuppression | null } {
  const hu = headlineFigures('', head.counts, true);
  const cu = cellFigures('', head.counts, cells, groups);
  const su = protect(
    [...fixedFrom(hu.figures, head.protection.suppression), ...cu.figures],
    [...hu.relations, ...cu.relations],
    minN,
  );
  const all = toCells('', cells, su);
  if (!filtered) return { all, filtered: null };
  const hf = headlineFigures('F:', filtered.counts, false);
  const cf = cellFigures('F:', filtered.counts, filtered.cells, groups);
  const pairs: { id: string; fid: string; n: number; fn: number }[] = [];
  for (const [dim, byPeriod] of Object.entries(filtered.cells))
    for (const [p, row] of Object.entries(byPeriod))
      for (const [k, fn] of Object.entries(row))
        pairs.push({ id: C('', dim, p, k), fid: C('F:', dim, p, k), n: cells[dim]?.[p]?.[k] ?? 0, fn });
  // The people of each period who skipped the question, inside and outside the filter.
  for (const [dim, byPeriod] of Object.entries(filtered.cells))
    for (const p of Object.keys(byPeriod)) {
      const skipped = (h: HeadlineCounts, c: CellCounts) =>
        Math.max(
          0,
          (p === 'whole' ? h.whole : (h.years[p] ?? 0)) -
            Object.values(c[dim]?.[p] ?? {}).reduce((s, x) => s + x, 0),
        );
      pairs.push({
        id: C('', dim, p, NOT_STATED),
        fid: C('F:', dim, p, NOT_STATED),
        n: skipped(head.counts, cells),
        fn: skipped(filtered.counts, filtered.cells),
      });
    }
  const k = complements(pairs);
  const sf = protect(
    [
      ...fixedFrom([...hu.figures, ...cu.figures.filter((f) => !f.hidden)], su),
      ...cu.figures.filter((f) => f.hidden),
      ...fixedFrom(hf.figures, filtered.protection.suppression),
      ...cf.figures,
      ...k.figures,
    ],
    [...hu.relations, ...cu.relations, ...hf.relations, ...cf.relations, ...k.relations],
    minN,
  );
  return { all, filtered: toCells('F:', filtered.cells, sf) };
}

/** Withheld cells: `dimension → period → keys`. */
export type CellSuppression = Record<string, Record<string, Set<string>>>;

function toCells(view: string, cells: CellCounts, s: Suppression): CellSuppression {
  const out: CellSuppression = {};
  for (const [dim, byPeriod] of Object.entries(cells)) {
    out[dim] = {};
    for (const [p, row] of Object.entries(byPeriod))
      (out[dim] as Record<string, Set<string>>)[p] = new Set(
        Object.keys(row).filter((k) => s.has(C(view, dim, p, k))),
      );
  }
  return out;
}
