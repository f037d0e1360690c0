import { describe, expect, it } from 'vitest';
import { defaultFramework } from './default-framework.js';
import { demoActivities } from './demo-activities.js';
import { parseAttendance, parseDateRange } from './rules.js';
import { DemoActivity } from './schema.js';
import { normalise, readSeed } from './seed-text.test-helper.js';

const seeds: Record<string, string> = {
  '001': readSeed('001_'),
  '003': readSeed('003_'),
  '004': readSeed('004_'),
};

function seedOf(a: DemoActivity): string {
  const id = /^Seed (\d{3})/.exec(a.source)?.[1];
  const text = id ? seeds[id] : undefined;
  if (!text) throw new Error(`${a.id}: source must start with "Seed 001|003|004"`);
  return text;
}

describe('demo activities', () => {
  const activities = demoActivities();
  const fw = defaultFramework();

  it('parses with the DemoActivity schema and has unique ids', () => {
    for (const a of activities) expect(() => DemoActivity.parse(a), a.id).not.toThrow();
    expect(new Set(activities.map((a) => a.id)).size).toBe(activities.length);
    expect(activities).toHaveLength(9);
  });

  it('stores start and end dates exactly as parseDateRange reads the seed date', () => {
    for (const a of activities) {
      expect(parseDateRange(a.dateText), a.id).toEqual({ startDate: a.startDate, endDate: a.endDate });
    }
  });

  it('takes each date from its seed: verbatim, or as "<days month>, <city>" under a year heading', () => {
    for (const a of activities) {
      const withoutYear = a.dateText.replace(/ \d{4}$/, '');
      const text = seedOf(a);
      expect(text.includes(a.dateText) || text.includes(`${withoutYear}, ${a.place?.city}`), a.id).toBe(true);
    }
  });

  it('uses titles that occur in the seed each activity cites', () => {
    for (const a of activities) expect(seedOf(a), a.id).toContain(normalise(a.title));
  });

  it('stores attendance figures as parseAttendance reads the sentence, which occurs in the seed', () => {
    for (const a of activities) {
      if (!a.attendance) continue;
      expect(seedOf(a), a.id).toContain(a.attendance.statedText);
      expect(a.attendance, a.id).toMatchObject(parseAttendance(a.attendance.statedText));
    }
  });

  it('records Ohrid 19-20 May 2022 as hybrid, 70 participants, goals 1, 5 and 6', () => {
    const ohrid = activities.find((a) => a.id === 'ohrid-2022-joint-working-groups');
    expect(ohrid).toMatchObject({
      startDate: '2022-05-19',
      endDate: '2022-05-20',
      format: 'hybrid',
      place: { city: 'Ohrid', country: 'MK' },
      priorityGoals: [1, 5, 6],
      attendance: { participants: 70, countriesAndOrganisations: 30 },
    });
    // The listed countries plus organisations add up to the stated combined figure.
    const { countries = 0, organisations = 0 } = ohrid?.attendance ?? {};
    expect(countries + organisations).toBe(30);
    expect(ohrid?.participatingCountries).toHaveLength(countries);
  });

  it('records Sofia 4-5 October 2023 with 61 participants from 18 countries and 6 organisations', () => {
    const sofia = activities.find((a) => a.id === 'sofia-2023-integrated-border-management');
    expect(sofia).toMatchObject({
      startDate: '2023-10-04',
      endDate: '2023-10-05',
      format: 'in_person',
      place: { city: 'Sofia', country: 'BG' },
      attendance: { participants: 61, countries: 18, organisations: 6 },
    });
    expect(sofia?.participatingCountries).toHaveLength(18);
  });

  it('includes the two dated 2016 Silk Routes Partnership national trainings', () => {
    const trainings = activities.filter((a) => a.title.startsWith('National Training'));
    expect(trainings.map((a) => [a.place?.city, a.startDate, a.endDate, a.projectId])).toEqual([
      ['Islamabad', '2016-05-02', '2016-05-06', 'silk-routes-partnership-project'],
      ['Erbil', '2016-08-07', '2016-08-11', 'silk-routes-partnership-project'],
    ]);
  });

  it('links only to action points, goals and projects of the default framework', () => {
    const codes = new Set(fw.actionPoints.map((a) => a.code));
    const goals = new Set(fw.priorityGoals.map((g) => g.number));
    const projects = new Set(fw.projects.map((p) => p.id));
    for (const a of activities) {
      for (const c of a.actionPointCodes) expect(codes.has(c), `${a.id} -> ${c}`).toBe(true);
      for (const g of a.priorityGoals) expect(goals.has(g), `${a.id} -> PG${g}`).toBe(true);
      if (a.projectId) expect(projects.has(a.projectId), a.id).toBe(true);
    }
  });

  it('falls within its project period where a project is named', () => {
    for (const a of activities) {
      const p = fw.projects.find((x) => x.id === a.projectId);
      if (!p || p.periodStart === null || p.periodEnd === null) continue;
      const year = Number(a.startDate.slice(0, 4));
      expect(year, a.id).toBeGreaterThanOrEqual(p.periodStart);
      expect(year, a.id).toBeLessThanOrEqual(p.periodEnd);
    }
  });

  it('rejects an in-person activity without a place and one that ends before it starts', () => {
    const base = activities[0]!;
    expect(DemoActivity.safeParse({ ...base, format: 'in_person', place: null }).success).toBe(false);
    expect(DemoActivity.safeParse({ ...base, endDate: '2022-05-18' }).success).toBe(false);
  });
});
