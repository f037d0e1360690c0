import * as z from 'zod/mini';
import { ArchiveInput, Id } from '../../../shared/src/activities/schema.js';
import { protectFilteredSummary } from '../../../shared/src/disclosure/survey.js';
import { languageFor } from '../../../shared/src/invitations/kinds.js';
import { summarise } from '../../../shared/src/responses/summary.js';
import { reviseSurvey, translationCompleteness } from '../../../shared/src/surveys/rules.js';
import { SurveyDefinition, type SurveyKind } from '../../../shared/src/surveys/schema.js';
import {
  defaultSchedule,
  hasResponses,
  Survey,
  SurveyAttachInput,
  SurveySchedule,
} from '../../../shared/src/surveys/survey.js';
import { refuseArchived } from '../activities/lifecycle.js';
import { getActivity, listAttendees } from '../activities/store.js';
import { enqueueJob } from '../invitations/queue.js';
import * as invitations from '../invitations/store.js';
import { ApiRoutes, json } from '../lib/api-routes.js';
import type { AuthVariables } from '../lib/auth.js';
import { env } from '../lib/env.js';
import { newId, newPublicCode } from '../lib/ids.js';
import { ProblemError } from '../lib/problem.js';
import { defineRoute } from '../lib/route.js';
import * as responses from '../responses/store.js';
import * as store from './store.js';

// Loaded by the handlers that use them, not with the group (a chunk of its own in the Lambda,
// infra/lib/bundling.ts): reading or editing a survey needs none of the built-in templates, the
// aggregate rebuild (and the statistics it pulls in). The QR code of a survey's link is drawn by
// the staff page that shows it, in the browser: the API has no QR route.
const templateStore = () => import('../templates/store.js');
// Scheduling and sending invitations (with the e-mail texts in every language, 30 KB) only for
// the routes that change a schedule or send.
const sending = () => import('../invitations/send.js');
const rebuild = () => import('../results/rebuild.js');

const ActivityParam = z.object({ activityId: Id });
const SurveyParam = z.object({ surveyId: Id });

/** A survey in an activity's list: how many scored knowledge items it has (0: not a test). */
const SurveyListItem = z.extend(Survey, { knowledgeItems: z.int().check(z.nonnegative()) });

const SurveyDetail = z.extend(Survey, {
  definition: SurveyDefinition,
  link: z.url(),
  translations: z.array(
    z.object({ lang: z.string(), translated: z.int(), total: z.int(), percent: z.number() }),
  ),
});

/** The public link of a survey, as printed on QR codes and sent in invitations. */
export const publicLink = (code: string) => `${env().PUBLIC_BASE_URL}/s/${code}`;

/**
 * The survey whose knowledge test a new survey gives again: of the same activity, with scored
 * knowledge items, of another kind, and not already given twice. 422 on the field otherwise.
 */
async function sameTestTwin(activityId: string, surveyId: string, kind: SurveyKind) {
  const twin = await store.getSurveyMeta(surveyId);
  const refuse = (message: string) => {
    throw new ProblemError(422, 'invalid-input', message, [
      { path: ['json', 'sameTestAs'], code: 'invalid_twin', message },
    ]);
  };
  if (!twin || twin.activityId !== activityId) return refuse('No such survey in this activity.');
  if (!twin.definition.questions.some((q) => q.type === 'knowledge')) {
    return refuse('That survey has no knowledge-test items to give again.');
  }
  if (twin.kind === kind)
    return refuse('The same test is given at two different moments: choose another kind.');
  if (twin.sameTestAs) return refuse('That test is already given before and after.');
  if (twin.archived) return refuse('That survey is archived: bring it back first.');
  return twin;
}

/**
 * What two surveys giving the same test share: the questions, their pages and languages. Each keeps
 * its own kind, title, introduction and thanks ("start" and "end of the training").
 */
