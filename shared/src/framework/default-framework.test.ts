import { describe, expect, it } from 'vitest';
import { defaultFramework, PROJECT_IDS } from './default-framework.js';
import { parseLinkedGoals, parseTimeline } from './rules.js';
import {
  ActionPoint,
  Framework,
  Pillar,
  PriorityGoal,
  Project,
  type Region,
  ResultStatement,
  regionIssues,
} from './schema.js';
import { normalise, readSeed } from './seed-text.test-helper.js';

const seed000 = readSeed('000_');
// Seed 002 is a PDF extraction; icon glyphs came out as "RRR" inside one sentence we quote.
const seed002 = readSeed('002_').replace(' RRR capacitated', ' capacitated');

// The Implementation Plan table as read from seed 000, row by row.
const EXPECTED_CODES = [
  '1.1',
  '1.2',
  '1.3',
  '1.4',
  '1.5',
  '1.6',
  '1.7',
  '1.8',
  '2.1',
  '2.2',
  '2.3',
  '2.4',
  '2.5',
  '3.1',
  '3.2',
  '3.3',
  '3.4',
  '4.1',
  '4.2',
  '5.1',
  '5.2',
  '5.3',
  '5.4',
  '6.1',
  '6.2',
  '6.3',
  '6.4',
  '6.5',
  '7.1',
  '7.2',
  '7.3',
  '7.4',
  '7.5',
  '7.6',
  '7.7',
  '7.8',
  '7.9',
  '7.10',
  '7.11',
];

