import * as z from 'zod/mini';
import { Id } from '../../../shared/src/activities/schema.js';
import { surveyStatus } from '../../../shared/src/surveys/survey.js';
import { ApiRoutes, json } from '../lib/api-routes.js';
import type { AuthVariables } from '../lib/auth.js';
import { env } from '../lib/env.js';
import { ProblemError } from '../lib/problem.js';
import { defineRoute } from '../lib/route.js';
import { getSurvey } from '../surveys/store.js';
import * as links from './links.js';
import { getMailRecord } from './mail-record.js';
import { PublicFeedback } from './public-routes.js';
import { summaryOf } from './summary.js';

const SurveyParam = z.object({ surveyId: Id });
const LinkParam = z.object({ surveyId: Id, linkId: Id });

/** The public page of a share link (the participant build serves /s/...). */
export const summaryLink = (token: string) => `${env().PUBLIC_BASE_URL}/s/summary/${token}`;

const MailRecord = z.object({
  round: z.int(),
  startedAt: z.string().check(z.maxLength(40)),
  startedBy: z.string().check(z.maxLength(200)),
  recipients: z.int(),
  sent: z.int(),
  failed: z.int(),
  finishedAt: z.nullable(z.string().check(z.maxLength(40))),
});
const LinkInfo = z.object({
  id: z.string().check(z.maxLength(40)),
  createdAt: z.string().check(z.maxLength(40)),
  createdBy: z.string().check(z.maxLength(200)),
  revokedAt: z.nullable(z.string().check(z.maxLength(40))),
  respondents: z.nullable(z.int()),
});
const SendInput = z.strictObject({
  /** Send again although the summary was sent before (a new round to everyone). */
  resend: z._default(z.boolean(), false),
  /** Organisers' addresses to send the summary to as well (the attendance list is always used). */
  organisers: z._default(z.array(z.email().check(z.maxLength(254))).check(z.maxLength(20)), []),
});

const principal = (c: { get(k: 'principal'): { username: string } | undefined }) =>
  c.get('principal')?.username ?? 'unknown';

/** The survey, if it is closed: feedback on a survey still taking answers would be premature. */
async function closedSurvey(surveyId: string) {
  const survey = await getSurvey(surveyId);
  if (!survey) throw new ProblemError(404, 'survey-not-found', `No survey ${surveyId}.`);
  if (surveyStatus(survey, new Date()) !== 'closed')
    throw new ProblemError(
      409,
      'survey-not-closed',
      `This survey takes answers until ${survey.closesAt}: its results can be shared once it has closed.`,
    );
  return survey;
}

const suppression =
  'Every figure passes disclosure control: fewer than 5 respondents show no figure at all; a share is left out when it would describe 1 to 4 people.';

// Routes are added as statements, not one chained type: the app's type stays simple to check.
export const feedbackRoutes = new ApiRoutes<{ Variables: AuthVariables }>();

feedbackRoutes.openapi(
  defineRoute('admin', {
    method: 'get',
    path: '/surveys/{surveyId}/feedback',
    tags: ['Feedback'],
    summary: 'The feedback summary of a survey (preview), its share links and e-mail record',
    description: suppression,
    request: { params: SurveyParam },
    responses: {
      200: {
        description: 'Feedback state',
        content: json(
          z.object({
            closed: z.boolean(),
            closesAt: z.string().check(z.maxLength(40)),
            preview: PublicFeedback,
            links: z.array(LinkInfo).check(z.maxLength(1000)),
            mail: z.nullable(MailRecord),
          }),
        ),
      },
      404: { description: 'No such survey' },
    },
  }),
  async (c) => {
    const survey = await getSurvey(c.req.valid('param').surveyId);
    if (!survey) throw new ProblemError(404, 'survey-not-found', 'No such survey.');
    const [preview, list, mail] = await Promise.all([
      summaryOf(survey),
      links.listLinks(survey.id),
      getMailRecord(survey.id),
    ]);
    return c.json(
      {
        closed: surveyStatus(survey, new Date()) === 'closed',
        closesAt: survey.closesAt,
        preview,
        links: list.map((l) => ({
          id: l.id,
          createdAt: l.createdAt,
          createdBy: l.createdBy,
          revokedAt: l.revokedAt,
          respondents: l.snapshot.summary.respondents,
        })),
        mail,
      },
      200,
    );
  },
);

feedbackRoutes.openapi(
  defineRoute('admin', {
    method: 'post',
    path: '/surveys/{surveyId}/feedback/links',
    tags: ['Feedback'],
    summary: 'Make a read-only share link to the summary (after the survey closed)',
    description: `The answer holds the link with its token, once: only the token's hash is stored. The summary is computed now and kept with the link; make a new link to refresh it. ${suppression} Audited.`,
    request: { params: SurveyParam },
    responses: {
      201: {
        description: 'Created',
        content: json(
          z.object({
            id: z.string().check(z.maxLength(40)),
            url: z.url().check(z.maxLength(500)),
            createdAt: z.string().check(z.maxLength(40)),
          }),
        ),
      },
      404: { description: 'No such survey' },
      409: { description: 'The survey has not closed yet' },
    },
  }),
  async (c) => {
    const survey = await closedSurvey(c.req.valid('param').surveyId);
    const link = await links.createLink(survey.id, await summaryOf(survey), principal(c));
    return c.json({ id: link.id, url: summaryLink(link.token), createdAt: link.createdAt }, 201);
  },
);

feedbackRoutes.openapi(
  defineRoute('admin', {
    method: 'delete',
    path: '/surveys/{surveyId}/feedback/links/{linkId}',
    tags: ['Feedback'],
    summary: 'Revoke a share link (its page answers 410 from then on)',
    description: 'Audited.',
    request: { params: LinkParam },
    responses: {
      200: {
        description: 'Revoked',
        content: json(z.object({ revokedAt: z.string().check(z.maxLength(40)) })),
      },
      404: { description: 'No such link' },
    },
  }),
  async (c) => {
    const { surveyId, linkId } = c.req.valid('param');
    return c.json({ revokedAt: await links.revokeLink(surveyId, linkId, principal(c)) }, 200);
  },
);

feedbackRoutes.openapi(
  defineRoute('admin', {
    method: 'post',
    path: '/surveys/{surveyId}/feedback/send',
    tags: ['Feedback'],
    summary: 'E-mail the summary to the participants (and organisers) once the survey has closed',
    description: `To every attendee with an e-mail, in the language of their invitation (else the survey's default, else English), through the same sending path as invitations. Once per survey: 409 when already sent, unless \`resend\`. ${suppression} Audited.`,
    request: { params: SurveyParam, body: { content: json(SendInput), required: true } },
    responses: {
      200: { description: 'Sent', content: json(MailRecord) },
      404: { description: 'No such survey' },
      409: { description: 'The survey has not closed yet, or the summary was already sent' },
    },
  }),
  async (c) => {
    const survey = await closedSurvey(c.req.valid('param').surveyId);
    const body = c.req.valid('json');
    // The sending and its texts in every language load with this route only.
    const { sendFeedback } = await import('./mail.js');
    const record = await sendFeedback(survey, await summaryOf(survey), { ...body, actor: principal(c) });
    return c.json(record, 200);
  },
);
