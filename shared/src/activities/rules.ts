import { INVITEE_LANGUAGES, type InviteeLanguage } from '../invitations/kinds.js';
import { COUNTRY_CODES, KNOWN_LANGUAGES } from '../surveys/constants.js';
import type { AttendanceSummary, AttendeeInput, Gender } from './schema.js';

/*
 * Pure rules of activities and attendance lists: the figures a list gives, when two rows are the
 * same person, and how a spreadsheet row (CSV import) becomes an attendee.
 */

/**
 * Attendance figures from a list: participants, distinct countries, distinct organisations
 * (case and spacing ignored), women. `summarizeAttendees([])` is all zeros.
 */
export function summarizeAttendees(
  list: readonly Pick<AttendeeInput, 'country' | 'organisation' | 'gender'>[],
): Required<AttendanceSummary> {
  const countries = new Set<string>();
  const organisations = new Set<string>();
  let women = 0;
  for (const a of list) {
    if (a.country) countries.add(a.country);
    const org = a.organisation?.trim().replace(/\s+/g, ' ').toLowerCase();
    if (org) organisations.add(org);
    if (a.gender === 'female') women++;
  }
  return { participants: list.length, countries: countries.size, organisations: organisations.size, women };
}

/**
 * When two rows are the same person: the same e-mail; without an e-mail, the same name and
 * organisation. `attendeeKey({email: 'A@x.org', ...})` is `email:a@x.org`.
 */
