import * as z from 'zod/mini';
import { ApiRoutes } from '../lib/api-routes.js';
import type { AuthVariables } from '../lib/auth.js';
import { defineRoute } from '../lib/route.js';
import { FEEDBACK_VIEWS_PER_ADDRESS_PER_MINUTE, TokenParam } from './public-handlers.js';

export { FEEDBACK_VIEWS_PER_ADDRESS_PER_MINUTE };

/** What a shared summary link shows (openFeedback's answer), for the API reference and the preview. */
const Figure = z.object({ measure: z.string().check(z.maxLength(40)), percent: z.number(), n: z.int() });

export const PublicFeedback = z.object({
  activityTitle: z.string().check(z.maxLength(500)),
  surveyTitle: z.record(z.string().check(z.maxLength(20)), z.string().check(z.maxLength(2000))),
  languages: z.array(z.string().check(z.maxLength(20))).check(z.maxLength(20)),
  madeAt: z.string().check(z.maxLength(40)),
  summary: z.object({
    respondents: z.nullable(z.int()),
    withheld: z.boolean(),
    partlyWithheld: z.boolean(),
    shares: z.array(Figure).check(z.maxLength(10)),
    knowledge: z.nullable(
      z.object({
        n: z.int(),
        before: z.number(),
        after: z.number(),
        improvedPercent: z.nullable(z.number()),
      }),
    ),
    minPeople: z.int(),
  }),
});

/**
 * The API reference of the shared summary route, served by the router both APIs share
 * (public-app.ts); this only documents it in the staff API's document.
 */
export const publicFeedback = new ApiRoutes<{ Variables: AuthVariables }>();

publicFeedback.document(
  defineRoute('public', {
    method: 'get',
    path: '/public/feedback/{token}',
    tags: ['Participants'],
    summary: "A survey's results summary, shared with those who took part (read-only link)",
    description: `The figures were computed and passed through disclosure control when the link was made (fewer than 5 people: no figure). Nothing about any respondent. 410 once the link is revoked. Limit: ${FEEDBACK_VIEWS_PER_ADDRESS_PER_MINUTE} views per minute per address.`,
    request: { params: TokenParam },
    responses: {
      200: { description: 'The summary', content: { 'application/json': { schema: PublicFeedback } } },
      404: { description: 'No such link' },
      410: { description: 'The link was revoked' },
      429: { description: 'Too many views from this address' },
    },
  }),
);
