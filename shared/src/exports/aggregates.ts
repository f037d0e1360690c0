/**
 * Aggregate exports (indicator values; activities with their attendance facts): columns and rows.
 * Pure. Every figure about people passes the disclosure layer (../disclosure/): indicator values
 * arrive already protected from the results engine (the same figures the pages show, withheld ones
 * without value or n); attendance figures are protected here with `protect`.
 */
import type { AttendanceSummary } from '../activities/schema.js';
import { protect } from '../disclosure/protect.js';
import type { BreakdownCell, IndicatorValue } from '../results/contract.js';
import { type CellValue, guardCell, type SafeCell } from './cells.js';

/** A column of an aggregate export: its code (header row 1) and label (header row 2). */
export interface AggregateColumn {
  code: string;
  label: string;
}

export const INDICATOR_COLUMNS: readonly AggregateColumn[] = [
  { code: 'goal', label: 'Priority goal' },
  { code: 'indicator_code', label: 'Indicator' },
  { code: 'indicator_name', label: 'Indicator name' },
  { code: 'definition_version', label: 'Definition version' },
  { code: 'period', label: 'Period' },
  { code: 'period_from', label: 'Period from' },
  { code: 'period_to', label: 'Period to' },
  { code: 'breakdown', label: 'Breakdown (dimension)' },
  { code: 'breakdown_value', label: 'Breakdown value' },
  { code: 'value', label: 'Value' },
  { code: 'display', label: 'Value as shown' },
  { code: 'unit', label: 'Unit' },
  { code: 'n', label: 'n' },
  { code: 'n_of', label: 'n counts' },
  { code: 'ci_lower', label: '95 % interval, lower' },
  { code: 'ci_upper', label: '95 % interval, upper' },
  { code: 'method', label: 'Method' },
  { code: 'withheld', label: 'Withheld (fewer than 5 people, or to protect another cell)' },
  { code: 'low_n', label: 'Below the minimum n' },
  { code: 'target', label: 'Target' },
  { code: 'progress', label: 'Progress to target (0-1)' },
  { code: 'status', label: 'Status' },
];

/** Where an indicator value stands: a period's value, one year of it, or a breakdown cell. */
export type IndicatorRowScope =
  | { kind: 'period' }
  | { kind: 'year' }
  | { kind: 'breakdown'; dimension: string; cell: BreakdownCell; label?: string };

const row = (cells: CellValue[]): SafeCell[] => cells.map(guardCell);

/**
 * One row of the indicator export. A withheld value or cell has no value, no n and no interval
 * (as on the pages); a breakdown cell carries the value's period, version and method.
 */
export function indicatorRow(goal: string, v: IndicatorValue, scope: IndicatorRowScope): SafeCell[] {
  const base = [goal, v.code, v.name, v.version, v.period.label, v.period.from, v.period.to];
  if (scope.kind === 'breakdown') {
    const c = scope.cell;
    const hidden = c.suppressed || c.value === null;
    return row([
      ...base,
      scope.dimension,
      scope.label ?? c.key,
      hidden ? null : c.value,
      c.display,
      v.unit,
      hidden ? null : c.n,
      v.nOf,
      null,
      null,
      v.method,
      c.suppressed,
      false,
      null,
      null,
      null,
    ]);
  }
  const withheld = v.withheld;
  return row([
    ...base,
    scope.kind === 'period' ? 'total' : 'year',
    '',
    withheld ? null : v.value,
    v.display,
    v.unit,
    withheld ? null : v.n,
    v.nOf,
    withheld ? null : (v.ci?.lower ?? null),
    withheld ? null : (v.ci?.upper ?? null),
    v.method,
    withheld,
    v.lowN,
    v.target?.value ?? null,
    withheld ? null : v.progress,
    v.status,
  ]);
}

