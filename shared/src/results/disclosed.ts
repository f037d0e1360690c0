/**
 * The indicator engine's outputs through the disclosure-control layer, pure. Every figure about
 * respondents that the results API returns (goal overview, indicator page: value of the period,
 * values per year and their trend, activity rows, breakdown cells) is decided by one call of
 * `protectIndicator`, with the same inputs whichever view asks, so no view shows what another
 * withholds. See docs/disclosure.md.
 */
import {
  type CellCounts,
  type CellSuppression,
  type HeadlineCounts,
  type HeadlineProtection,
  protectCells,
  protectHeadline,
} from '../disclosure/indicator.js';
import { MIN_PEOPLE } from '../disclosure/protect.js';
import type { IndicatorDefinition } from '../indicators/schema.js';
import type { BreakdownCell, IndicatorValue } from './contract.js';
import {
  type ActivityInputs,
  breakdownFigures,
  type CellFigures,
  computeRaw,
  formatValue,
  frameworkPeriod,
  inPeriod,
  type RawMemo,
  rawOfPeriod,
  yearPeriod,
} from './indicators.js';

type Fw = { periodStart: string; periodEnd: string };
type Regions = readonly { id: string; countries: readonly string[] }[];

const yearsOf = (fw: Fw) => {
  const out: number[] = [];
  for (let y = Number(fw.periodStart.slice(0, 4)); y <= Number(fw.periodEnd.slice(0, 4)); y++) out.push(y);
  return out;
};

/** People behind the value of the whole period, each year and each activity; null when n is not people. */
export function headlineCounts(
  def: IndicatorDefinition,
  inputs: readonly ActivityInputs[],
  fw: Fw,
  memo?: RawMemo,
): HeadlineCounts | null {
  const whole = frameworkPeriod(fw);
  const raw = rawOfPeriod(def, inputs, whole, memo);
  if (!raw.respondents) return null;
  const n = (r: { n: number }) => r.n;
  const years: Record<string, number> = {};
  for (const y of yearsOf(fw)) years[String(y)] = n(rawOfPeriod(def, inputs, yearPeriod(y), memo));
  return {
    whole: n(raw),
    years,
    activities: inPeriod(inputs, whole).map((i) => ({
      id: i.activity.id,
      year: i.activity.startsAt.slice(0, 4),
      n: n(computeRaw(def, [i])),
    })),
  };
}

/** Breakdown cells' people per disaggregation and period ('whole' and each year). */
export function cellCounts(
  def: IndicatorDefinition,
  inputs: readonly ActivityInputs[],
  fw: Fw,
  regions: Regions,
): CellCounts {
  const out: CellCounts = {};
  const periods = [
    ['whole', frameworkPeriod(fw)] as const,
    ...yearsOf(fw).map((y) => [String(y), yearPeriod(y)] as const),
  ];
  for (const [label, p] of periods) {
    const figures = breakdownFigures(def, inPeriod(inputs, p), regions);
    for (const [dim, cells] of Object.entries(figures)) {
      out[dim] ??= {};
      (out[dim] as Record<string, Record<string, number>>)[label] = Object.fromEntries(
        cells.filter((c) => c.n > 0).map((c) => [c.key, c.n]),
      );
    }
  }
  return out;
}

/** Region cells are sums of country cells: declared so the audit sees region − countries. */
function regionGroups(
  def: IndicatorDefinition,
  regions: Regions,
  cells: CellCounts,
): Record<string, { of: string; members: Record<string, readonly string[]> }> {
  if (!def.disaggregations.includes('region') || !def.disaggregations.includes('country')) return {};
  const inRegion = new Set(regions.flatMap((r) => r.countries));
  const countries = new Set(Object.values(cells.country ?? {}).flatMap((row) => Object.keys(row)));
  const members: Record<string, string[]> = Object.fromEntries(regions.map((r) => [r.id, [...r.countries]]));
  members.other = [...countries].filter((c) => !inRegion.has(c));
  return { region: { of: 'country', members } };
}

