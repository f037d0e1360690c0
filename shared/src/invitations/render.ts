/**
 * Filling an e-mail text's `{placeholders}` and producing its two parts: plain text, and HTML in which
 * every value and every word of the template is escaped, with the language's direction set.
 */
import { isRtl } from '../surveys/constants.js';
import type { EmailText } from './texts.js';

/** The placeholders an e-mail text may use, with what each one becomes. */
export const PLACEHOLDERS = {
  name: "the invitee's name as on the attendance list",
  activity: "the activity's title",
  survey: "the survey's title in the invitee's language",
  link: 'the personal link to the survey (required in the body)',
  closes: 'the date the survey closes, written in the invitee’s language',
  organiser: 'who signs: the organiser named for the survey, or "The organising team"',
} as const;
export type Placeholder = keyof typeof PLACEHOLDERS;

export type PlaceholderValues = Record<Placeholder, string>;

/** A problem found in a text, at a path below the text (`['body']`). */
export interface TextIssue {
  path: (string | number)[];
  code: 'unknown_placeholder' | 'missing_link' | 'line_break';
  message: string;
}

const TOKEN = /\{([^{}\s]{0,40})\}/g;

/**
 * What is wrong with an e-mail text: `{nmae}` is not a placeholder, a body without `{link}` leads
 * nowhere, a subject has one line. `textIssues({ subject: 'Hi {nmae}', body: '{link}' })` →
 * one `unknown_placeholder` issue at `['subject']`.
 */
export function textIssues(text: EmailText): TextIssue[] {
  const issues: TextIssue[] = [];
  for (const field of ['subject', 'body'] as const) {
    for (const m of text[field].matchAll(TOKEN)) {
      const name = m[1] ?? '';
      if (!(name in PLACEHOLDERS)) {
        issues.push({
          path: [field],
          code: 'unknown_placeholder',
          message: `Unknown placeholder {${name}}; use ${Object.keys(PLACEHOLDERS)
            .map((p) => `{${p}}`)
            .join(', ')}.`,
        });
      }
    }
  }
  if (/[\r\n]/.test(text.subject)) {
    issues.push({ path: ['subject'], code: 'line_break', message: 'A subject is one line.' });
  }
  if (!text.body.includes('{link}')) {
    issues.push({
      path: ['body'],
      code: 'missing_link',
      message: 'The body must contain {link}: without it the invitee cannot open the survey.',
    });
  }
  return issues;
}

const fill = (template: string, values: PlaceholderValues, wrap: (name: Placeholder, v: string) => string) =>
  template.replace(TOKEN, (whole, name: string) =>
    name in values ? wrap(name as Placeholder, values[name as Placeholder]) : whole,
  );

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
/** HTML-escapes text (element content and quoted attribute values). */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  lang: string;
  dir: 'ltr' | 'rtl';
}

/**
 * The e-mail a text makes for one invitee. Values are inserted as text: in the HTML part they are
 * escaped and isolated (`<bdi>`), so a Latin name or title keeps its order inside Arabic and nothing
 * typed into an attendance list or a template can add markup; the link is an `<a>` written left to
 * right. The subject loses any line break a value might carry.
 */
export function renderEmail(text: EmailText, values: PlaceholderValues, lang: string): RenderedEmail {
  const dir = isRtl(lang) ? 'rtl' : 'ltr';
  const plain = (_: Placeholder, v: string) => v;
  const subject = fill(text.subject, values, plain)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim();
  const body = fill(text.body, values, plain);
  const htmlValue = (name: Placeholder, v: string) =>
    name === 'link'
      ? `<a href="${escapeHtml(v)}" dir="ltr">${escapeHtml(v)}</a>`
      : `<bdi>${escapeHtml(v).replace(/\r?\n/g, '<br>')}</bdi>`;
  // The template's own words are escaped piece by piece, around the placeholders.
  const escapedTemplate = text.body
    .split(TOKEN)
    .map((part, i) => (i % 2 === 1 ? `{${part}}` : escapeHtml(part)))
    .join('');
  const paragraphs = fill(escapedTemplate, values, htmlValue)
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.replace(/\r?\n/g, '<br>')}</p>`);
  const html = [
    '<!doctype html>',
    `<html lang="${escapeHtml(lang)}" dir="${dir}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>${escapeHtml(subject)}</title></head>`,
    `<body style="font-family:system-ui,'Noto Sans','Noto Naskh Arabic',Arial,sans-serif;font-size:16px;line-height:1.5;direction:${dir};text-align:${dir === 'rtl' ? 'right' : 'left'}">`,
    ...paragraphs,
    '</body></html>',
  ].join('\n');
  return { subject, text: body, html, lang, dir };
}

/** A date as the invitee reads it: `formatCloses('2026-12-31T23:00:00Z', 'fr')` → "31 décembre 2026". */
export function formatCloses(iso: string, lang: string): string {
  const locale = lang === 'prs' ? 'fa-AF' : lang;
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
  } catch {
    return iso.slice(0, 10);
  }
}