const withTestOf = (own: SurveyDefinition, test: SurveyDefinition): SurveyDefinition => ({
  ...own,
  questions: structuredClone(test.questions),
  pages: structuredClone(test.pages),
  languages: [...test.languages],
});

/** The new survey's definition: the twin's test, with the texts its template has for this kind. */
async function sameTestDefinition(twin: store.SurveyMeta, kind: SurveyKind): Promise<SurveyDefinition> {
  const { templateDefinition } = await templateStore();
  const texts = (await templateDefinition(twin.templateId, kind)) ?? twin.definition;
  return withTestOf({ ...texts, kind }, twin.definition);
}

async function surveyOr404(surveyId: string) {
  const survey = await store.getSurvey(surveyId);
  if (!survey) throw new ProblemError(404, 'survey-not-found', `No survey ${surveyId}.`);
  return survey;
}

/** An archived survey is read-only: 409 for a change of its questions, schedule or invitations. */
function refuseArchivedSurvey(survey: Pick<store.SurveyMeta, 'archived'>): void {
  if (survey.archived)
    throw new ProblemError(
      409,
      'survey-archived',
      'This survey is archived, so it is read-only. Bring it back from the archive to change it.',
    );
}

/** A survey that may be changed: found (404) and not archived (409). */
async function changeableSurvey(surveyId: string) {
  const survey = await surveyOr404(surveyId);
  refuseArchivedSurvey(survey);
  return survey;
}

const Invitation = z.object({
  attendeeId: z.string(),
  name: z.string(),
  email: z.string(),
  /** The language of this person's e-mails. */
  language: z.nullable(z.string()),
  /** `queued`: on the list with an e-mail, and an invitation job is pending; `bounced`: SES said so. */
  status: z.enum(['queued', 'sending', 'sent', 'failed', 'bounced']),
  sentAt: z.nullable(z.string()),
  remindedAt: z.nullable(z.string()),
  remindersSent: z.int(),
  respondedAt: z.nullable(z.string()),
  bouncedAt: z.nullable(z.string()),
});

const ResultsQuery = z.object({
  gender: z.optional(z.string().check(z.maxLength(40))),
  country: z.optional(z.string().check(z.maxLength(2))),
  organisation_type: z.optional(z.string().check(z.maxLength(60))),
  role: z.optional(z.string().check(z.maxLength(60))),
});

// Routes are added as statements, not one chained type: the app's type stays simple to check.
export const surveys = new ApiRoutes<{ Variables: AuthVariables }>();

