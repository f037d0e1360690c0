/**
 * Statistical disclosure control for tables of figures about people, pure. One rule for every
 * output (see docs/disclosure.md):
 *
 * - a figure describes a group of people (n of them) and may be published or withheld;
 * - figures are linked by additive relations (a total is the sum of its parts: a table's total and
 *   its cells, a period and its years, a year and its activities, a region and its countries, an
 *   unfiltered figure and its filtered part plus the hidden rest);
 * - primary suppression: every published figure of 1 to 4 people is withheld;
 * - complementary suppression, until nothing changes:
 *   1. within each relation, the withheld parts may not be recoverable as one group of fewer than
 *      5 people, nor one alone: if the withheld members are a single figure, or withheld parts sum
 *      to 1-4 people while the total is published, the smallest published part is withheld too
 *      (the total when no part is left);
 *   2. audit: for every sensitive unknown (a withheld figure of 1-4 people, or a hidden figure of
 *      1-4 people, such as "everyone outside a filter"), the linear system of all relations with
 *      the published figures substituted must not determine it; while it does, published figures
 *      linked to it are withheld, smallest first (as τ-ARGUS's audit, for exact disclosure).
 * Figures marked `fixed` (already published elsewhere, e.g. the unfiltered view when protecting a
 * filtered one) are never withheld by this pass; their own suppression is given.
 */

/** Fewer people than this in a published figure is a disclosure. */
export const MIN_PEOPLE = 5;

export interface FigureIn {
  id: string;
  /** People the figure describes. */
  n: number;
  /** Never published (e.g. the complement of a filter): unknown to an attacker, sensitive when 1-4. */
  hidden?: boolean;
  /** Published elsewhere already: its status is given by `suppressed`, this pass may not change it. */
  fixed?: boolean;
  /** For fixed figures: whether they are withheld. */
  suppressed?: boolean;
}

export interface Relation {
  total: string;
  parts: readonly string[];
}

export type SuppressionReason = 'small' | 'complementary';

/** The withheld figures, each with why. Hidden figures are never listed (they are never published). */
export type Suppression = Map<string, SuppressionReason>;

const EPS = 1e-9;

/** Audit checks per round: every single sensitive figure is checked first, then small groups. */
const MAX_CHECKS = 2000;

/** Rank of a small dense matrix (rows of numbers), by Gaussian elimination with partial pivoting. */
function rank(rows: number[][]): number {
  const m = rows.map((r) => [...r]);
  const cols = m[0]?.length ?? 0;
  let r = 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    let pivot = r;
    for (let i = r + 1; i < m.length; i++)
      if (Math.abs((m[i] as number[])[c] as number) > Math.abs((m[pivot] as number[])[c] as number))
        pivot = i;
    const pr = m[pivot] as number[];
    if (Math.abs(pr[c] as number) < EPS) continue;
    [m[r], m[pivot]] = [pr, m[r] as number[]];
    const row = m[r] as number[];
    for (let i = r + 1; i < m.length; i++) {
      const other = m[i] as number[];
      const f = (other[c] as number) / (row[c] as number);
      if (f === 0) continue;
      for (let j = c; j < cols; j++) other[j] = (other[j] as number) - f * (row[j] as number);
    }
    r++;
  }
  return r;
}

/**
 * Whether the unknown `target` is determined by the relations once every figure not in `unknowns`
 * is known: e_target lies in the row space of the relations restricted to the unknown columns.
 */
export function determined(
  target: string | readonly string[],
  unknowns: ReadonlySet<string>,
  relations: readonly Relation[],
): boolean {
  const targets = typeof target === 'string' ? [target] : target;
  // Only the relations connected to the targets through unknowns matter: restrict to that component.
  const touching = relations.filter((r) => [r.total, ...r.parts].some((m) => unknowns.has(m)));
  const reached = new Set(targets.filter((t) => unknowns.has(t)));
  const used = new Set<Relation>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of touching) {
      if (used.has(r)) continue;
      const members = [r.total, ...r.parts];
      if (!members.some((m) => reached.has(m))) continue;
      used.add(r);
      grew = true;
      for (const m of members) if (unknowns.has(m)) reached.add(m);
    }
  }
  const cols = [...reached];
  const index = new Map(cols.map((c, i) => [c, i]));
  const rows: number[][] = [];
  for (const rel of used) {
    const row = new Array<number>(cols.length).fill(0);
    let any = false;
    const put = (id: string, v: number) => {
      const i = index.get(id);
      if (i !== undefined) {
        row[i] = (row[i] as number) + v;
        any = true;
      }
    };
    put(rel.total, 1);
    for (const p of rel.parts) put(p, -1);
    if (any) rows.push(row);
  }
  if (rows.length === 0) return false;
  const e = new Array<number>(cols.length).fill(0);
  for (const id of targets) {
    const t = index.get(id);
    if (t !== undefined) e[t] = 1;
  }
  if (e.every((x) => x === 0)) return true;
  return rank([...rows, e]) === rank(rows);
}

