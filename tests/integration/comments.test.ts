import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app.js';
import { listAuditEntries } from '../../functions/src/lib/audit.js';
import { queryAll } from '../../functions/src/lib/aws.js';
import { keys } from '../../functions/src/lib/keys.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { signIn } from '../support/auth.js';
import { NO_ROLE_USER } from '../support/emulators.js';
import { postEventAnswers, putActivity, submitAnswers } from '../support/fixtures.js';

const tokens = { admin: '', evaluator: '', none: '' };
beforeAll(async () => {
  tokens.admin = (await signIn(DEMO_USERS[0].email, DEMO_USERS[0].password)).accessToken;
  tokens.evaluator = (await signIn(DEMO_USERS[1].email, DEMO_USERS[1].password)).accessToken;
  tokens.none = (await signIn(NO_ROLE_USER.email, NO_ROLE_USER.password)).accessToken;
});

const call = (path: string, init: RequestInit = {}, who: keyof typeof tokens = 'evaluator') =>
  app.request(path, {
    ...init,
    headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
  });
const post = (path: string, body: unknown, who: keyof typeof tokens = 'evaluator') =>
  call(path, { method: 'POST', body: JSON.stringify(body) }, who);

interface Page {
  all: number;
  total: number;
  items: { key: string; questionId: string; language: string; text: string; day: string; themes: string[] }[];
  themes: { id: string; name: string }[];
  counts: { questionId: string; answers: number; untagged: number; themes: Record<string, number> }[];
  languages: { lang: string; count: number }[];
}

async function surveyWithAnswers() {
  const activityId = await putActivity();
  const res = await post(
    `/api/activities/${activityId}/surveys`,
    { templateId: 'post_event_feedback', kind: 'post_event', sendInvitationsAt: null },
    'admin',
  );
  expect(res.status).toBe(201);
  const survey = (await res.json()) as { id: string; code: string };
  const submit = (language: string, answers: Record<string, unknown>, pairingCode?: string) =>
    submitAnswers(survey.code, { ...postEventAnswers, ...answers }, { language, pairingCode });
  const code = `code-${randomUUID()}`;
  await submit(
    'en',
    { most_useful: 'The exchange on visa procedures', suggestions: 'More time for questions' },
    code,
  );
  await submit('ar', { most_useful: 'تبادل الخبرات حول إجراءات التأشيرة' });
  await submit('ru', { most_useful: 'Обмен опытом' });
  // A repeat attempt of the first device: stored with counted: false, never listed.
  await submit('en', { most_useful: 'A SECOND ATTEMPT that must not be listed' }, code);
  return survey;
}

