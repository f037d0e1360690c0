import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app.js';
import { listAuditEntries } from '../../functions/src/lib/audit.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { addQuestion, blankQuestion, questionBank } from '../../shared/src/surveys/builder.js';
import type { TemplateDetail, TemplateSummary } from '../../shared/src/surveys/custom-templates.js';
import type { SurveyDefinition } from '../../shared/src/surveys/schema.js';
import { signIn } from '../support/auth.js';
import { putActivity } from '../support/fixtures.js';

let admin = '';
let evaluator = '';
beforeAll(async () => {
  admin = (await signIn(DEMO_USERS[0].email, DEMO_USERS[0].password)).accessToken;
  evaluator = (await signIn(DEMO_USERS[1].email, DEMO_USERS[1].password)).accessToken;
});

const call = (token: string, path: string, init: RequestInit = {}) =>
  app.request(path, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  });

async function create(body: Record<string, unknown>): Promise<TemplateDetail> {
  const res = await call(admin, '/api/templates', { method: 'POST', body: JSON.stringify(body) });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as TemplateDetail;
}

const put = (id: string, version: number, definition: SurveyDefinition, token = admin) =>
  call(token, `/api/templates/${id}`, { method: 'PUT', body: JSON.stringify({ version, definition }) });

function edited(def: SurveyDefinition): SurveyDefinition {
  const q = blankQuestion(
    'single_choice',
    def.questions.map((x) => x.id),
    def.languages,
  );
  q.text = { ...q.text, en: 'Did you attend the field visit?' };
  const edit = addQuestion(def, q, def.questions[0]!.id);
  if (!edit.ok) throw new Error(edit.reason);
  return edit.definition;
}

