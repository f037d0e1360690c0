import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoActivityId, seedDemoActivities } from '../../functions/src/activities/demo.js';
import { app } from '../../functions/src/app.js';
import { seedDefaultFramework } from '../../functions/src/framework/seed.js';
import { activateIndicator, createIndicator } from '../../functions/src/indicators/store.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import type { FrameworkDetail, FrameworkSummary } from '../../shared/src/framework/api.js';
import type { CarryPreview } from '../../shared/src/framework/carry-over.js';
import { demoActivities } from '../../shared/src/framework/demo-activities.js';
import type { ImplementationPlan } from '../../shared/src/framework/plan.js';
import { DEFAULT_FRAMEWORK_ID } from '../../shared/src/framework/seed-id.js';
import { IndicatorInput, type IndicatorRecord } from '../../shared/src/indicators/schema.js';
import type { GoalOverview, IndicatorResult } from '../../shared/src/results/contract.js';
import { signIn } from '../support/auth.js';
import { postEventAnswers, putActivity } from '../support/fixtures.js';
import { rollupsSettled } from '../support/rollups.js';

/*
 * A living plan: a new framework version with its own period (2025-2029) started from the active
 * one, edited (period, goals, action points, pillars), indicators carried over by an explicit
 * step, values of a 2026 activity reported under it, and the old values left as they were.
 */

const V1 = DEFAULT_FRAMEWORK_ID;
const tokens = { admin: '', evaluator: '' };
const RUN = randomUUID().slice(0, 6).toUpperCase();
const PROJECT = `plan-test-${RUN.toLowerCase()}`;

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

let satisfaction: IndicatorRecord;
let trained: IndicatorRecord;

beforeAll(async () => {
  await seedDefaultFramework();
  tokens.admin = (await signIn(DEMO_USERS[0].email, DEMO_USERS[0].password)).accessToken;
  tokens.evaluator = (await signIn(DEMO_USERS[1].email, DEMO_USERS[1].password)).accessToken;
  const make = async (over: Record<string, unknown>) => {
    const created = await createIndicator(
      IndicatorInput.parse({
        definition: 'Defined for the plan test.',
        dataSource: 'Post-event surveys',
        baseline: { value: 3.5, date: '2019-01-01', source: 'test' },
        targets: [{ period: '2024', date: '2024-12-31', value: 4.5 }],
        frameworkId: V1,
        reportingFrequency: 'annual',
        ...over,
      }),
      'plan-test',
    );
    const { findingsOf } = await import('../../functions/src/indicators/store.js');
    const findings = await findingsOf(created);
    if (findings.length) throw new Error(JSON.stringify(findings));
    return activateIndicator(created.id, 'plan-test');
  };
  satisfaction = await make({
    code: `PG7-PLAN-${RUN}`,
    name: 'Mean satisfaction (plan test)',
    unit: 'mean_score',
    computation: { kind: 'measure_mean', measure: 'satisfaction', surveyKind: 'post_event' },
    priorityGoal: 7,
    resultId: 'pg7-outcome-knowledge-attitude-practice',
    actionPointCodes: ['7.1'],
    minimumN: 3,
  });
  trained = await make({
    code: `PG1-PLAN-${RUN}`,
    name: 'Participants trained (plan test)',
    unit: 'count',
    computation: { kind: 'sum_participants' },
    dataSource: 'Attendance lists',
    baseline: { value: 0, date: '2019-01-01', source: 'test' },
    targets: [{ period: '2019-2024', date: '2024-12-31', value: 300, cumulative: true }],
    priorityGoal: 1,
    resultId: 'pg1-outcome-irregular-emigration',
    actionPointCodes: ['1.1', '1.2'],
  });
});

