import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app.js';
import { seedDefaultFramework } from '../../functions/src/framework/seed.js';
import { listAuditEntries } from '../../functions/src/lib/audit.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import type { FrameworkDetail, FrameworkSummary, ProjectRecord } from '../../shared/src/framework/api.js';
import { PROJECT_IDS } from '../../shared/src/framework/default-framework.js';
import { signIn } from '../support/auth.js';

const [admin, evaluator] = DEMO_USERS;
const tokens = { admin: '', evaluator: '' };
const V1 = 'call-for-action-2019-2024-v1';

beforeAll(async () => {
  // Twice at once: the conditional writes keep one copy.
  await Promise.all([seedDefaultFramework(), seedDefaultFramework()]);
  tokens.admin = (await signIn(admin.email, admin.password)).accessToken;
  tokens.evaluator = (await signIn(evaluator.email, evaluator.password)).accessToken;
});

function as(role: keyof typeof tokens, path: string, method = 'GET', body?: unknown) {
  return app.request(`/api${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens[role]}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function read<T>(res: Response | Promise<Response>, status = 200): Promise<T> {
  const r = await res;
  const body = await r.json();
  expect(r.status, JSON.stringify(body)).toBe(status);
  return body as T;
}

describe('default framework', () => {
  it('is seeded idempotently: a second run writes nothing', async () => {
    expect(await seedDefaultFramework()).toEqual({ framework: false, projects: 0 });
    const list = await read<FrameworkSummary[]>(as('evaluator', '/frameworks'));
    expect(list.filter((f) => f.id === V1)).toHaveLength(1);
    const projects = await read<ProjectRecord[]>(as('evaluator', '/projects'));
    expect(projects.filter((p) => p.id === PROJECT_IDS.improvingMigrationManagement)).toHaveLength(1);
  });

  it('reads the active framework whole: 7 goals, 39 action points, 3 pillars, results and project ids', async () => {
    const fw = await read<FrameworkDetail>(as('evaluator', '/frameworks/active'));
    expect(fw).toMatchObject({ id: V1, status: 'active', version: 1, name: 'Call for Action 2019-2024' });
    expect(fw.priorityGoals.map((g) => g.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(fw.actionPoints).toHaveLength(39);
    // Numeric order: 1.8 before 2.1, 7.2 before 7.10.
    const codes = fw.actionPoints.map((a) => a.code);
    expect(codes.slice(0, 2)).toEqual(['1.1', '1.2']);
    expect(codes.indexOf('7.2')).toBeLessThan(codes.indexOf('7.10'));
    expect(codes.at(-1)).toBe('7.11');
    expect(fw.pillars.map((p) => p.id).sort()).toEqual([
      'dialogue',
      'operational_cooperation',
      'research_knowledge',
    ]);
    expect(fw.resultStatements.length).toBeGreaterThanOrEqual(7);
    expect(fw.projectIds).toContain(PROJECT_IDS.integratedBorderManagement);
    expect(await read<FrameworkDetail>(as('evaluator', `/frameworks/${V1}`))).toEqual(fw);
  });

  it('answers 404 for an unknown framework', async () => {
    expect((await as('evaluator', '/frameworks/no-such-framework-v1')).status).toBe(404);
  });
});

describe('versioning: revisions, activation, draft-only edits', () => {
  it('creates the next revision as a draft copy, edits only the draft, activates it and archives v1', async () => {
    const before = await read<FrameworkDetail>(as('evaluator', `/frameworks/${V1}`));

    expect((await as('evaluator', `/frameworks/${V1}/revisions`, 'POST')).status).toBe(403);
    const v2 = await read<FrameworkDetail>(as('admin', `/frameworks/${V1}/revisions`, 'POST'), 201);
    expect(v2).toMatchObject({
      id: 'call-for-action-2019-2024-v2',
      status: 'draft',
      version: 2,
      basedOn: V1,
    });
    expect(v2.actionPoints).toHaveLength(39);
    expect(v2.resultStatements).toEqual(before.resultStatements);
    expect(v2.regions.map((r) => r.id)).toEqual(before.regions.map((r) => r.id));
    expect(before.regions).toHaveLength(5);

    // The active v1 is history: its results and action points cannot be edited.
    const results = [
      ...before.resultStatements.filter((r) => r.priorityGoal !== 1),
      {
        id: 'pg1-outcome-returns',
        priorityGoal: 1,
        level: 'outcome',
        text: 'Returning migrants are reintegrated sustainably',
        editableDefault: false,
        source: 'Written by the secretariat, 2021 review.',
      },
    ];
    const refused = await as('admin', `/frameworks/${V1}/results`, 'PUT', { resultStatements: results });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const ap = {
      title: 'Thematic meeting on return',
      timeline: { kind: 'year', year: 2021, text: '2021' },
      workingGroup: null,
      linkedGoals: [],
      linkedProjects: [],
      comments: null,
    };
    expect((await as('admin', `/frameworks/${V1}/action-points/1.1`, 'PUT', ap)).status).toBe(409);
    expect(
      (await as('evaluator', `/frameworks/${v2.id}/results`, 'PUT', { resultStatements: results })).status,
    ).toBe(403);

    // The draft takes the edits.
    const edited = await read<FrameworkDetail>(
      as('admin', `/frameworks/${v2.id}/results`, 'PUT', { resultStatements: results }),
    );
    expect(edited.resultStatements.filter((r) => r.priorityGoal === 1).map((r) => r.id)).toEqual([
      'pg1-outcome-returns',
    ]);
    const withAp = await read<FrameworkDetail>(
      as('admin', `/frameworks/${v2.id}/action-points/1.1`, 'PUT', ap),
    );
    expect(withAp.actionPoints.find((a) => a.code === '1.1')).toMatchObject({ title: ap.title, goal: 1 });
    const badGoal = await as('admin', `/frameworks/${v2.id}/results`, 'PUT', {
      resultStatements: [{ ...results[0], priorityGoal: 9 }],
    });
    expect(badGoal.status).toBe(422);

    // Regions of the draft: a new South Caucasus region takes three countries from the Black Sea.
    const caucasus = ['AM', 'AZ', 'GE'];
    const regions = [
      ...v2.regions.map((r) =>
        r.id === 'black-sea' ? { ...r, countries: r.countries.filter((c) => !caucasus.includes(c)) } : r,
      ),
      {
        id: 'south-caucasus',
        name: 'South Caucasus',
        countries: caucasus,
        source: 'Secretariat, 2021 review.',
      },
    ];
    expect((await as('admin', `/frameworks/${V1}/regions`, 'PUT', { regions })).status).toBe(409);
    expect((await as('evaluator', `/frameworks/${v2.id}/regions`, 'PUT', { regions })).status).toBe(403);
    const twice = await as('admin', `/frameworks/${v2.id}/regions`, 'PUT', {
      regions: [...regions, { id: 'elsewhere', name: 'Elsewhere', countries: ['GE'], source: 'x' }],
    });
    expect(twice.status).toBe(422);
    const problem = (await twice.json()) as { errors: { path: (string | number)[]; message: string }[] };
    expect(problem.errors[0]).toMatchObject({
      path: ['json', 'regions', regions.length, 'countries', 0],
      message: 'GE is already in the region "south-caucasus"',
    });
    const withRegions = await read<FrameworkDetail>(
      as('admin', `/frameworks/${v2.id}/regions`, 'PUT', { regions }),
    );
    expect(withRegions.regions.map((r) => r.id).sort()).toEqual([...regions.map((r) => r.id)].sort());
    expect(withRegions.regions.find((r) => r.id === 'black-sea')?.countries).not.toContain('GE');

    // v1 is unchanged by the revision and by the edits of v2.
    expect(await read<FrameworkDetail>(as('evaluator', `/frameworks/${V1}`))).toEqual(before);

    // Activation: v2 active, v1 archived, exactly one active.
    expect((await as('evaluator', `/frameworks/${v2.id}/activate`, 'POST')).status).toBe(403);
    const active = await read<FrameworkDetail>(as('admin', `/frameworks/${v2.id}/activate`, 'POST'));
    expect(active.status).toBe('active');
    try {
      const list = await read<FrameworkSummary[]>(as('evaluator', '/frameworks'));
      expect(list.filter((f) => f.status === 'active').map((f) => f.id)).toEqual([v2.id]);
      expect(list.find((f) => f.id === V1)?.status).toBe('archived');
      expect((await read<FrameworkDetail>(as('evaluator', '/frameworks/active'))).id).toBe(v2.id);
      // Now active, v2 is history too.
      expect(
        (await as('admin', `/frameworks/${v2.id}/results`, 'PUT', { resultStatements: [] })).status,
      ).toBe(409);
      // The archived v1 keeps its content.
      const archived = await read<FrameworkDetail>(as('evaluator', `/frameworks/${V1}`));
      expect({ ...archived, status: 'active', updatedAt: before.updatedAt }).toEqual({
        ...before,
        activatedAt: before.activatedAt,
      });

      // A further revision numbers after the highest version of the series.
      const v3 = await read<FrameworkDetail>(as('admin', `/frameworks/${V1}/revisions`, 'POST'), 201);
      expect(v3).toMatchObject({
        id: 'call-for-action-2019-2024-v3',
        version: 3,
        basedOn: V1,
        status: 'draft',
      });
    } finally {
      // Other test files read the default framework as the active one.
      await read(as('admin', `/frameworks/${V1}/activate`, 'POST'));
    }
    const after = await read<FrameworkSummary[]>(as('evaluator', '/frameworks'));
    expect(after.filter((f) => f.status === 'active').map((f) => f.id)).toEqual([V1]);
    expect(after.find((f) => f.id === v2.id)?.status).toBe('archived');

    // The audit trail says who did what.
    const v1Trail = await listAuditEntries('framework', V1);
    expect(v1Trail.map((e) => e.action)).toEqual(expect.arrayContaining(['seed', 'archive', 'activate']));
    const v2Trail = await listAuditEntries('framework', v2.id);
    expect(v2Trail.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'revision.create',
        'results.replace',
        'action-point.update',
        'activate',
        'archive',
      ]),
    );
    expect(v2Trail.find((e) => e.action === 'activate')?.actor).toBeTruthy();
  });
});

describe('projects', () => {
  const project = {
    name: 'Regional Migrant Resource Centres',
    funders: ['European Union', 'Austria'],
    budget: { amount: 2_500_000, currency: 'EUR', approximate: false },
    periodStart: 2022,
    periodEnd: 2025,
    countries: ['PK', 'AF', 'BD'],
    implementingOrganisation: 'ICMPD',
    linkedGoals: [1, 2],
    linkedActionPoints: ['1.3'],
  };

  it('creates, reads, lists and edits a project with the version read; evaluators only read', async () => {
    expect((await as('evaluator', '/projects', 'POST', project)).status).toBe(403);
    const created = await read<ProjectRecord>(as('admin', '/projects', 'POST', project), 201);
    expect(created).toMatchObject({ ...project, id: 'regional-migrant-resource-centres', version: 1 });
    expect(created.source).toBe('Entered by an administrator.');
    // The same name again gets its own id.
    const twin = await read<ProjectRecord>(as('admin', '/projects', 'POST', project), 201);
    expect(twin.id).toMatch(/^regional-migrant-resource-centres-[0-9a-z]{6}$/);

    expect(await read<ProjectRecord>(as('evaluator', `/projects/${created.id}`))).toEqual(created);
    const list = await read<ProjectRecord[]>(as('evaluator', '/projects'));
    expect(list.map((p) => p.id)).toEqual(expect.arrayContaining([created.id, twin.id]));

    const update = { ...project, countries: ['PK'], budget: undefined, version: 1 };
    expect((await as('evaluator', `/projects/${created.id}`, 'PUT', update)).status).toBe(403);
    const saved = await read<ProjectRecord>(as('admin', `/projects/${created.id}`, 'PUT', update));
    expect(saved).toMatchObject({ countries: ['PK'], version: 2 });
    expect(saved.budget).toBeUndefined();
    const stale = await as('admin', `/projects/${created.id}`, 'PUT', { ...update, name: 'Lost edit' });
    expect(stale.status).toBe(409);
    expect((await read<ProjectRecord>(as('evaluator', `/projects/${created.id}`))).name).toBe(project.name);
    expect((await as('admin', '/projects/no-such-project', 'PUT', update)).status).toBe(404);
    expect((await as('evaluator', '/projects/no-such-project')).status).toBe(404);

    const trail = await listAuditEntries('project', created.id);
    expect(trail.map((e) => e.action)).toEqual(['create', 'update']);
    expect(trail[1]?.changes).toMatchObject({ fields: ['budget', 'countries'], version: 2 });
  });

  it('answers 422 with field paths for an invalid project', async () => {
    const res = await as('admin', '/projects', 'POST', {
      ...project,
      name: '',
      countries: ['Pakistan'],
      periodStart: 2026,
      periodEnd: 2020,
    });
    expect(res.status).toBe(422);
    const { errors } = (await res.json()) as { errors: { path: (string | number)[] }[] };
    expect(errors.map((e) => e.path.join('.')).sort()).toEqual([
      'json.countries.0',
      'json.name',
      'json.periodEnd',
    ]);
  });
});
