import * as z from 'zod/mini';
import { Id } from '../../../shared/src/activities/schema.js';
import {
  emailKindOf,
  INVITEE_LANGUAGES,
  type MESSAGES,
  PLACEHOLDERS,
} from '../../../shared/src/invitations/index.js';
import { languageFor } from '../../../shared/src/invitations/kinds.js';
import {
  EmailPreview,
  EmailPreviewInput,
  SurveyEmails,
  SurveyEmailsInput,
} from '../../../shared/src/invitations/schema.js';
import { isRtl } from '../../../shared/src/surveys/constants.js';
import { getActivity, listAttendees } from '../activities/store.js';
import { ApiRoutes, json } from '../lib/api-routes.js';
import type { AuthVariables } from '../lib/auth.js';
import { env } from '../lib/env.js';
import { ProblemError } from '../lib/problem.js';
import { defineRoute } from '../lib/route.js';
import * as surveys from '../surveys/store.js';
import { composeEmail, textFor } from './compose.js';
import { reminderDaysOf } from './send.js';

// A survey's invitation e-mails: its own texts per language (or the defaults of its kind), who
// signs, and a preview of the e-mail a given invitee would receive.

const SurveyParam = z.object({ surveyId: Id });

async function surveyOr404(surveyId: string) {
  const survey = await surveys.getSurveyMeta(surveyId);
  if (!survey) throw new ProblemError(404, 'survey-not-found', `No survey ${surveyId}.`);
  return survey;
}

export const emailRoutes = new ApiRoutes<{ Variables: AuthVariables }>()
  .openapi(
    defineRoute('admin', {
      method: 'get',
      path: '/surveys/{surveyId}/emails',
      tags: ['Surveys'],
      summary: "A survey's invitation and reminder texts in every participant language",
      description: 'Texts the survey has not set are the defaults of its kind (`custom: false`).',
      request: { params: SurveyParam },
      responses: { 200: { description: 'Texts', content: json(SurveyEmails) } },
    }),
    async (c) => {
      const survey = await surveyOr404(c.req.valid('param').surveyId);
      const text = (lang: string, message: (typeof MESSAGES)[number]) => ({
        ...textFor(survey, message, lang),
        custom: Boolean(survey.emails?.texts?.[lang as (typeof INVITEE_LANGUAGES)[number]]?.[message]),
      });
      return c.json(
        {
          kind: emailKindOf(survey),
          organiser: survey.emails?.organiser ?? null,
          reminderDays: reminderDaysOf(survey),
          languages: INVITEE_LANGUAGES.map((lang) => ({
            lang,
            dir: isRtl(lang) ? ('rtl' as const) : ('ltr' as const),
            invite: text(lang, 'invite'),
            remind: text(lang, 'remind'),
          })),
          placeholders: { ...PLACEHOLDERS },
        },
        200,
      );
    },
  )
  .openapi(
    defineRoute('admin', {
      method: 'put',
      path: '/surveys/{surveyId}/emails',
      tags: ['Surveys'],
      summary: "Save a survey's own e-mail texts",
      description:
        'Texts per language and message (`invite`, `remind`); a text left out uses the default of the survey kind. ' +
        'Placeholders: {name}, {activity}, {survey}, {link} (required in a body), {closes}, {organiser}; ' +
        'any other one is refused with 422 at its field.',
      request: { params: SurveyParam, body: { content: json(SurveyEmailsInput), required: true } },
      responses: { 204: { description: 'Saved' }, 404: { description: 'No such survey' } },
    }),
    async (c) => {
      const survey = await surveyOr404(c.req.valid('param').surveyId);
      await surveys.updateEmails(survey.id, c.req.valid('json'), c.get('principal')?.username ?? 'unknown');
      return c.body(null, 204);
    },
  )
  .openapi(
    defineRoute('admin', {
      method: 'post',
      path: '/surveys/{surveyId}/emails/preview',
      tags: ['Surveys'],
      summary: 'The e-mail as an invitee would receive it (nothing is sent)',
      description:
        'For a language and message, with the saved text or a draft; for one attendee of the list (their ' +
        'name and address) or a sample person. The link in a preview is the public link, not a personal one.',
      request: { params: SurveyParam, body: { content: json(EmailPreviewInput), required: true } },
      responses: {
        200: { description: 'Rendered e-mail', content: json(EmailPreview) },
        404: { description: 'No such survey or attendee' },
      },
    }),
    async (c) => {
      const survey = await surveyOr404(c.req.valid('param').surveyId);
      const input = c.req.valid('json');
      const activity = await getActivity(survey.activityId);
      let person = { name: 'Amina Rahimi', email: 'amina.rahimi@example.org' };
      let lang: string = input.language;
      if (input.attendeeId) {
        const attendee = (await listAttendees(survey.activityId)).find((a) => a.id === input.attendeeId);
        if (!attendee) {
          throw new ProblemError(404, 'attendee-not-found', 'No such person on the attendance list.', [
            { path: ['json', 'attendeeId'], code: 'not_found', message: 'Not on this activity’s list.' },
          ]);
        }
        person = { name: attendee.name, email: attendee.email ?? '' };
        lang = input.language ?? languageFor(survey, attendee.language);
      }
      const mail = composeEmail(
        survey,
        activity?.title ?? '',
        person,
        input.message,
        lang,
        `${env().PUBLIC_BASE_URL}/s/${survey.code}?lang=${lang}`,
        { text: input.draft, organiser: input.organiser },
      );
      return c.json({ to: person.email, ...mail }, 200);
    },
  );