/** Single sensitive figures, then sets of 2..minN − 1 of them whose people together are fewer than minN. */
function* smallGroups(sensitive: readonly FigureIn[], minN: number): Generator<FigureIn[]> {
  for (const f of sensitive) yield [f];
  const sorted = [...sensitive].sort((a, b) => a.n - b.n);
  function* grow(start: number, chosen: FigureIn[], people: number): Generator<FigureIn[]> {
    for (let i = start; i < sorted.length; i++) {
      const f = sorted[i] as FigureIn;
      if (people + f.n >= minN) return; // sorted: every later one is at least as large
      const next = [...chosen, f];
      if (next.length >= 2) yield next;
      yield* grow(i + 1, next, people + f.n);
    }
  }
  yield* grow(0, [], 0);
}

/** Applies primary and complementary suppression; returns the withheld published figures. */
export function protect(
  figures: readonly FigureIn[],
  relations: readonly Relation[],
  minN = MIN_PEOPLE,
): Suppression {
  const byId = new Map(figures.map((f) => [f.id, f]));
  const rels = relations.filter((r) => byId.has(r.total) && r.parts.every((p) => byId.has(p)));
  const out: Suppression = new Map();
  const small = (f: FigureIn) => f.n > 0 && f.n < minN;
  for (const f of figures) {
    if (f.hidden) continue;
    if (f.fixed) {
      if (f.suppressed) out.set(f.id, small(f) ? 'small' : 'complementary');
    } else if (small(f)) out.set(f.id, 'small');
  }
  const unknown = (id: string) => out.has(id) || byId.get(id)?.hidden === true;
  // A figure of nobody is known to be 0 (an absent cell, a year without data): withholding it hides nothing.
  const adjustable = (id: string) => {
    const f = byId.get(id) as FigureIn;
    return !f.hidden && !f.fixed && !out.has(id) && f.n > 0;
  };
  const bySize = (a: string, b: string) =>
    (byId.get(a) as FigureIn).n - (byId.get(b) as FigureIn).n || (a < b ? -1 : a > b ? 1 : 0);
  const withhold = (id: string) => out.set(id, 'complementary');

  for (let round = 0; round < 10_000; round++) {
    let changed = false;
    // 1. Within each relation.
    for (const rel of rels) {
      const members = [rel.total, ...rel.parts];
      const hiddenMembers = members.filter(unknown);
      if (hiddenMembers.length === 0) continue;
      const partsHidden = rel.parts.filter(unknown);
      const hiddenPeople = partsHidden.reduce((s, p) => s + (byId.get(p) as FigureIn).n, 0);
      const lone = hiddenMembers.length === 1 ? (byId.get(hiddenMembers[0] as string) as FigureIn) : null;
      const exposed =
        (lone !== null && (out.has(lone.id) || small(lone))) ||
        (!unknown(rel.total) && hiddenPeople > 0 && hiddenPeople < minN);
      if (!exposed) continue;
      const candidate =
        rel.parts.filter(adjustable).sort(bySize)[0] ?? (adjustable(rel.total) ? rel.total : undefined);
      if (candidate !== undefined) {
        withhold(candidate);
        changed = true;
      }
    }
    if (changed) continue;
    // 2. Audit of the linear system: no sensitive unknown, and no group of sensitive unknowns of
    //    fewer than minN people together (a sum of up to minN − 1 of them), may be determined.
    const unknowns = new Set(figures.filter((f) => unknown(f.id)).map((f) => f.id));
    const sensitive = figures.filter((f) => unknowns.has(f.id) && small(f));
    let checks = 0;
    for (const group of smallGroups(sensitive, minN)) {
      // Bounded work per round (documented in docs/disclosure.md): single figures first, then groups.
      if (++checks > MAX_CHECKS) break;
      const ids = group.map((f) => f.id);
      if (!determined(ids, unknowns, rels)) continue;
      const linked = new Set<string>();
      for (const rel of rels)
        if (ids.includes(rel.total) || rel.parts.some((p) => ids.includes(p)))
          for (const m of [rel.total, ...rel.parts]) if (adjustable(m)) linked.add(m);
      // Any published figure breaks it as a last resort.
      const candidates = [...(linked.size > 0 ? linked : figures.map((f) => f.id).filter(adjustable))].sort(
        bySize,
      );
      const breaking = candidates.find((c) => !determined(ids, new Set([...unknowns, c]), rels));
      const pick = breaking ?? candidates[0];
      if (pick === undefined) continue;
      withhold(pick);
      changed = true;
      break;
    }
    if (!changed) break;
  }
  return out;
}
