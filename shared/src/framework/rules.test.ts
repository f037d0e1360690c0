import { describe, expect, it } from 'vitest';
import { defaultFramework } from './default-framework.js';
import {
  activate,
  activeFramework,
  FrameworkNotFoundError,
  MultipleActiveFrameworksError,
  nextRevision,
  parseAttendance,
  parseDateRange,
  parseLinkedGoals,
  parseTimeline,
  timelineCoversYear,
  UnparseableTextError,
} from './rules.js';
import { Framework } from './schema.js';

describe('parseTimeline', () => {
  it('reads a single year', () => {
    expect(parseTimeline('2020')).toEqual({ kind: 'year', year: 2020, text: '2020' });
  });

  it('reads a range with a hyphen or a spaced en dash, keeping the original text', () => {
    expect(parseTimeline('2020-2021')).toEqual({ kind: 'range', from: 2020, to: 2021, text: '2020-2021' });
    expect(parseTimeline('2019 – 2022')).toEqual({
      kind: 'range',
      from: 2019,
      to: 2022,
      text: '2019 – 2022',
    });
  });

  it('reads "Ongoing" in any case', () => {
    expect(parseTimeline('Ongoing')).toEqual({ kind: 'ongoing', text: 'Ongoing' });
    expect(parseTimeline('ongoing').kind).toBe('ongoing');
  });

  it.each(['', 'soon', '2024-2022', '20', '2020/2021'])('rejects %j with an UnparseableTextError', (text) => {
    expect(() => parseTimeline(text)).toThrow(UnparseableTextError);
  });
});

describe('timelineCoversYear', () => {
  it('covers the year itself, every year of a range inclusive, and any year when ongoing', () => {
    expect(timelineCoversYear(parseTimeline('2021'), 2021)).toBe(true);
    expect(timelineCoversYear(parseTimeline('2021'), 2022)).toBe(false);
    expect(timelineCoversYear(parseTimeline('2022-2024'), 2024)).toBe(true);
    expect(timelineCoversYear(parseTimeline('2022-2024'), 2021)).toBe(false);
    expect(timelineCoversYear(parseTimeline('ongoing'), 2019)).toBe(true);
  });
});

describe('parseLinkedGoals', () => {
  it('reads the three spellings used in the Implementation Plan', () => {
    expect(parseLinkedGoals('BS RWG or for all Link with PG 5')).toEqual([5]);
    expect(parseLinkedGoals('Link with PG 4')).toEqual([4]);
    expect(parseLinkedGoals('Link PG4')).toEqual([4]);
  });

  it('returns nothing for comments without a goal reference, and no repeats', () => {
    expect(parseLinkedGoals(null)).toEqual([]);
    expect(parseLinkedGoals('SEE RWG / SR RWG')).toEqual([]);
    expect(parseLinkedGoals('PG 2, PG2 and PG 3')).toEqual([2, 3]);
  });
});

describe('nextRevision', () => {
  it('creates a draft with version + 1 based on the source id', () => {
    const source = defaultFramework();
    const next = nextRevision(source);
    expect(next).toMatchObject({
      id: 'call-for-action-2019-2024-v2',
      status: 'draft',
      version: 2,
      basedOn: 'call-for-action-2019-2024-v1',
      name: source.name,
    });
    expect(nextRevision(next).id).toBe('call-for-action-2019-2024-v3');
    expect(() => Framework.parse(next)).not.toThrow();
  });

  it('never mutates its input, not even through the copied goals and action points', () => {
    const source = defaultFramework();
    const before = structuredClone(source);
    const next = nextRevision(source);
    next.priorityGoals[0]!.title = 'edited';
    next.actionPoints.push({ ...next.actionPoints[0]!, code: '1.9' });
    expect(source).toEqual(before);
  });
});

describe('activeFramework and activate', () => {
  const v1 = defaultFramework();
  const v2 = nextRevision(v1);

  it('returns the single active framework, or null when none is active', () => {
    expect(activeFramework([v1, v2])?.id).toBe(v1.id);
    expect(activeFramework([v2])).toBeNull();
    expect(activeFramework([])).toBeNull();
  });

  it('refuses a list with two active frameworks', () => {
    const broken = [v1, { ...v2, status: 'active' as const }];
    expect(() => activeFramework(broken)).toThrow(MultipleActiveFrameworksError);
  });

  it('activating a draft archives the previously active one, leaving exactly one active', () => {
    const list = activate([v1, v2], v2.id);
    expect(list.map((f) => [f.id, f.status])).toEqual([
      [v1.id, 'archived'],
      [v2.id, 'active'],
    ]);
    expect(activeFramework(list)?.id).toBe(v2.id);
    expect(v1.status).toBe('active');
  });

  it('refuses to activate an unknown id', () => {
    expect(() => activate([v1], 'nope')).toThrow(FrameworkNotFoundError);
  });
});

describe('parseDateRange', () => {
  it.each([
    ['19-20 May 2022', '2022-05-19', '2022-05-20'],
    ['4-5 October 2023', '2023-10-04', '2023-10-05'],
    ['2 - 6 May 2016', '2016-05-02', '2016-05-06'],
    ['15 – 17 May 2016', '2016-05-15', '2016-05-17'],
    ['7 - 11 Aug 2016', '2016-08-07', '2016-08-11'],
    ['12 April 2016', '2016-04-12', '2016-04-12'],
  ])('reads %j as %s to %s', (text, startDate, endDate) => {
    expect(parseDateRange(text)).toEqual({ startDate, endDate });
  });

  it.each(['(tbc)', '20-19 May 2022', '30-31 September 2016', 'May 2016', '1-2 Foo 2020'])(
    'rejects %j',
    (text) => {
      expect(() => parseDateRange(text)).toThrow(UnparseableTextError);
    },
  );
});

describe('parseAttendance', () => {
  it('splits participants, countries and organisations when stated separately', () => {
    expect(parseAttendance('61 participants from 18 countries and 6 organisations')).toEqual({
      participants: 61,
      countries: 18,
      organisations: 6,
      statedText: '61 participants from 18 countries and 6 organisations',
    });
  });

  it('keeps a combined "countries and organisations" figure combined', () => {
    expect(parseAttendance('70 participants from 30 countries and organisations')).toEqual({
      participants: 70,
      countriesAndOrganisations: 30,
      statedText: '70 participants from 30 countries and organisations',
    });
  });

  it('reads thousands separators and a women count', () => {
    expect(parseAttendance('1,250 participants, 400 women, from 37 countries')).toMatchObject({
      participants: 1250,
      women: 400,
      countries: 37,
    });
  });

  it('rejects a sentence without a participant count', () => {
    expect(() => parseAttendance('ca. 2000 from an average of 37 countries')).toThrow(UnparseableTextError);
  });
});
