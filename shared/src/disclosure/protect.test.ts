/**
 * Defect 3 of issue 9: suppression that could be undone. An attacker who sees every published
 * figure (unfiltered and filtered, whole period and each year, activity rows, breakdown cells)
 * tries the subtractions an evaluator found (total minus the shown cells, whole period minus the
 * other years, unfiltered minus filtered, total minus the other activities) and, as τ-ARGUS's audit
 * does, solves the linear system of all published totals. On random data, it must never recover
 * the exact count of a group of 1 to 4 people. The attacker below shares no code with the module.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suppressSmallCells } from '../learning/suppression.js';
import { type CellCounts, type HeadlineCounts, protectCells, protectHeadline } from './indicator.js';
import { protect } from './protect.js';

const KEYS = ['female', 'male', 'other'] as const;

interface World {
  activities: {
    id: string;
    year: string;
    cells: Record<string, number>;
    notStated: number;
    inFilter: boolean;
  }[];
}

const world: fc.Arbitrary<World> = fc
  .array(
    fc.record({
      year: fc.constantFrom('2020', '2021', '2022'),
      cells: fc.record({
        female: fc.nat({ max: 9 }),
        male: fc.nat({ max: 9 }),
        other: fc.constantFrom(0, 0, 1, 2, 6),
      }),
      notStated: fc.constantFrom(0, 0, 0, 1, 2),
      inFilter: fc.boolean(),
    }),
    { minLength: 1, maxLength: 7 },
  )
  .map((list) => ({ activities: list.map((a, i) => ({ ...a, id: `a${i}` })) }));

const YEARS = ['2020', '2021', '2022'];
const sumOf = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const nOf = (a: World['activities'][number]) => sumOf(Object.values(a.cells)) + a.notStated;

function headline(acts: World['activities']): HeadlineCounts {
  return {
    whole: sumOf(acts.map(nOf)),
    years: Object.fromEntries(YEARS.map((y) => [y, sumOf(acts.filter((a) => a.year === y).map(nOf))])),
    activities: acts.map((a) => ({ id: a.id, year: a.year, n: nOf(a) })),
  };
}
function cells(acts: World['activities']): CellCounts {
  const byPeriod: Record<string, Record<string, number>> = {};
  for (const p of ['whole', ...YEARS]) {
    const inP = acts.filter((a) => p === 'whole' || a.year === p);
    const row: Record<string, number> = {};
    for (const k of KEYS) {
      const n = sumOf(inP.map((a) => a.cells[k] ?? 0));
      if (n > 0) row[k] = n;
    }
    byPeriod[p] = row;
  }
  return { gender: byPeriod };
}

/** A named true figure, whether the attacker sees it, and the atoms (activity × cell) it sums. */
interface Fig {
  id: string;
  n: number;
  published: boolean;
}

/** Everything the attacker knows: published figures, and the additive structure of the tables. */
function publish(w: World) {
  const all = w.activities;
  const inF = all.filter((a) => a.inFilter);
  const hu = headline(all);
  const hf = headline(inF);
  const cu = cells(all);
  const cf = cells(inF);
  const head = protectHeadline(hu, hf);
  const cs = protectCells(
    { counts: hu, protection: head.all },
    cu,
    {},
    { counts: hf, protection: head.filtered!, cells: cf },
  );
  const figs = new Map<string, Fig>();
  const put = (id: string, n: number, published: boolean) => figs.set(id, { id, n, published });
  const relations: { total: string; parts: string[] }[] = [];
  for (const [view, h, c, hp, csup] of [
    ['U', hu, cu, head.all, cs.all],
    ['F', hf, cf, head.filtered!, cs.filtered!],
  ] as const) {
    put(`${view}:whole`, h.whole, !hp.whole);
    for (const y of YEARS) put(`${view}:${y}`, h.years[y] ?? 0, !hp.years.has(y));
    relations.push({ total: `${view}:whole`, parts: YEARS.map((y) => `${view}:${y}`) });
    for (const p of ['whole', ...YEARS]) {
      const row = c.gender?.[p] ?? {};
      for (const k of KEYS) put(`${view}:${p}:${k}`, row[k] ?? 0, !(k in row) || !csup.gender?.[p]?.has(k));
      // The people who skipped the question: never published.
      const stated = sumOf(KEYS.map((k) => row[k] ?? 0));
      put(`${view}:${p}:?`, (p === 'whole' ? h.whole : (h.years[p] ?? 0)) - stated, false);
      relations.push({
        total: `${view}:${p}`,
        parts: [...KEYS.map((k) => `${view}:${p}:${k}`), `${view}:${p}:?`],
      });
    }
    for (const k of [...KEYS, '?'])
      relations.push({ total: `${view}:whole:${k}`, parts: YEARS.map((y) => `${view}:${y}:${k}`) });
    for (const y of YEARS)
      relations.push({
        total: `${view}:${y}`,
        parts: (view === 'U' ? all : inF).filter((a) => a.year === y).map((a) => `A:${a.id}`),
      });
  }
  for (const a of all) put(`A:${a.id}`, nOf(a), !head.all.activities.has(a.id));
  // Unfiltered = filtered + the rest (never published).
  for (const id of [...figs.keys()].filter((id) => id.startsWith('U:'))) {
    const f = `F:${id.slice(2)}`;
    const rest = `R:${id.slice(2)}`;
    put(rest, (figs.get(id)?.n ?? 0) - (figs.get(f)?.n ?? 0), false);
    relations.push({ total: id, parts: [f, rest] });
  }
  return { figs, relations };
}

