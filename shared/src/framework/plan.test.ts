import { describe, expect, it } from 'vitest';
import { defaultFramework } from './default-framework.js';
import { demoActivities } from './demo-activities.js';
import { buildImplementationPlan, csvCell, type PlanActivityInput, planCsv } from './plan.js';

const fw = defaultFramework();
const demo: PlanActivityInput[] = demoActivities().map((d) => ({
  id: d.id,
  title: d.title,
  startsAt: `${d.startDate}T09:00:00Z`,
  endsAt: `${d.endDate}T17:00:00Z`,
  place: d.place,
  actionPointCodes: d.actionPointCodes,
  priorityGoals: d.priorityGoals,
  pillar: d.pillar,
  projectId: d.projectId,
  participants: d.attendance?.participants ?? null,
  surveys: [],
}));
const inPeriod = demo.filter((d) => d.startsAt >= '2019' && d.startsAt < '2025');
const TODAY = '2026-11-30T12:00:00Z';

describe('implementation plan', () => {
  it("shows the default framework's 39 action points under six priority goals and the cross-cutting group", () => {
    const plan = buildImplementationPlan(fw, demo, [], {}, TODAY);
    expect(plan.goals.flatMap((g) => g.actionPoints)).toHaveLength(39);
    expect(plan.goals.map((g) => g.label).at(-1)).toBe('Cross-cutting (7.1–7.11)');
    expect(plan.goals.filter((g) => !g.crossCutting)).toHaveLength(6);
  });

  it('places each demo activity of the period on every action point it names, held, with its country and participants', () => {
    const plan = buildImplementationPlan(fw, demo, [], {}, TODAY);
    const aps = plan.goals.flatMap((g) => g.actionPoints);
    expect(inPeriod.length).toBeGreaterThan(0);
    for (const d of inPeriod)
      for (const code of d.actionPointCodes) {
        const placed = aps.find((a) => a.code === code)?.activities.find((x) => x.id === d.id);
        expect(placed, `${d.id} on ${code}`).toMatchObject({
          held: true,
          country: d.place?.country ?? null,
          participants: d.participants,
        });
      }
    // Activities of 2016 are before the 2019-2024 period: not in the plan.
    const outside = demo.filter((d) => d.startsAt < '2019');
    for (const d of outside) expect(aps.some((a) => a.activities.some((x) => x.id === d.id))).toBe(false);
    expect(plan.totals.activities).toBe(inPeriod.filter((d) => d.actionPointCodes.length > 0).length);
    // An activity on a goal but none of its action points is shown under the goal.
    for (const d of inPeriod.filter((x) => x.actionPointCodes.length === 0 && x.priorityGoals.length > 0))
      for (const n of d.priorityGoals)
        expect(plan.goals.find((g) => g.number === n)?.goalActivities.map((x) => x.id)).toContain(d.id);
    expect(plan.unplaced).toEqual([]);
  });

  it('looks for gaps in the current year, kept inside the framework period', () => {
    expect(buildImplementationPlan(fw, demo, [], {}, TODAY).gaps.year).toBe(2024);
    expect(buildImplementationPlan(fw, demo, [], {}, '2021-06-01T00:00:00Z').gaps.year).toBe(2021);
  });

  it('filters by year, pillar and project, and marks the action points due in the year', () => {
    const ohrid = inPeriod.find((d) => d.startsAt.startsWith('2022'))!;
    const y2022 = buildImplementationPlan(fw, demo, [], { year: 2022 }, TODAY);
    const shown = y2022.goals.flatMap((g) => g.actionPoints).flatMap((a) => a.activities.map((x) => x.id));
    expect(shown).toContain(ohrid.id);
    expect(shown.every((id) => inPeriod.find((d) => d.id === id)?.startsAt.startsWith('2022'))).toBe(true);
    const due = y2022.goals.flatMap((g) => g.actionPoints).filter((a) => a.due);
    expect(due.length).toBeGreaterThan(0);
    expect(due.length).toBeLessThan(39);
    const other = buildImplementationPlan(fw, demo, [], { projectId: 'no-such-project' }, TODAY);
    expect(other.totals.activities).toBe(0);
    const pillar = buildImplementationPlan(fw, demo, [], { pillar: ohrid.pillar! }, TODAY);
    expect(
      pillar.goals
        .flatMap((g) => g.actionPoints)
        .flatMap((a) => a.activities)
        .every((x) => x.pillar === ohrid.pillar),
    ).toBe(true);
  });

  it('lists gaps: action points due in the year with no activity, indicators without a data source', () => {
    const plan = buildImplementationPlan(
      fw,
      demo,
      [
        {
          id: 'i1',
          code: 'PG1-X',
          name: 'No source',
          status: 'active',
          priorityGoal: 1,
          actionPointCodes: ['1.1'],
          dataSource: ' ',
          latest: null,
        },
        {
          id: 'i2',
          code: 'PG1-Y',
          name: 'Sourced',
          status: 'active',
          priorityGoal: 1,
          actionPointCodes: ['1.1'],
          dataSource: 'Surveys',
          latest: { status: 'on_track', display: '4.2', period: '2019–2024' },
        },
        {
          id: 'i3',
          code: 'PG1-Z',
          name: 'Retired',
          status: 'retired',
          priorityGoal: 1,
          actionPointCodes: [],
          dataSource: '',
          latest: null,
        },
      ],
      { year: 2022 },
      TODAY,
    );
    expect(plan.gaps.year).toBe(2022);
    expect(plan.gaps.indicatorsWithoutSource.map((i) => i.code)).toEqual(['PG1-X']);
    const placed2022 = new Set(
      inPeriod.filter((d) => d.startsAt.startsWith('2022')).flatMap((d) => d.actionPointCodes),
    );
    for (const g of plan.gaps.dueWithoutActivity) expect(placed2022.has(g.code)).toBe(false);
    expect(plan.gaps.dueWithoutActivity.length).toBeGreaterThan(0);
    const ap11 = plan.goals[0]!.actionPoints.find((a) => a.code === '1.1')!;
    expect(ap11.indicators.map((i) => i.code)).toEqual(['PG1-X', 'PG1-Y']);
  });
});

