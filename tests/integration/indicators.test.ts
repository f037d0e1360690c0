import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app.js';
import { seedDefaultFramework } from '../../functions/src/framework/seed.js';
import { demoIndicatorId, seedDemoIndicators } from '../../functions/src/indicators/demo.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { defaultFramework } from '../../shared/src/framework/default-framework.js';
import type { IndicatorRecord, SmartFinding, SmartLetter } from '../../shared/src/indicators/schema.js';
import { signIn } from '../support/auth.js';

const [admin, evaluator] = DEMO_USERS;
const tokens = { admin: '', evaluator: '' };
const FRAMEWORK_ID = defaultFramework().id;

beforeAll(async () => {
  // The S.M.A.R.T. check reads the saved framework, as `npm start` seeds it on a first start.
  await seedDefaultFramework();
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

type Detail = IndicatorRecord & { findings: SmartFinding[] };
type Problem = { errors: { path: (string | number)[]; code: string; message: string }[] };

let seq = 0;
/** A S.M.A.R.T. definition with a unique code; `over` replaces fields. */
const smart = (over: Record<string, unknown> = {}) => ({
  code: `PG1-OC-${String(++seq).padStart(2, '0')}-${Date.now().toString(36).toUpperCase()}`,
  name: 'Officials trained in document security',
  definition: 'Number of participants of document-security trainings.',
  unit: 'count',
  computation: { kind: 'sum_participants' },
  filters: { activityTypes: ['training'] },
  dataSource: 'Attendance lists',
  baseline: { value: 0, date: '2019-01-01', source: 'Start of the action plan' },
  targets: [{ period: '2019-2024', date: '2024-12-31', value: 300, cumulative: true }],
  direction: 'higher_is_better',
  frameworkId: FRAMEWORK_ID,
  priorityGoal: 1,
  resultId: 'pg1-impact',
  actionPointCodes: ['1.4'],
  reportingFrequency: 'annual',
  ...over,
});

async function create(over: Record<string, unknown> = {}): Promise<Detail> {
  const res = await as('admin', '/indicators', 'POST', smart(over));
  expect(res.status).toBe(201);
  return (await res.json()) as Detail;
}

describe('indicators: drafts, activation, versions', () => {
  it('saves a definition with findings as a draft, and refuses to activate it with 422 and the paths', async () => {
    const draft = await create({ targets: [], baseline: null });
    expect(draft).toMatchObject({ status: 'draft', version: 1, revision: 1, createdBy: expect.any(String) });
    expect(draft.findings.map((f) => `${f.letter}:${f.code}`)).toEqual([
      'A:baseline-missing',
      'T:target-missing',
    ]);

    const refused = await as('admin', `/indicators/${draft.id}/activate`, 'POST');
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await refused.json()) as Problem;
    expect(problem.errors.map((e) => [e.path.join('.'), e.code])).toEqual([
      ['baseline.value', 'A:baseline-missing'],
      ['targets', 'T:target-missing'],
    ]);
    expect(problem.errors[1]?.message).toMatch(/target/);
    const still = (await (await as('evaluator', `/indicators/${draft.id}`)).json()) as Detail;
    expect(still.status).toBe('draft');
  });

  it('edits a draft in place (same version), then activates it once fixed', async () => {
    const draft = await create({ targets: [] });
    const res = await as('admin', `/indicators/${draft.id}`, 'PUT', {
      ...smart({ code: draft.code }),
      revision: 1,
    });
    expect(res.status).toBe(200);
    const fixed = (await res.json()) as Detail;
    expect(fixed).toMatchObject({ version: 1, revision: 2, status: 'draft', findings: [] });
    const versions = (await (
      await as('evaluator', `/indicators/${draft.id}/versions`)
    ).json()) as IndicatorRecord[];
    expect(versions).toHaveLength(1);
    expect(versions[0]?.targets).toHaveLength(1);

    const activated = await as('admin', `/indicators/${draft.id}/activate`, 'POST');
    expect(activated.status).toBe(200);
    expect(await activated.json()).toMatchObject({ status: 'active', version: 1, revision: 3 });
  });

  it('editing an active indicator creates version 2 and keeps version 1 readable', async () => {
    const created = await create();
    expect((await as('admin', `/indicators/${created.id}/activate`, 'POST')).status).toBe(200);
    const res = await as('admin', `/indicators/${created.id}`, 'PUT', {
      ...smart({ code: created.code, name: 'Officials trained in document security and fraud detection' }),
      revision: 2,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ version: 2, revision: 3, status: 'active' });

    const versions = (await (
      await as('evaluator', `/indicators/${created.id}/versions`)
    ).json()) as IndicatorRecord[];
    expect(versions.map((v) => [v.version, v.name, v.status])).toEqual([
      [1, 'Officials trained in document security', 'active'],
      [2, 'Officials trained in document security and fraud detection', 'active'],
    ]);
    const current = (await (await as('evaluator', `/indicators/${created.id}`)).json()) as Detail;
    expect(current).toMatchObject({
      version: 2,
      name: 'Officials trained in document security and fraud detection',
    });

    // An active indicator must stay S.M.A.R.T.: an edit that breaks it is refused, nothing changes.
    const broken = await as('admin', `/indicators/${created.id}`, 'PUT', {
      ...smart({ code: created.code, reportingFrequency: null }),
      revision: 3,
    });
    expect(broken.status).toBe(422);
    expect(((await broken.json()) as Problem).errors.map((e) => e.code)).toEqual(['T:frequency-missing']);
    const after = (await (
      await as('evaluator', `/indicators/${created.id}/versions`)
    ).json()) as IndicatorRecord[];
    expect(after).toHaveLength(2);
  });

  it('refuses a stale revision with 409 and keeps the other edit', async () => {
    const created = await create();
    const first = await as('admin', `/indicators/${created.id}`, 'PUT', {
      ...smart({ code: created.code, owner: 'Secretariat' }),
      revision: 1,
    });
    expect(first.status).toBe(200);
    const stale = await as('admin', `/indicators/${created.id}`, 'PUT', {
      ...smart({ code: created.code, owner: 'Lost edit' }),
      revision: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    const current = (await (await as('evaluator', `/indicators/${created.id}`)).json()) as Detail;
    expect(current).toMatchObject({ owner: 'Secretariat', revision: 2 });
  });

  it('retires an indicator; a retired one cannot be edited', async () => {
    const created = await create();
    const res = await as('admin', `/indicators/${created.id}/retire`, 'POST');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'retired', revision: 2 });
    const edit = await as('admin', `/indicators/${created.id}`, 'PUT', {
      ...smart({ code: created.code }),
      revision: 2,
    });
    expect(edit.status).toBe(409);
  });

  it('checks an unsaved definition', async () => {
    const res = await as(
      'admin',
      '/indicators/check',
      'POST',
      smart({ targets: [{ date: '2030-12-31', value: 10 }] }),
    );
    expect(res.status).toBe(200);
    const findings = (await res.json()) as SmartFinding[];
    expect(findings.map((f) => [f.letter, f.code, f.path.join('.')])).toEqual([
      ['T', 'target-outside-period', 'targets.0.date'],
    ]);
  });

  it('answers 404 for an unknown indicator and 422 for a malformed one', async () => {
    const id = '0000000000aaaaaaaaaaaaaaaa';
    expect((await as('evaluator', `/indicators/${id}`)).status).toBe(404);
    expect((await as('evaluator', `/indicators/${id}/versions`)).status).toBe(404);
    const bad = await as(
      'admin',
      '/indicators',
      'POST',
      smart({ unit: 'furlongs', targets: [{ date: '31/12/2024' }] }),
    );
    expect(bad.status).toBe(422);
    const paths = ((await bad.json()) as Problem).errors.map((e) => e.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['json.unit', 'json.targets.0.date']));
  });
});

