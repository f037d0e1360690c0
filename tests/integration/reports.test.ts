import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app.js';
import { seedDefaultFramework } from '../../functions/src/framework/seed.js';
import { createProject } from '../../functions/src/framework/store.js';
import { activateIndicator, createIndicator } from '../../functions/src/indicators/store.js';
import { listAuditEntries } from '../../functions/src/lib/audit.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { defaultFramework } from '../../shared/src/framework/default-framework.js';
import { IndicatorInput } from '../../shared/src/indicators/schema.js';
import type { Lesson } from '../../shared/src/lessons/schema.js';
import type { ReportDocument } from '../../shared/src/report/model.js';
import type { IndicatorResult } from '../../shared/src/results/contract.js';
import { signIn } from '../support/auth.js';
import { postEventAnswers, putActivity, submitAnswers } from '../support/fixtures.js';
import { rollupsSettled } from '../support/rollups.js';

/*
 * The yearly results report and the lessons log through the API, on the real emulators. This file
 * owns the 2021 report of the default framework (no other test issues it) and its own project.
 */

let admin = '';
let evaluator = '';
const FW = defaultFramework().id;
const YEAR = '2021';
const PROJECT = `report-test-${randomUUID().slice(0, 8)}`;
const QUOTE = 'Peer exchange across the border worked best.';
let indicatorId = '';
let surveyId = '';
let code = '';
let activityId = '';

const call = (token: string, path: string, init: RequestInit = {}) =>
  app.request(path, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  });
const body = async <T>(res: Response): Promise<T> => (await res.json()) as T;

const submit = (answers: Record<string, unknown>) => submitAnswers(code, answers);

beforeAll(async () => {
  admin = (await signIn(DEMO_USERS[0].email, DEMO_USERS[0].password)).accessToken;
  evaluator = (await signIn(DEMO_USERS[1].email, DEMO_USERS[1].password)).accessToken;
  await seedDefaultFramework();
  // The test's own project, so its indicator counts only this file's activity.
  await createProject(
    {
      name: `Report test ${PROJECT}`,
      funders: [],
      periodStart: null,
      periodEnd: null,
      countries: [],
      implementingOrganisation: null,
      linkedGoals: [],
      linkedActionPoints: [],
    },
    'report-test',
    { id: PROJECT },
  );
  const created = await createIndicator(
    IndicatorInput.parse({
      code: `PG7-RP-${Date.now().toString(36).toUpperCase()}`,
      name: 'Mean satisfaction (report test)',
      definition: 'Mean satisfaction 1-5 in post-event surveys of the report test project.',
      unit: 'mean_score',
      computation: { kind: 'measure_mean', measure: 'satisfaction', surveyKind: 'post_event' },
      filters: { activityTypes: [], pillars: [], projectIds: [PROJECT] },
      dataSource: 'Post-event surveys',
      baseline: { value: 3, date: '2019-01-01', source: 'test' },
      targets: [{ period: '2024', date: '2024-12-31', value: 5 }],
      frameworkId: FW,
      priorityGoal: 7,
      resultId: 'pg7-outcome-knowledge-attitude-practice',
      actionPointCodes: ['7.1'],
      disaggregations: ['gender'],
      reportingFrequency: 'annual',
    }),
    'report-test',
  );
  await activateIndicator(created.id, 'report-test');
  indicatorId = created.id;
  activityId = await putActivity({
    title: 'Report test training',
    startsAt: `${YEAR}-04-10T09:00:00Z`,
    endsAt: `${YEAR}-04-10T17:00:00Z`,
    gsi1sk: `${YEAR}-04-10T09:00:00Z#${randomUUID()}`,
    projectId: PROJECT,
    attendance: { participants: 12, women: 5, countries: 3 },
  });
  const now = Date.now();
  const res = await call(admin, `/api/activities/${activityId}/surveys`, {
    method: 'POST',
    body: JSON.stringify({
      templateId: 'post_event_feedback',
      kind: 'post_event',
      opensAt: new Date(now - 3_600_000).toISOString(),
      closesAt: new Date(now + 86_400_000).toISOString(),
    }),
  });
  if (res.status !== 201) throw new Error(await res.text());
  ({ id: surveyId, code } = await body<{ id: string; code: string }>(res));
  // Six respondents, satisfaction 5,4,4,3,5,3 (Σ 24, mean 4).
  for (const [i, s] of [5, 4, 4, 3, 5, 3].entries())
    await submit({ ...postEventAnswers, satisfaction: s, most_useful: i === 0 ? QUOTE : `Answer ${i}` });
  await rollupsSettled();
}, 120_000);

const reportPath = `/api/reports/${FW}/${YEAR}`;
let lesson: Lesson;

