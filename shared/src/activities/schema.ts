import * as z from 'zod/mini';
import { InviteeLanguage } from '../invitations/schema.js';
import { MAX_NUMBER } from '../lib/bounds.js';

/** Largest head count an activity can state. */
const MAX_COUNT = 1_000_000;

import {
  ActionPointCode,
  ActivityFormat,
  ActivityType,
  CountryCode,
  GoalNumber,
  PillarId,
} from '../framework/codes.js';

/** Server-generated identifiers: 26 URL-safe characters, unguessable enough to not need secrecy. */
export const Id = z.string().check(z.regex(/^[0-9a-z]{10,40}$/, 'expected an id'));
export type Id = z.infer<typeof Id>;

export const DateTime = z.iso.datetime({ offset: true });

export const Place = z.object({
  city: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
  country: CountryCode,
});
export type Place = z.infer<typeof Place>;

/** Attendance as counted, for activities without a list (or to override a partial list). */
export const AttendanceSummary = z.object({
  participants: z.optional(z.int().check(z.nonnegative(), z.lte(MAX_COUNT))),
  countries: z.optional(z.int().check(z.nonnegative(), z.lte(MAX_COUNT))),
  organisations: z.optional(z.int().check(z.nonnegative(), z.lte(MAX_COUNT))),
  women: z.optional(z.int().check(z.nonnegative(), z.lte(MAX_COUNT))),
});
export type AttendanceSummary = z.infer<typeof AttendanceSummary>;

/** What an administrator enters for an activity (a meeting, training, study visit...). */
export const ActivityInput = z
  .object({
    title: z.string().check(z.trim(), z.minLength(3), z.maxLength(300)),
    type: ActivityType,
    startsAt: DateTime,
    endsAt: DateTime,
    format: ActivityFormat,
    place: z.nullable(Place),
    expectedParticipants: z._default(z.nullable(z.int().check(z.positive(), z.lte(100_000))), null),
    // Links to the results framework (extended by the framework work).
    actionPointCodes: z._default(z.array(ActionPointCode).check(z.maxLength(50)), []),
    priorityGoals: z._default(z.array(GoalNumber).check(z.maxLength(20)), []),
    pillar: z._default(z.nullable(PillarId), null),
    projectId: z._default(z.nullable(z.string().check(z.maxLength(80))), null),
    workingGroup: z._default(z.nullable(z.string().check(z.trim(), z.maxLength(120))), null),
    chairs: z._default(
      z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))).check(z.maxLength(10)),
      [],
    ),
    attendance: z._default(z.nullable(AttendanceSummary), null),
  })
  .check(
    z.refine((a) => Date.parse(a.startsAt) <= Date.parse(a.endsAt), {
      message: 'The end is before the start.',
      path: ['endsAt'],
    }),
    z.refine((a) => a.format === 'online' || a.place !== null, {
      message: 'An in-person or hybrid activity needs a place.',
      path: ['place'],
    }),
  );
export type ActivityInput = z.infer<typeof ActivityInput>;

/** An edit: the whole input plus the version it was made from (a stale version is refused). */
export const ActivityUpdate = z.safeExtend(ActivityInput, {
  version: z.int().check(z.positive(), z.lte(MAX_NUMBER)),
});
export type ActivityUpdate = z.infer<typeof ActivityUpdate>;

export const Activity = z.object({
  id: Id,
  title: z.string(),
  type: ActivityType,
  startsAt: DateTime,
  endsAt: DateTime,
  format: ActivityFormat,
  place: z.nullable(Place),
  expectedParticipants: z.nullable(z.int()),
  actionPointCodes: z.array(ActionPointCode),
  priorityGoals: z.array(GoalNumber),
  pillar: z.nullable(PillarId),
  projectId: z.nullable(z.string()),
  workingGroup: z._default(z.nullable(z.string()), null),
  chairs: z._default(z.array(z.string()), []),
  attendance: z.nullable(AttendanceSummary),
  attendeeCount: z.int().check(z.nonnegative()),
  createdAt: DateTime,
  updatedAt: DateTime,
  version: z.int().check(z.positive()),
  /**
   * Archived (it has responses, so it is not deleted): read-only, left out of lists unless asked
   * for, and still counted in results (an evaluator expects a real past training to stay).
   */
  archived: z._default(z.nullable(z.object({ at: DateTime, by: z.string() })), null),
});
export type Activity = z.infer<typeof Activity>;

