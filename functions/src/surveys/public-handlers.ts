/**
 * The participants' routes (open a survey, submit a response) without a router: their request
 * schemas and what they do once the request is valid. The router both APIs share serves them
 * (public-app.ts: the participants' Lambda and the staff API; public-routes.ts documents them in the
 * staff API's reference); it must not load anything of the staff API.
 */
import type { Context } from 'hono';
import * as z from 'zod/mini';
import { sameSubmission, scoreKnowledge, validateAnswers } from '../../../shared/src/responses/rules.js';
import { ResponseSubmission } from '../../../shared/src/responses/submission.js';
import { publicDefinition } from '../../../shared/src/surveys/rules.js';
import { PUBLIC_CODE, surveyStatus } from '../../../shared/src/surveys/status.js';
import { activityFacts } from '../activities/facts.js';
import { invitationAnswered } from '../invitations/store.js';
import { clientAddress } from '../lib/client.js';
import { keys } from '../lib/keys.js';
import { ABUSE_LIMITS } from '../lib/limits.js';
import { ProblemError } from '../lib/problem.js';
import { limitRate } from '../lib/rate-limit.js';
import * as responses from '../responses/store.js';
import * as store from './store.js';

/** Per client address and survey, per minute: the WAF's numbers, applied by the app too (lib/limits.ts). */
export const LIMITS = {
  perAddressPerSurvey: ABUSE_LIMITS.submissionsPerAddressPerMinute,
  opensPerAddressPerSurvey: ABUSE_LIMITS.opensPerAddressPerMinute,
} as const;

// In zod/mini, as the participants' Lambda validates them (shared/src/responses/submission.ts).
export const CodeParam = z.object({ code: z.string().check(z.maxLength(40)) });
export const Submission = z.extend(ResponseSubmission, {
  /** The token of a personal invitation link (`?i=`), to count the invitation as answered. */
  invitation: z.optional(z.string().check(z.minLength(10), z.maxLength(64))),
});
export type Submission = z.infer<typeof Submission>;

export const InvitationHeader = z.object({
  'x-invitation': z.optional(z.string().check(z.minLength(10), z.maxLength(64))),
});

/** Whether a personal link of this survey was used to answer; undefined for another survey's or no link. */
async function invitationState(surveyId: string, token: string): Promise<'answered' | 'open' | undefined> {
  const found = await responses.findInvitation(token);
  if (!found || found.pk !== keys.survey(surveyId).pk) return undefined;
  return (await invitationAnswered(found)) ? 'answered' : 'open';
}

async function surveyByCode(code: string) {
  const found = PUBLIC_CODE.test(code) ? await store.getSurveyByCode(code) : null;
  if (!found)
    throw new ProblemError(
      404,
      'survey-not-found',
      'There is no survey at this link. Check the link or QR code.',
    );
  return found;
}

/** GET /api/public/surveys/{code}, after validation. */
export async function openSurvey(c: Context, code: string, token?: string) {
  const [, survey] = await Promise.all([
    limitRate(`open#${code}#${clientAddress(c)}`, LIMITS.opensPerAddressPerSurvey),
    surveyByCode(code),
  ]);
  const [activity, invitation] = await Promise.all([
    activityFacts(survey.activityId),
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
}

/** POST /api/public/surveys/{code}/responses, after validation. */
export async function submit(c: Context, code: string, body: Submission) {
  const { invitation: token, ...submission } = body;
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
    survey.answered === true,
  );
  // From now on this process writes this survey's responses with one put (the flag never goes back).
  if (outcome === 'created' && survey.answered !== true) store.rememberAnswered(survey.id);
  if (outcome === 'gone') {
    throw new ProblemError(404, 'survey-not-found', 'There is no survey at this link any more.');
  }
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
  return c.json({ responseId: submission.responseId, status: outcome }, outcome === 'created' ? 201 : 200);
}