describe('lessons and practices log', () => {
  it('records a practice with a quoted answer and a captured indicator value, with an audit entry', async () => {
    const res = await call(evaluator, '/api/lessons', {
      method: 'POST',
      body: JSON.stringify({
        kind: 'practice',
        title: 'Peer exchange between border agencies',
        text: 'Pairing officers from neighbouring countries made the training stick.',
        date: `${YEAR}-06-30`,
        activityIds: [activityId],
        actionPointCodes: ['1.1'],
        priorityGoals: [1],
        indicators: [{ indicatorId, year: Number(YEAR) }],
        quotes: [{ surveyId, questionId: 'most_useful', text: QUOTE }],
        frameworkId: FW,
      }),
    });
    expect(res.status).toBe(201);
    lesson = await body<Lesson>(res);
    expect(lesson.indicators[0]).toMatchObject({
      indicatorId,
      n: 6,
      value: 4,
      version: 1,
      periodLabel: YEAR,
    });
    expect(lesson.quotes).toEqual([{ surveyId, questionId: 'most_useful', text: QUOTE }]);
    // Only the quote, the survey and the question are kept: no respondent detail.
    expect(Object.keys(lesson.quotes[0] ?? {}).sort()).toEqual(['questionId', 'surveyId', 'text']);
    expect((await listAuditEntries('lesson', lesson.id)).map((e) => e.action)).toEqual(['create']);
  });

  it('refuses a quote that is not an answer, unknown links and unbounded input with 422', async () => {
    const base = { kind: 'lesson', title: 'A lesson', text: 'Text', date: `${YEAR}-01-01` };
    const bad = [
      { ...base, quotes: [{ surveyId, questionId: 'most_useful', text: 'Never written by anyone' }] },
      { ...base, quotes: [{ surveyId, questionId: 'satisfaction', text: QUOTE }] },
      { ...base, activityIds: ['0000000000nope'] },
      { ...base, indicators: [{ indicatorId: '0000000000nope', year: 2021 }] },
      { ...base, title: 'x'.repeat(301) },
      { ...base, kind: 'anecdote' },
      { ...base, date: 'yesterday' },
    ];
    for (const b of bad) {
      const res = await call(evaluator, '/api/lessons', { method: 'POST', body: JSON.stringify(b) });
      expect(res.status, JSON.stringify(b).slice(0, 80)).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    }
    const notJson = await call(evaluator, '/api/lessons', { method: 'POST', body: '{' });
    expect([400, 422]).toContain(notJson.status);
  });

  it('filters by goal, action point, activity, kind, year and words', async () => {
    const list = async (q: string) =>
      (await body<Lesson[]>(await call(evaluator, `/api/lessons?${q}`))).map((l) => l.id);
    expect(await list('goal=1')).toContain(lesson.id);
    expect(await list('goal=2')).not.toContain(lesson.id);
    expect(await list('actionPoint=1.1&kind=practice')).toContain(lesson.id);
    expect(await list(`activityId=${activityId}&year=${YEAR}`)).toContain(lesson.id);
    expect(await list('year=2022')).not.toContain(lesson.id);
    expect(await list('q=NEIGHBOURING%20officers')).toContain(lesson.id);
    expect(await list('q=border%20worked')).toContain(lesson.id); // words of the quote
    expect(await list('q=nothing-like-this')).not.toContain(lesson.id);
    expect((await call(evaluator, '/api/lessons?goal=abc')).status).toBe(422);
  });

  it('edits with the version read (409 when stale) and deletes with an audit trail', async () => {
    const input = {
      kind: 'lesson',
      title: 'Draft lesson to delete',
      text: 'Text',
      date: `${YEAR}-02-01`,
    };
    const created = await body<Lesson>(
      await call(evaluator, '/api/lessons', { method: 'POST', body: JSON.stringify(input) }),
    );
    const put = (version: number) =>
      call(evaluator, `/api/lessons/${created.id}`, {
        method: 'PUT',
        body: JSON.stringify({ ...input, title: 'Edited lesson', version }),
      });
    expect((await put(1)).status).toBe(200);
    expect((await put(1)).status).toBe(409);
    expect((await call(evaluator, `/api/lessons/${created.id}?version=1`, { method: 'DELETE' })).status).toBe(
      409,
    );
    expect((await call(evaluator, `/api/lessons/${created.id}?version=2`, { method: 'DELETE' })).status).toBe(
      204,
    );
    expect((await call(evaluator, `/api/lessons/${created.id}`)).status).toBe(404);
    expect((await listAuditEntries('lesson', created.id)).map((e) => e.action)).toEqual([
      'create',
      'update',
      'delete',
    ]);
  });
});