describe('CSV export', () => {
  it('neutralises formulas in every cell, also after spaces and on a later line', () => {
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('\t=1')).toBe('"\'\t\'=1"');
    expect(csvCell(' =1+1')).toBe("' =1+1");
    expect(csvCell(' padded ')).toBe('" padded "');
    expect(csvCell('safe\n=HYPERLINK("x")')).toBe('"safe\n\'=HYPERLINK(""x"")"');
    expect(csvCell('ok;=1+1')).toBe('"ok;\'=1+1"');
    expect(csvCell('Training, Sofia')).toBe('"Training, Sofia"');
    expect(csvCell('2022-05-19')).toBe('2022-05-19');
    expect(csvCell(61)).toBe('61');
    expect(csvCell(null)).toBe('');
  });

  it('exports one row per action point and activity, every cell guarded', () => {
    const evil = {
      ...demo[0]!,
      id: 'evil',
      title: '=cmd|" /C calc"!A0',
      startsAt: '2022-01-10T09:00:00Z',
      actionPointCodes: ['1.1'],
    };
    const plan = buildImplementationPlan(fw, [...demo, evil], [], {}, TODAY);
    const csv = planCsv(plan);
    const lines = csv.split('\r\n');
    expect(lines[0]).toMatch(/^Goal,Action point,Action,Timeline/);
    expect(csv).toContain(`"'=cmd|"" /C calc""!A0"`);
    expect(csv).not.toMatch(/(^|,)=cmd/m);
    // 39 action points, plus one more row per extra activity on an action point.
    const extra = plan.goals
      .flatMap((g) => g.actionPoints)
      .reduce((n, a) => n + Math.max(0, a.activities.length - 1), 0);
    expect(lines.length - 1).toBeGreaterThanOrEqual(39 + extra);
  });
});