describe('free-text answers of a survey in bulk', () => {
  it('lists the counted answers with no respondent detail, searchable and filterable by question and language', async () => {
    const survey = await surveyWithAnswers();
    const page = (await (await call(`/api/surveys/${survey.id}/comments`)).json()) as Page;
    expect(page.all).toBe(4);
    expect(page.items.map((c) => c.text)).not.toContain('A SECOND ATTEMPT that must not be listed');
    const raw = JSON.stringify(page);
    expect(raw).not.toMatch(/pairingCode|responseId|receivedAt|submittedAt|code-/);
    for (const c of page.items) expect(c.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const search = (await (await call(`/api/surveys/${survey.id}/comments?q=VISA`)).json()) as Page;
    expect(search.items.map((c) => c.text)).toEqual(['The exchange on visa procedures']);
    const ar = (await (await call(`/api/surveys/${survey.id}/comments?language=ar`)).json()) as Page;
    expect(ar.items.map((c) => c.language)).toEqual(['ar']);
    const q = (await (
      await call(`/api/surveys/${survey.id}/comments?questionId=suggestions`)
    ).json()) as Page;
    expect(q.items.map((c) => c.text)).toEqual(['More time for questions']);
    expect(page.languages).toEqual(
      expect.arrayContaining([
        { lang: 'en', count: 2 },
        { lang: 'ar', count: 1 },
      ]),
    );

    const bad = await call(`/api/surveys/${survey.id}/comments?pageSize=5000`);
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });

  it('creates, renames and deletes themes; tags answers exactly once, in bulk too; counts per question; audits', async () => {
    const survey = await surveyWithAnswers();
    const created = await post(`/api/surveys/${survey.id}/comments/themes`, { name: 'Visa procedures' });
    expect(created.status).toBe(201);
    const theme = (await created.json()) as { id: string };
    // One name once: case and accents do not make a second theme.
    expect(
      (await post(`/api/surveys/${survey.id}/comments/themes`, { name: ' visa PROCÉDURES' })).status,
    ).toBe(409);
    expect((await post(`/api/surveys/${survey.id}/comments/themes`, { name: '' })).status).toBe(422);

    const page = (await (
      await call(`/api/surveys/${survey.id}/comments?questionId=most_useful`)
    ).json()) as Page;
    const selection = page.items.map((c) => c.key);
    expect(selection).toHaveLength(3);
    // Bulk tag, twice at once and once more: each answer carries the theme once.
    const results = await Promise.all([
      post(`/api/surveys/${survey.id}/comments/tag`, { themeId: theme.id, commentKeys: selection }),
      post(`/api/surveys/${survey.id}/comments/tag`, { themeId: theme.id, commentKeys: selection }),
    ]);
    const bodies = await Promise.all(results.map((r) => r.json()));
    expect(
      results.map((r) => r.status),
      JSON.stringify(bodies),
    ).toEqual([200, 200]);
    const changed = bodies.map((b) => (b as { changed: number }).changed);
    expect(changed.reduce((a, b) => a + b, 0)).toBe(3);
    const again = await post(`/api/surveys/${survey.id}/comments/tag`, {
      themeId: theme.id,
      commentKeys: selection,
    });
    expect(await again.json()).toEqual({ changed: 0 });
    const tagItems = await queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': keys.comments(survey.id).pk, ':sk': 'TAG#' },
    });
    expect(tagItems).toHaveLength(3);

    // Untag one; unknown answers are refused with their field paths.
    expect(
      await (
        await post(`/api/surveys/${survey.id}/comments/untag`, {
          themeId: theme.id,
          commentKeys: [selection[0]],
        })
      ).json(),
    ).toEqual({ changed: 1 });
    const unknown = await post(`/api/surveys/${survey.id}/comments/tag`, {
      themeId: theme.id,
      commentKeys: ['A'.repeat(22)],
    });
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { errors: { path: unknown[] }[] }).errors[0]?.path).toEqual([
      'json',
      'commentKeys',
      0,
    ]);

    const counted = (await (await call(`/api/surveys/${survey.id}/comments`)).json()) as Page;
    expect(counted.counts.find((c) => c.questionId === 'most_useful')).toEqual({
      questionId: 'most_useful',
      answers: 3,
      untagged: 1,
      themes: { [theme.id]: 2 },
    });
    const tagged = (await (
      await call(`/api/surveys/${survey.id}/comments?theme=${theme.id}`)
    ).json()) as Page;
    expect(tagged.total).toBe(2);

    const renamed = await call(`/api/surveys/${survey.id}/comments/themes/${theme.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ name: 'Visas' }),
    });
    expect(renamed.status).toBe(200);
    expect(((await (await call(`/api/surveys/${survey.id}/comments`)).json()) as Page).themes).toEqual([
      expect.objectContaining({ id: theme.id, name: 'Visas' }),
    ]);
    // The old name is free again.
    expect(
      (await post(`/api/surveys/${survey.id}/comments/themes`, { name: 'Visa procedures' })).status,
    ).toBe(201);

    const deleted = await call(`/api/surveys/${survey.id}/comments/themes/${theme.id}`, { method: 'DELETE' });
    expect(await deleted.json()).toEqual({ untagged: 2 });
    const after = (await (
      await call(`/api/surveys/${survey.id}/comments?questionId=most_useful`)
    ).json()) as Page;
    expect(after.items.every((c) => c.themes.length === 0)).toBe(true);

    const actions = (await listAuditEntries('survey', survey.id)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'comments.theme.create',
        'comments.tag',
        'comments.untag',
        'comments.theme.rename',
        'comments.theme.delete',
      ]),
    );
    // The three tags were written once, by one request: one audit entry for them.
    expect(actions.filter((a) => a === 'comments.tag')).toHaveLength(1);
  });

  it('answers 403 to a signed-in user without the evaluator role, and lets administrators in', async () => {
    const survey = await surveyWithAnswers();
    expect((await call(`/api/surveys/${survey.id}/comments`, {}, 'none')).status).toBe(403);
    expect((await post(`/api/surveys/${survey.id}/comments/themes`, { name: 'X' }, 'none')).status).toBe(403);
    expect((await call(`/api/surveys/${survey.id}/comments`, {}, 'admin')).status).toBe(200);
  });
});