describe('yearly results report', () => {
  let draft: ReportDocument;

  it('computes a draft with the indicator value, its n, version and trend, the activity figures and the lesson', async () => {
    const res = await call(evaluator, reportPath);
    expect(res.status).toBe(200);
    draft = await body<ReportDocument>(res);
    expect(draft).toMatchObject({
      status: 'draft',
      periodKey: YEAR,
      period: { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` },
    });
    const ind = draft.goals
      .find((g) => g.number === 7)
      ?.indicators.find((i) => i.indicatorId === indicatorId);
    expect(ind).toMatchObject({ value: 4, n: 6, version: 1, target: { value: 5, label: '2024' } });
    // Progress (4 − 3) / (5 − 3) = 0.5.
    expect(ind?.progress).toBeCloseTo(0.5, 10);
    expect(ind?.trend).toContainEqual({ year: 2021, value: 4, n: 6, withheld: false });
    expect(ind?.trend.every((t) => t.year <= 2021)).toBe(true);
    expect(draft.activities.figures.find((f) => f.key === 'participants')?.value).toBeGreaterThanOrEqual(12);
    expect(draft.lessons.map((l) => l.id)).toContain(lesson.id);
    expect(draft.lessons.find((l) => l.id === lesson.id)?.quotes[0]?.text).toBe(QUOTE);
    expect(draft.methods.definitions.find((d) => d.code === ind?.code)?.version).toBe(1);
  });

  it('saves a narrative on the draft with the version read, and refuses bad input with 4xx', async () => {
    const put = (goal: number | string, text: string, version: number) =>
      call(evaluator, `${reportPath}/narratives/${goal}`, {
        method: 'PUT',
        body: JSON.stringify({ text, version }),
      });
    const ok = await put(1, 'Border cooperation advanced: يتقدم التعاون', draft.draftVersion);
    expect(ok.status).toBe(200);
    const { version } = await body<{ version: number }>(ok);
    expect(version).toBe(draft.draftVersion + 1);
    expect((await put(2, 'Stale', draft.draftVersion)).status).toBe(409);
    expect((await put(99, 'No such goal', version)).status).toBe(422);
    expect((await put('x', 'Bad goal', version)).status).toBe(422);
    expect((await put(1, 'x'.repeat(8001), version)).status).toBe(422);
    expect((await call(evaluator, `/api/reports/${FW}/2031`)).status).toBe(422);
    expect((await call(evaluator, `/api/reports/${FW}/soon`)).status).toBe(422);
    expect((await call(evaluator, `/api/reports/no-such-plan/${YEAR}`)).status).toBe(404);
    expect((await app.request(reportPath)).status).toBe(401);
    const again = await body<ReportDocument>(await call(evaluator, reportPath));
    expect(again.goals.find((g) => g.number === 1)?.narrative?.text).toBe(
      'Border cooperation advanced: يتقدم التعاون',
    );
    expect(again.draftVersion).toBe(version);
    draft = again;
  });

  it('issues the report frozen: a later response changes the live value, never the issued report; edits get 409', async () => {
    const res = await call(evaluator, `${reportPath}/issue`, {
      method: 'POST',
      body: JSON.stringify({ version: draft.draftVersion }),
    });
    expect(res.status).toBe(201);
    const issued = await body<ReportDocument>(res);
    expect(issued.status).toBe('issued');
    expect(issued.issuedBy).toBe(DEMO_USERS[1].email);
    expect(Date.parse(issued.issuedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);

    // A seventh respondent (satisfaction 1): the live value moves to 25 / 7...
    await submit({ ...postEventAnswers, satisfaction: 1 });
    await rollupsSettled();
    const live = await body<IndicatorResult>(
      await call(evaluator, `/api/results/indicators/${indicatorId}?year=${YEAR}`),
    );
    expect(live.value.n).toBe(7);
    expect(live.value.value).toBeCloseTo(25 / 7, 10);
    // ...while the issued report is read back unchanged, figure for figure.
    const read = await body<ReportDocument>(await call(evaluator, reportPath));
    expect(read).toEqual(issued);
    const ind = read.goals.find((g) => g.number === 7)?.indicators.find((i) => i.indicatorId === indicatorId);
    expect(ind).toMatchObject({ value: 4, n: 6 });

    const edit = await call(evaluator, `${reportPath}/narratives/1`, {
      method: 'PUT',
      body: JSON.stringify({ text: 'Changed later', version: read.draftVersion + 1 }),
    });
    expect(edit.status).toBe(409);
    expect(((await edit.json()) as { type: string }).type).toBe('/api/problems/report-issued');
    const twice = await call(evaluator, `${reportPath}/issue`, {
      method: 'POST',
      body: JSON.stringify({ version: draft.draftVersion + 1 }),
    });
    expect(twice.status).toBe(409);

    const list = await body<{ frameworkId: string; periodKey: string; issuedBy: string }[]>(
      await call(evaluator, '/api/reports'),
    );
    expect(list).toContainEqual(
      expect.objectContaining({ frameworkId: FW, periodKey: YEAR, issuedBy: DEMO_USERS[1].email }),
    );
    const audit = (await listAuditEntries('report', `${FW}~${YEAR}`)).map((e) => e.action);
    expect(audit).toEqual(['narrative.update', 'issue']);
  });
});
