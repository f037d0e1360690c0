/** Field ids and error lookup of the question editor, by position-based paths inside a definition. */
import type { LocalizedText } from '$shared/surveys/schema';

export type Path = readonly (string | number)[];

/** A definition issue or a server field error, its path relative to the definition. */
export interface Issue {
  path: (string | number)[];
  message: string;
}

/** The element id of the field at `path`: `qe-questions-2-options-0-label`. */
export const fieldId = (path: Path): string => `qe-${path.join('-')}`;

export const pathKey = (path: Path): string => path.join('.');

/** The message for exactly this path, if any. */
export type ErrorOf = (path: Path) => string | undefined;

/** A question's text in the editing language, else in the default one, else its id. */
export function shown(
  t: LocalizedText | undefined,
  lang: string,
  fallbackLang: string,
  fallback = '',
): string {
  return (t?.[lang] ?? '').trim() || (t?.[fallbackLang] ?? '').trim() || fallback;
}

/** Field errors of an API problem for a definition sent at `prefix` (`['json']` or `['json', 'definition']`). */
export function serverIssues(
  errors: { path: (string | number)[]; message: string }[] | undefined,
  prefix: Path,
): Issue[] {
  return (errors ?? [])
    .filter((e) => prefix.every((p, i) => e.path[i] === p))
    .map((e) => ({ path: e.path.slice(prefix.length), message: e.message }));
}
