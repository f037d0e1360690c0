// The languages, kinds and messages of invitations, apart from their default texts (./texts.ts,
// 30 KB): schemas and lists need these names only.

/** The languages participants are invited in: those the participant page itself speaks. */
export const INVITEE_LANGUAGES = ['en', 'ru', 'ar', 'fa', 'prs', 'ps', 'ur', 'fr', 'tr'] as const;
export type InviteeLanguage = (typeof INVITEE_LANGUAGES)[number];

/**
 * The language of a person's e-mails: theirs when the attendance list says, else the survey's default
 * language when it is one of the participant languages, else English.
 */
export function languageFor(survey: { languages: readonly string[] }, personal?: string | null): string {
  const known = (l: string | null | undefined): l is string =>
    !!l && (INVITEE_LANGUAGES as readonly string[]).includes(l);
  if (known(personal)) return personal;
  const first = survey.languages[0];
  return known(first) ? first : 'en';
}

/**
 * What an e-mail invites to, from the survey's kind: a knowledge test before, the same test after,
 * feedback right after the event, or a follow-up months later.
 */
export const EMAIL_KINDS = ['pre_test', 'post_test', 'feedback', 'follow_up'] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

/** An invitation, or one of the reminders (they share one text). */
export const MESSAGES = ['invite', 'remind'] as const;
export type Message = (typeof MESSAGES)[number];
