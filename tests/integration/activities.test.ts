import { beforeAll, describe, expect, it } from 'vitest';
import { demoActivityId, seedDemoActivities } from '../../functions/src/activities/demo.js';
import { app } from '../../functions/src/app.js';
import { listAuditEntries } from '../../functions/src/lib/audit.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import type { Activity, ActivityDetail, Attendee } from '../../shared/src/activities/schema.js';
import { demoActivities } from '../../shared/src/framework/demo-activities.js';
import { signIn } from '../support/auth.js';

const [admin, evaluator] = DEMO_USERS;
const tokens = { admin: '', evaluator: '' };

beforeAll(async () => {
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

const training = (over: Record<string, unknown> = {}) => ({
  title: 'National training on return and reintegration',
  type: 'training',
  startsAt: '2031-03-10T09:00:00+05:00',
  endsAt: '2031-03-12T17:00:00+05:00',
  format: 'in_person',
  place: { city: 'Islamabad', country: 'PK' },
  expectedParticipants: 25,
  actionPointCodes: ['1.1', '7.10'],
  priorityGoals: [1, 7],
  pillar: 'operational_cooperation',
  ...over,
});

async function create(over: Record<string, unknown> = {}): Promise<Activity> {
  const res = await as('admin', '/activities', 'POST', training(over));
  expect(res.status).toBe(201);
  return (await res.json()) as Activity;
}

const paths = async (res: Response) =>
  ((await res.json()) as { errors: { path: (string | number)[] }[] }).errors.map((e) => e.path.join('.'));

describe('activities: create, read, list, update', () => {
  it('creates an activity with version 1, stores times in UTC and reads it back', async () => {
    const created = await create();
    expect(created).toMatchObject({
      version: 1,
      attendeeCount: 0,
      startsAt: '2031-03-10T04:00:00Z',
      workingGroup: null,
      chairs: [],
      type: 'training',
    });
    const res = await as('evaluator', `/activities/${created.id}`);
    expect(res.status).toBe(200);
    const read = (await res.json()) as ActivityDetail;
    expect(read).toMatchObject({ ...created, listSummary: null });
  });

  it('lists activities newest first, filtered by period, type and words', async () => {
    const a = await create({
      title: 'Expert meeting on labour migration',
      type: 'expert_meeting',
      startsAt: '2032-06-01T09:00:00Z',
      endsAt: '2032-06-01T17:00:00Z',
    });
    const b = await create({
      title: 'Workshop on labour migration data',
      type: 'workshop',
      startsAt: '2032-09-01T09:00:00Z',
      endsAt: '2032-09-02T17:00:00Z',
    });
    const inYear = (await (
      await as('evaluator', '/activities?from=2032-01-01&to=2032-12-31')
    ).json()) as Activity[];
    expect(inYear.map((x) => x.id)).toEqual([b.id, a.id]);
    const workshops = (await (
      await as('evaluator', '/activities?from=2032-01-01&type=workshop')
    ).json()) as Activity[];
    expect(workshops.map((x) => x.id)).toEqual([b.id]);
    const byWords = (await (await as('evaluator', '/activities?q=LABOUR%20expert')).json()) as Activity[];
    expect(byWords.map((x) => x.id)).toEqual([a.id]);
    const lastDay = (await (
      await as('evaluator', '/activities?from=2032-09-01&to=2032-09-01')
    ).json()) as Activity[];
    expect(lastDay.map((x) => x.id)).toEqual([b.id]);
  });

  it('updates with the current version, bumps it, and refuses a stale version with 409', async () => {
    const created = await create();
    const res = await as('admin', `/activities/${created.id}`, 'PUT', {
      ...training({ title: 'Renamed training', workingGroup: 'SR RWG', chairs: ['Pakistan', 'Türkiye'] }),
      version: 1,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      title: 'Renamed training',
      version: 2,
      chairs: ['Pakistan', 'Türkiye'],
    });

    const stale = await as('admin', `/activities/${created.id}`, 'PUT', {
      ...training({ title: 'Lost edit' }),
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    const after = (await (await as('admin', `/activities/${created.id}`)).json()) as Activity;
    expect(after).toMatchObject({ title: 'Renamed training', version: 2 });
  });

  it('answers 404 problem for an unknown activity', async () => {
    const id = '0000000000aaaaaaaaaaaaaaaa';
    expect((await as('evaluator', `/activities/${id}`)).status).toBe(404);
    expect((await as('admin', `/activities/${id}`, 'PUT', { ...training(), version: 1 })).status).toBe(404);
    expect((await as('admin', `/activities/${id}/attendees`)).status).toBe(404);
    const res = await as('admin', `/activities/${id}/attendees`, 'POST', { attendees: [{ name: 'A' }] });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { type: string }).type).toBe('/api/problems/not-found');
  });
});

describe('activities: validation answers 422 with field paths', () => {
  it('names endsAt when the end is before the start', async () => {
    const res = await as('admin', '/activities', 'POST', training({ endsAt: '2031-03-09T09:00:00Z' }));
    expect(res.status).toBe(422);
    expect(await paths(res)).toEqual(['json.endsAt']);
  });

  it('names place when an in-person activity has none', async () => {
    const res = await as('admin', '/activities', 'POST', training({ place: null }));
    expect(res.status).toBe(422);
    expect(await paths(res)).toEqual(['json.place']);
  });

  it('names each invalid field, including nested ones', async () => {
    const res = await as(
      'admin',
      '/activities',
      'POST',
      training({ title: '', place: { city: 'X', country: 'Pakistan' }, priorityGoals: [21] }),
    );
    expect(res.status).toBe(422);
    expect((await paths(res)).sort()).toEqual(['json.place.country', 'json.priorityGoals.0', 'json.title']);
  });

  it('needs the version on an update', async () => {
    const created = await create();
    const res = await as('admin', `/activities/${created.id}`, 'PUT', training());
    expect(res.status).toBe(422);
    expect(await paths(res)).toEqual(['json.version']);
  });
});

describe('attendance list', () => {
  const people = [
    {
      name: 'Amina Khan',
      email: 'Amina@example.org',
      country: 'PK',
      organisation: 'Ministry of Interior',
      gender: 'female',
    },
    {
      name: 'Ali Rezaei',
      email: 'ali@example.org',
      country: 'IR',
      organisation: 'Border Police',
      gender: 'male',
    },
    { name: 'Sara Ahmadi', email: null, country: 'AF', organisation: 'IOM', gender: 'female' },
  ];

  it('imports, skips people already on the list or twice in the file, and keeps the count', async () => {
    const a = await create();
    const first = await as('admin', `/activities/${a.id}/attendees`, 'POST', {
      attendees: [...people, people[0]],
    });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ added: 3, skipped: 1 });

    const again = await as('admin', `/activities/${a.id}/attendees`, 'POST', {
      attendees: [
        { ...people[0], email: 'AMINA@EXAMPLE.ORG' },
        people[2],
        { name: 'New Person', email: 'new@example.org' },
      ],
    });
    expect(await again.json()).toEqual({ added: 1, skipped: 2 });

    const detail = (await (await as('evaluator', `/activities/${a.id}`)).json()) as ActivityDetail;
    expect(detail.attendeeCount).toBe(4);
    expect(detail.listSummary).toEqual({ participants: 4, countries: 3, organisations: 3, women: 2 });
    expect(detail.version).toBe(1);

    const list = (await (await as('admin', `/activities/${a.id}/attendees`)).json()) as Attendee[];
    expect(list.map((p) => p.name)).toEqual(['Ali Rezaei', 'Amina Khan', 'New Person', 'Sara Ahmadi']);
    expect(list.find((p) => p.name === 'Amina Khan')?.email).toBe('amina@example.org');
  });

  it('counts concurrent imports of the same people once', async () => {
    const a = await create();
    const results = await Promise.all(
      [1, 2, 3, 4].map(async () =>
        (await as('admin', `/activities/${a.id}/attendees`, 'POST', { attendees: people })).json(),
      ),
    );
    const added = (results as { added: number }[]).reduce((n, r) => n + r.added, 0);
    expect(added).toBe(3);
    const detail = (await (await as('admin', `/activities/${a.id}`)).json()) as ActivityDetail;
    expect(detail.attendeeCount).toBe(3);
  });

  it('imports a list of 250 in several transactions', async () => {
    const a = await create();
    const many = Array.from({ length: 250 }, (_, i) => ({
      name: `Person ${i}`,
      email: `p${i}@example.org`,
      country: 'PK',
    }));
    const res = await as('admin', `/activities/${a.id}/attendees`, 'POST', { attendees: many });
    expect(await res.json()).toEqual({ added: 250, skipped: 0 });
    const detail = (await (await as('admin', `/activities/${a.id}`)).json()) as ActivityDetail;
    expect(detail.attendeeCount).toBe(250);
  });

  it('answers 422 with row paths for invalid attendees', async () => {
    const a = await create();
    const res = await as('admin', `/activities/${a.id}/attendees`, 'POST', {
      attendees: [people[0], { name: '', email: 'nope', country: 'Pakistan' }],
    });
    expect(res.status).toBe(422);
    expect((await paths(res)).sort()).toEqual([
      'json.attendees.1.country',
      'json.attendees.1.email',
      'json.attendees.1.name',
    ]);
  });

  it('deletes an attendee, decrements the count, and answers 404 the second time', async () => {
    const a = await create();
    await as('admin', `/activities/${a.id}/attendees`, 'POST', { attendees: people });
    const [first] = (await (await as('admin', `/activities/${a.id}/attendees`)).json()) as Attendee[];
    const del = await as('admin', `/activities/${a.id}/attendees/${first?.id}`, 'DELETE');
    expect(del.status).toBe(204);
    expect(((await (await as('admin', `/activities/${a.id}`)).json()) as Activity).attendeeCount).toBe(2);
    expect((await as('admin', `/activities/${a.id}/attendees/${first?.id}`, 'DELETE')).status).toBe(404);
  });
});

