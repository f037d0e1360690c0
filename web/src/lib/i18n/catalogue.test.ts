import { describe, expect, it } from 'vitest';
import type { Catalogue } from './catalogue';
import { en } from './en/index';
import fr from './lang/fr';
import ru from './lang/ru';
import { fill, PLURAL_FORMS, pickLocale, placeholders } from './locales';

const others: Record<string, Catalogue> = { fr, ru };
const table = (c: Catalogue) => c as unknown as Record<string, Record<string, string>>;

describe('staff catalogues', () => {
  for (const [lang, catalogue] of Object.entries(others)) {
    it(`${lang} has exactly the namespaces and keys of English, each non-empty with the same placeholders`, () => {
      const source = table(en);
      const target = table(catalogue);
      expect(Object.keys(target).sort()).toEqual(Object.keys(source).sort());
      for (const [ns, texts] of Object.entries(source)) {
        const own = target[ns] ?? {};
        expect(Object.keys(own).sort(), `${lang}.${ns} keys`).toEqual(Object.keys(texts).sort());
        for (const [key, text] of Object.entries(texts)) {
          const translated = own[key] ?? '';
          expect(translated.trim(), `${lang}.${ns}.${key} is empty`).not.toBe('');
          expect(placeholders(translated), `${lang}.${ns}.${key} placeholders`).toEqual(placeholders(text));
          // Plural forms ("meeting|meetings"): as many as the language has.
          if (text.includes('|'))
            expect(translated.split('|'), `${lang}.${ns}.${key} plural forms`).toHaveLength(
              PLURAL_FORMS[lang as keyof typeof PLURAL_FORMS],
            );
        }
      }
    });
  }

  it('English texts have no stray braces (a placeholder is {word})', () => {
    for (const [ns, texts] of Object.entries(table(en))) {
      for (const [key, text] of Object.entries(texts)) {
        expect(text.replace(/\{\w+\}/g, ''), `en.${ns}.${key}`).not.toMatch(/[{}]/);
      }
    }
  });

  it('chooses the remembered language, else the browser’s if offered, else English', () => {
    expect(pickLocale('ru', ['fr-FR'])).toBe('ru');
    expect(pickLocale(null, ['de-DE', 'fr-CA', 'en'])).toBe('fr');
    expect(pickLocale('xx', ['RU'])).toBe('ru');
    expect(pickLocale(null, ['de', 'ar'])).toBe('en');
    expect(pickLocale(null, [])).toBe('en');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fill('{n} of {total}', { n: 3, total: 12 })).toBe('3 of 12');
    expect(fill('{n} of {total}', { n: 3 })).toBe('3 of {total}');
  });
});
