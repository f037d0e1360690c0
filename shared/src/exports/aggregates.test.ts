import { describe, expect, it } from 'vitest';
import type { IndicatorValue } from '../results/contract.js';
import {
  ACTIVITY_COLUMNS,
  type ActivityFacts,
  activityRow,
  INDICATOR_COLUMNS,
  indicatorRow,
  protectAttendance,
} from './aggregates.js';

describe('protectAttendance', () => {
  it('publishes participants and women of 5 and more on both sides', () => {
    expect(protectAttendance({ participants: 20, women: 8, countries: 3, organisations: 4 })).toEqual({
      participants: 20,
      women: 8,
      womenShare: 40,
      countries: 3,
      organisations: 4,
      withheld: [],
    });
  });

  it('withholds women of 1-4, and women when the other participants are 1-4 (the difference)', () => {
    expect(protectAttendance({ participants: 20, women: 3 })).toMatchObject({
      participants: 20,
      women: null,
      withheld: ['women'],
    });
    expect(protectAttendance({ participants: 20, women: 18 })).toMatchObject({
      participants: 20,
      women: null,
      womenShare: null,
    });
  });

  it('withholds a small activity entirely', () => {
    expect(protectAttendance({ participants: 4, women: 2 })).toMatchObject({
      participants: null,
      women: null,
    });
  });

  it('keeps zero women visible (a figure of nobody hides nothing)', () => {
    expect(protectAttendance({ participants: 12, women: 0 })).toMatchObject({ participants: 12, women: 0 });
  });
});

describe('activityRow', () => {
  const facts: ActivityFacts = {
    id: 'a1',
    title: '=HYPERLINK("evil")',
    type: 'training',
    format: 'in_person',
    startsAt: '2024-05-01T09:00:00Z',
    endsAt: '2024-05-02T17:00:00Z',
    place: { city: 'Sofia', country: 'BG' },
    pillar: null,
    priorityGoals: [1, 3],
    actionPointCodes: [],
    projectId: null,
    expectedParticipants: 30,
    attendance: { participants: 25, women: 2, countries: 4, organisations: 6 },
    attendanceSource: 'list',
  };
  it('has a cell per column, guards the title and withholds small figures', () => {
    const r = activityRow(facts);
    expect(r).toHaveLength(ACTIVITY_COLUMNS.length);
    const at = (code: string) => r[ACTIVITY_COLUMNS.findIndex((c) => c.code === code)];
    expect(at('title')).toBe('\'=HYPERLINK("evil")');
    expect(at('participants')).toBe(25);
    expect(at('women')).toBe('');
    expect(at('withheld')).toBe('women');
    expect(at('priority_goals')).toBe('1 3');
  });
});

describe('indicatorRow', () => {
  const v = {
    indicatorId: 'i1',
    code: 'IND-1',
    name: 'Share satisfied',
    unit: '%',
    version: 2,
    period: { label: '2024', from: '2024-01-01', to: '2024-12-31' },
    value: 72.4,
    display: '72.4 %',
    n: 40,
    nOf: 'respondents',
    lowN: false,
    withheld: false,
    ci: { lower: 61.2, upper: 80.3, level: 0.95 },
    method: 'share with 95 % Wilson score interval',
    target: { value: 80, label: '80 %' },
    progress: 0.7,
    status: 'on_track',
  } as IndicatorValue;
  const at = (r: (string | number)[], code: string) => r[INDICATOR_COLUMNS.findIndex((c) => c.code === code)];

  it('writes the value with n, interval, version and status', () => {
    const r = indicatorRow('1', v, { kind: 'period' });
    expect(r).toHaveLength(INDICATOR_COLUMNS.length);
    expect([
      at(r, 'value'),
      at(r, 'n'),
      at(r, 'ci_lower'),
      at(r, 'definition_version'),
      at(r, 'status'),
    ]).toEqual([72.4, 40, 61.2, 2, 'on_track']);
  });

  it('writes no value, n or interval of a withheld value or cell', () => {
    const w = indicatorRow(
      '1',
      { ...v, withheld: true, value: null, n: null, display: '< 5' },
      { kind: 'year' },
    );
    expect([at(w, 'value'), at(w, 'n'), at(w, 'ci_lower'), at(w, 'withheld')]).toEqual(['', '', '', 'true']);
    const cell = indicatorRow('1', v, {
      kind: 'breakdown',
      dimension: 'gender',
      cell: { key: 'male', n: 3, value: 50, suppressed: true, display: '< 5' },
    });
    expect([at(cell, 'breakdown'), at(cell, 'breakdown_value'), at(cell, 'value'), at(cell, 'n')]).toEqual([
      'gender',
      'male',
      '',
      '',
    ]);
  });
});
