import * as z from 'zod/mini';
import { EMAIL_KINDS, INVITEE_LANGUAGES, MESSAGES } from './kinds.js';
import { MAX_REMINDER_DAYS, MAX_REMINDERS, reminderDaysIssue } from './reminders.js';
import { textIssues } from './render.js';

export const InviteeLanguage = z.enum(INVITEE_LANGUAGES);
export type InviteeLanguage = z.infer<typeof InviteeLanguage>;
export const EmailKind = z.enum(EMAIL_KINDS);
export type EmailKind = z.infer<typeof EmailKind>;
export const EmailMessage = z.enum(MESSAGES);
export type EmailMessage = z.infer<typeof EmailMessage>;

/** Days after each invitation on which a reminder goes to those who have not answered: `[3, 7]`. */
export const ReminderDays = z.array(z.int().check(z.gte(1), z.lte(MAX_REMINDER_DAYS))).check(
  z.maxLength(MAX_REMINDERS),
  z.superRefine((days, ctx) => {
    const issue = reminderDaysIssue(days);
    if (issue) ctx.addIssue({ code: 'custom', message: issue });
  }),
);
export type ReminderDays = z.infer<typeof ReminderDays>;

/** An e-mail text as an administrator writes it; unknown placeholders are refused at their field. */
export const EmailText = z
  .object({
    subject: z.string().check(z.trim(), z.minLength(1), z.maxLength(300)),
    body: z.string().check(z.trim(), z.minLength(1), z.maxLength(5000)),
  })
  .check(
    z.superRefine((text, ctx) => {
      for (const issue of textIssues(text))
        ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    }),
  );
export type EmailText = z.infer<typeof EmailText>;

/** A survey's own texts, per language and message; what is absent uses the default text. */
export const EmailTexts = z.partialRecord(
  InviteeLanguage,
  z.object({ invite: z.optional(EmailText), remind: z.optional(EmailText) }),
);
export type EmailTexts = z.infer<typeof EmailTexts>;

/** What an administrator saves for a survey's e-mails. */
export const SurveyEmailsInput = z.object({
  /** Who signs (`{organiser}`); null: "The organising team" in the invitee's language. */
  organiser: z._default(z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))), null),
  texts: z._default(EmailTexts, {}),
});
export type SurveyEmailsInput = z.infer<typeof SurveyEmailsInput>;

/** A survey's e-mails as the editor shows them: every language, each text with whether it is the default. */
export const SurveyEmails = z.object({
  kind: EmailKind,
  organiser: z.nullable(z.string()),
  reminderDays: z.array(z.int()),
  languages: z.array(
    z.object({
      lang: InviteeLanguage,
      dir: z.enum(['ltr', 'rtl']),
      invite: z.object({ subject: z.string(), body: z.string(), custom: z.boolean() }),
      remind: z.object({ subject: z.string(), body: z.string(), custom: z.boolean() }),
    }),
  ),
  placeholders: z.record(z.string(), z.string()),
});
export type SurveyEmails = z.infer<typeof SurveyEmails>;

/** What to preview: a language and message, optionally for one attendee and with a draft text. */
export const EmailPreviewInput = z.object({
  language: InviteeLanguage,
  message: z._default(EmailMessage, 'invite'),
  attendeeId: z.optional(z.string().check(z.minLength(1), z.maxLength(40))),
  /** A text not saved yet (the editor's current one); default: the saved or default text. */
  draft: z.optional(EmailText),
  organiser: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(200)))),
});
export type EmailPreviewInput = z.infer<typeof EmailPreviewInput>;

export const EmailPreview = z.object({
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  lang: z.string(),
  dir: z.enum(['ltr', 'rtl']),
});
export type EmailPreview = z.infer<typeof EmailPreview>;