export function attendeeKey(a: Pick<AttendeeInput, 'name' | 'email' | 'organisation'>): string {
  if (a.email) return `email:${a.email.trim().toLowerCase()}`;
  const norm = (s: string | null) => (s ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
  return `name:${norm(a.name)}|${norm(a.organisation)}`;
}

// ---------------------------------------------------------------------------
// CSV import

type Column = 'name' | 'email' | 'country' | 'organisation' | 'gender' | 'language';

const HEADER_ALIASES: Record<Column, string[]> = {
  name: ['name', 'full name', 'fullname', 'participant', 'participant name', 'attendee', 'nom', 'имя'],
  email: ['email', 'e-mail', 'e mail', 'mail', 'email address', 'e-mail address', 'courriel'],
  country: ['country', 'country code', 'nationality', 'state', 'pays'],
  organisation: [
    'organisation',
    'organization',
    'org',
    'institution',
    'agency',
    'ministry',
    'affiliation',
    'employer',
  ],
  gender: ['gender', 'sex', 'm/f', 'genre'],
  language: ['language', 'lang', 'e-mail language', 'email language', 'langue', 'язык'],
};

const LANGUAGE_WORDS: Record<string, InviteeLanguage> = {
  english: 'en',
  russian: 'ru',
  arabic: 'ar',
  persian: 'fa',
  farsi: 'fa',
  dari: 'prs',
  pashto: 'ps',
  urdu: 'ur',
  french: 'fr',
  turkish: 'tr',
};

/**
 * An e-mail language from a spreadsheet cell: a code (`ar`, `AR`, `ar-IQ`), an English name
 * (`Arabic`, `Dari`) or the language's own name (`العربية`); undefined when it is none of the nine.
 */
export function inviteeLanguageOf(value: string): InviteeLanguage | undefined {
  const v = fold(value);
  const code = v.split(/[-_]/)[0] ?? '';
  if ((INVITEE_LANGUAGES as readonly string[]).includes(code)) return code as InviteeLanguage;
  if (LANGUAGE_WORDS[v]) return LANGUAGE_WORDS[v];
  for (const lang of INVITEE_LANGUAGES) {
    if (fold(KNOWN_LANGUAGES[lang] ?? '') === v) return lang;
  }
  return undefined;
}

/** The attendee field a spreadsheet header names, or null. `columnOf(' E-Mail ')` is `email`. */
export function columnOf(header: string): Column | null {
  const h = header
    .trim()
    .toLowerCase()
    .replace(/[_.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^\uFEFF/, '');
  for (const [column, aliases] of Object.entries(HEADER_ALIASES) as [Column, string[]][]) {
    if (aliases.includes(h)) return column;
  }
  return null;
}

// Names people write that Intl does not give in English.
const COUNTRY_ALIASES: Record<string, string> = {
  uk: 'GB',
  'great britain': 'GB',
  england: 'GB',
  usa: 'US',
  'united states of america': 'US',
  russia: 'RU',
  'russian federation': 'RU',
  iran: 'IR',
  'islamic republic of iran': 'IR',
  'iran (islamic republic of)': 'IR',
  turkey: 'TR',
  turkiye: 'TR',
  macedonia: 'MK',
  'north macedonia': 'MK',
  'republic of north macedonia': 'MK',
  kosovo: 'XK',
  moldova: 'MD',
  'republic of moldova': 'MD',
  'bosnia and herzegovina': 'BA',
  'bosnia & herzegovina': 'BA',
  'czech republic': 'CZ',
  czechia: 'CZ',
  syria: 'SY',
  'kyrgyz republic': 'KG',
  kyrgyzstan: 'KG',
  'the netherlands': 'NL',
};

let byName: Map<string, string> | undefined;

const fold = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * An ISO 3166-1 alpha-2 code from a code or an English country name, or null.
 * `countryCodeOf('pk')` and `countryCodeOf('Pakistan')` are `PK`; `countryCodeOf('Türkiye')` is `TR`.
 */
export function countryCodeOf(value: string): string | null {
  const v = fold(value);
  if (!v) return null;
  if (/^[a-z]{2}$/.test(v)) {
    const code = v.toUpperCase();
    if (COUNTRY_CODES.includes(code)) return code;
  }
  if (COUNTRY_ALIASES[v]) return COUNTRY_ALIASES[v];
  if (!byName) {
    const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    byName = new Map();
    for (const code of COUNTRY_CODES) {
      const name = names.of(code);
      if (name) byName.set(fold(name), code);
    }
  }
  return byName.get(v) ?? null;
}

const GENDER_WORDS: Record<string, Gender> = {
  f: 'female',
  female: 'female',
  woman: 'female',
  w: 'female',
  women: 'female',
  m: 'male',
  male: 'male',
  man: 'male',
  men: 'male',
  other: 'other',
  diverse: 'other',
  'non-binary': 'other',
  x: 'other',
  undisclosed: 'undisclosed',
  'prefer not to say': 'undisclosed',
  'not stated': 'undisclosed',
};

/** A gender from a spreadsheet cell (`F`, `woman`, `Female`...), or undefined if unrecognised. */
export function genderOf(value: string): Gender | undefined {
  return GENDER_WORDS[fold(value)];
}

/** One spreadsheet row read as an attendee: the value to send, or what is wrong with it. */
export interface ImportRow {
  /** 1-based line in the file, counting the header as line 1. */
  line: number;
  attendee: AttendeeInput | null;
  errors: string[];
}

/**
 * Reads spreadsheet rows (objects keyed by the file's headers) as attendees. Empty rows are
 * dropped; a country name or code and common gender words are accepted.
 */
export function readAttendeeRows(rows: readonly Record<string, string | undefined>[]): ImportRow[] {
  const out: ImportRow[] = [];
  rows.forEach((row, i) => {
    const cells: Partial<Record<Column, string>> = {};
    for (const [header, value] of Object.entries(row)) {
      const column = columnOf(header);
      if (column && value?.trim()) cells[column] ??= value.trim();
    }
    if (Object.keys(cells).length === 0) return;
    const errors: string[] = [];
    let country: string | null = null;
    if (cells.country) {
      country = countryCodeOf(cells.country);
      if (!country) errors.push(`Unknown country "${cells.country}".`);
    }
    let gender: Gender | null = null;
    if (cells.gender) {
      gender = genderOf(cells.gender) ?? null;
      if (!gender) errors.push(`Unknown gender "${cells.gender}" (use female, male, other or undisclosed).`);
    }
    let language: InviteeLanguage | null = null;
    if (cells.language) {
      language = inviteeLanguageOf(cells.language) ?? null;
      if (!language)
        errors.push(`Unknown language "${cells.language}" (use ${INVITEE_LANGUAGES.join(', ')}).`);
    }
    const name = cells.name ?? '';
    const email = cells.email ?? null;
    if (!name) errors.push('The name is missing.');
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      errors.push(`"${email}" is not an e-mail address.`);
    const attendee: AttendeeInput = {
      name,
      email: email?.toLowerCase() ?? null,
      country,
      organisation: cells.organisation ?? null,
      gender,
      language,
    };
    out.push({ line: i + 2, attendee: errors.length ? null : attendee, errors });
  });
  return out;
}

/** Keeps the first row of each person (same e-mail, or same name and organisation). */
export function dedupeAttendees<T extends Pick<AttendeeInput, 'name' | 'email' | 'organisation'>>(
  list: readonly T[],
): { unique: T[]; duplicates: number } {
  const seen = new Set<string>();
  const unique: T[] = [];
  for (const a of list) {
    const key = attendeeKey(a);
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(a);
  }
  return { unique, duplicates: list.length - unique.length };
}