/** What depends on an activity, shown before it is deleted or archived. */
export const ActivityDependents = z.object({
  surveys: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      kind: z.string(),
      responses: z.int().check(z.nonnegative()),
    }),
  ),
  attendees: z.int().check(z.nonnegative()),
  responses: z.int().check(z.nonnegative()),
  /** No survey has a response: it can be deleted (with its surveys, invitations, list and roll-up). */
  deletable: z.boolean(),
});
export type ActivityDependents = z.infer<typeof ActivityDependents>;

export const ArchiveInput = z.object({ archived: z.boolean() });
export type ArchiveInput = z.infer<typeof ArchiveInput>;

/** One activity as its page shows it: with the attendance figures computed from its list, if any. */
export const ActivityDetail = z.extend(Activity, { listSummary: z.nullable(AttendanceSummary) });
export type ActivityDetail = z.infer<typeof ActivityDetail>;

/** Filters of the activity list: a period of start dates (inclusive), a type, words of the title or place. */
export const ActivityQuery = z.object({
  from: z.optional(z.iso.date()),
  to: z.optional(z.iso.date()),
  type: z.optional(ActivityType),
  q: z.optional(z.string().check(z.trim(), z.maxLength(100))),
  /** Archived activities are left out unless `include` (all) or `only`. */
  archived: z.optional(z.enum(['exclude', 'include', 'only'])),
});
export type ActivityQuery = z.infer<typeof ActivityQuery>;

export const Gender = z.enum(['female', 'male', 'other', 'undisclosed']);
export type Gender = z.infer<typeof Gender>;

/** One person on an attendance list: only what invitations and attendance figures need. */
export const AttendeeInput = z.object({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  email: z._default(
    z.nullable(
      z.pipe(
        z.email().check(z.maxLength(254)),
        z.transform((s) => s.toLowerCase()),
      ),
    ),
    null,
  ),
  country: z._default(z.nullable(CountryCode), null),
  organisation: z._default(z.nullable(z.string().check(z.trim(), z.maxLength(200))), null),
  gender: z._default(z.nullable(Gender), null),
  /** The language of this person's e-mails (one of the nine participant languages); null: the survey's default. */
  language: z._default(z.nullable(InviteeLanguage), null),
});
export type AttendeeInput = z.infer<typeof AttendeeInput>;

export const Attendee = z.extend(AttendeeInput, { id: Id, activityId: Id });
export type Attendee = z.infer<typeof Attendee>;

/** What can be changed of a person already on the list: the language of their e-mails. */
export const AttendeeUpdate = z.object({ language: z.nullable(InviteeLanguage) });
export type AttendeeUpdate = z.infer<typeof AttendeeUpdate>;

/** The most rows one import may send; a larger list is sent in several imports. */
export const MAX_IMPORT_ROWS = 2000;

export const AttendeeImport = z.object({
  attendees: z.array(AttendeeInput).check(z.minLength(1), z.maxLength(MAX_IMPORT_ROWS)),
});
export type AttendeeImport = z.infer<typeof AttendeeImport>;

/** What an import did: rows already on the list (same e-mail, or same name and organisation) are skipped. */
export const ImportResult = z.object({
  added: z.int().check(z.nonnegative()),
  skipped: z.int().check(z.nonnegative()),
});
export type ImportResult = z.infer<typeof ImportResult>;
