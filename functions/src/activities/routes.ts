import * as z from 'zod/mini';
import { summarizeAttendees } from '../../../shared/src/activities/rules.js';
import {
  Activity,
  ActivityDependents,
  ActivityDetail,
  ActivityInput,
  ActivityQuery,
  ActivityUpdate,
  ArchiveInput,
  Attendee,
  AttendeeImport,
  AttendeeUpdate,
  Id,
  ImportResult,
} from '../../../shared/src/activities/schema.js';
import { ApiRoutes, json } from '../lib/api-routes.js';
import type { AuthVariables } from '../lib/auth.js';
import { ProblemError } from '../lib/problem.js';
import { defineRoute } from '../lib/route.js';
import { deleteActivity, dependentsOf, refuseArchived } from './lifecycle.js';
import * as activities from './store.js';

async function activityOr404(activityId: string) {
  const found = await activities.getActivity(activityId);
  if (!found) throw new ProblemError(404, 'not-found', `No activity ${activityId}.`);
  return found;
}

const ActivityParam = z.object({ activityId: Id });
const AttendeeParam = z.object({ activityId: Id, attendeeId: Id });
const notFound = { 404: { description: 'No such activity' } };

/** The signed-in user's name for the audit trail (the access check has run). */
function actor(c: { get(key: 'principal'): AuthVariables['principal'] }): string {
  const p = c.get('principal');
  if (!p) throw new Error('principal missing after the access check');
  return p.username;
}

