import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app.js';
import { handler as bounces } from '../../functions/src/handlers/bounces.js';
import { holdLocalQueue, localQueueIdle } from '../../functions/src/invitations/queue.js';
import { runQueuedJob } from '../../functions/src/invitations/send.js';
import { listDueJobs } from '../../functions/src/invitations/store.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { signIn } from '../support/auth.js';
import { postEventAnswers, putActivity, sentMail } from '../support/fixtures.js';

// E-mails that fit: each invitee in their language, texts per survey kind with placeholders,
// several reminders each sent once, "send now" that only enqueues, bounces marked.

let admin = '';
beforeAll(async () => {
  admin = (await signIn(DEMO_USERS[0].email, DEMO_USERS[0].password)).accessToken;
});

const call = (path: string, init: RequestInit = {}) =>
  app.request(path, {
    ...init,
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
  });

const DAY = 86_400_000;
const tokenIn = (text: string) => /\?i=([\w-]+)/.exec(text)?.[1];

interface Invitation {
  attendeeId: string;
  email: string;
  language: string | null;
  status: string;
  remindersSent: number;
}

/** An activity with an attendance list imported through the API (a language column), and a survey. */
async function setup(body: Record<string, unknown> = {}) {
  const activityId = await putActivity({ title: `Workshop on labour migration ${randomUUID().slice(0, 6)}` });
  const tag = randomUUID().slice(0, 8);
  const people = {
    ar: `layla-${tag}@example.org`,
    ru: `ivan-${tag}@example.org`,
    none: `chen-${tag}@example.org`,
  };
  const imported = await call(`/api/activities/${activityId}/attendees`, {
    method: 'POST',
    body: JSON.stringify({
      attendees: [
        { name: 'Layla Haddad', email: people.ar, language: 'ar' },
        { name: 'Ivan Petrov', email: people.ru, language: 'ru' },
        { name: 'Chen Li', email: people.none },
      ],
    }),
  });
  expect(imported.status).toBe(200);
  const res = await call(`/api/activities/${activityId}/surveys`, {
    method: 'POST',
    body: JSON.stringify({
      templateId: 'post_event_feedback',
      kind: 'post_event',
      sendInvitationsAt: null,
      ...body,
    }),
  });
  expect(res.status).toBe(201);
  const survey = (await res.json()) as { id: string; code: string; reminderDays: number[] };
  return { activityId, survey, people };
}

const invitationsOf = async (surveyId: string) =>
  (await (await call(`/api/surveys/${surveyId}/invitations`)).json()) as Invitation[];

/** Runs this survey's due jobs only, as the sending queue's consumer does (other files share the table). */
async function runJobsOf(surveyId: string, at: Date) {
  const jobs = (await listDueJobs(at.toISOString())).filter((j) => j.surveyId === surveyId);
  const reports = [];
  for (const job of jobs) reports.push(await runQueuedJob(job, at, {}));
  return reports;
}

describe('the attendance list language column', () => {
  it('stores the language of each person from the import, changes it, and refuses one of no participant language', async () => {
    const { activityId } = await setup();
    const list = (await (await call(`/api/activities/${activityId}/attendees`)).json()) as {
      id: string;
      name: string;
      language: string | null;
    }[];
    expect(Object.fromEntries(list.map((a) => [a.name, a.language]))).toEqual({
      'Chen Li': null,
      'Ivan Petrov': 'ru',
      'Layla Haddad': 'ar',
    });
    const chen = list.find((a) => a.name === 'Chen Li')?.id;
    const patch = await call(`/api/activities/${activityId}/attendees/${chen}`, {
      method: 'PATCH',
      body: JSON.stringify({ language: 'fr' }),
    });
    expect(patch.status).toBe(204);
    const after = (await (await call(`/api/activities/${activityId}/attendees`)).json()) as typeof list;
    expect(after.find((a) => a.id === chen)?.language).toBe('fr');

    const bad = await call(`/api/activities/${activityId}/attendees`, {
      method: 'POST',
      body: JSON.stringify({ attendees: [{ name: 'X', email: 'x@example.org', language: 'de' }] }),
    });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await bad.json()) as { errors: { path: (string | number)[] }[] };
    expect(problem.errors[0]?.path).toEqual(['json', 'attendees', 0, 'language']);
  });
});