export interface IndicatorProtection {
  /** The decisions for the figures of the scope asked for (filtered when filtered). */
  headline: HeadlineProtection;
  /** Activity rows (an activity's figure is the same in every scope). */
  activities: Set<string>;
  cells: CellSuppression | null;
}

/**
 * Decides what of one indicator may be published. `all`: the inputs without the request's
 * filters; `filtered`: with them (null when the request has none). `withCells`: decide breakdown
 * cells too (the indicator page); the goal overview needs the headline only, and gets the same.
 */
export function protectIndicator(
  def: IndicatorDefinition,
  fw: Fw,
  all: readonly ActivityInputs[],
  filtered: readonly ActivityInputs[] | null,
  opts: { withCells: boolean; regions?: Regions; memo?: RawMemo },
): IndicatorProtection | null {
  const hu = headlineCounts(def, all, fw, opts.memo);
  if (!hu) return null;
  const hf = filtered ? headlineCounts(def, filtered, fw, opts.memo) : null;
  const head = protectHeadline(hu, hf);
  const mine = head.filtered ?? head.all;
  if (!opts.withCells || def.disaggregations.length === 0)
    return { headline: mine, activities: head.all.activities, cells: null };
  const regions = opts.regions ?? [];
  const cu = cellCounts(def, all, fw, regions);
  const cf = filtered ? cellCounts(def, filtered, fw, regions) : null;
  const groups = regionGroups(def, regions, cu);
  const cells = protectCells(
    { counts: hu, protection: head.all },
    cu,
    groups,
    hf && cf && head.filtered ? { counts: hf, protection: head.filtered, cells: cf } : null,
  );
  return { headline: mine, activities: head.all.activities, cells: cells.filtered ?? cells.all };
}

const WITHHELD = `< ${MIN_PEOPLE}`;

/** A value as it may be published: withheld (value, n, interval, progress, status) when decided so. */
export function publishValue(v: IndicatorValue, p: IndicatorProtection | null): IndicatorValue {
  if (!p) return v;
  const label = v.period.from.slice(0, 4) === v.period.to.slice(0, 4) ? v.period.from.slice(0, 4) : 'whole';
  const withheld = label === 'whole' ? p.headline.whole : p.headline.years.has(label);
  const trend = v.trend.map((t) =>
    p.headline.years.has(String(t.year)) ? { year: t.year, value: null, n: null, withheld: true } : t,
  );
  if (!withheld || (v.value === null && !v.withheld && (v.n ?? 0) === 0)) return { ...v, trend };
  return {
    ...v,
    value: null,
    display: WITHHELD,
    n: null,
    ci: null,
    ciDisplay: null,
    withheld: true,
    lowN: false,
    lowNMessage: null,
    progress: null,
    status: 'no_data',
    statusReason: `withheld to protect respondents: fewer than ${MIN_PEOPLE} people, or it would let a smaller group be worked out from other published figures`,
    trend,
  };
}

/** Breakdown cells of one period as they may be published. */
export function publishCells(
  def: Pick<IndicatorDefinition, 'unit' | 'currency'>,
  figures: Record<string, CellFigures[]>,
  p: IndicatorProtection | null,
  periodLabel: string,
): Record<string, BreakdownCell[]> {
  const out: Record<string, BreakdownCell[]> = {};
  for (const [dim, cells] of Object.entries(figures)) {
    const withheld = p?.cells?.[dim]?.[periodLabel] ?? new Set<string>();
    out[dim] = cells
      .filter((c) => c.n > 0)
      .map((c) =>
        withheld.has(c.key) || (c.n > 0 && c.n < MIN_PEOPLE)
          ? { key: c.key, n: null, value: null, suppressed: true, display: WITHHELD }
          : { key: c.key, n: c.n, value: c.value, suppressed: false, display: formatValue(def, c.value) },
      );
  }
  return out;
}
