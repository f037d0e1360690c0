import * as z from 'zod';
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
export const Id = z.string().regex(/^[0-9a-z]{10,40}$/, 'expected an id');
export type Id = z.infer<typeof Id>;

export const DateTime = z.iso.datetime({ offset: true });

export const Place = z.object({ city: z.string().trim().min(1).max(120), country: CountryCode });
export type Place = z.infer<typeof Place>;

/** Attendance as counted, for activities without a list (or to override a partial list). */
export const AttendanceSummary = z.object({
  participants: z.int().nonnegative().max(MAX_COUNT).optional(),
  countries: z.int().nonnegative().max(MAX_COUNT).optional(),
  organisations: z.int().nonnegative().max(MAX_COUNT).optional(),
  women: z.int().nonnegative().max(MAX_COUNT).optional(),
});
export type AttendanceSummary = z.infer<typeof AttendanceSummary>;

/** What an administrator enters for an activity (a meeting, training, study visit...). */
export const ActivityInput = z
  .object({
    title: z.string().trim().min(3).max(300),
    type: ActivityType,
    startsAt: DateTime,
    endsAt: DateTime,
    format: ActivityFormat,
    place: Place.nullable(),
    expectedParticipants: z.int().positive().max(100_000).nullable().default(null),
    // Links to the results framework (extended by the framework work).
    actionPointCodes: z.array(ActionPointCode).max(50).default([]),
    priorityGoals: z.array(GoalNumber).max(20).default([]),
    pillar: PillarId.nullable().default(null),
    projectId: z.string().max(80).nullable().default(null),
    workingGroup: z.string().trim().max(120).nullable().default(null),
    chairs: z.array(z.string().trim().min(1).max(200)).max(10).default([]),
    attendance: AttendanceSummary.nullable().default(null),
  })
  // Compared as instants: "10:00+02:00" is before "09:00Z".
  .refine((a) => Date.parse(a.startsAt) <= Date.parse(a.endsAt), {
    message: 'The end is before the start.',
    path: ['endsAt'],
  })
  .refine((a) => a.format === 'online' || a.place !== null, {
    message: 'An in-person or hybrid activity needs a place.',
    path: ['place'],
  });
export type ActivityInput = z.infer<typeof ActivityInput>;

/** An edit: the whole input plus the version it was made from (a stale version is refused). */
export const ActivityUpdate = ActivityInput.safeExtend({ version: z.int().positive().max(MAX_NUMBER) });
export type ActivityUpdate = z.infer<typeof ActivityUpdate>;

export const Activity = z.object({
  id: Id,
  title: z.string(),
  type: ActivityType,
  startsAt: DateTime,
  endsAt: DateTime,
  format: ActivityFormat,
  place: Place.nullable(),
  expectedParticipants: z.int().nullable(),
  actionPointCodes: z.array(ActionPointCode),
  priorityGoals: z.array(GoalNumber),
  pillar: PillarId.nullable(),
  projectId: z.string().nullable(),
  workingGroup: z.string().nullable().default(null),
  chairs: z.array(z.string()).default([]),
  attendance: AttendanceSummary.nullable(),
  attendeeCount: z.int().nonnegative(),
  createdAt: DateTime,
  updatedAt: DateTime,
  version: z.int().positive(),
  /**
   * Archived (it has responses, so it is not deleted): read-only, left out of lists unless asked
   * for, and still counted in results (an evaluator expects a real past training to stay).
   */
  archived: z.object({ at: DateTime, by: z.string() }).nullable().default(null),
});
export type Activity = z.infer<typeof Activity>;

/** What depends on an activity, shown before it is deleted or archived. */
export const ActivityDependents = z.object({
  surveys: z.array(
    z.object({ id: z.string(), title: z.string(), kind: z.string(), responses: z.int().nonnegative() }),
  ),
  attendees: z.int().nonnegative(),
  responses: z.int().nonnegative(),
  /** No survey has a response: it can be deleted (with its surveys, invitations, list and roll-up). */
  deletable: z.boolean(),
});
export type ActivityDependents = z.infer<typeof ActivityDependents>;

export const ArchiveInput = z.object({ archived: z.boolean() });
export type ArchiveInput = z.infer<typeof ArchiveInput>;

/** One activity as its page shows it: with the attendance figures computed from its list, if any. */
export const ActivityDetail = Activity.extend({ listSummary: AttendanceSummary.nullable() });
export type ActivityDetail = z.infer<typeof ActivityDetail>;

/** Filters of the activity list: a period of start dates (inclusive), a type, words of the title or place. */
export const ActivityQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  type: ActivityType.optional(),
  q: z.string().trim().max(100).optional(),
  /** Archived activities are left out unless `include` (all) or `only`. */
  archived: z.enum(['exclude', 'include', 'only']).optional(),
});
export type ActivityQuery = z.infer<typeof ActivityQuery>;

export const Gender = z.enum(['female', 'male', 'other', 'undisclosed']);
export type Gender = z.infer<typeof Gender>;

/** One person on an attendance list: only what invitations and attendance figures need. */
export const AttendeeInput = z.object({
  name: z.string().trim().min(1).max(200),
  email: z
    .email()
    .max(254)
    .transform((s) => s.toLowerCase())
    .nullable()
    .default(null),
  country: CountryCode.nullable().default(null),
  organisation: z.string().trim().max(200).nullable().default(null),
  gender: Gender.nullable().default(null),
  /** The language of this person's e-mails (one of the nine participant languages); null: the survey's default. */
  language: InviteeLanguage.nullable().default(null),
});
export type AttendeeInput = z.infer<typeof AttendeeInput>;

export const Attendee = AttendeeInput.extend({ id: Id, activityId: Id });
export type Attendee = z.infer<typeof Attendee>;

/** What can be changed of a person already on the list: the language of their e-mails. */
export const AttendeeUpdate = z.object({ language: InviteeLanguage.nullable() });
export type AttendeeUpdate = z.infer<typeof AttendeeUpdate>;

/** The most rows one import may send; a larger list is sent in several imports. */
export const MAX_IMPORT_ROWS = 2000;

export const AttendeeImport = z.object({ attendees: z.array(AttendeeInput).min(1).max(MAX_IMPORT_ROWS) });
export type AttendeeImport = z.infer<typeof AttendeeImport>;

/** What an import did: rows already on the list (same e-mail, or same name and organisation) are skipped. */
export const ImportResult = z.object({ added: z.int().nonnegative(), skipped: z.int().nonnegative() });
export type ImportResult = z.infer<typeof ImportResult>;