describe('send now, per-language e-mails', () => {
  it('answers at once with the number queued, then each invitee receives the e-mail of their language', async () => {
    const { survey, people } = await setup();
    holdLocalQueue(true);
    try {
      const started = Date.now();
      const res = await call(`/api/surveys/${survey.id}/invitations/send`, { method: 'POST' });
      const took = Date.now() - started;
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({ queued: 3 });
      expect(took).toBeLessThan(5000);
      // Nothing went out yet: the three are shown queued, the job is in the outbox.
      expect(await sentMail(people.ar)).toHaveLength(0);
      const queued = await invitationsOf(survey.id);
      expect(queued.map((i) => i.status)).toEqual(['queued', 'queued', 'queued']);
      expect((await listDueJobs(new Date().toISOString())).some((j) => j.surveyId === survey.id)).toBe(true);
    } finally {
      holdLocalQueue(false);
    }
    await localQueueIdle();

    const [ar] = await sentMail(people.ar);
    expect(ar?.subject).toMatch(/^رأيك في «Workshop on labour migration/);
    expect(ar?.body.text).toContain('عزيزي/عزيزتي Layla Haddad،');
    expect(ar?.body.text).toContain(`/s/${survey.code}?i=`);
    expect(ar?.body.text).toContain('&lang=ar');
    const [ru] = await sentMail(people.ru);
    expect(ru?.subject).toMatch(/^Ваш отзыв о мероприятии «Workshop/);
    // No language on the list: the survey's default language (English for this template).
    const [en] = await sentMail(people.none);
    expect(en?.subject).toMatch(/^Your feedback on "Workshop/);
    const list = await invitationsOf(survey.id);
    expect(list.map((i) => i.status)).toEqual(['sent', 'sent', 'sent']);
    expect(Object.fromEntries(list.map((i) => [i.email, i.language]))).toEqual({
      [people.ar]: 'ar',
      [people.ru]: 'ru',
      [people.none]: 'en',
    });
  });

  it("uses the survey's own text with placeholders filled, as the preview shows it", async () => {
    const { survey, people } = await setup();
    const own = {
      subject: 'Please, {name}: {survey}',
      body: 'Dear {name},\nyour view of {activity} matters. Closes {closes}.\n{link}\n{organiser}',
    };
    const put = await call(`/api/surveys/${survey.id}/emails`, {
      method: 'PUT',
      body: JSON.stringify({ organiser: 'The MTM secretariat', texts: { ru: { invite: own } } }),
    });
    expect(put.status).toBe(204);
    const texts = (await (await call(`/api/surveys/${survey.id}/emails`)).json()) as {
      kind: string;
      languages: { lang: string; invite: { subject: string; custom: boolean } }[];
    };
    expect(texts.kind).toBe('feedback');
    expect(texts.languages.map((l) => l.lang)).toEqual([
      'en',
      'ru',
      'ar',
      'fa',
      'prs',
      'ps',
      'ur',
      'fr',
      'tr',
    ]);
    expect(texts.languages.find((l) => l.lang === 'ru')?.invite).toMatchObject({ ...own, custom: true });
    expect(texts.languages.find((l) => l.lang === 'ar')?.invite.custom).toBe(false);

    const attendees = (await (
      await call(
        `/api/activities/${((await (await call(`/api/surveys/${survey.id}`)).json()) as { activityId: string }).activityId}/attendees`,
      )
    ).json()) as { id: string; email: string }[];
    const ivan = attendees.find((a) => a.email === people.ru)?.id;
    const preview = await call(`/api/surveys/${survey.id}/emails/preview`, {
      method: 'POST',
      body: JSON.stringify({ language: 'ru', message: 'invite', attendeeId: ivan }),
    });
    expect(preview.status).toBe(200);
    const shown = (await preview.json()) as {
      to: string;
      subject: string;
      text: string;
      html: string;
      dir: string;
    };
    expect(shown.to).toBe(people.ru);
    expect(shown.subject).toBe('Please, Ivan Petrov: Ваш отзыв о мероприятии');
    expect(shown.text).toContain('The MTM secretariat');
    expect(shown.html).toContain('<html lang="ru" dir="ltr">');
    const arabic = (await (
      await call(`/api/surveys/${survey.id}/emails/preview`, {
        method: 'POST',
        body: JSON.stringify({ language: 'ar', message: 'remind' }),
      })
    ).json()) as { subject: string; dir: string; html: string };
    expect(arabic.dir).toBe('rtl');
    expect(arabic.subject).toMatch(/^تذكير: /);

    await call(`/api/surveys/${survey.id}/invitations/send`, { method: 'POST' });
    await localQueueIdle();
    const [mail] = await sentMail(people.ru);
    expect(mail?.subject).toBe(shown.subject);
    expect(mail?.body.text.replace(/\?i=[\w-]+/, '')).toBe(shown.text.replace(/\?lang=ru/, '&lang=ru'));
  });

  it('refuses an unknown placeholder with 422 and the field path, and a preview in no participant language', async () => {
    const { survey } = await setup();
    const res = await call(`/api/surveys/${survey.id}/emails`, {
      method: 'PUT',
      body: JSON.stringify({ texts: { ar: { remind: { subject: 'تذكير', body: '{link} {nmae}' } } } }),
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as { errors: { path: (string | number)[]; message: string }[] };
    expect(problem.errors[0]?.path).toEqual(['json', 'texts', 'ar', 'remind', 'body']);
    expect(problem.errors[0]?.message).toContain('{nmae}');
    const noLink = await call(`/api/surveys/${survey.id}/emails`, {
      method: 'PUT',
      body: JSON.stringify({ texts: { en: { invite: { subject: 'Hi', body: 'No link here' } } } }),
    });
    expect(noLink.status).toBe(422);
    const preview = await call(`/api/surveys/${survey.id}/emails/preview`, {
      method: 'POST',
      body: JSON.stringify({ language: 'de' }),
    });
    expect(preview.status).toBe(422);
    const schedule = await call(`/api/surveys/${survey.id}/schedule`, {
      method: 'PUT',
      body: JSON.stringify({
        opensAt: new Date().toISOString(),
        closesAt: new Date(Date.now() + DAY).toISOString(),
        sendInvitationsAt: null,
        reminderDays: [7, 3],
      }),
    });
    expect(schedule.status).toBe(422);
  });
});

describe('several reminders', () => {
  it('reminds those who have not answered on each chosen day, once each even when a run is retried, never after closing', async () => {
    const { survey, people } = await setup({ reminderDays: [2, 5] });
    expect(survey.reminderDays).toEqual([2, 5]);
    await call(`/api/surveys/${survey.id}/invitations/send`, { method: 'POST' });
    await localQueueIdle();
    // Ivan answers through his link: no reminder for him.
    const token = tokenIn((await sentMail(people.ru))[0]?.body.text ?? '');
    const now = new Date().toISOString();
    const answered = await app.request(`/api/public/surveys/${survey.code}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        responseId: randomUUID(),
        surveyVersion: 1,
        language: 'ru',
        answers: postEventAnswers,
        startedAt: now,
        submittedAt: now,
        invitation: token,
      }),
    });
    expect(answered.status).toBe(201);
    // Opening the survey with a personal link says whether that link was used to answer.
    const open = async (code: string, link?: string) =>
      (await (
        await app.request(`/api/public/surveys/${code}`, { headers: link ? { 'x-invitation': link } : {} })
      ).json()) as { invitation?: string; definition: unknown };
    expect((await open(survey.code, token)).invitation).toBe('answered');
    const laylaToken = tokenIn((await sentMail(people.ar))[0]?.body.text ?? '');
    expect((await open(survey.code, laylaToken)).invitation).toBe('open');
    expect((await open(survey.code)).invitation).toBeUndefined();
    const other = await setup();
    expect((await open(other.survey.code, token)).invitation).toBeUndefined();

    const t0 = Date.now();
    expect(await runJobsOf(survey.id, new Date(t0 + DAY))).toEqual([]); // nothing due yet
    const day2 = new Date(t0 + 2 * DAY + 60_000);
    // The same job run twice at once and once more (a retried run, a redelivered message).
    await Promise.all([runJobsOf(survey.id, day2), runJobsOf(survey.id, day2)]);
    await runJobsOf(survey.id, day2);
    expect((await sentMail(people.ar)).map((m) => m.subject.startsWith('تذكير: '))).toEqual([false, true]);
    expect(await sentMail(people.none)).toHaveLength(2);
    expect(await sentMail(people.ru)).toHaveLength(1);

    const day5 = new Date(t0 + 5 * DAY + 60_000);
    await Promise.all([runJobsOf(survey.id, day5), runJobsOf(survey.id, day5)]);
    await runJobsOf(survey.id, day5);
    const ar = await sentMail(people.ar);
    expect(ar.map((m) => m.subject.startsWith('تذكير: '))).toEqual([false, true, true]);
    // Each reminder carries a link of its own.
    expect(new Set(ar.map((m) => tokenIn(m.body.text))).size).toBe(3);
    expect(await sentMail(people.ru)).toHaveLength(1);
    // No third reminder, and no job left.
    expect(await runJobsOf(survey.id, new Date(t0 + 20 * DAY))).toEqual([]);
    expect(await sentMail(people.none)).toHaveLength(3);
    const list = await invitationsOf(survey.id);
    expect(Object.fromEntries(list.map((i) => [i.email, i.remindersSent]))).toEqual({
      [people.ar]: 2,
      [people.ru]: 0,
      [people.none]: 2,
    });
  });

  it('sends no reminder once the survey has closed', async () => {
    const { survey, people } = await setup({ reminderDays: [2] });
    await call(`/api/surveys/${survey.id}/invitations/send`, { method: 'POST' });
    await localQueueIdle();
    const detail = (await (await call(`/api/surveys/${survey.id}`)).json()) as { opensAt: string };
    const closes = new Date(Date.now() + DAY).toISOString();
    const put = await call(`/api/surveys/${survey.id}/schedule`, {
      method: 'PUT',
      body: JSON.stringify({
        opensAt: detail.opensAt,
        closesAt: closes,
        sendInvitationsAt: null,
        reminderDays: [2],
      }),
    });
    expect(put.status).toBe(204);
    // The reminder would fall after the closing: no job is left for it.
    expect(await runJobsOf(survey.id, new Date(Date.now() + 3 * DAY))).toEqual([]);
    expect(await sentMail(people.ar)).toHaveLength(1);
  });
});

describe('bounces', () => {
  it('marks the invitation bounced from an SES bounce event, and sends it no reminder', async () => {
    const { survey, people } = await setup({ reminderDays: [2] });
    await call(`/api/surveys/${survey.id}/invitations/send`, { method: 'POST' });
    await localQueueIdle();
    const layla = (await invitationsOf(survey.id)).find((i) => i.email === people.ar) as Invitation;
    // As SES event publishing delivers it through SNS (a configuration set's Bounce event).
    const sesEvent = {
      eventType: 'Bounce',
      bounce: {
        feedbackId: '0102017c-1f0e-4a5b-9b8c-EXAMPLE-000000',
        bounceType: 'Permanent',
        bounceSubType: 'General',
        bouncedRecipients: [
          {
            emailAddress: people.ar,
            action: 'failed',
            status: '5.1.1',
            diagnosticCode: 'smtp; 550 5.1.1 user unknown',
          },
        ],
        timestamp: '2026-11-30T10:00:02.000Z',
        reportingMTA: 'dsn; a8-12.smtp-out.amazonses.com',
      },
      mail: {
        timestamp: '2026-11-30T10:00:00.000Z',
        source: 'no-reply@example.org',
        sourceArn: 'arn:aws:ses:eu-central-1:123456789012:identity/example.org',
        sendingAccountId: '123456789012',
        messageId: '0102017c-1f0e-EXAMPLE-000000',
        destination: [people.ar],
        headersTruncated: false,
        tags: {
          'ses:configuration-set': ['rlt-prod'],
          survey: [survey.id],
          attendee: [layla.attendeeId],
        },
      },
    };
    const snsEvent = {
      Records: [
        {
          EventSource: 'aws:sns',
          EventVersion: '1.0',
          EventSubscriptionArn: 'arn:aws:sns:eu-central-1:123456789012:rlt-ses-events:3f1c',
          Sns: {
            Type: 'Notification',
            MessageId: randomUUID(),
            TopicArn: 'arn:aws:sns:eu-central-1:123456789012:rlt-ses-events',
            Subject: null,
            Message: JSON.stringify(sesEvent),
            Timestamp: '2026-11-30T10:00:03.000Z',
            MessageAttributes: {},
          },
        },
        // A transient bounce and an e-mail that is no invitation change nothing.
        {
          Sns: {
            Message: JSON.stringify({ ...sesEvent, bounce: { ...sesEvent.bounce, bounceType: 'Transient' } }),
          },
        },
        { Sns: { Message: JSON.stringify({ ...sesEvent, mail: { ...sesEvent.mail, tags: {} } }) } },
        { Sns: { Message: 'not json' } },
      ],
    };
    expect(await bounces(snsEvent)).toEqual({ bounced: 1 });
    const list = await invitationsOf(survey.id);
    expect(list.find((i) => i.email === people.ar)?.status).toBe('bounced');
    expect(list.filter((i) => i.status === 'sent')).toHaveLength(2);
    await runJobsOf(survey.id, new Date(Date.now() + 2 * DAY + 60_000));
    expect(await sentMail(people.ar)).toHaveLength(1);
    expect(await sentMail(people.none)).toHaveLength(2);
  });
});
