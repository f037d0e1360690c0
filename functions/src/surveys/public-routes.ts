import { PublicSurvey, SubmissionResult } from '../../../shared/src/surveys/survey.js';
import { ApiRoutes } from '../lib/api-routes.js';
import type { AuthVariables } from '../lib/auth.js';
import { defineRoute } from '../lib/route.js';
import { CodeParam, InvitationHeader, LIMITS, Submission } from './public-handlers.js';

export { LIMITS };

/**
 * The API reference of the participants' survey routes. They are served by the router both APIs
 * share (public-app.ts, zod/mini schemas); this only documents them in the staff API's document.
 */
export const publicSurveys = new ApiRoutes<{ Variables: AuthVariables }>();

publicSurveys.document(
  defineRoute('public', {
    method: 'get',
    path: '/public/surveys/{code}',
    tags: ['Participants'],
    summary: 'Open a survey by its public code',
    description:
      'The definition is included only while the survey is open. With the token of a personal link in ' +
      '`x-invitation`, `invitation` says whether that link was already used to answer.',
    request: { params: CodeParam, headers: InvitationHeader },
    responses: {
      200: { description: 'The survey', content: { 'application/json': { schema: PublicSurvey } } },
      404: { description: 'Unknown code' },
      429: { description: 'Too many opens from this address' },
    },
  }),
);
publicSurveys.document(
  defineRoute('public', {
    method: 'post',
    path: '/public/surveys/{code}/responses',
    tags: ['Participants'],
    summary: 'Submit a response (idempotent by responseId)',
    description:
      'The device generates `responseId` once and resends it on retry: 201 for a new response, 200 for an ' +
      'identical resend (also after the survey closed), 409 for the same id with other answers. 410 once the survey is ' +
      'closed. ' +
      `Limit: ${LIMITS.perAddressPerSurvey} per minute per address and survey.`,
    request: {
      params: CodeParam,
      body: { content: { 'application/json': { schema: Submission } }, required: true },
    },
    responses: {
      201: { description: 'Recorded', content: { 'application/json': { schema: SubmissionResult } } },
      200: {
        description: 'Already recorded (identical resend)',
        content: { 'application/json': { schema: SubmissionResult } },
      },
      404: { description: 'Unknown code' },
      409: {
        description: 'This response id was used with different answers, or the survey is not open yet',
      },
      410: { description: 'The survey is closed' },
      413: { description: 'Body too large' },
      429: { description: 'Too many submissions' },
    },
  }),
);