describe('custom survey templates', () => {
  it('lists the built-in templates with their flag, and a new blank template after them', async () => {
    const created = await create({
      from: 'blank',
      title: 'Mentoring check-in',
      kind: 'follow_up',
      languages: ['en', 'ar'],
    });
    expect(created).toMatchObject({
      builtIn: false,
      version: 1,
      kind: 'follow_up',
      languages: ['en', 'ar'],
      title: { en: 'Mentoring check-in', ar: '' },
      questionCount: 1,
      source: { from: 'blank', id: null },
    });
    expect(created.definition.id).toBe(`template_${created.id}`);

    const list = (await (await call(evaluator, '/api/templates')).json()) as TemplateSummary[];
    expect(list.slice(0, 3).map((t) => [t.id, t.builtIn])).toEqual([
      ['post_event_feedback', true],
      ['knowledge_test', true],
      ['follow_up_3_months', true],
    ]);
    // The fields the attach form always read are still there.
    expect(list[0]).toMatchObject({ kind: 'post_event', languages: ['en', 'ru', 'ar'], questionCount: 14 });
    expect(list.find((t) => t.id === created.id)).toMatchObject({ builtIn: false, questionCount: 1 });

    const got = (await (await call(evaluator, `/api/templates/${created.id}`)).json()) as TemplateDetail;
    expect(got.definition).toEqual(created.definition);
    const builtIn = (await (await call(evaluator, '/api/templates/knowledge_test')).json()) as TemplateDetail;
    expect(builtIn).toMatchObject({ builtIn: true, source: null });
    expect(builtIn.definition.questions).toHaveLength(7);
    expect((await call(evaluator, '/api/templates/0123456789abcdefghjkmnpqrs')).status).toBe(404);

    const audit = await listAuditEntries('template', created.id);
    expect(audit.map((a) => a.action)).toEqual(['create']);
    expect(audit[0]!.changes).toMatchObject({ from: 'blank', questions: 1 });
  });

  it('copies a built-in template, a custom one and a survey', async () => {
    const copy = await create({ from: 'template', templateId: 'post_event_feedback' });
    expect(copy.title.en).toBe('Copy of Your feedback on the event');
    expect(copy.title.ar).toBe('رأيك في الفعالية');
    expect(copy.definition.questions.map((q) => q.id)).toEqual(
      (await (await call(admin, '/api/templates/post_event_feedback')).json()).definition.questions.map(
        (q: { id: string }) => q.id,
      ),
    );
    expect(copy.source).toEqual({ from: 'template', id: 'post_event_feedback' });

    const copyOfCopy = await create({ from: 'template', templateId: copy.id, title: 'Second copy' });
    expect(copyOfCopy.title.en).toBe('Second copy');
    expect(copyOfCopy.questionCount).toBe(14);

    const activityId = await putActivity();
    const attached = await call(admin, `/api/activities/${activityId}/surveys`, {
      method: 'POST',
      body: JSON.stringify({ templateId: 'follow_up_3_months', kind: 'follow_up' }),
    });
    const survey = (await attached.json()) as { id: string };
    const fromSurvey = await create({ from: 'survey', surveyId: survey.id });
    expect(fromSurvey.kind).toBe('follow_up');
    expect(fromSurvey.definition.questions[0]!.id).toBe('applied');
    expect(fromSurvey.definition.id).toBe(`template_${fromSurvey.id}`);

    const unknown = await call(admin, '/api/templates', {
      method: 'POST',
      body: JSON.stringify({ from: 'template', templateId: 'no_such_template' }),
    });
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).errors[0].path).toEqual(['json', 'templateId']);
  });

  it('saves an edit with the version read, and refuses a stale version with 409', async () => {
    const t = await create({ from: 'template', templateId: 'post_event_feedback' });
    const first = edited(t.definition);
    first.questions[0]!.help = { en: '', ru: ' ', ar: '' }; // opened in the editor and left blank
    const saved = await put(t.id, 1, first);
    expect(saved.status, await saved.clone().text()).toBe(200);
    const body = (await saved.json()) as TemplateDetail;
    expect(body.version).toBe(2);
    expect(body.definition.questions[1]!.id).toBe('choice_1');
    expect('help' in body.definition.questions[0]!).toBe(false);
    expect(body.definition.pages?.[0]?.questionIds.slice(0, 2)).toEqual(['satisfaction', 'choice_1']);

    // Someone else saved version 2 meanwhile: a save based on version 1 is refused.
    const stale = await put(t.id, 1, t.definition);
    expect(stale.status).toBe(409);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect((await stale.json()).type).toBe('/api/problems/stale-version');
    const now = (await (await call(admin, `/api/templates/${t.id}`)).json()) as TemplateDetail;
    expect(now.definition.questions).toHaveLength(15);

    expect((await put('post_event_feedback', 1, t.definition)).status).toBe(409);
    expect((await put('0123456789abcdefghjkmnpqrs', 1, t.definition)).status).toBe(404);
    expect(
      (await listAuditEntries('template', t.id)).map((a) => [a.action, a.changes.version ?? null]),
    ).toEqual([
      ['create', null],
      ['update', 2],
    ]);
  });

  it('refuses an invalid definition with 422 and the offending field paths', async () => {
    const t = await create({ from: 'template', templateId: 'follow_up_3_months' });
    // A condition on a later question: the schema's finding.
    const def = structuredClone(t.definition);
    def.questions[0]!.showIf = { questionId: 'obstacles', equals: 'other' };
    const res = await put(t.id, 1, def);
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { errors: { path: (string | number)[]; message: string }[] };
    expect(problem.errors.map((e) => e.path)).toEqual([
      ['json', 'definition', 'questions', 0, 'showIf', 'questionId'],
    ]);

    // An empty option label in the default language: the builder's check.
    const blankLabel = structuredClone(t.definition);
    const shared = blankLabel.questions[3]!;
    if (shared.type !== 'single_choice') throw new Error('shared_with_colleagues is a single choice');
    shared.options[1]!.label.en = ' ';
    const res2 = await put(t.id, 1, blankLabel);
    expect(res2.status).toBe(422);
    expect(((await res2.json()) as typeof problem).errors).toEqual([
      {
        path: ['json', 'definition', 'questions', 3, 'options', 1, 'label'],
        code: 'custom',
        message: 'The label of option 2 is empty.',
      },
    ]);

    const missing = await put(t.id, 1, { ...def, questions: [] });
    expect(missing.status).toBe(422);
    expect((await missing.json()).errors[0].path).toEqual(['json', 'definition', 'questions']);
    // Nothing was saved.
    expect(((await (await call(admin, `/api/templates/${t.id}`)).json()) as TemplateDetail).version).toBe(1);
  });

  it('attaches a custom template to an activity as a copy that later edits do not change', async () => {
    const t = await create({
      from: 'blank',
      title: 'Field visit feedback',
      kind: 'post_event',
      languages: ['en', 'ru'],
    });
    const bankQ = questionBank().find((e) => e.id === 'relevance')!.question;
    const withBank = addQuestion(t.definition, bankQ);
    if (!withBank.ok) throw new Error(withBank.reason);
    const res = await put(t.id, 1, edited(withBank.definition));
    expect(res.status, await res.clone().text()).toBe(200);

    const activityId = await putActivity();
    const attach = await call(admin, `/api/activities/${activityId}/surveys`, {
      method: 'POST',
      body: JSON.stringify({ templateId: t.id, kind: 'post_event' }),
    });
    expect(attach.status, await attach.clone().text()).toBe(201);
    const survey = (await attach.json()) as {
      id: string;
      code: string;
      templateId: string;
      languages: string[];
    };
    expect(survey.templateId).toBe(t.id);
    expect(survey.languages).toEqual(['en', 'ru']);
    const detail = (await (await call(evaluator, `/api/surveys/${survey.id}`)).json()) as {
      definition: SurveyDefinition;
    };
    expect(detail.definition.questions.map((q) => q.id)).toEqual(['most_useful', 'choice_1', 'relevance']);
    expect(detail.definition.id).toBe(`survey_${survey.id}`);
    expect(detail.definition.questions[2]!.text).toEqual({
      en: 'The topics discussed are relevant to my work.',
      ru: 'Обсуждавшиеся темы важны для моей работы.',
    });
    const open = await app.request(`/api/public/surveys/${survey.code}`);
    expect(((await open.json()) as { definition: SurveyDefinition }).definition.questions).toHaveLength(3);

    // Editing the template afterwards leaves the attached survey as it was.
    const current = (await (await call(admin, `/api/templates/${t.id}`)).json()) as TemplateDetail;
    const shorter = { ...current.definition, questions: current.definition.questions.slice(0, 1) };
    expect((await put(t.id, current.version, shorter)).status).toBe(200);
    const after = (await (await call(evaluator, `/api/surveys/${survey.id}`)).json()) as {
      definition: SurveyDefinition;
    };
    expect(after.definition.questions).toHaveLength(3);
  });

  it('deletes a custom template (audited); a survey attached from it keeps its copy; built-in ones stay', async () => {
    const t = await create({ from: 'blank', title: 'One-off', kind: 'post_event', languages: ['en'] });
    const filled = await put(t.id, 1, edited(t.definition));
    expect(filled.status, await filled.clone().text()).toBe(200);
    const activityId = await putActivity();
    const attach = await call(admin, `/api/activities/${activityId}/surveys`, {
      method: 'POST',
      body: JSON.stringify({ templateId: t.id, kind: 'post_event' }),
    });
    expect(attach.status).toBe(201);
    const survey = (await attach.json()) as { id: string };

    expect((await call(evaluator, `/api/templates/${t.id}`, { method: 'DELETE' })).status).toBe(403);
    expect((await call(admin, `/api/templates/${t.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(admin, `/api/templates/${t.id}`)).status).toBe(404);
    expect((await call(admin, `/api/templates/${t.id}`, { method: 'DELETE' })).status).toBe(404);
    const list = (await (await call(admin, '/api/templates')).json()) as TemplateSummary[];
    expect(list.map((x) => x.id)).not.toContain(t.id);
    const kept = (await (await call(evaluator, `/api/surveys/${survey.id}`)).json()) as {
      definition: SurveyDefinition;
    };
    expect(kept.definition.questions.length).toBeGreaterThan(0);
    expect((await listAuditEntries('template', t.id)).map((e) => e.action)).toContain('delete');
    const builtIn = await call(admin, '/api/templates/post_event_feedback', { method: 'DELETE' });
    expect(builtIn.status).toBe(409);
  });

  it('archives a custom template: hidden from the picker, still readable and attached surveys unchanged; brought back (issue 13)', async () => {
    const t = await create({ from: 'blank', title: 'Old form', kind: 'post_event', languages: ['en'] });
    const archive = (token: string, archived: boolean) =>
      call(token, `/api/templates/${t.id}/archived`, { method: 'PUT', body: JSON.stringify({ archived }) });
    expect((await archive(evaluator, true)).status).toBe(403);
    expect((await archive(admin, true)).status).toBe(204);
    const picker = (await (await call(admin, '/api/templates')).json()) as TemplateSummary[];
    expect(picker.map((x) => x.id)).not.toContain(t.id);
    const all = (await (await call(admin, '/api/templates?archived=include')).json()) as TemplateSummary[];
    expect(all.find((x) => x.id === t.id)?.archived).toBe(true);
    expect(((await (await call(admin, `/api/templates/${t.id}`)).json()) as TemplateSummary).archived).toBe(
      true,
    );
    expect((await archive(admin, false)).status).toBe(204);
    const again = (await (await call(admin, '/api/templates')).json()) as TemplateSummary[];
    expect(again.find((x) => x.id === t.id)?.archived).toBe(false);
    expect((await listAuditEntries('template', t.id)).map((e) => e.action)).toEqual(
      expect.arrayContaining(['archive', 'unarchive']),
    );
    expect(
      (
        await call(admin, '/api/templates/post_event_feedback/archived', {
          method: 'PUT',
          body: JSON.stringify({ archived: true }),
        })
      ).status,
    ).toBe(409);
  });

  it('lets evaluators read templates but not write them', async () => {
    const t = await create({ from: 'template', templateId: 'knowledge_test' });
    expect((await call(evaluator, `/api/templates/${t.id}`)).status).toBe(200);
    const post = await call(evaluator, '/api/templates', {
      method: 'POST',
      body: JSON.stringify({ from: 'blank', title: 'x', kind: 'post_event', languages: ['en'] }),
    });
    expect(post.status).toBe(403);
    expect((await put(t.id, 1, t.definition, evaluator)).status).toBe(403);
    expect(((await (await call(admin, `/api/templates/${t.id}`)).json()) as TemplateDetail).version).toBe(1);
  });

  it('refuses a blank start without a title or languages, with the field paths', async () => {
    const res = await call(admin, '/api/templates', {
      method: 'POST',
      body: JSON.stringify({ from: 'blank', title: ' ', kind: 'post_event', languages: [] }),
    });
    expect(res.status).toBe(422);
    const paths = ((await res.json()) as { errors: { path: string[] }[] }).errors.map((e) =>
      e.path.join('.'),
    );
    expect(paths).toEqual(expect.arrayContaining(['json.title', 'json.languages']));
  });
});