describe('default framework "Call for Action 2019-2024"', () => {
  const fw = defaultFramework();

  it('parses with the Framework schema and with each part schema', () => {
    expect(() => Framework.parse(fw)).not.toThrow();
    for (const g of fw.priorityGoals) PriorityGoal.parse(g);
    for (const a of fw.actionPoints) ActionPoint.parse(a);
    for (const p of fw.pillars) Pillar.parse(p);
    for (const p of fw.projects) Project.parse(p);
    for (const r of fw.resultStatements) ResultStatement.parse(r);
  });

  it('has five regions, each country in one only, the Silk Routes countries as seed 003 lists them', () => {
    expect(fw.regions.map((r) => r.id)).toEqual([
      'silk-routes',
      'black-sea',
      'south-east-europe',
      'central-asia',
      'eu-schengen',
    ]);
    expect(regionIssues(fw.regions)).toEqual([]);
    expect(fw.regions[0]?.countries.sort()).toEqual(['AF', 'BD', 'IQ', 'IR', 'PK']);
    for (const name of ['Afghanistan, Iraq and Pakistan', 'Bangladesh and Iran'])
      expect(fw.regions[0]?.source).toContain(name);
  });

  it('refuses a country in two regions and a repeated region id', () => {
    const [a, b] = fw.regions as [Region, Region];
    const clash = { ...b, countries: [...b.countries, a.countries[0] as string] };
    const out = Framework.safeParse({ ...fw, regions: [a, clash, { ...a }] });
    expect(out.success).toBe(false);
    const messages = out.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    expect(messages).toContain(
      `regions.1.countries.${b.countries.length}: ${a.countries[0]} is already in the region "${a.id}"`,
    );
    expect(messages).toContain(`regions.2.id: two regions have the id "${a.id}"`);
  });

  it('is version 1, active, and covers 2019 to 2024', () => {
    expect(fw).toMatchObject({
      name: 'Call for Action 2019-2024',
      status: 'active',
      version: 1,
      periodStart: '2019-01-01',
      periodEnd: '2024-12-31',
    });
    expect(fw.basedOn).toBeUndefined();
  });

  it('has 7 priority goals, 6 thematic plus one cross-cutting', () => {
    expect(fw.priorityGoals.map((g) => g.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(fw.priorityGoals.filter((g) => g.crossCutting).map((g) => g.number)).toEqual([7]);
  });

  it('copies every priority goal title from the seed', () => {
    for (const g of fw.priorityGoals) expect(seed000).toContain(normalise(g.title));
  });

  it('has the 39 action points of the Implementation Plan table, in table order', () => {
    expect(fw.actionPoints).toHaveLength(39);
    expect(fw.actionPoints.map((a) => a.code)).toEqual(EXPECTED_CODES);
  });

  it('finds every action point code as a table row in the seed, and no further row', () => {
    const rowCodes = [...seed000.matchAll(/ ([1-7]\.\d{1,2}) [A-Z]/g)].map((m) => m[1]);
    expect(rowCodes).toEqual(EXPECTED_CODES);
  });

  it('has unique action point codes', () => {
    const codes = fw.actionPoints.map((a) => a.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  // A sample spread over all goals, with the titles typed out here from the seed.
  it.each([
    ['1.1', 'Thematic meeting on sustainable return and reintegration: best practices and lessons learned'],
    [
      '1.6',
      'Project in partnership with law enforcement agencies in the Silk Routes with a view to develop national strategies on countering irregular migration through provision of capacity building at regional and national levels',
    ],
    [
      '2.4',
      'Expert meeting exploring the nexus between visa facilitation/mobility for bona fide travellers and return/readmission',
    ],
    [
      '3.4',
      'Foster city to city cooperation by sharing knowledge between cities through focus groups and subsequent study visit(s) between local municipalities',
    ],
    [
      '4.2',
      'Mapping of diaspora stakeholders for the Silk Routes countries in Europe and remittances channels',
    ],
    ['5.4', 'Training for officials on national and transnational referral of trafficked persons'],
    [
      '6.3',
      'Joint meeting of asylum authorities in the South East European Region to improve the cooperation of international protection of people on the move',
    ],
    [
      '7.5',
      'Study on the drivers of migration with a focus of new drivers including climate-induced migration',
    ],
    [
      '7.9',
      'Develop awareness raising strategies and raise awareness for migrants on safe and regular migration as well as on the dangers and consequences of irregular migration',
    ],
    [
      '7.11',
      'Support the development of migration priorities of SEE Regional Working Group (Migration Agenda)',
    ],
  ])('action point %s has the title that follows its code in the seed', (code, title) => {
    const ap = fw.actionPoints.find((a) => a.code === code);
    expect(ap?.title).toBe(title);
    expect(seed000).toContain(normalise(`${code} ${title}`));
  });

  it('copies every action point title, timeline and comment from its seed row', () => {
    for (const a of fw.actionPoints) {
      const row = normalise([a.code, a.title, a.timeline.text, a.comments ?? ''].join(' '));
      expect(seed000, a.code).toContain(row);
    }
  });

  it('stores each timeline as parseTimeline reads its text', () => {
    for (const a of fw.actionPoints) expect(a.timeline, a.code).toEqual(parseTimeline(a.timeline.text));
    const ongoing = fw.actionPoints.filter((a) => a.timeline.kind === 'ongoing').map((a) => a.code);
    expect(ongoing).toEqual(['7.9']);
  });

  it('takes linked goals from the Comments column: 1.3 -> 5, 1.7 -> 4, 7.3 -> 4', () => {
    for (const a of fw.actionPoints) expect(a.linkedGoals, a.code).toEqual(parseLinkedGoals(a.comments));
    const linked = fw.actionPoints
      .filter((a) => a.linkedGoals.length > 0)
      .map((a) => [a.code, a.linkedGoals]);
    expect(linked).toEqual([
      ['1.3', [5]],
      ['1.7', [4]],
      ['7.3', [4]],
    ]);
  });

  it('takes each working group from the comment of the same row', () => {
    for (const a of fw.actionPoints) {
      if (a.workingGroup !== null) expect(a.comments ?? '', a.code).toContain(a.workingGroup);
    }
    expect(fw.actionPoints.filter((a) => a.workingGroup !== null)).toHaveLength(13);
  });

  it('puts every action point under an existing goal that matches its code prefix', () => {
    const goals = new Set(fw.priorityGoals.map((g) => g.number));
    for (const a of fw.actionPoints) {
      expect(goals.has(a.goal), a.code).toBe(true);
      expect(a.code.split('.')[0]).toBe(String(a.goal));
    }
  });

  it('links only to goals, action points and projects that exist', () => {
    const goals = new Set(fw.priorityGoals.map((g) => g.number));
    const codes = new Set(fw.actionPoints.map((a) => a.code));
    const projectIds = new Set(fw.projects.map((p) => p.id));
    for (const a of fw.actionPoints) {
      for (const g of a.linkedGoals) expect(goals.has(g), `${a.code} -> PG${g}`).toBe(true);
      for (const p of a.linkedProjects) expect(projectIds.has(p), `${a.code} -> ${p}`).toBe(true);
    }
    for (const p of fw.projects) {
      for (const g of p.linkedGoals) expect(goals.has(g), `${p.id} -> PG${g}`).toBe(true);
      for (const c of p.linkedActionPoints) expect(codes.has(c), `${p.id} -> ${c}`).toBe(true);
      if (p.parentProjectId) expect(projectIds.has(p.parentProjectId)).toBe(true);
    }
    for (const r of fw.resultStatements) expect(goals.has(r.priorityGoal), r.id).toBe(true);
  });

  it('keeps project and action point links symmetric', () => {
    for (const a of fw.actionPoints) {
      for (const id of a.linkedProjects) {
        const project = fw.projects.find((p) => p.id === id);
        expect(project?.linkedActionPoints, `${a.code} <-> ${id}`).toContain(a.code);
      }
    }
  });

  it('has the three pillars with descriptions copied from the seed', () => {
    expect(fw.pillars.map((p) => p.id)).toEqual([
      'dialogue',
      'operational_cooperation',
      'research_knowledge',
    ]);
    for (const p of fw.pillars) {
      expect(seed000).toContain(normalise(p.name));
      for (const paragraph of p.description.split('\n\n'))
        expect(seed000, p.id).toContain(normalise(paragraph));
    }
  });

  it('has unique project ids, sane periods and non-negative budgets', () => {
    const ids = fw.projects.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of fw.projects) {
      expect(p.periodStart === null, p.id).toBe(p.periodEnd === null);
      if (p.periodStart !== null && p.periodEnd !== null) {
        expect(p.periodStart, p.id).toBeLessThanOrEqual(p.periodEnd);
        expect(p.periodStart, p.id).toBeGreaterThanOrEqual(2011);
        expect(p.periodEnd, p.id).toBeLessThanOrEqual(2024);
      }
      if (p.budget) expect(p.budget.amount).toBeGreaterThan(0);
    }
  });

  it('names every project exactly as seed 000 or 002 does', () => {
    for (const p of fw.projects) {
      const name = normalise(p.name);
      expect(seed000.includes(name) || seed002.includes(name), p.id).toBe(true);
    }
  });

  it('carries the two EU projects with 12 M EUR each and their periods from seed 000', () => {
    const byId = new Map(fw.projects.map((p) => [p.id, p]));
    expect(byId.get(PROJECT_IDS.improvingMigrationManagement)).toMatchObject({
      funders: ['European Union'],
      budget: { amount: 12_000_000, currency: 'EUR' },
      periodStart: 2017,
      periodEnd: 2021,
    });
    expect(byId.get(PROJECT_IDS.integratedBorderManagement)).toMatchObject({
      funders: ['European Union'],
      budget: { amount: 12_000_000, currency: 'EUR' },
      periodStart: 2019,
      periodEnd: 2022,
    });
    expect(seed000).toContain('(12 M € / 2017-2021)');
    expect(seed000).toContain('(12 M € / 2019-2022)');
  });

  it('includes the three earlier projects of footnote 3 with approximate budgets marked', () => {
    const earlier = [
      PROJECT_IDS.silkRoutesPartnership,
      PROJECT_IDS.bridgingMeasures,
      PROJECT_IDS.fosteringMigrationCooperation,
    ].map((id) => fw.projects.find((p) => p.id === id));
    expect(earlier.map((p) => p?.budget)).toEqual([
      { amount: 4_000_000, currency: 'EUR', approximate: false },
      { amount: 200_000, currency: 'EUR', approximate: true },
      { amount: 620_000, currency: 'EUR', approximate: true },
    ]);
  });

  it('marks every default result statement as editable and copies its text from a seed', () => {
    for (const r of fw.resultStatements) {
      expect(r.editableDefault, r.id).toBe(true);
      const text = normalise(r.text);
      expect(seed000.includes(text) || seed002.includes(text), r.id).toBe(true);
    }
    expect(fw.resultStatements.filter((r) => r.level === 'impact')).toHaveLength(7);
  });

  it('returns a fresh copy each call, so editing one cannot change the default', () => {
    const a = defaultFramework();
    const b = defaultFramework();
    a.priorityGoals[0]!.title = 'edited';
    a.actionPoints.pop();
    expect(b.priorityGoals[0]!.title).not.toBe('edited');
    expect(defaultFramework().actionPoints).toHaveLength(39);
  });
});
