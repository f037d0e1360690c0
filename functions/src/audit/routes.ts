import * as z from 'zod/mini';
import { ApiRoutes } from '../lib/api-routes.js';
import { listRecentAuditEntries } from '../lib/audit.js';
import type { AuthVariables } from '../lib/auth.js';
import { defineRoute } from '../lib/route.js';
import { emailByUsername } from '../users/directory.js';

const AuditEntry = z.object({
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  actor: z.string(),
  /** The actor's e-mail, looked up in the user directory (the token carries only an id). */
  actorEmail: z.nullable(z.string()),
  at: z.string(),
  changes: z.record(z.string(), z.unknown()),
});

const Query = z.object({
  entity: z.optional(z.enum(['activity', 'survey', 'indicator', 'framework', 'project'])),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(500)), 100),
});

// Routes are added as statements, not one chained type: the app's type stays simple to check.
export const auditRoutes = new ApiRoutes<{ Variables: AuthVariables }>();

auditRoutes.openapi(
  defineRoute('admin', {
    method: 'get',
    path: '/audit',
    tags: ['Audit'],
    summary: 'Who changed what and when, newest first',
    request: { query: Query },
    responses: {
      200: { description: 'Audit entries', content: { 'application/json': { schema: z.array(AuditEntry) } } },
    },
  }),
  async (c) => {
    const { entity, limit } = c.req.valid('query');
    const entries = await listRecentAuditEntries(limit, entity);
    // A handful of administrators make the changes: one directory lookup per distinct actor.
    const emails = new Map<string, string | null>();
    for (const actor of new Set(entries.map((e) => e.actor))) {
      emails.set(actor, await emailByUsername(actor).catch(() => null));
    }
    return c.json(
      entries.map((e) => ({ ...e, actorEmail: emails.get(e.actor) ?? null })),
      200,
    );
  },
);
