import { describe, expect, it } from 'vitest';
import {
  attendeeKey,
  columnOf,
  countryCodeOf,
  dedupeAttendees,
  readAttendeeRows,
  summarizeAttendees,
} from './rules.js';
import { ActivityInput } from './schema.js';

describe('summarizeAttendees', () => {
  it('counts participants, distinct countries and organisations (case-insensitive) and women', () => {
    const s = summarizeAttendees([
      { country: 'PK', organisation: 'Ministry of Interior', gender: 'female' },
      { country: 'PK', organisation: 'ministry of  interior', gender: 'male' },
      { country: 'IQ', organisation: 'IOM', gender: 'female' },
      { country: null, organisation: null, gender: null },
    ]);
    expect(s).toEqual({ participants: 4, countries: 2, organisations: 2, women: 2 });
  });
});

describe('attendeeKey and dedupeAttendees', () => {
  it('treats the same e-mail in any case as one person, else name and organisation', () => {
    expect(attendeeKey({ name: 'A', email: 'A@X.org', organisation: null })).toBe('email:a@x.org');
    const { unique, duplicates } = dedupeAttendees([
      { name: 'Ana', email: 'ana@x.org', organisation: null },
      { name: 'Ana B.', email: 'ANA@x.org', organisation: null },
      { name: 'Bo', email: null, organisation: 'MoI' },
      { name: ' bo ', email: null, organisation: 'moi' },
      { name: 'Bo', email: null, organisation: 'IOM' },
    ]);
    expect(unique.map((u) => u.name)).toEqual(['Ana', 'Bo', 'Bo']);
    expect(duplicates).toBe(2);
  });
});

describe('CSV rows', () => {
  it('recognises common header variants', () => {
    expect(columnOf(' E-Mail ')).toBe('email');
    expect(columnOf('Full name')).toBe('name');
    expect(columnOf('Organization')).toBe('organisation');
    expect(columnOf('Sex')).toBe('gender');
    expect(columnOf('Remarks')).toBeNull();
  });

  it('accepts country codes, English names and common aliases', () => {
    expect(countryCodeOf('pk')).toBe('PK');
    expect(countryCodeOf('Pakistan')).toBe('PK');
    expect(countryCodeOf('Türkiye')).toBe('TR');
    expect(countryCodeOf('north macedonia')).toBe('MK');
    expect(countryCodeOf('Atlantis')).toBeNull();
  });

  it('reads valid rows, reports each problem per row with its line, drops empty rows', () => {
    const rows = readAttendeeRows([
      { Name: 'Ana', 'E-mail': 'Ana@X.org', Country: 'Pakistan', Organization: 'MoI', Gender: 'F' },
      { Name: '', 'E-mail': '', Country: '', Organization: '', Gender: '' },
      { Name: '', 'E-mail': 'bad', Country: 'Atlantis', Organization: '', Gender: 'q' },
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      line: 2,
      attendee: {
        name: 'Ana',
        email: 'ana@x.org',
        country: 'PK',
        organisation: 'MoI',
        gender: 'female',
        language: null,
      },
      errors: [],
    });
    expect(rows[1]?.line).toBe(4);
    expect(rows[1]?.attendee).toBeNull();
    expect(rows[1]?.errors).toHaveLength(4);
  });

  it('reads the language column as a code or a name, and refuses one of no participant language', () => {
    const rows = readAttendeeRows([
      { name: 'A', language: 'ar' },
      { name: 'B', Language: 'Dari' },
      { name: 'C', lang: 'العربية' },
      { name: 'D', language: 'RU-ru' },
      { name: 'E', language: 'German' },
    ]);
    expect(rows.map((r) => r.attendee?.language)).toEqual(['ar', 'prs', 'ar', 'ru', undefined]);
    expect(rows[4]?.errors[0]).toMatch(/Unknown language "German"/);
  });
});

describe('ActivityInput', () => {
  const base = {
    title: 'Training',
    type: 'training',
    startsAt: '2024-05-01T09:00:00Z',
    endsAt: '2024-05-01T17:00:00Z',
    format: 'online',
    place: null,
  };
  it('compares start and end as instants, not as text', () => {
    const r = ActivityInput.safeParse({
      ...base,
      startsAt: '2024-05-01T10:00:00+02:00',
      endsAt: '2024-05-01T09:00:00Z',
    });
    expect(r.success).toBe(true);
    const bad = ActivityInput.safeParse({ ...base, endsAt: '2024-04-30T09:00:00Z' });
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['endsAt']);
  });
  it('needs a place unless online', () => {
    const r = ActivityInput.safeParse({ ...base, format: 'hybrid' });
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['place']);
  });
});
