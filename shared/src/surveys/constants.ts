import { COUNTRY_CODES } from './countries.js';
import type { ProfileKind, Question } from './schema.js';

/**
 * Zod-free survey constants and helpers: language names and direction, country codes, the
 * self-rating scale. The participant page imports these (and `rules.ts`) without pulling zod
 * into its bundle; `schema.ts` re-exports them.
 */

/** Languages the dialogue uses, with their own names (endonyms) for a language picker. */
export const KNOWN_LANGUAGES: Readonly<Record<string, string>> = {
  en: 'English',
  ru: 'Русский',
  ar: 'العربية',
  fa: 'فارسی',
  prs: 'دری',
  ps: 'پښتو',
  ur: 'اردو',
  fr: 'Français',
  tr: 'Türkçe',
  de: 'Deutsch',
  bn: 'বাংলা',
  sq: 'Shqip',
  sr: 'Српски',
  bs: 'Bosanski',
  mk: 'Македонски',
  ka: 'ქართული',
  uz: 'Oʻzbek',
  tg: 'Тоҷикӣ',
  ky: 'Кыргызча',
  kk: 'Қазақ',
  he: 'עברית',
};

const RTL_PRIMARY = new Set([
  'ar',
  'fa',
  'prs',
  'ps',
  'ur',
  'he',
  'yi',
  'ckb',
  'sd',
  'ug',
  'dv',
  'syr',
  'arc',
]);
const RTL_SCRIPTS = new Set(['Arab', 'Hebr', 'Syrc', 'Thaa', 'Nkoo', 'Adlm', 'Rohg']);

/**
 * Whether text in this language is written right to left.
 * An explicit script subtag wins: `isRtl('ar') === true`, `isRtl('uz-Arab') === true`, `isRtl('ku-Latn') === false`.
 */
export function isRtl(lang: string): boolean {
  const [primary = '', second] = lang.split('-');
  if (second !== undefined && /^[A-Za-z]{4}$/.test(second)) {
    const script = second[0]!.toUpperCase() + second.slice(1).toLowerCase();
    return RTL_SCRIPTS.has(script);
  }
  return RTL_PRIMARY.has(primary.toLowerCase());
}

export { COUNTRY_CODES } from './countries.js';

export const SELF_RATING_MIN = 1;
export const SELF_RATING_MAX = 5;

/**
 * A BCP-47-ish language tag: a 2-3 letter primary subtag, optionally a script or region, e.g. `en`,
 * `prs`, `ar`, `sr-Latn`, `pt-BR` (the rule of `LanguageCode` in schema.ts and of the submission).
 */
export const LANGUAGE_CODE = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$/;
export const LANGUAGE_CODE_MESSAGE = 'expected a language code such as en, ru, ar or prs';

/** The fixed option ids of each profile question; results are disaggregated by these. */
export const PROFILE_OPTION_IDS: Readonly<Record<ProfileKind, readonly string[]>> = {
  gender: ['female', 'male', 'other', 'prefer_not_to_say'],
  country: COUNTRY_CODES,
  organisation_type: [
    'national_government',
    'local_government',
    'border_or_law_enforcement',
    'international_organisation',
    'ngo_civil_society',
    'academia_research',
    'private_sector',
    'other',
  ],
  role: [
    'senior_management',
    'policy_officer',
    'technical_expert',
    'frontline_officer',
    'trainer',
    'researcher',
    'other',
  ],
};

/**
 * The option ids a choice-like question accepts (single/multiple choice, knowledge, profile),
 * or `undefined` for other types. For likert and rating they are not ids but numbers.
 */
export function optionIdsOf(q: Question): readonly string[] | undefined {
  switch (q.type) {
    case 'single_choice':
    case 'multiple_choice':
    case 'knowledge':
      return q.options.map((o) => o.id);
    case 'profile':
      return q.options ? q.options.map((o) => o.id) : PROFILE_OPTION_IDS[q.profile];
    default:
      return undefined;
  }
}
