/** The staff app's languages and the pure helpers of its texts (no Svelte here, so unit tests can import them). */

export const LOCALES = ['en', 'fr', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];
/** Each language named in itself, for the switcher. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', fr: 'Français', ru: 'Русский' };

const isLocale = (v: unknown): v is Locale => LOCALES.includes(v as Locale);

/** The language shown: the one remembered in this browser, else the browser's own if offered, else English. */
export function pickLocale(stored: string | null, languages: readonly string[]): Locale {
  if (isLocale(stored)) return stored;
  for (const tag of languages) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLocale(primary)) return primary;
  }
  return 'en';
}

/** Fills `{name}` placeholders: `fill('{n} of {total}', { n: 3, total: 12 })`. */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** The placeholders of a text, sorted: `{n} of {total}` → ['n', 'total']. */
export const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

/** How many `|`-separated plural forms a catalogue text must have in a language (see `plural`). */
export const PLURAL_FORMS: Record<Locale, number> = { en: 2, fr: 2, ru: 3 };
