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