describe('roles', () => {
  it('lets an evaluator read activities but not write them (403)', async () => {
    const a = await create();
    expect((await as('evaluator', '/activities')).status).toBe(200);
    expect((await as('evaluator', `/activities/${a.id}`)).status).toBe(200);
    expect((await as('evaluator', '/activities', 'POST', training())).status).toBe(403);
    expect((await as('evaluator', `/activities/${a.id}`, 'PUT', { ...training(), version: 1 })).status).toBe(
      403,
    );
    expect(
      (await as('evaluator', `/activities/${a.id}/attendees`, 'POST', { attendees: [{ name: 'X' }] })).status,
    ).toBe(403);
  });

  it('keeps the attendance list (personal data) from evaluators (403)', async () => {
    const a = await create();
    const res = await as('evaluator', `/activities/${a.id}/attendees`);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('audit trail', () => {
  it('records who created, edited and imported, with a summary and no personal data', async () => {
    const a = await create();
    await as('admin', `/activities/${a.id}`, 'PUT', {
      ...training({ expectedParticipants: 30 }),
      version: 1,
    });
    await as('admin', `/activities/${a.id}/attendees`, 'POST', {
      attendees: [{ name: 'Amina Khan', email: 'amina@example.org' }],
    });
    const entries = await listAuditEntries('activity', a.id);
    expect(entries.map((e) => e.action)).toEqual(['create', 'update', 'attendees.import']);
    for (const e of entries) {
      expect(e.actor).toBeTruthy();
      expect(Date.parse(e.at)).not.toBeNaN();
    }
    expect(entries[1]?.changes).toEqual({ fields: ['expectedParticipants'], version: 2 });
    expect(entries[2]?.changes).toEqual({ added: 1 });
    expect(JSON.stringify(entries)).not.toContain('amina');
  });
});

describe('demo activities', () => {
  it('seeds the demo activities once, with fixed ids, 09:00-17:00 UTC and the stated attendance', async () => {
    const demos = demoActivities();
    // Other test files share the stack and may have seeded already: count what exists, not what was added.
    await seedDemoActivities();
    const second = await seedDemoActivities();
    expect(second).toBe(0);
    for (const d of demos) {
      expect((await as('evaluator', `/activities/${demoActivityId(d.id)}`)).status).toBe(200);
    }
    const ohrid = (await (
      await as('evaluator', `/activities/${demoActivityId('ohrid-2022-joint-working-groups')}`)
    ).json()) as Activity;
    expect(ohrid).toMatchObject({
      startsAt: '2022-05-19T09:00:00Z',
      endsAt: '2022-05-20T17:00:00Z',
      format: 'hybrid',
      place: { city: 'Ohrid', country: 'MK' },
      priorityGoals: [1, 5, 6],
      attendance: { participants: 70, countries: 23, organisations: 7 },
    });
  });
});
