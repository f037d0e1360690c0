import * as z from 'zod/mini';
import { ApiRoutes } from '../lib/api-routes.js';
import type { AuthVariables } from '../lib/auth.js';
import { env } from '../lib/env.js';
import { defineRoute } from '../lib/route.js';

const ClientConfig = z.object({
  region: z.string(),
  cognitoEndpoint: z.string(),
  userPoolId: z.string(),
  clientId: z.string(),
});

// Routes are added as statements, not one chained type: the app's type stays simple to check.
export const system = new ApiRoutes<{ Variables: AuthVariables }>();

system
  .openapi(
    defineRoute('public', {
      method: 'get',
      path: '/health',
      tags: ['System'],
      summary: 'Liveness',
      responses: {
        200: {
          description: 'The API is up',
          content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } },
        },
      },
    }),
    (c) => c.json({ status: 'ok' as const }, 200),
  )
  .openapi(
    defineRoute('public', {
      method: 'get',
      path: '/config',
      tags: ['System'],
      summary: 'What the web app needs to sign users in',
      responses: {
        200: {
          description: 'Client configuration',
          content: { 'application/json': { schema: ClientConfig } },
        },
      },
    }),
    (c) => {
      const e = env();
      return c.json(
        {
          region: e.AWS_REGION,
          cognitoEndpoint: e.COGNITO_ENDPOINT ?? `https://cognito-idp.${e.AWS_REGION}.amazonaws.com/`,
          userPoolId: e.COGNITO_USER_POOL_ID,
          clientId: e.COGNITO_CLIENT_ID,
        },
        200,
      );
    },
  );