describe('a new plan with its own period', () => {
  let plan: FrameworkDetail;

  it('starts as a draft copy of the active framework, or blank; evaluators cannot', async () => {
    const body = {
      name: `Call for Action 2025-2029 ${RUN}`,
      periodStart: '2025-01-01',
      periodEnd: '2029-12-31',
    };
    expect((await as('evaluator', '/frameworks', 'POST', { ...body, copyFrom: V1 })).status).toBe(403);
    plan = await read<FrameworkDetail>(as('admin', '/frameworks', 'POST', { ...body, copyFrom: V1 }), 201);
    expect(plan).toMatchObject({
      id: `call-for-action-2025-2029-${RUN.toLowerCase()}-v1`,
      status: 'draft',
      version: 1,
      copiedFrom: V1,
      periodStart: '2025-01-01',
      periodEnd: '2029-12-31',
    });
    expect(plan.basedOn).toBeUndefined();
    expect(plan.actionPoints).toHaveLength(39);
    expect(plan.priorityGoals).toHaveLength(7);
    // Same name again: 409; period backwards: 422.
    expect((await as('admin', '/frameworks', 'POST', { ...body, copyFrom: V1 })).status).toBe(409);
    const backwards = await as('admin', '/frameworks', 'POST', {
      ...body,
      name: 'x',
      periodEnd: '2024-01-01',
      copyFrom: null,
    });
    expect(backwards.status).toBe(422);
    const blank = await read<FrameworkDetail>(
      as('admin', '/frameworks', 'POST', { ...body, name: `Blank ${RUN}`, copyFrom: null }),
      201,
    );
    expect([blank.priorityGoals, blank.actionPoints, blank.resultStatements]).toEqual([[], [], []]);
  });

  it('edits the period, the goals (add, rename, retire, reorder), action points and pillars of the draft', async () => {
    const meta = await read<FrameworkDetail>(
      as('admin', `/frameworks/${plan.id}`, 'PUT', {
        name: plan.name,
        periodStart: '2025-01-01',
        periodEnd: '2030-12-31',
      }),
    );
    expect(meta.periodEnd).toBe('2030-12-31');
    plan = await read<FrameworkDetail>(
      as('admin', `/frameworks/${plan.id}`, 'PUT', {
        name: plan.name,
        periodStart: '2025-01-01',
        periodEnd: '2029-12-31',
      }),
    );
    // The active framework is history: 409.
    expect(
      (
        await as('admin', `/frameworks/${V1}`, 'PUT', {
          name: 'x',
          periodStart: '2019-01-01',
          periodEnd: '2030-12-31',
        })
      ).status,
    ).toBe(409);

    const goals = plan.priorityGoals.map((g) => {
      if (g.number === 1) return { ...g, title: 'Strengthening migration and mobility management' };
      if (g.number === 2) return { ...g, retired: true };
      return g;
    });
    const added = {
      number: 8,
      code: 'PG8',
      title: 'Labour migration and skills partnerships',
      shortTitle: 'Labour migration',
      crossCutting: false,
      order: 0,
    };
    // Removing a goal that has action points is refused: retire it instead.
    const refused = await as('admin', `/frameworks/${plan.id}/goals`, 'PUT', {
      priorityGoals: [...goals.filter((g) => g.number !== 3), added],
    });
    expect(refused.status).toBe(422);
    expect(
      (
        await as('admin', `/frameworks/${plan.id}/goals`, 'PUT', {
          priorityGoals: [{ ...added, code: 'PG9' }],
        })
      ).status,
    ).toBe(422);
    plan = await read<FrameworkDetail>(
      as('admin', `/frameworks/${plan.id}/goals`, 'PUT', { priorityGoals: [...goals, added] }),
    );
    expect(plan.priorityGoals.map((g) => g.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(plan.priorityGoals.find((g) => g.number === 8)).toMatchObject({ order: 0, title: added.title });
    expect(plan.priorityGoals.find((g) => g.number === 2)?.retired).toBe(true);

    plan = await read<FrameworkDetail>(
      as('admin', `/frameworks/${plan.id}/action-points/8.1`, 'PUT', {
        title: 'Pilot skills partnerships between two partner countries',
        timeline: { kind: 'range', from: 2026, to: 2027, text: '2026-2027' },
        workingGroup: null,
        linkedGoals: [],
        linkedProjects: [],
        comments: 'New in the 2025-2029 plan',
        pillar: 'operational_cooperation',
      }),
    );
    expect(plan.actionPoints.find((a) => a.code === '8.1')).toMatchObject({
      goal: 8,
      pillar: 'operational_cooperation',
    });
    const ap12 = plan.actionPoints.find((a) => a.code === '1.2')!;
    plan = await read<FrameworkDetail>(
      as('admin', `/frameworks/${plan.id}/action-points/1.2`, 'PUT', {
        title: ap12.title,
        timeline: ap12.timeline,
        workingGroup: ap12.workingGroup,
        linkedGoals: ap12.linkedGoals,
        linkedProjects: ap12.linkedProjects,
        comments: ap12.comments,
        retired: true,
      }),
    );
    expect(plan.actionPoints.find((a) => a.code === '1.2')?.retired).toBe(true);
    expect(plan.actionPoints).toHaveLength(40);

    const pillars = plan.pillars.map((p) =>
      p.id === 'dialogue' ? { ...p, name: 'Dialogue and partnership' } : p,
    );
    plan = await read<FrameworkDetail>(as('admin', `/frameworks/${plan.id}/pillars`, 'PUT', { pillars }));
    expect(plan.pillars.find((p) => p.id === 'dialogue')?.name).toBe('Dialogue and partnership');

    // V1 is untouched by all of it.
    const v1 = await read<FrameworkDetail>(as('evaluator', `/frameworks/${V1}`));
    expect(v1.actionPoints).toHaveLength(39);
    expect(v1.priorityGoals.some((g) => g.retired)).toBe(false);
  });

  it("accepts a target for any year of the indicator's own framework period, and only there", async () => {
    const def = {
      ...IndicatorInput.parse({ code: 'PG7-T-01', name: 'x', frameworkId: plan.id }),
      targets: [{ period: '2025', date: '2025-12-31', value: 1, cumulative: false }],
    };
    const codes = async (frameworkId: string) =>
      (await read<{ code: string }[]>(as('admin', '/indicators/check', 'POST', { ...def, frameworkId }))).map(
        (f) => f.code,
      );
    expect(await codes(plan.id)).not.toContain('target-outside-period');
    expect(await codes(V1)).toContain('target-outside-period');
  });

  let copies: { fromIndicatorId: string; indicatorId: string; status: string; created: boolean }[] = [];

  it('lists what carrying each indicator over changes, then carries two over without touching the old ones', async () => {
    const preview = await read<CarryPreview>(as('admin', `/frameworks/${plan.id}/carry-over?from=${V1}`));
    const t = preview.indicators.find((i) => i.indicatorId === trained.id);
    expect(t?.changes.map((c) => c.kind)).toEqual([
      'goal-renamed',
      'action-point-retired',
      'targets-outside-period',
    ]);
    const s = preview.indicators.find((i) => i.indicatorId === satisfaction.id);
    expect(s?.changes.map((c) => c.kind)).toEqual(['targets-outside-period']);
    expect(s?.carriedTo).toBeNull();

    copies = await read(
      as('admin', `/frameworks/${plan.id}/carry-over`, 'POST', {
        from: V1,
        items: [
          { indicatorId: satisfaction.id, targets: [{ period: '2029', date: '2029-12-31', value: 4.6 }] },
          { indicatorId: trained.id },
        ],
      }),
    );
    expect(copies.map((c) => [c.fromIndicatorId, c.status, c.created])).toEqual([
      [satisfaction.id, 'active', true],
      // No target inside 2025-2029 is left: S.M.A.R.T. fails, so the copy waits as a draft.
      [trained.id, 'draft', true],
    ]);
    const copy = await read<IndicatorRecord>(as('evaluator', `/indicators/${copies[1]!.indicatorId}`));
    expect(copy).toMatchObject({
      frameworkId: plan.id,
      actionPointCodes: ['1.1'],
      targets: [],
      code: trained.code,
    });
    // The originals are as they were.
    expect(await read<IndicatorRecord>(as('evaluator', `/indicators/${trained.id}`))).toMatchObject({
      frameworkId: V1,
      version: trained.version,
      revision: trained.revision,
      actionPointCodes: ['1.1', '1.2'],
    });
    // Twice: the first copies come back.
    const again = await read<typeof copies>(
      as('admin', `/frameworks/${plan.id}/carry-over`, 'POST', {
        from: V1,
        items: [{ indicatorId: trained.id }],
      }),
    );
    expect(again).toMatchObject([{ indicatorId: copies[1]!.indicatorId, created: false }]);
    // An indicator of another framework: 422.
    const wrong = await as('admin', `/frameworks/${plan.id}/carry-over`, 'POST', {
      from: V1,
      items: [{ indicatorId: copies[0]!.indicatorId }],
    });
    expect(wrong.status).toBe(422);
  });

  it('reports a 2026 activity under the new plan, by year and over its period, next to the old values', async () => {
    const activityId = await putActivity({
      startsAt: '2026-11-12T09:00:00Z',
      endsAt: '2026-11-12T17:00:00Z',
      gsi1sk: `2026-11-12T09:00:00Z#${randomUUID()}`,
      projectId: PROJECT,
      pillar: 'operational_cooperation',
    });
    const now = Date.now();
    const attached = await read<{ code: string }>(
      as('admin', `/activities/${activityId}/surveys`, 'POST', {
        templateId: 'post_event_feedback',
        kind: 'post_event',
        opensAt: new Date(now - 3_600_000).toISOString(),
        closesAt: new Date(now + 86_400_000).toISOString(),
      }),
      201,
    );
    for (const s of [5, 4, 4, 5, 5, 4]) {
      const at = new Date().toISOString();
      const res = await app.request(`/api/public/surveys/${attached.code}/responses`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250)}`,
        },
        body: JSON.stringify({
          responseId: randomUUID(),
          surveyVersion: 1,
          language: 'en',
          answers: { ...postEventAnswers, satisfaction: s },
          startedAt: at,
          submittedAt: at,
        }),
      });
      expect([200, 201]).toContain(res.status);
    }
    const copyId = copies[0]!.indicatorId;
    await rollupsSettled();
    const overview = await read<GoalOverview>(
      as('evaluator', `/results/overview?frameworkId=${plan.id}&year=2026&projectId=${PROJECT}`),
    );
    expect(overview.framework).toMatchObject({
      id: plan.id,
      periodStart: '2025-01-01',
      periodEnd: '2029-12-31',
    });
    const value = overview.goals.flatMap((g) => g.indicators).find((i) => i.indicatorId === copyId);
    expect(value?.n).toBe(6);
    expect(value?.value).toBeCloseTo(4.5, 10);
    const one = await read<IndicatorResult>(
      as('evaluator', `/results/indicators/${copyId}?year=2026&projectId=${PROJECT}`),
    );
    expect(one.value.n).toBe(6);
    // Each year of the new period, and only those.
    expect(one.byYear.map((v) => v.period.label)).toEqual(['2025', '2026', '2027', '2028', '2029']);
    // The old indicator keeps its own period: a 2026 activity is outside it.
    const old = await read<IndicatorResult>(
      as('evaluator', `/results/indicators/${satisfaction.id}?projectId=${PROJECT}`),
    );
    expect(old.value.n).toBe(0);
    expect(old.byYear.map((v) => v.period.label)).toEqual(['2019', '2020', '2021', '2022', '2023', '2024']);

    // The chain across versions, oldest first, with what changed.
    const chain = await read<{ indicatorId: string; frameworkId: string; changes: { kind: string }[] }[]>(
      as('evaluator', `/indicators/${copyId}/lineage`),
    );
    expect(chain.map((c) => [c.indicatorId, c.frameworkId])).toEqual([
      [satisfaction.id, V1],
      [copyId, plan.id],
    ]);
    expect(chain[1]?.changes.map((c) => c.kind)).toEqual(['targets-outside-period']);
    expect((await read<typeof chain>(as('evaluator', `/indicators/${satisfaction.id}/lineage`))).length).toBe(
      2,
    );
  });

  it('activates the new plan (the old one archived, still readable), then the default comes back', async () => {
    try {
      const active = await read<FrameworkDetail>(as('admin', `/frameworks/${plan.id}/activate`, 'POST'));
      expect(active.status).toBe('active');
      const list = await read<FrameworkSummary[]>(as('evaluator', '/frameworks'));
      expect(list.find((f) => f.id === V1)?.status).toBe('archived');
      const old = await read<GoalOverview>(as('evaluator', `/results/overview?frameworkId=${V1}`));
      expect(old.framework).toMatchObject({ id: V1, periodStart: '2019-01-01', periodEnd: '2024-12-31' });
    } finally {
      // Other test files read the default framework as the active one.
      await read(as('admin', `/frameworks/${V1}/activate`, 'POST'));
    }
  });
});

describe('the implementation plan', () => {
  it("shows the default framework's 39 action points with the demo activities placed on them", async () => {
    await seedDemoActivities();
    const plan = await read<ImplementationPlan>(as('evaluator', `/frameworks/${V1}/implementation-plan`));
    const aps = plan.goals.flatMap((g) => g.actionPoints);
    expect(aps).toHaveLength(39);
    expect(plan.goals.at(-1)?.label).toBe('Cross-cutting (7.1–7.11)');
    const inPeriod = demoActivities().filter(
      (d) => d.startDate >= '2019-01-01' && d.startDate <= '2024-12-31',
    );
    expect(inPeriod.length).toBeGreaterThan(0);
    for (const d of inPeriod)
      for (const code of d.actionPointCodes)
        expect(
          aps.find((a) => a.code === code)?.activities.some((x) => x.id === demoActivityId(d.id)),
          `${d.id} on ${code}`,
        ).toBe(true);
    const byYear = await read<ImplementationPlan>(
      as('evaluator', `/frameworks/${V1}/implementation-plan?year=2022`),
    );
    expect(byYear.gaps.year).toBe(2022);
    expect(byYear.gaps.dueWithoutActivity.length).toBeGreaterThan(0);
    expect((await as('evaluator', '/frameworks/no-such-framework/implementation-plan')).status).toBe(404);
    const bad = await as('evaluator', `/frameworks/${V1}/implementation-plan?year=twenty`);
    expect([400, 422]).toContain(bad.status);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });
});