// The list of templates (GET /templates) is in ../templates/routes.ts with the custom templates.
surveys
  .openapi(
    defineRoute('evaluator', {
      method: 'get',
      path: '/activities/{activityId}/surveys',
      tags: ['Surveys'],
      summary: 'The surveys attached to an activity',
      request: { params: ActivityParam },
      responses: { 200: { description: 'Surveys', content: json(z.array(SurveyListItem)) } },
    }),
    async (c) => {
      const list = await store.listSurveysOfActivity(c.req.valid('param').activityId);
      return c.json(
        list.map(({ definition, ...s }) => ({
          ...s,
          knowledgeItems: definition.questions.filter((q) => q.type === 'knowledge').length,
        })),
        200,
      );
    },
  )
  .openapi(
    defineRoute('admin', {
      method: 'post',
      path: '/activities/{activityId}/surveys',
      tags: ['Surveys'],
      summary: 'Attach a survey to an activity',
      description:
        'Gives a public link (the staff page draws its QR code). Empty schedule fields get defaults: invitations 2 hours after the ' +
        'activity ends, reminders 3 and 7 days after each invitation.',
      request: { params: ActivityParam, body: { content: json(SurveyAttachInput), required: true } },
      responses: {
        201: { description: 'Attached', content: json(Survey) },
        404: { description: 'No such activity' },
      },
    }),
    async (c) => {
      const { activityId } = c.req.valid('param');
      const input = c.req.valid('json');
      const activity = await getActivity(activityId);
      if (!activity) throw new ProblemError(404, 'activity-not-found', `No activity ${activityId}.`);
      refuseArchived(activity);
      const twin = input.sameTestAs ? await sameTestTwin(activityId, input.sameTestAs, input.kind) : null;
      // A copy of the template's definition: editing the template later never changes this survey.
      // The same test given again starts from the other survey's current questions, and stays in step.
      const template = twin
        ? await sameTestDefinition(twin, input.kind)
        : await (await templateStore()).templateDefinition(input.templateId ?? '', input.kind);
      if (!template) {
        const { templates } = await import('../../../shared/src/surveys/templates.js');
        throw new ProblemError(422, 'invalid-input', 'Unknown template.', [
          {
            path: ['json', 'templateId'],
            code: 'unknown_template',
            message: `Choose a custom template or one of: ${Object.keys(templates).join(', ')}.`,
          },
        ]);
      }
      const languages = twin ? twin.languages : (input.languages ?? template.languages);
      const missing = languages.filter((l) => !template.languages.includes(l));
      if (missing.length > 0) {
        throw new ProblemError(
          422,
          'invalid-input',
          'The template is not translated into every chosen language.',
          [
            {
              path: ['json', 'languages'],
              code: 'untranslated',
              message: `Not available in: ${missing.join(', ')}.`,
            },
          ],
        );
      }
      const now = new Date();
      const defaults = defaultSchedule(input.kind, activity, now, { opensAt: input.opensAt });
      const id = newId();
      // Definition ids are slugs that start with a letter; survey ids start with their time prefix.
      const definition = { ...template, id: `survey_${id}`, version: 1, kind: input.kind, languages };
      const survey: store.SurveyRecord = {
        id,
        activityId,
        kind: input.kind,
        code: newPublicCode(),
        templateId: twin ? twin.templateId : (input.templateId ?? ''),
        ...(twin ? { sameTestAs: twin.id } : {}),
        title: definition.title,
        languages,
        currentVersion: 1,
        opensAt: input.opensAt ?? defaults.opensAt,
        closesAt: input.closesAt ?? defaults.closesAt,
        sendInvitationsAt:
          input.sendInvitationsAt === undefined ? defaults.sendInvitationsAt : input.sendInvitationsAt,
        reminderDays: input.reminderDays ?? defaults.reminderDays,
        responseCount: 0,
        invitedCount: 0,
        respondedCount: 0,
        createdAt: now.toISOString(),
        definition,
      };
      if (survey.opensAt >= survey.closesAt) {
        // Only a closing time the administrator chose can come before the opening (the defaults never do).
        throw new ProblemError(422, 'invalid-input', 'The survey closes before it opens.', [
          { path: ['json', 'closesAt'], code: 'custom', message: 'Must be after the opening time.' },
        ]);
      }
      try {
        await store.createSurvey(survey, c.get('principal')?.username ?? 'unknown', twin);
      } catch (err) {
        if (twin && (err as Error).name === 'TransactionCanceledException') {
          throw new ProblemError(
            409,
            'edit-conflict',
            'That survey changed meanwhile (edited, or given a second moment). Reload and try again.',
          );
        }
        throw err;
      }
      await (await sending()).scheduleJobs(survey);
      const { definition: _, ...body } = survey;
      return c.json(body, 201);
    },
  )
  .openapi(
    defineRoute('evaluator', {
      method: 'get',
      path: '/surveys/{surveyId}',
      tags: ['Surveys'],
      summary: 'A survey with its current definition, public link and translation completeness',
      request: { params: SurveyParam },
      responses: {
        200: { description: 'The survey', content: json(SurveyDetail) },
        404: { description: 'No such survey' },
      },
    }),
    async (c) => {
      const survey = await surveyOr404(c.req.valid('param').surveyId);
      return c.json(
        {
          ...survey,
          link: publicLink(survey.code),
          translations: translationCompleteness(survey.definition),
        },
        200,
      );
    },
  )
  .openapi(
    defineRoute('admin', {
      method: 'put',
      path: '/surveys/{surveyId}/definition',
      tags: ['Surveys'],
      summary: 'Edit the questions and texts',
      description:
        'Once the survey has a response, an edit creates a new version; responses keep the version they answered.',
      request: { params: SurveyParam, body: { content: json(SurveyDefinition), required: true } },
      responses: {
        200: { description: 'Saved', content: json(z.object({ version: z.int() })) },
        409: { description: 'Edited or answered meanwhile; reload and retry' },
      },
    }),
    async (c) => {
      const survey = await changeableSurvey(c.req.valid('param').surveyId);
      const edited = c.req.valid('json');
      // A test given before and after is one set of questions: the edit reaches both surveys, each
      // getting a new version of its own once it has responses (or edited in place while it has none).
      const twin = survey.sameTestAs ? await store.getSurvey(survey.sameTestAs) : null;
      const revisions = [
        { survey, definition: reviseSurvey(survey.definition, edited, hasResponses(survey)) },
        ...(twin
          ? [
              {
                survey: twin,
                definition: reviseSurvey(
                  twin.definition,
                  withTestOf(twin.definition, edited),
                  hasResponses(twin),
                ),
              },
            ]
          : []),
      ];
      const revised = revisions[0]!.definition;
      try {
        await store.saveDefinitions(
          revisions,
          c.get('principal')?.username ?? 'unknown',
          new Date().toISOString(),
        );
      } catch (err) {
        if ((err as Error).name === 'TransactionCanceledException') {
          throw new ProblemError(
            409,
            'edit-conflict',
            'The survey changed meanwhile (an edit or a new response). Reload and try again.',
          );
        }
        throw err;
      }
      return c.json({ version: revised.version }, 200);
    },
  )
  .openapi(
    defineRoute('admin', {
      method: 'delete',
      path: '/surveys/{surveyId}',
      tags: ['Surveys'],
      summary: 'Detach a survey nobody has answered',
      description:
        'Removes the survey, its public link (which then answers 404), its versions, scheduled e-mails and ' +
        'invitations. A survey with responses is never deleted (409): its data stays the source of figures.',
      request: { params: SurveyParam },
      responses: {
        204: { description: 'Detached' },
        404: { description: 'No such survey' },
        409: { description: 'The survey has responses, or changed meanwhile' },
      },
    }),
    async (c) => {
      const survey = await surveyOr404(c.req.valid('param').surveyId);
      const answered = () =>
        new ProblemError(
          409,
          'survey-answered',
          'This survey has responses, so it cannot be detached: the responses stay the source of its figures.',
        );
      if (hasResponses(survey)) throw answered();
      try {
        await store.deleteUnansweredSurvey(
          survey,
          c.get('principal')?.username ?? 'unknown',
          new Date().toISOString(),
        );
      } catch (err) {
        if ((err as Error).name === 'TransactionCanceledException') throw answered();
        throw err;
      }
      return c.body(null, 204);
    },
  )
  .openapi(
    defineRoute('admin', {
      method: 'put',
      path: '/surveys/{surveyId}/archived',
      tags: ['Surveys'],
      summary: 'Archive a survey, or bring it back',
      description:
        'For a survey with responses, which is never detached: an archived survey takes no answers (its link says ' +
        'it is closed; a device resending an answer stored before is still thanked), sends no invitations or ' +
        'reminders, is read-only and is left out of the survey list unless `archived=include`. Its responses still ' +
        'count in the figures (exclude them one by one to take them out). Audited.',
      request: { params: SurveyParam, body: { content: json(ArchiveInput), required: true } },
      responses: {
        200: { description: 'Saved', content: json(Survey) },
        404: { description: 'No such survey' },
      },
    }),
    async (c) => {
      const survey = await surveyOr404(c.req.valid('param').surveyId);
      const { archived } = c.req.valid('json');
      const saved =
        Boolean(survey.archived) === archived
          ? survey
          : {
              ...survey,
              ...(await store.setSurveyArchived(
                survey,
                archived,
                c.get('principal')?.username ?? 'unknown',
                new Date().toISOString(),
              )),
            };
      // Brought back: its invitations and reminders are due again as scheduled.
      if (!archived && survey.archived) await (await sending()).scheduleJobs(saved);
      const { definition: _, ...body } = saved;
      return c.json(body, 200);
    },
  )
  .openapi(
    defineRoute('admin', {
      method: 'put',
      path: '/surveys/{surveyId}/schedule',
      tags: ['Surveys'],
      summary: 'Change the opening window and the e-mail schedule',
      request: { params: SurveyParam, body: { content: json(SurveySchedule), required: true } },
      responses: { 204: { description: 'Saved' }, 404: { description: 'No such survey' } },
    }),
    async (c) => {
      const survey = await changeableSurvey(c.req.valid('param').surveyId);
      const schedule = c.req.valid('json');
      await store.updateSchedule(survey.id, schedule);
      await (await sending()).scheduleJobs({ ...survey, ...schedule });
      return c.body(null, 204);
    },
  )
  .openapi(
    defineRoute('admin', {
      method: 'get',
      path: '/surveys/{surveyId}/invitations',
      tags: ['Surveys'],
      summary: 'Who was invited, reminded and has answered (not what they answered)',
      request: { params: SurveyParam },
      responses: { 200: { description: 'Invitations', content: json(z.array(Invitation)) } },
    }),
    async (c) => {
      const survey = await surveyOr404(c.req.valid('param').surveyId);
      const [list, job, attendees] = await Promise.all([
        invitations.listInvitations(survey.id),
        invitations.getJob(survey.id, 'invite'),
        listAttendees(survey.activityId),
      ]);
      const sent = list.map((i) => ({
        attendeeId: i.attendeeId,
        name: i.name,
        email: i.email,
        language: i.language ?? null,
        status: i.status,
        sentAt: i.sentAt ?? null,
        remindedAt: i.remindedAt ?? null,
        remindersSent: invitations.remindersSentOf(i),
        respondedAt: i.respondedAt ?? null,
        bouncedAt: i.bouncedAt ?? null,
      }));
      // People an invitation job due now will reach: queued (it is on the sending queue, or next in line).
      const known = new Set(list.map((i) => i.attendeeId));
      const queued =
        job && Date.parse(job.dueAt) <= Date.now()
          ? attendees
              .filter((a) => a.email && !known.has(a.id))
              .map((a) => ({
                attendeeId: a.id,
                name: a.name,
                email: a.email as string,
                language: languageFor(survey, a.language),
                status: 'queued' as const,
                sentAt: null,
                remindedAt: null,
                remindersSent: 0,
                respondedAt: null,
                bouncedAt: null,
              }))
          : [];
      return c.json([...sent, ...queued], 200);
    },
  )
  .openapi(
    defineRoute('admin', {
      method: 'post',
      path: '/surveys/{surveyId}/invitations/send',
      tags: ['Surveys'],
      summary: 'Send the invitations now, to attendees not invited yet',
      description:
        'Puts the invitations on the sending queue and answers at once; they go out paced to the SES quota. ' +
        'Follow them with GET /surveys/{surveyId}/invitations (queued, sent, failed, bounced).',
      request: { params: SurveyParam },
      responses: {
        202: { description: 'Queued', content: json(z.object({ queued: z.int() })) },
        410: { description: 'The survey is closed' },
      },
    }),
    async (c) => {
      const survey = await changeableSurvey(c.req.valid('param').surveyId);
      if (Date.parse(survey.closesAt) <= Date.now()) {
        throw new ProblemError(410, 'survey-closed', 'The survey is closed; invitations would lead nowhere.');
      }
      return c.json(await (await sending()).enqueueInvitationsNow(survey, enqueueJob), 202);
    },
  )
  .openapi(
    defineRoute('admin', {
      method: 'post',
      path: '/surveys/{surveyId}/aggregates/rebuild',
      tags: ['Results'],
      summary: "Recompute the survey's figures from the raw responses and compare (optionally repair)",
      description:
        "Raw responses are the source of truth. The maintained figures live in the roll-up of the survey's activity, folded from the table's stream with the survey's response counters: `differences` compares the survey's figures and its counters (`counter|responses`, `counter|responded`), `rollup` the whole roll-up. Repair only while the survey is quiet.",
      request: {
        params: SurveyParam,
        body: { content: json(z.object({ repair: z._default(z.boolean(), false) })), required: false },
      },
      responses: {
        200: {
          description: 'Comparison',
          content: json(
            z.object({
              surveyId: z.string(),
              responses: z.int(),
              keys: z.int(),
              differences: z.array(
                z.object({ key: z.string(), maintained: z.number(), rebuilt: z.number() }),
              ),
              repaired: z.boolean(),
              rollup: z.object({
                activityId: z.string(),
                differences: z.array(z.string()),
                repaired: z.boolean(),
              }),
            }),
          ),
        },
      },
    }),
    async (c) => {
      const survey = await surveyOr404(c.req.valid('param').surveyId);
      const body = (c.req.valid('json') as { repair?: boolean } | undefined) ?? {};
      return c.json(await (await rebuild()).rebuildSurvey(survey, body.repair ?? false), 200);
    },
  )
  .openapi(
    defineRoute('evaluator', {
      method: 'get',
      path: '/surveys/{surveyId}/results',
      tags: ['Results'],
      summary: 'Results of one survey: counts, response rate and per-question summaries',
      description:
        "Filter by the profile questions (gender, country, organisation_type, role). Percents are of each question's n. People, not responses: repeat attempts of a device are not counted. A filter that keeps fewer than 5 people, or leaves out fewer than 5, answers with `summary.suppressed: true`, `count: null` and no questions (see docs/disclosure.md).",
      request: { params: SurveyParam, query: ResultsQuery },
      responses: {
        200: { description: 'Results', content: json(z.looseObject({ responseCount: z.int() })) },
      },
    }),
    async (c) => {
      const survey = await surveyOr404(c.req.valid('param').surveyId);
      const filter = Object.fromEntries(
        Object.entries(c.req.valid('query')).filter(([, v]) => v !== undefined && v !== ''),
      );
      // People, not responses: repeat attempts (`counted: false`) are raw data only.
      const all = (await responses.listResponses(survey.id)).filter((r) => r.counted !== false);
      // Questions are keyed by id, so the current definition reads answers of every version. A
      // filter that narrows to, or leaves out, fewer than 5 people returns no answers (disclosure control).
      const summary = protectFilteredSummary(summarise(survey.definition, all, filter));
      const filtered = summary.suppressed || Object.keys(filter).length > 0;
      return c.json(
        {
          surveyId: survey.id,
          version: survey.currentVersion,
          responseCount: survey.responseCount,
          invitedCount: survey.invitedCount,
          respondedCount: survey.respondedCount,
          responseRate: survey.invitedCount > 0 ? survey.respondedCount / survey.invitedCount : null,
          // Languages of all responses; with a filter they would describe the filtered people, so left out.
          languages: Object.entries(
            (filtered ? [] : all).reduce<Record<string, number>>((acc, r) => {
              acc[r.language] = (acc[r.language] ?? 0) + 1;
              return acc;
            }, {}),
          ).map(([lang, count]) => ({ lang, count })),
          summary,
        },
        200,
      );
    },
  );