export const activityRoutes = new ApiRoutes<{ Variables: AuthVariables }>()
  .openapi(
    defineRoute('evaluator', {
      method: 'get',
      path: '/activities',
      tags: ['Activities'],
      summary: 'List activities, newest first',
      description:
        'Filters: start date from/to (inclusive, YYYY-MM-DD), type, and words of the title or city. Archived ' +
        'activities are left out unless `archived=include` (or `only`).',
      request: { query: ActivityQuery },
      responses: { 200: { description: 'Activities', content: json(z.array(Activity)) } },
    }),
    async (c) => {
      const query = c.req.valid('query');
      return c.json(
        await activities.listActivities({ ...query, archived: query.archived ?? 'exclude' }),
        200,
      );
    },
  )
  .openapi(
    defineRoute('admin', {
      method: 'post',
      path: '/activities',
      tags: ['Activities'],
      summary: 'Register an activity',
      request: { body: { content: json(ActivityInput), required: true } },
      responses: { 201: { description: 'Registered', content: json(Activity) } },
    }),
    async (c) => c.json(await activities.createActivity(c.req.valid('json'), actor(c)), 201),
  )
  .openapi(
    defineRoute('evaluator', {
      method: 'get',
      path: '/activities/{activityId}',
      tags: ['Activities'],
      summary: 'Read an activity',
      description:
        'With `listSummary`: participants, countries, organisations and women counted from the attendance list, when there is one.',
      request: { params: ActivityParam },
      responses: { 200: { description: 'The activity', content: json(ActivityDetail) }, ...notFound },
    }),
    async (c) => {
      const { activityId } = c.req.valid('param');
      const found = await activities.getActivityWithAttendees(activityId);
      if (!found) throw new ProblemError(404, 'not-found', `No activity ${activityId}.`);
      const listSummary = found.attendees.length > 0 ? summarizeAttendees(found.attendees) : null;
      return c.json({ ...found.activity, listSummary }, 200);
    },
  )
  .openapi(
    defineRoute('admin', {
      method: 'put',
      path: '/activities/{activityId}',
      tags: ['Activities'],
      summary: 'Edit an activity',
      description:
        'Send the `version` you read; if someone saved since, the answer is 409 and nothing changes.',
      request: { params: ActivityParam, body: { content: json(ActivityUpdate), required: true } },
      responses: {
        200: { description: 'Saved', content: json(Activity) },
        ...notFound,
        409: { description: 'The activity was changed since that version' },
      },
    }),
    async (c) => {
      const { activityId } = c.req.valid('param');
      const { version, ...input } = c.req.valid('json');
      refuseArchived(await activityOr404(activityId));
      return c.json(await activities.updateActivity(activityId, input, version, actor(c)), 200);
    },
  )
  .openapi(
    defineRoute('admin', {
      method: 'get',
      path: '/activities/{activityId}/attendees',
      tags: ['Activities'],
      summary: 'Read the attendance list (personal data: administrators only)',
      request: { params: ActivityParam },
      responses: { 200: { description: 'Attendees by name', content: json(z.array(Attendee)) }, ...notFound },
    }),
    async (c) => {
      const { activityId } = c.req.valid('param');
      if (!(await activities.getActivity(activityId))) {
        throw new ProblemError(404, 'not-found', `No activity ${activityId}.`);
      }
      return c.json(await activities.listAttendees(activityId), 200);
    },
  )
  .openapi(
    defineRoute('admin', {
      method: 'post',
      path: '/activities/{activityId}/attendees',
      tags: ['Activities'],
      summary: 'Add people to the attendance list (CSV import or one by one)',
      description:
        'Idempotent: people already on the list (same e-mail, or without e-mail the same name and organisation) are skipped and counted as such.',
      request: { params: ActivityParam, body: { content: json(AttendeeImport), required: true } },
      responses: {
        200: { description: 'What was added and skipped', content: json(ImportResult) },
        ...notFound,
      },
    }),
    async (c) => {
      const { activityId } = c.req.valid('param');
      const { attendees } = c.req.valid('json');
      refuseArchived(await activityOr404(activityId));
      return c.json(await activities.addAttendees(activityId, attendees, actor(c)), 200);
    },
  )
  .openapi(
    defineRoute('admin', {
      method: 'patch',
      path: '/activities/{activityId}/attendees/{attendeeId}',
      tags: ['Activities'],
      summary: "Change a person's e-mail language",
      request: { params: AttendeeParam, body: { content: json(AttendeeUpdate), required: true } },
      responses: { 204: { description: 'Saved' }, 404: { description: 'No such activity or attendee' } },
    }),
    async (c) => {
      const { activityId, attendeeId } = c.req.valid('param');
      const { language } = c.req.valid('json');
      await activities.setAttendeeLanguage(activityId, attendeeId, language, actor(c));
      return c.body(null, 204);
    },
  )
  .openapi(
    defineRoute('admin', {
      method: 'delete',
      path: '/activities/{activityId}/attendees/{attendeeId}',
      tags: ['Activities'],
      summary: 'Remove a person from the attendance list',
      request: { params: AttendeeParam },
      responses: { 204: { description: 'Removed' }, 404: { description: 'No such activity or attendee' } },
    }),
    async (c) => {
      const { activityId, attendeeId } = c.req.valid('param');
      refuseArchived(await activityOr404(activityId));
      await activities.deleteAttendee(activityId, attendeeId, actor(c));
      return c.body(null, 204);
    },
  )
  .openapi(
    defineRoute('admin', {
      method: 'get',
      path: '/activities/{activityId}/dependents',
      tags: ['Activities'],
      summary: 'What depends on an activity (before deleting or archiving it)',
      request: { params: ActivityParam },
      responses: { 200: { description: 'Dependents', content: json(ActivityDependents) }, ...notFound },
    }),
    async (c) => c.json(await dependentsOf(await activityOr404(c.req.valid('param').activityId)), 200),
  )
  .openapi(
    defineRoute('admin', {
      method: 'delete',
      path: '/activities/{activityId}',
      tags: ['Activities'],
      summary: 'Delete an activity nobody has answered',
      description:
        'Removes its surveys (links, versions, scheduled e-mails, invitations), its attendance list and its roll-up. ' +
        'An activity whose surveys have responses is never deleted (409): archive it instead.',
      request: { params: ActivityParam },
      responses: {
        204: { description: 'Deleted' },
        ...notFound,
        409: { description: 'It has responses (archive it), or changed meanwhile' },
      },
    }),
    async (c) => {
      await deleteActivity(await activityOr404(c.req.valid('param').activityId), actor(c));
      return c.body(null, 204);
    },
  )
  .openapi(
    defineRoute('admin', {
      method: 'put',
      path: '/activities/{activityId}/archived',
      tags: ['Activities'],
      summary: 'Archive an activity, or bring it back',
      description:
        'An archived activity is read-only and left out of the activity list unless asked for; its results still ' +
        'count (exclude responses to take data out).',
      request: { params: ActivityParam, body: { content: json(ArchiveInput), required: true } },
      responses: { 200: { description: 'Saved', content: json(Activity) }, ...notFound },
    }),
    async (c) => {
      const activity = await activityOr404(c.req.valid('param').activityId);
      const { archived } = c.req.valid('json');
      if (Boolean(activity.archived) === archived) return c.json(activity, 200);
      return c.json(await activities.setArchived(activity, archived, actor(c)), 200);
    },
  );