export const ACTIVITY_COLUMNS: readonly AggregateColumn[] = [
  { code: 'activity_id', label: 'Activity id' },
  { code: 'title', label: 'Title' },
  { code: 'type', label: 'Type' },
  { code: 'format', label: 'Format' },
  { code: 'starts_at', label: 'Starts' },
  { code: 'ends_at', label: 'Ends' },
  { code: 'country', label: 'Country' },
  { code: 'city', label: 'City' },
  { code: 'pillar', label: 'Pillar' },
  { code: 'priority_goals', label: 'Priority goals' },
  { code: 'action_points', label: 'Action points' },
  { code: 'project', label: 'Project' },
  { code: 'expected_participants', label: 'Expected participants' },
  { code: 'attendance_source', label: 'Attendance from (list, stated, none)' },
  { code: 'participants', label: 'Participants' },
  { code: 'women', label: 'Women' },
  { code: 'women_share', label: "Women's share (percent)" },
  { code: 'countries', label: 'Countries' },
  { code: 'organisations', label: 'Organisations' },
  { code: 'withheld', label: 'Figures withheld (fewer than 5 people)' },
];

/** What the activity export reads of an activity. */
export interface ActivityFacts {
  id: string;
  title: string;
  type: string;
  format: string;
  startsAt: string;
  endsAt: string;
  place: { city: string; country: string } | null;
  pillar: string | null;
  priorityGoals: readonly number[];
  actionPointCodes: readonly string[];
  projectId: string | null;
  expectedParticipants: number | null;
  /** From the attendance list when there is one, else as stated, else null. */
  attendance: AttendanceSummary | null;
  attendanceSource: 'list' | 'stated' | 'none';
}

/**
 * The attendance figures of an activity that may be published: participants and women are figures
 * about people (withheld at 1-4, and women withheld too when the other participants, the
 * difference, are 1-4: `protect` with the hidden complement); countries and organisations are not.
 */
export function protectAttendance(a: AttendanceSummary | null): {
  participants: number | null;
  women: number | null;
  womenShare: number | null;
  countries: number | null;
  organisations: number | null;
  withheld: string[];
} {
  if (!a)
    return {
      participants: null,
      women: null,
      womenShare: null,
      countries: null,
      organisations: null,
      withheld: [],
    };
  const p = a.participants;
  const w = a.women;
  const figures = [
    ...(p === undefined ? [] : [{ id: 'participants', n: p }]),
    ...(w === undefined ? [] : [{ id: 'women', n: w }]),
    ...(p !== undefined && w !== undefined ? [{ id: 'others', n: Math.max(0, p - w), hidden: true }] : []),
  ];
  const suppressed = protect(figures, [{ total: 'participants', parts: ['women', 'others'] }]);
  const shown = (id: string, n: number | undefined) => (n === undefined || suppressed.has(id) ? null : n);
  const participants = shown('participants', p);
  const women = shown('women', w);
  return {
    participants,
    women,
    womenShare: participants && women !== null ? Math.round((women / participants) * 1000) / 10 : null,
    countries: a.countries ?? null,
    organisations: a.organisations ?? null,
    withheld: [...suppressed.keys()].sort(),
  };
}

/** One row of the activity export, its people figures protected. */
export function activityRow(a: ActivityFacts, projectName?: string): SafeCell[] {
  const f = protectAttendance(a.attendance);
  return row([
    a.id,
    a.title,
    a.type,
    a.format,
    a.startsAt,
    a.endsAt,
    a.place?.country ?? null,
    a.place?.city ?? null,
    a.pillar,
    a.priorityGoals.join(' '),
    a.actionPointCodes.join(' '),
    projectName ?? a.projectId,
    a.expectedParticipants,
    a.attendanceSource,
    f.participants,
    f.women,
    f.womenShare,
    f.countries,
    f.organisations,
    f.withheld.join(' '),
  ]);
}

/** The two guarded header rows (codes, labels) of an aggregate export. */
export function aggregateHeader(columns: readonly AggregateColumn[]): [SafeCell[], SafeCell[]] {
  return [columns.map((c) => guardCell(c.code)), columns.map((c) => guardCell(c.label))];
}
