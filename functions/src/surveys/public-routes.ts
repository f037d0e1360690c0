import { OpenAPIHono, z } from '@hono/zod-openapi';
import { sameSubmission, scoreKnowledge, validateAnswers } from '../../../shared/src/responses/rules.js';
import { ResponseSubmission } from '../../../shared/src/responses/schema.js';
import { responseDelta } from '../../../shared/src/results/aggregate.js';
import { publicDefinition } from '../../../shared/src/surveys/rules.js';
import {
  PublicCode,
  PublicSurvey,
  SubmissionResult,
  surveyStatus,
} from '../../../shared/src/surveys/survey.js';
import { getActivity } from '../activities/store.js';
import { invitationAnswered } from '../invitations/store.js';
import type { AuthVariables } from '../lib/auth.js';
import { clientAddress } from '../lib/client.js';
import { keys } from '../lib/keys.js';
import { ABUSE_LIMITS } from '../lib/limits.js';
import { ProblemError } from '../lib/problem.js';
import { limitRate } from '../lib/rate-limit.js';
import { defineRoute } from '../lib/route.js';
import { validationHook } from '../lib/validation.js';
import * as responses from '../responses/store.js';
import * as store from './store.js';

/** Per client address and survey, per minute: the WAF's numbers, applied by the app too (lib/limits.ts). */
export const LIMITS = {
  perAddressPerSurvey: ABUSE_LIMITS.submissionsPerAddressPerMinute,
  opensPerAddressPerSurvey: ABUSE_LIMITS.opensPerAddressPerMinute,
} as const;

const CodeParam = z.object({ code: z.string().max(40) });
const Submission = ResponseSubmission.extend({
  /** The token of a personal invitation link (`?i=`), to count the invitation as answered. */
  invitation: z.string().min(10).max(64).optional(),
});

const InvitationHeader = z.object({ 'x-invitation': z.string().min(10).max(64).optional() });

/** Whether a personal link of this survey was used to answer; undefined for another survey's or no link. */
async function invitationState(surveyId: string, token: string): Promise<'answered' | 'open' | undefined> {
  const found = await responses.findInvitation(token);
  if (!found || found.pk !== keys.survey(surveyId).pk) return undefined;
  return (await invitationAnswered(found)) ? 'answered' : 'open';
}

async function surveyByCode(code: string) {
  const found = PublicCode.safeParse(code).success ? await store.getSurveyByCode(code) : null;
  if (!found)
    throw new ProblemError(
      404,
      'survey-not-found',
      'There is no survey at this link. Check the link or QR code.',
    );
  return found;
}

// Routes are added as statements, not one chained type: the app's type stays simple to check.
export const publicSurveys = new OpenAPIHono<{ Variables: AuthVariables }>({ defaultHook: validationHook });

publicSurveys
  .openapi(
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
    async (c) => {
      const { code } = c.req.valid('param');
      const token = c.req.valid('header')['x-invitation'];
      const [, survey] = await Promise.all([
        limitRate(`open#${code}#${clientAddress(c)}`, LIMITS.opensPerAddressPerSurvey),
        surveyByCode(code),
      ]);
      const [activity, invitation] = await Promise.all([
        getActivity(survey.activityId),
        token ? invitationState(survey.id, token) : undefined,
      ]);
      const status = surveyStatus(survey, new Date());
      c.header('cache-control', 'no-cache');
      return c.json(
        {
          code: survey.code,
          status,
          opensAt: survey.opensAt,
          closesAt: survey.closesAt,
          languages: survey.languages,
          activity: {
            title: activity?.title ?? '',
            startsAt: activity?.startsAt ?? survey.opensAt,
            endsAt: activity?.endsAt ?? survey.closesAt,
            place: activity?.place ?? null,
          },
          definition: status === 'open' ? publicDefinition(survey.definition) : null,
          ...(invitation ? { invitation } : {}),
        },
        200,
      );
    },
  )
  .openapi(
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
    async (c) => {
      const { code } = c.req.valid('param');
      const { invitation: token, ...submission } = c.req.valid('json');
      // The abuse limit and the survey lookup are independent: one round trip instead of two.
      const [, survey] = await Promise.all([
        limitRate(
          `${code}#${clientAddress(c)}`,
          LIMITS.perAddressPerSurvey,
          'Too many submissions; please try again in a minute.',
        ),
        surveyByCode(code),
      ]);

      const status = surveyStatus(survey, new Date());
      if (status === 'closed') {
        // A device resending what was stored before the close is told it arrived, not that it is late.
        const stored = await responses.getResponse(survey.id, submission.responseId);
        if (stored && sameSubmission(stored.submission, submission)) {
          return c.json({ responseId: submission.responseId, status: 'duplicate' as const }, 200);
        }
        throw new ProblemError(410, 'survey-closed', 'This survey is closed and no longer takes answers.');
      }
      if (status === 'not_yet_open') {
        throw new ProblemError(409, 'survey-not-open', `This survey opens at ${survey.opensAt}.`);
      }
      const definition = await store.getDefinition(survey, submission.surveyVersion);
      if (!definition) {
        throw new ProblemError(422, 'invalid-input', 'Unknown survey version.', [
          {
            path: ['json', 'surveyVersion'],
            code: 'unknown_version',
            message: 'This survey has no such version.',
          },
        ]);
      }
      if (!definition.languages.includes(submission.language)) {
        throw new ProblemError(422, 'invalid-input', 'This survey is not offered in that language.', [
          { path: ['json', 'language'], code: 'unknown_language', message: 'Not a language of this survey.' },
        ]);
      }
      const checked = validateAnswers(definition, submission.answers);
      if (!checked.ok) {
        throw new ProblemError(
          422,
          'invalid-answers',
          'Some answers are missing or invalid.',
          checked.issues.map((i) => ({ path: ['json', ...i.path], code: i.code, message: i.message })),
        );
      }
      const score = scoreKnowledge(definition, checked.value);
      const found = token ? await responses.findInvitation(token) : null;
      // A token counts only on its own survey: another survey's token is ignored (an anonymous response).
      const invitation = found && found.pk === keys.survey(survey.id).pk ? found : null;
      const outcome = await responses.submitResponse(
        {
          surveyId: survey.id,
          activityId: survey.activityId,
          responseId: submission.responseId,
          surveyVersion: submission.surveyVersion,
          language: submission.language,
          answers: checked.value,
          pairingCode: submission.pairingCode,
          score:
            score.maxPoints > 0
              ? { points: score.points, maxPoints: score.maxPoints, percent: score.percent }
              : undefined,
          startedAt: submission.startedAt,
          submittedAt: submission.submittedAt,
          receivedAt: new Date().toISOString(),
          submission,
        },
        invitation,
        sameSubmission,
        responseDelta(definition, checked.value, score.maxPoints > 0 ? score : null),
      );
      if (outcome === 'answered') {
        throw new ProblemError(
          409,
          'invitation-answered',
          'This personal link has already been used to answer this survey.',
        );
      }
      if (outcome === 'conflict') {
        throw new ProblemError(
          409,
          'response-conflict',
          'This response id was already used with different answers.',
        );
      }
      return c.json(
        { responseId: submission.responseId, status: outcome },
        outcome === 'created' ? 201 : 200,
      );
    },
  );
