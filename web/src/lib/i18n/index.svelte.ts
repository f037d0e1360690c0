/**
 * The staff app's own texts in English, French and Russian (user data and the server's problem
 * details stay as they come). No i18n library, as on the participant side: English lives beside
 * the pages that use it, one namespace per area (`./en/*.ts`, so a page's first load carries only
 * its own words); French and Russian are one lazily loaded chunk each (`./lang/*.ts`), typed
 * against English so a missing or extra key fails the type check.
 */
import type { Catalogue } from './catalogue';
import common from './en/common';

import { fill, type Locale, pickLocale } from './locales';

export { fill, LOCALE_NAMES, LOCALES, type Locale, pickLocale } from './locales';

const STORAGE_KEY = 'staff-language';
/** Intl tags: English keeps the formats the app always had (1,234.5; 12 May 2026). */
const INTL: Record<Locale, { number: string; date: string }> = {
  en: { number: 'en', date: 'en-GB' },
  fr: { number: 'fr-FR', date: 'fr-FR' },
  ru: { number: 'ru-RU', date: 'ru-RU' },
};

const loaders = import.meta.glob<{ default: Catalogue }>('./lang/*.ts');
let current = $state.raw<{ locale: Locale; texts: Catalogue | null }>({ locale: 'en', texts: null });
let started: Promise<void> | null = null;

/** The language shown now (reactive). */
export function locale(): Locale {
  return current.locale;
}

async function textsOf(l: Locale): Promise<Catalogue | null> {
  if (l === 'en') return null;
  const load = loaders[`./lang/${l}.ts`];
  return load ? (await load()).default : null;
}

/** Shows the app in a language (loading its texts first) and remembers the choice in this browser. */
export async function setLocale(l: Locale, remember = true): Promise<void> {
  const texts = await textsOf(l).catch(() => null);
  const shown: Locale = l === 'en' || texts ? l : 'en';
  current = { locale: shown, texts };
  document.documentElement.lang = shown;
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // storage disabled: the choice lasts until the page is closed
    }
  }
}

/** Chooses the first language once per page load (awaited by the root layout before it renders). */
export function initLocale(): Promise<void> {
  if (!started) {
    let stored: string | null = null;
    try {
      stored = localStorage.getItem(STORAGE_KEY);
    } catch {
      stored = null;
    }
    started = setLocale(pickLocale(stored, navigator.languages ?? [navigator.language]), false);
  }
  return started;
}

type Vars = Record<string, string | number>;

/**
 * The `t(key, vars?)` of one namespace: `const t = translator('results', en)` with the English
 * texts imported beside the page. Reading the language inside `t` keeps templates reactive.
 */
export function translator<N extends keyof Catalogue>(ns: N, en: Catalogue[N]) {
  return (key: keyof Catalogue[N] & string, vars?: Vars): string => {
    const own = current.texts?.[ns] as Record<string, string> | undefined;
    const text = own?.[key] ?? (en as Record<string, string>)[key] ?? key;
    return vars ? fill(text, vars) : text;
  };
}

const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

/** A cached `Intl.NumberFormat` for the language shown. */
export function numberFormat(options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const tag = INTL[current.locale].number;
  const key = `n|${tag}|${JSON.stringify(options)}`;
  let f = formats.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(tag, options);
    formats.set(key, f);
  }
  return f;
}

/** A cached `Intl.DateTimeFormat` for the language shown. */
export function dateFormat(options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  const tag = INTL[current.locale].date;
  const key = `d|${tag}|${JSON.stringify(options)}`;
  let f = formats.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(tag, options);
    formats.set(key, f);
  }
  return f;
}

/**
 * A figure formatted by the server in English ("72.4 %", "1,234.5") with the shown language's
 * separators; the words around it stay as the server wrote them.
 */
export function localFigures(text: string): string {
  if (current.locale === 'en') return text;
  const decimal = numberFormat().format(1.5).charAt(1);
  const group = numberFormat().format(10000).charAt(2);
  return text.replace(/\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+/g, (m) => {
    const [whole = '', frac] = m.split('.');
    const w = whole.replace(/,/g, group);
    return frac === undefined ? w : `${w}${decimal}${frac}`;
  });
}

const tCommon = translator('common', common);

/** A page's `<title>`: "Sign in · Results and learning tool", in the language shown. */
export const pageTitle = (what: string) => `${what} · ${tCommon('appName')}`;

/** CLDR plural categories, in the order a catalogue lists a word's forms ("meeting|meetings"). */
const PLURAL_ORDER: Record<Locale, Intl.LDMLPluralRule[]> = {
  en: ['one', 'other'],
  fr: ['one', 'other'],
  ru: ['one', 'few', 'many'],
};

/** The form of `forms` ("встреча|встречи|встреч") for `n` in the language shown; the last form otherwise. */
export function plural(n: number, forms: string): string {
  const list = forms.split('|');
  const category = new Intl.PluralRules(INTL[current.locale].number).select(n);
  const i = PLURAL_ORDER[current.locale].indexOf(category);
  return list[i === -1 ? list.length - 1 : i] ?? list.at(-1) ?? '';
}

/**
 * Words for an enum whose values follow the language shown: `TYPE_LABELS[a.type]` and
 * `Object.entries(TYPE_LABELS)` read the catalogue each time (getters), so templates stay reactive.
 */
export function labels<K extends string, N extends keyof Catalogue>(
  ns: N,
  en: Catalogue[N],
  keys: Record<K, keyof Catalogue[N] & string>,
): Record<K, string> {
  const t = translator(ns, en);
  const out = {} as Record<K, string>;
  for (const [k, key] of Object.entries(keys) as [K, keyof Catalogue[N] & string][])
    Object.defineProperty(out, k, { get: () => t(key), enumerable: true });
  return out;
}

const regionNames = new Map<string, Intl.DisplayNames>();

/** "PK" as "Pakistan" / "Pakistan" / "Пакистан" in the language shown. */
export function regionName(code: string): string {
  const tag = INTL[current.locale].number;
  let names = regionNames.get(tag);
  if (!names) {
    names = new Intl.DisplayNames([tag], { type: 'region', fallback: 'code' });
    regionNames.set(tag, names);
  }
  return names.of(code) ?? code;
}
