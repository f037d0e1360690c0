import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app.js';
import { listAuditEntries } from '../../functions/src/lib/audit.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import type { ProjectRecord } from '../../shared/src/framework/api.js';
import { signIn } from '../support/auth.js';
import { putActivity } from '../support/fixtures.js';

// Delete or archive a project (issue 13): one nothing refers to is deleted; one that activities
// refer to cannot be deleted (409), only archived (kept, hidden from pickers).

const tokens = { admin: '', evaluator: '' };
beforeAll(async () => {
  tokens.admin = (await signIn(DEMO_USERS[0].email, DEMO_USERS[0].password)).accessToken;
  tokens.evaluator = (await signIn(DEMO_USERS[1].email, DEMO_USERS[1].password)).accessToken;
});

function as(role: keyof typeof tokens, path: string, method = 'GET', body?: unknown) {
  return app.request(`/api${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens[role]}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function newProject(): Promise<ProjectRecord> {
  const res = await as('admin', '/projects', 'POST', {
    name: `Lifecycle project ${randomUUID().slice(0, 8)}`,
    funders: ['European Union'],
    budget: { amount: 100_000, currency: 'EUR', approximate: true },
    periodStart: 2022,
    periodEnd: 2025,
    countries: ['PK'],
    implementingOrganisation: 'ICMPD',
    linkedGoals: [1],
    linkedActionPoints: ['1.3'],
  });
  if (res.status !== 201) throw new Error(await res.text());
  expect(res.status).toBe(201);
  return (await res.json()) as ProjectRecord;
}

describe('deleting or archiving a project', () => {
  it('deletes a project nothing refers to (admin only, audited)', async () => {
    const project = await newProject();
    expect(await (await as('admin', `/projects/${project.id}/dependents`)).json()).toEqual({
      activities: [],
      childProjects: [],
      indicators: [],
      deletable: true,
    });
    expect((await as('evaluator', `/projects/${project.id}`, 'DELETE')).status).toBe(403);
    expect((await as('admin', `/projects/${project.id}`, 'DELETE')).status).toBe(204);
    expect((await as('evaluator', `/projects/${project.id}`)).status).toBe(404);
    expect((await listAuditEntries('project', project.id)).map((e) => e.action)).toContain('delete');
  });

  it('refuses to delete a project activities refer to, and archives it instead', async () => {
    const project = await newProject();
    const activityId = await putActivity({ projectId: project.id, title: 'Activity of the project' });
    const deps = await as('admin', `/projects/${project.id}/dependents`);
    expect(await deps.json()).toMatchObject({ activities: [{ id: activityId }], deletable: false });
    const refused = await as('admin', `/projects/${project.id}`, 'DELETE');
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/archive it instead/);

    expect(
      (await as('evaluator', `/projects/${project.id}/archived`, 'PUT', { archived: true })).status,
    ).toBe(403);
    const archived = await as('admin', `/projects/${project.id}/archived`, 'PUT', { archived: true });
    expect(archived.status).toBe(200);
    expect(((await archived.json()) as ProjectRecord).archived?.at).toBeTruthy();
    // Still readable (activities name it), flagged.
    const read = (await (await as('evaluator', `/projects/${project.id}`)).json()) as ProjectRecord;
    expect(read.archived).toBeTruthy();
    // An edit keeps it archived.
    const { id: _id, createdAt: _c, updatedAt: _u, archived: _a, source: _s, ...fields } = read;
    const edited = await as('admin', `/projects/${project.id}`, 'PUT', {
      ...fields,
      name: `${read.name} (renamed)`,
    });
    expect(((await edited.json()) as ProjectRecord).archived).toBeTruthy();
    expect(edited.status).toBe(200);
    const back = await as('admin', `/projects/${project.id}/archived`, 'PUT', { archived: false });
    expect(((await back.json()) as ProjectRecord).archived).toBeNull();
    expect((await listAuditEntries('project', project.id)).map((e) => e.action)).toEqual(
      expect.arrayContaining(['archive', 'unarchive']),
    );
  });
});
