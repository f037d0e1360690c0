import * as z from 'zod/mini';
import { DateTime, Id, Place } from '../activities/schema.js';
import { ReminderDays } from '../invitations/schema.js';
import { LanguageCode, LocalizedText, type SurveyDefinition, SurveyKind } from './schema.js';
import { PUBLIC_CODE, type SurveyStatus as SurveyStatusType } from './status.js';

export { surveyStatus } from './status.js';

/** The short unguessable code in a survey's public link `/s/<code>` (12 base32 chars, 60 bits). */
export const PublicCode = z.string().check(z.regex(PUBLIC_CODE, 'not a survey code'));
export type PublicCode = z.infer<typeof PublicCode>;

/** What an administrator chooses when attaching a survey to an activity. */
export const SurveyAttachInput = z
  .object({
    /** A ready template (`post-event`, `knowledge-test`, `follow-up`) or a stored one. */
    templateId: z.optional(z.string().check(z.minLength(1), z.maxLength(80))),
    /**
     * Administer the same knowledge test as this survey of the same activity (the pre-test, to give it
     * again after the event): one set of questions for both, every later edit made to both at once.
     */
    sameTestAs: z.optional(Id),
    kind: SurveyKind,
    /** Languages offered to participants, the default first; default: all the template has. */
    languages: z.optional(z.array(LanguageCode).check(z.minLength(1), z.maxLength(20))),
    opensAt: z.optional(DateTime),
    closesAt: z.optional(DateTime),
    /** When e-mail invitations go to the attendance list; null sends none. Default: 2 h after the end. */
    sendInvitationsAt: z.optional(z.nullable(DateTime)),
    /** Reminders to those who have not answered, in days after their invitation. Default: 3 and 7. */
    reminderDays: z.optional(ReminderDays),
  })
  .check(
    z.refine((s) => !s.opensAt || !s.closesAt || s.opensAt < s.closesAt, {
      message: 'The survey closes before it opens.',
      path: ['closesAt'],
    }),
    z.refine((s) => (s.templateId === undefined) !== (s.sameTestAs === undefined), {
      message: 'Choose a template, or the survey whose test this one gives again (one of the two).',
      path: ['templateId'],
    }),
  );
export type SurveyAttachInput = z.infer<typeof SurveyAttachInput>;

/** The opening window and e-mail schedule of an attached survey. */
export const SurveySchedule = z
  .object({
    opensAt: DateTime,
    closesAt: DateTime,
    sendInvitationsAt: z.nullable(DateTime),
    /** Days after each invitation on which those who have not answered are reminded; [] sends none. */
    reminderDays: z._default(ReminderDays, []),
  })
  .check(
    z.refine((s) => Date.parse(s.opensAt) < Date.parse(s.closesAt), {
      message: 'The survey closes before it opens.',
      path: ['closesAt'],
    }),
  );
export type SurveySchedule = z.infer<typeof SurveySchedule>;

export const Survey = z.object({
  id: Id,
  activityId: Id,
  kind: SurveyKind,
  code: PublicCode,
  templateId: z.string(),
  /** The other survey of the activity that gives the same test (pre-test and post-test): edited together. */
  sameTestAs: z.optional(z.nullable(Id)),
  title: LocalizedText,
  languages: z.array(LanguageCode),
  currentVersion: z.int().check(z.positive()),
  opensAt: DateTime,
  closesAt: DateTime,
  sendInvitationsAt: z.nullable(DateTime),
  /** Days after each invitation on which a reminder goes to those who have not answered. */
  reminderDays: z.array(z.int()),
  /**
   * Set by the survey's first response, never unset: from then on an edit makes a new version and
   * the survey cannot be deleted. Absent on surveys answered before the flag existed (their
   * `responseCount` tells).
   */
  answered: z.optional(z.boolean()),
  responseCount: z.int().check(z.nonnegative()),
  invitedCount: z.int().check(z.nonnegative()),
  respondedCount: z.int().check(z.nonnegative()),
  createdAt: DateTime,
  /**
   * Archived (it has responses, so it is not detached): closed to answers and e-mails, read-only,
   * left out of the survey list unless asked for; its responses still count in the figures.
   */
  archived: z.optional(z.nullable(z.object({ at: DateTime, by: z.string() }))),
});
export type Survey = z.infer<typeof Survey>;

