import { OpenAPIHono } from '@hono/zod-openapi';
import type { AuthVariables } from '../lib/auth.js';
import { defineRoute } from '../lib/route.js';
import { validationHook } from '../lib/validation.js';
import {
  FEEDBACK_VIEWS_PER_ADDRESS_PER_MINUTE,
  openFeedback,
  PublicFeedback,
  TokenParam,
} from './public-handlers.js';

export { FEEDBACK_VIEWS_PER_ADDRESS_PER_MINUTE, PublicFeedback };

// Routes are added as statements, not one chained type: the app's type stays simple to check.
export const publicFeedback = new OpenAPIHono<{ Variables: AuthVariables }>({ defaultHook: validationHook });

publicFeedback.openapi(
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
  async (c) => openFeedback(c, c.req.valid('param').token),
);
