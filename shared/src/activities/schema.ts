import * as z from 'zod';
import {
  ActionPointCode,
  ActivityFormat,
  ActivityType,
  CountryCode,
  GoalNumber,
  PillarId,
} from '../framework/schema.js';

/** Server-generated identifiers: 26 URL-safe characters, unguessable enough to not need secrecy. */
export const Id = z.string().regex(/^[0-9a-z]{10,40}$/, 'expected an id');
export type Id = z.infer<typeof Id>;

export const DateTime = z.iso.datetime({ offset: true });

export const Place = z.object({ city: z.string().trim().min(1).max(120), country: CountryCode });
export type Place = z.infer<typeof Place>;

/** Attendance as counted, for activities without a list (or to override a partial list). */
export const AttendanceSummary = z.object({
  participants: z.int().nonnegative().optional(),
  countries: z.int().nonnegative().optional(),
  organisations: z.int().nonnegative().optional(),
  women: z.int().nonnegative().optional(),
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
    priorityGoals: z.array(GoalNumber).max(7).default([]),
    pillar: PillarId.nullable().default(null),
    projectId: z.string().max(80).nullable().default(null),
    attendance: AttendanceSummary.nullable().default(null),
  })
  .refine((a) => a.startsAt <= a.endsAt, { message: 'The end is before the start.', path: ['endsAt'] })
  .refine((a) => a.format === 'online' || a.place !== null, {
    message: 'An in-person or hybrid activity needs a place.',
    path: ['place'],
  });
export type ActivityInput = z.infer<typeof ActivityInput>;

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
  attendance: AttendanceSummary.nullable(),
  attendeeCount: z.int().nonnegative(),
  createdAt: DateTime,
  updatedAt: DateTime,
  version: z.int().positive(),
});
export type Activity = z.infer<typeof Activity>;

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
});
export type AttendeeInput = z.infer<typeof AttendeeInput>;

export const Attendee = AttendeeInput.extend({ id: Id, activityId: Id });
export type Attendee = z.infer<typeof Attendee>;
