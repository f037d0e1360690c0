import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app.js';
import { seedDefaultFramework } from '../../functions/src/framework/seed.js';
import { activateIndicator, createIndicator } from '../../functions/src/indicators/store.js';
import { listAuditEntries } from '../../functions/src/lib/audit.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { localFetch } from '../../functions/src/local/mount.js';
import { defaultFramework } from '../../shared/src/framework/default-framework.js';
import { IndicatorInput } from '../../shared/src/indicators/schema.js';
import { knowledgeTestTemplate } from '../../shared/src/surveys/templates.js';
import { signIn } from '../support/auth.js';
import { type Schema, unboundedFields } from '../support/boundary.js';
import { NO_ROLE_USER } from '../support/emulators.js';
import { postEventAnswers, putActivity, submitAnswers } from '../support/fixtures.js';
import { rollupsSettled } from '../support/rollups.js';

let admin = '';
let evaluator = '';

/** Through the same router as `npm start` and CloudFront: /api/exports/* to the export app. */
const call = (token: string | null, path: string, init: RequestInit = {}) =>
  localFetch(
    new Request(`http://localhost${path}`, {
      ...init,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    }),
  );

async function attach(
  activityId: string,
  templateId: string,
  kind: string,
): Promise<{ id: string; code: string }> {
  const now = Date.now();
  const res = await app.request(`/api/activities/${activityId}/surveys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      templateId,
      kind,
      opensAt: new Date(now - 3_600_000).toISOString(),
      closesAt: new Date(now + 86_400_000).toISOString(),
    }),
  });
  if (res.status !== 201) throw new Error(await res.text());
  return (await res.json()) as { id: string; code: string };
}

const submit = (code: string, answers: Record<string, unknown>, pairingCode?: string, language = 'en') =>
  submitAnswers(code, answers, { pairingCode, language });

async function workbook(res: Response): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
  return wb;
}

const sheetRows = (ws: ExcelJS.Worksheet) => {
  const rows: unknown[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
};

beforeAll(async () => {
  admin = (await signIn(DEMO_USERS[0].email, DEMO_USERS[0].password)).accessToken;
  evaluator = (await signIn(DEMO_USERS[1].email, DEMO_USERS[1].password)).accessToken;
});

describe('per-respondent export of a survey', () => {
  let survey = { id: '', code: '' };
  const pairing = `fu-${randomUUID().slice(0, 8)}`;
  const answers = (i: number) => ({
    applied: i % 2 ? 'yes' : 'partly',
    how_applied: i === 0 ? 'ok;=1+1' : `Used it in case ${i}`,
    obstacles: i % 2 ? ['no_support'] : ['no_opportunity', 'no_support'],
  });

  beforeAll(async () => {
    const activityId = await putActivity();
    survey = await attach(activityId, 'follow_up_3_months', 'follow_up');
    for (let i = 0; i < 6; i++) await submit(survey.code, answers(i), `${pairing}-${i}`, i < 2 ? 'ar' : 'en');
    // A repeat attempt of the first device: stored, not counted.
    await submit(survey.code, answers(5), `${pairing}-0`);
  });

  it('writes an XLSX with one row per accepted response and one column per question and option', async () => {
    const res = await call(admin, `/api/exports/surveys/${survey.id}/responses?format=xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain(`responses-${survey.code}.xlsx`);
    const wb = await workbook(res);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['responses', 'choices', 'about']);
    const rows = sheetRows(wb.getWorksheet('responses') as ExcelJS.Worksheet);
    const [codes, labels, ...data] = rows as [string[], string[], ...unknown[][]];
    expect(data).toHaveLength(6);
    expect(codes.slice(0, 5)).toEqual([
      'response_id',
      'survey_version',
      'language',
      'submitted_at',
      'pairing',
    ]);
    for (const q of [
      'applied',
      'how_applied',
      'obstacles',
      'obstacles/no_support',
      'obstacles/no_opportunity',
    ])
      expect(codes).toContain(q);
    expect(codes).not.toContain('status');
    expect(labels[codes.indexOf('applied')]).toMatch(/applied/i);
    const col = (code: string) => data.map((r) => r[codes.indexOf(code)]);
    expect(col('obstacles/no_support')).toEqual([1, 1, 1, 1, 1, 1]);
    expect(col('obstacles/no_opportunity').sort()).toEqual([0, 0, 0, 1, 1, 1]);
    expect(col('language').sort()).toEqual(['ar', 'ar', 'en', 'en', 'en', 'en']);
    expect(col('pairing')).toEqual(Array(6).fill('not_applicable'));
    // The formula guard: a numeric cell stays numeric, a text answer is guarded.
    expect(col('how_applied')).toContain("ok;'=1+1");
    expect(col('survey_version')).toEqual(Array(6).fill(1));
    const choices = sheetRows(wb.getWorksheet('choices') as ExcelJS.Worksheet);
    expect(choices[0]).toEqual(['question', 'option', 'en', 'ru', 'ar']);
    expect(choices.some((r) => r[0] === 'obstacles' && r[1] === 'no_support')).toBe(true);
  });

  it('writes the same as CSV, with nothing personal in it', async () => {
    const res = await call(admin, `/api/exports/surveys/${survey.id}/responses?format=csv&lang=ru`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await res.arrayBuffer());
    // A byte-order mark first, so that spreadsheets read the UTF-8 right.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    expect(parsed).toHaveLength(2 + 6);
    expect(parsed[0]).toContain('obstacles/no_support');
    expect(parsed[1]?.[parsed[0]?.indexOf('applied') as number]).toMatch(/[а-я]/i);
    expect(text).not.toContain(pairing);
    expect(text).not.toContain('@');
    expect(text).toContain('"ok;\'=1+1"');
  });

  it('includes repeat attempts only on request, flagged', async () => {
    const res = await call(admin, `/api/exports/surveys/${survey.id}/responses?format=csv&include=all`);
    const parsed = Papa.parse<string[]>(await res.text(), { skipEmptyLines: true }).data;
    expect(parsed).toHaveLength(2 + 7);
    const status = parsed[0]?.indexOf('status') as number;
    expect(status).toBeGreaterThan(0);
    expect(
      parsed
        .slice(2)
        .map((r) => r[status])
        .sort(),
    ).toEqual([...Array(6).fill('accepted'), 'repeat_attempt']);
  });

  it('is for administrators only: an evaluator gets 403, no token 401', async () => {
    const res = await call(evaluator, `/api/exports/surveys/${survey.id}/responses?format=xlsx`);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await call(null, `/api/exports/surveys/${survey.id}/responses`)).status).toBe(401);
  });

  it('writes every export to the audit trail, with who and how', async () => {
    const entries = await listAuditEntries('survey', survey.id);
    const exports = entries.filter((e) => e.action === 'responses.export');
    expect(exports.length).toBeGreaterThanOrEqual(1);
    expect(exports[0]?.actor).toBeTruthy();
    expect(exports.map((e) => e.changes.format)).toContain('xlsx');
  });

  it('answers bad queries with 4xx problems', async () => {
    const bad = await call(admin, `/api/exports/surveys/${survey.id}/responses?format=pdf`);
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect((await call(admin, `/api/exports/surveys/${survey.id}/responses?include=some`)).status).toBe(422);
    expect((await call(admin, '/api/exports/surveys/NOT-AN-ID/responses')).status).toBe(422);
    const missing = await call(admin, `/api/exports/surveys/${'0'.repeat(26)}/responses`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('the export routes', () => {
  it('document every parameter with bounds, and check access on every route', async () => {
    const doc = (await (await call(null, '/api/exports/openapi.json')).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string; schema: Schema }[] }>>;
    };
    const ops = Object.entries(doc.paths).flatMap(([path, o]) =>
      Object.values(o).map((op) => ({ path, op })),
    );
    expect(ops.map((o) => o.path).sort()).toEqual([
      '/api/exports/activities',
      '/api/exports/indicators',
      '/api/exports/surveys/{surveyId}/responses',
    ]);
    for (const { op } of ops)
      for (const p of op.parameters ?? []) expect(unboundedFields(p.schema, p.name)).toEqual([]);
    const none = (await signIn(NO_ROLE_USER.email, NO_ROLE_USER.password)).accessToken;
    for (const path of ['/api/exports/activities', '/api/exports/indicators']) {
      expect((await call(null, path)).status).toBe(401);
      expect((await call(none, path)).status).toBe(403);
    }
    expect((await call(null, '/api/exports/nothing')).status).toBe(404);
  });
});

describe('pairing status in the export of a knowledge test', () => {
  it('marks responses paired by device code, and the unpaired ones', async () => {
    const activityId = await putActivity();
    const pre = await attach(activityId, 'knowledge_test', 'pre_test');
    const post = await attach(activityId, 'knowledge_test', 'post_event');
    const tag = randomUUID().slice(0, 8);
    const a = Object.fromEntries(
      knowledgeTestTemplate()
        .questions.filter((q) => q.type === 'knowledge')
        .map((q) => [q.id, q.correct.length > 1 ? q.correct : q.correct[0]]),
    );
    await submit(pre.code, a, `p-${tag}-1`);
    await submit(pre.code, a, `p-${tag}-2`);
    await submit(post.code, a, `p-${tag}-1`);
    const res = await call(admin, `/api/exports/surveys/${pre.id}/responses?format=csv`);
    expect(res.status).toBe(200);
    const parsed = Papa.parse<string[]>(await res.text(), { skipEmptyLines: true }).data;
    const col = parsed[0]?.indexOf('pairing') as number;
    expect(
      parsed
        .slice(2)
        .map((r) => r[col])
        .sort(),
    ).toEqual(['paired_device', 'unpaired']);
    expect(parsed[0]).toContain('score_points');
  });
});

describe('aggregate exports', () => {
  let code = '';
  beforeAll(async () => {
    await seedDefaultFramework();
    code = `PG7-EX-${Date.now().toString(36).toUpperCase()}`;
    const created = await createIndicator(
      IndicatorInput.parse({
        code,
        name: 'Mean satisfaction (export test)',
        definition: 'Mean satisfaction 1-5 in post-event surveys.',
        unit: 'mean_score',
        computation: { kind: 'measure_mean', measure: 'satisfaction', surveyKind: 'post_event' },
        dataSource: 'Post-event surveys',
        baseline: { value: 3.5, date: '2019-01-01', source: 'test' },
        targets: [{ period: '2024', date: '2024-12-31', value: 4.5 }],
        frameworkId: defaultFramework().id,
        priorityGoal: 7,
        resultId: 'pg7-outcome-knowledge-attitude-practice',
        actionPointCodes: ['7.1'],
        disaggregations: ['gender'],
        reportingFrequency: 'annual',
        minimumN: 5,
      }),
      'exports-test',
    );
    await activateIndicator(created.id, 'exports-test');
    const activityId = await putActivity({
      startsAt: '2019-04-02T09:00:00Z',
      endsAt: '2019-04-02T17:00:00Z',
      gsi1sk: `2019-04-02T09:00:00Z#${randomUUID()}`,
      attendance: { participants: 40, women: 3, countries: 5, organisations: 9 },
    });
    const s = await attach(activityId, 'post_event_feedback', 'post_event');
    // 7 women, 2 men: the men's cell (2) is withheld, and the women's with it (else 9 − 7 tells).
    for (let i = 0; i < 9; i++)
      await submit(s.code, { ...postEventAnswers, gender: i < 7 ? 'female' : 'male' });
    await rollupsSettled();
  });

  it('exports indicator values by period and breakdown with n, interval, version, and no figure under 5', async () => {
    const res = await call(evaluator, '/api/exports/indicators?format=csv&year=2019');
    expect(res.status).toBe(200);
    const [codes, , ...rows] = Papa.parse<string[]>(await res.text(), { skipEmptyLines: true }).data as [
      string[],
      string[],
      ...string[][],
    ];
    const at = (r: string[], c: string) => r[codes.indexOf(c)] as string;
    const mine = rows.filter((r) => at(r, 'indicator_code') === code);
    const total = mine.find((r) => at(r, 'breakdown') === 'total');
    expect(at(total as string[], 'definition_version')).toBe('1');
    expect(Number(at(total as string[], 'n'))).toBeGreaterThanOrEqual(9);
    expect(at(total as string[], 'ci_lower')).not.toBe('');
    const men = mine.find((r) => at(r, 'breakdown') === 'gender' && at(r, 'breakdown_value') === 'male');
    expect(men && at(men, 'withheld')).toBe('true');
    expect(men && at(men, 'n')).toBe('');
    // Whatever else the shared stack holds: no published figure about 1-4 people (0 is no data).
    for (const r of rows) {
      const n = at(r, 'n');
      if (n !== '' && n !== '0' && at(r, 'n_of').includes('respondent'))
        expect(Number(n)).toBeGreaterThanOrEqual(5);
      if (n === '0') expect(at(r, 'value')).toBe('');
      if (at(r, 'withheld') === 'true')
        expect([at(r, 'value'), at(r, 'n'), at(r, 'ci_lower')]).toEqual(['', '', '']);
    }
  });

  it('exports the indicator values as XLSX too', async () => {
    const res = await call(evaluator, '/api/exports/indicators?format=xlsx');
    expect(res.status).toBe(200);
    const wb = await workbook(res);
    const rows = sheetRows(wb.getWorksheet('indicators') as ExcelJS.Worksheet);
    expect(rows[0]).toContain('definition_version');
    expect(rows.some((r) => r[1] === code && r[7] === 'year')).toBe(true);
  });

  it('exports activities with attendance facts, small figures withheld', async () => {
    const res = await call(evaluator, '/api/exports/activities?format=csv&from=2019-04-02&to=2019-04-02');
    expect(res.status).toBe(200);
    const [codes, , ...rows] = Papa.parse<string[]>(await res.text(), { skipEmptyLines: true }).data as [
      string[],
      string[],
      ...string[][],
    ];
    const at = (r: string[], c: string) => r[codes.indexOf(c)] as string;
    const row = rows.find((r) => at(r, 'participants') === '40');
    expect(row).toBeDefined();
    expect([
      at(row as string[], 'women'),
      at(row as string[], 'countries'),
      at(row as string[], 'withheld'),
    ]).toEqual(['', '5', 'women']);
    expect((await call(evaluator, '/api/exports/activities?from=not-a-date')).status).toBe(422);
  });
});