/**
 * Whether a survey has a response: its flag, set in the first response's own write, or its
 * counter, which the stream consumer moves a moment later (and which alone tells for surveys
 * answered before the flag existed).
 */
export const hasResponses = (s: Pick<Survey, 'answered' | 'responseCount'>): boolean =>
  s.answered === true || s.responseCount > 0;

export const SurveyStatus = z.enum([
  'open',
  'not_yet_open',
  'closed',
]) satisfies z.ZodMiniType<SurveyStatusType>;
export type SurveyStatus = SurveyStatusType;

/** What the participant page loads: one small JSON document, the definition only when open. */
export const PublicSurvey = z.object({
  code: PublicCode,
  status: SurveyStatus,
  opensAt: DateTime,
  closesAt: DateTime,
  languages: z.array(LanguageCode),
  activity: z.object({ title: z.string(), startsAt: DateTime, endsAt: DateTime, place: z.nullable(Place) }),
  /** The definition without the correct answers of knowledge items (see `publicDefinition`). */
  definition: z.nullable(
    z.looseObject({
      id: z.string(),
      version: z.int(),
      questions: z.array(z.looseObject({ id: z.string(), type: z.string() })),
    }),
  ),
  /**
   * Only when the request carries a personal link's token (`x-invitation`) of this survey: whether
   * that link was already used to answer, so the page can say so at once.
   */
  invitation: z.optional(z.enum(['answered', 'open'])),
});
export type PublicSurvey = Omit<z.infer<typeof PublicSurvey>, 'definition'> & {
  definition: SurveyDefinition | null;
};

export const SubmissionResult = z.object({
  responseId: z.uuid(),
  status: z.enum(['created', 'duplicate']),
});
export type SubmissionResult = z.infer<typeof SubmissionResult>;

/** Reminders a survey gets unless the administrator chooses: 3 and 7 days after each invitation. */
export const DEFAULT_REMINDER_DAYS = [3, 7] as const;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The schedule a survey gets when the administrator leaves fields empty: opens at once (a pre-test
 * a week before the start), invitations 2 h after the end, reminders 3 and 7 days later, closes 30 days
 * after the end (a follow-up: invitations 90 days after the end, closes 30 days after that).
 * Nothing is scheduled in the past: for an activity already over, invitations go now and the survey
 * stays open 30 days from then (a pre-test: 7 days), so an empty schedule is always a valid one.
 * `given.opensAt`, when the administrator set it, moves the default closing time after it.
 */
export function defaultSchedule(
  kind: SurveyKind,
  activity: { startsAt: string; endsAt: string },
  now: Date,
  given: { opensAt?: string } = {},
): { opensAt: string; closesAt: string; sendInvitationsAt: string; reminderDays: number[] } {
  const t = now.getTime();
  const start = Date.parse(activity.startsAt);
  const end = Date.parse(activity.endsAt);
  const planned =
    kind === 'pre_test' ? start - 7 * DAY : kind === 'follow_up' ? end + 90 * DAY : end + 2 * HOUR;
  const send = Math.max(t, planned);
  const opens = given.opensAt ? Date.parse(given.opensAt) : kind === 'follow_up' ? send : Math.min(t, send);
  const from = Math.max(opens, send);
  const closes = kind === 'pre_test' ? (end > from ? end : from + 7 * DAY) : from + 30 * DAY;
  const iso = (x: number) => new Date(x).toISOString();
  return {
    opensAt: iso(opens),
    closesAt: iso(closes),
    sendInvitationsAt: iso(send),
    reminderDays: [...DEFAULT_REMINDER_DAYS],
  };
}