describe('indicators: roles, list and audit', () => {
  it('lets an evaluator read but not write (403 on every write)', async () => {
    const created = await create();
    expect((await as('evaluator', `/indicators/${created.id}`)).status).toBe(200);
    expect((await as('evaluator', '/indicators', 'POST', smart())).status).toBe(403);
    expect(
      (await as('evaluator', `/indicators/${created.id}`, 'PUT', { ...smart(), revision: 1 })).status,
    ).toBe(403);
    expect((await as('evaluator', `/indicators/${created.id}/activate`, 'POST')).status).toBe(403);
    expect((await as('evaluator', `/indicators/${created.id}/retire`, 'POST')).status).toBe(403);
    expect((await as('evaluator', `/indicators/${created.id}/audit`)).status).toBe(403);
    expect((await as('evaluator', '/indicators/check', 'POST', smart())).status).toBe(403);
  });

  it('keeps an audit trail of every write, with the actor, oldest first', async () => {
    const created = await create({ targets: [] });
    await as('admin', `/indicators/${created.id}`, 'PUT', { ...smart({ code: created.code }), revision: 1 });
    await as('admin', `/indicators/${created.id}/activate`, 'POST');
    await as('admin', `/indicators/${created.id}`, 'PUT', {
      ...smart({ code: created.code, limitations: 'Counts participations' }),
      revision: 3,
    });
    await as('admin', `/indicators/${created.id}/retire`, 'POST');
    const res = await as('admin', `/indicators/${created.id}/audit`);
    expect(res.status).toBe(200);
    const trail = (await res.json()) as { action: string; actor: string; changes: Record<string, unknown> }[];
    expect(trail.map((e) => e.action)).toEqual(['create', 'update', 'activate', 'version', 'retire']);
    expect(new Set(trail.map((e) => e.actor)).size).toBe(1);
    expect(trail[0]?.actor).toMatch(/.+/);
    expect(trail[1]?.changes).toMatchObject({ fields: ['targets'], version: 1 });
    expect(trail[3]?.changes).toMatchObject({ fields: ['limitations'], version: 2 });
    expect(created.createdBy).toBe(trail[0]?.actor);
    // People, not user ids (issue 13): the author and each change are named by e-mail.
    expect((trail as { actorName?: string }[]).every((e) => e.actorName === admin.email)).toBe(true);
    const read = (await (await as('evaluator', `/indicators/${created.id}`)).json()) as {
      createdBy: string;
      createdByName: string;
      updatedByName: string;
    };
    expect(read.createdByName).toBe(admin.email);
    expect(read.updatedByName).toBe(admin.email);
    expect(read.createdByName).not.toBe(read.createdBy);
    const versions = (await (await as('evaluator', `/indicators/${created.id}/versions`)).json()) as {
      createdByName: string;
    }[];
    expect(versions.map((v) => v.createdByName)).toEqual(versions.map(() => admin.email));
  });

  it('seeds the demo indicators idempotently and lists them by framework, goal and status with SMART letters', async () => {
    await seedDemoIndicators();
    expect(await seedDemoIndicators()).toBe(0);
    const list = (await (
      await as('evaluator', `/indicators?frameworkId=${FRAMEWORK_ID}&goal=1&status=active`)
    ).json()) as (IndicatorRecord & {
      missing: SmartLetter[];
    })[];
    const mrc = list.find((i) => i.id === demoIndicatorId('pg1-mrc-irregular-intention'));
    expect(mrc).toMatchObject({ code: 'PG1-OC-01', status: 'active', missing: [], baseline: { value: 21 } });
    expect(list.every((i) => i.priorityGoal === 1 && i.status === 'active')).toBe(true);

    const drafts = (await (
      await as('evaluator', '/indicators?status=draft&goal=7')
    ).json()) as (IndicatorRecord & {
      missing: SmartLetter[];
    })[];
    const satisfaction = drafts.find((i) => i.id === demoIndicatorId('pg7-meeting-satisfaction'));
    expect(satisfaction?.missing).toEqual(['A']);
    const codes = drafts.map((i) => i.code);
    expect(codes).toEqual([...codes].sort());
  });
});