const sensitive = (f: Fig) => f.n > 0 && f.n < 5;

/** Attack 1: repeated subtraction within each relation (total − shown parts, part = total − others). */
function subtract(figs: Map<string, Fig>, relations: { total: string; parts: string[] }[]): Set<string> {
  const known = new Set([...figs.values()].filter((f) => f.published).map((f) => f.id));
  for (let changed = true; changed; ) {
    changed = false;
    for (const r of relations) {
      const members = [r.total, ...r.parts];
      const unknown = members.filter((m) => !known.has(m));
      if (unknown.length === 1) {
        known.add(unknown[0]!);
        changed = true;
      }
    }
  }
  return known;
}

/** Attack 2: which unknowns the linear system of all relations pins down (exact rational RREF). */
function solve(figs: Map<string, Fig>, relations: { total: string; parts: string[] }[]): Set<string> {
  const unknown = [...figs.values()].filter((f) => !f.published).map((f) => f.id);
  const col = new Map(unknown.map((u, i) => [u, i]));
  const rows: number[][] = relations.map((r) => {
    const row = new Array(unknown.length).fill(0);
    if (col.has(r.total)) row[col.get(r.total)!] += 1;
    for (const p of r.parts) if (col.has(p)) row[col.get(p)!] -= 1;
    return row;
  });
  // Integer (fraction-free) Gaussian elimination: entries stay exact.
  let lead = 0;
  const m = rows.filter((r) => r.some((x) => x !== 0));
  const pivots: number[] = [];
  for (let c = 0; c < unknown.length && lead < m.length; c++) {
    const i = m.findIndex((r, k) => k >= lead && r[c] !== 0);
    if (i < 0) continue;
    [m[lead], m[i]] = [m[i]!, m[lead]!];
    for (let k = 0; k < m.length; k++) {
      if (k === lead || m[k]![c] === 0) continue;
      const a = m[lead]![c]!;
      const b = m[k]![c]!;
      m[k] = m[k]!.map((x, j) => x * a - m[lead]![j]! * b);
    }
    pivots.push(c);
    lead++;
  }
  const pinned = new Set<string>();
  for (let k = 0; k < pivots.length; k++) {
    const nonzero = m[k]!.filter((x) => x !== 0).length;
    if (nonzero === 1) pinned.add(unknown[pivots[k]!]!);
  }
  return pinned;
}

describe('defect 3: no suppressed figure can be recovered', () => {
  it('attacker: subtractions and the linear system recover no group of 1-4 people (random data)', () => {
    fc.assert(
      fc.property(world, (w) => {
        const { figs, relations } = publish(w);
        // Every published figure describes 0 or at least 5 people.
        for (const f of figs.values()) if (f.published) expect(sensitive(f), f.id).toBe(false);
        const bySubtraction = subtract(figs, relations);
        for (const id of bySubtraction)
          expect(sensitive(figs.get(id)!), `subtraction gives ${id}`).toBe(false);
        for (const id of solve(figs, relations))
          expect(sensitive(figs.get(id)!), `linear system gives ${id}`).toBe(false);
      }),
      { numRuns: 100 },
    );
  }, 60_000);

  it('the cases the evaluator found are closed', () => {
    // Two small gender cells of 4 people together and no third: total − shown would give them.
    const two = suppressSmallCells([
      { key: 'female', n: 20 },
      { key: 'male', n: 3 },
      { key: 'other', n: 1 },
    ]);
    expect(two.filter((c) => c.suppressed).map((c) => c.key)).toEqual(['female', 'male', 'other']);
    // Whole period minus one year: a small year forces a second year out.
    const head = protectHeadline({
      whole: 30,
      years: { '2020': 3, '2021': 12, '2022': 15 },
      activities: [
        { id: 'x', year: '2020', n: 3 },
        { id: 'y', year: '2021', n: 12 },
        { id: 'z', year: '2022', n: 15 },
      ],
    });
    expect([...head.all.years].sort()).toEqual(['2020', '2021']);
    // An activity row of 3 next to its year's total: the year (or another row) is withheld too.
    expect(head.all.activities.has('x')).toBe(true);
    // A filter leaving 2 people out of 20: the filtered figure is withheld.
    const f = protectHeadline(
      {
        whole: 20,
        years: { '2020': 20 },
        activities: [
          { id: 'a', year: '2020', n: 18 },
          { id: 'b', year: '2020', n: 2 },
        ],
      },
      { whole: 18, years: { '2020': 18 }, activities: [{ id: 'a', year: '2020', n: 18 }] },
    );
    expect(f.all.activities.has('b')).toBe(true);
    expect(f.filtered?.whole).toBe(true);
  });

  it('protect leaves a table without small cells alone', () => {
    const s = protect(
      [
        { id: 't', n: 20 },
        { id: 'a', n: 10 },
        { id: 'b', n: 10 },
      ],
      [{ total: 't', parts: ['a', 'b'] }],
    );
    expect(s.size).toBe(0);
  });
});
