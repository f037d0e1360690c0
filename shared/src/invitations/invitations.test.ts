import { describe, expect, it } from 'vitest';
import {
  defaultEmailText,
  dueReminder,
  EMAIL_KINDS,
  emailKindOf,
  formatCloses,
  INVITEE_LANGUAGES,
  MESSAGES,
  nextReminderAt,
  type PlaceholderValues,
  reminderDaysIssue,
  renderEmail,
  textIssues,
} from './index.js';
import { EmailText, SurveyEmailsInput } from './schema.js';

const values: PlaceholderValues = {
  name: 'Amina <b>Khan</b>',
  activity: 'Border & "migration" training',
  survey: 'Feedback',
  link: 'https://example.org/s/abc?i=t0k&x=1',
  closes: '31 December 2026',
  organiser: 'The secretariat',
};

describe('default e-mail texts', () => {
  it('exist for every language, survey kind and message, each with a link, a name and no unknown placeholder', () => {
    for (const lang of INVITEE_LANGUAGES)
      for (const kind of EMAIL_KINDS)
        for (const message of MESSAGES) {
          const text = defaultEmailText(kind, message, lang);
          expect(textIssues(text), `${lang} ${kind} ${message}`).toEqual([]);
          expect(text.body).toContain('{name}');
          expect(text.subject).toContain('{activity}');
        }
  });

  it('differ by kind and language, and a reminder says it is one', () => {
    const subjects = new Set(
      INVITEE_LANGUAGES.flatMap((l) => EMAIL_KINDS.map((k) => defaultEmailText(k, 'invite', l).subject)),
    );
    expect(subjects.size).toBe(INVITEE_LANGUAGES.length * EMAIL_KINDS.length);
    expect(defaultEmailText('feedback', 'remind', 'en').subject).toBe(
      'Reminder: Your feedback on "{activity}"',
    );
    expect(defaultEmailText('feedback', 'remind', 'ar').subject).toBe('تذكير: رأيك في «{activity}»');
    expect(defaultEmailText('pre_test', 'invite', 'xx').subject).toBe(
      defaultEmailText('pre_test', 'invite', 'en').subject,
    );
  });

  it('says which kind a survey is', () => {
    expect(emailKindOf({ kind: 'pre_test' })).toBe('pre_test');
    expect(emailKindOf({ kind: 'follow_up' })).toBe('follow_up');
    expect(emailKindOf({ kind: 'post_event', sameTestAs: 'X' })).toBe('post_test');
    expect(emailKindOf({ kind: 'post_event', definition: { questions: [{ type: 'knowledge' }] } })).toBe(
      'post_test',
    );
    expect(emailKindOf({ kind: 'post_event', definition: { questions: [{ type: 'likert' }] } })).toBe(
      'feedback',
    );
  });
});

describe('placeholders', () => {
  it('refuses an unknown placeholder at its field, a body without a link and a subject of two lines', () => {
    expect(textIssues({ subject: 'Hello {nmae}', body: 'Go: {link}' })).toEqual([
      expect.objectContaining({ path: ['subject'], code: 'unknown_placeholder' }),
    ]);
    expect(textIssues({ subject: 'Hi', body: 'No link, {name}' })).toEqual([
      expect.objectContaining({ path: ['body'], code: 'missing_link' }),
    ]);
    expect(textIssues({ subject: 'a\nb', body: '{link}' }).map((i) => i.code)).toEqual(['line_break']);
    const parsed = EmailText.safeParse({ subject: 'Hi', body: '{link} {organizer}' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['body']);
    const nested = SurveyEmailsInput.safeParse({
      texts: { ar: { remind: { subject: '{x}', body: '{link}' } } },
    });
    expect(nested.error?.issues[0]?.path).toEqual(['texts', 'ar', 'remind', 'subject']);
    expect(SurveyEmailsInput.safeParse({ texts: { de: {} } }).success).toBe(false);
  });
});

describe('rendering', () => {
  it('fills the plain text as is and escapes every value in the HTML part', () => {
    const mail = renderEmail(
      { subject: 'Hi {name}\n', body: 'Dear {name},\n\n<i>{activity}</i>\n{link}' },
      values,
      'en',
    );
    expect(mail.subject).toBe('Hi Amina <b>Khan</b>');
    expect(mail.text).toBe(
      'Dear Amina <b>Khan</b>,\n\n<i>Border & "migration" training</i>\nhttps://example.org/s/abc?i=t0k&x=1',
    );
    expect(mail.html).toContain('<p>Dear <bdi>Amina &lt;b&gt;Khan&lt;/b&gt;</bdi>,</p>');
    expect(mail.html).toContain('&lt;i&gt;<bdi>Border &amp; &quot;migration&quot; training</bdi>&lt;/i&gt;');
    expect(mail.html).toContain('<a href="https://example.org/s/abc?i=t0k&amp;x=1" dir="ltr">');
    expect(mail.html).not.toContain('<b>');
    expect(mail.dir).toBe('ltr');
  });

  it('writes Arabic right to left with the Latin values isolated', () => {
    const mail = renderEmail(
      defaultEmailText('feedback', 'invite', 'ar'),
      { ...values, name: 'Amina' },
      'ar',
    );
    expect(mail.dir).toBe('rtl');
    expect(mail.html).toContain('<html lang="ar" dir="rtl">');
    expect(mail.html).toContain('عزيزي/عزيزتي <bdi>Amina</bdi>،');
    expect(mail.text.split('\n')).toContain(values.link);
    expect(mail.subject).toBe('رأيك في «Border & "migration" training»');
  });

  it('does not fill placeholders inside values', () => {
    expect(
      renderEmail({ subject: '{name}', body: '{link}' }, { ...values, name: '{link}' }, 'en').subject,
    ).toBe('{link}');
  });

  it('writes the closing date in the language', () => {
    expect(formatCloses('2026-12-31T12:00:00Z', 'en')).toBe('December 31, 2026');
    expect(formatCloses('2026-12-31T12:00:00Z', 'fr')).toBe('31 décembre 2026');
    expect(formatCloses('2026-12-31T12:00:00Z', 'ru')).toContain('2026');
  });
});

describe('reminder schedule', () => {
  const day0 = Date.parse('2026-03-01T10:00:00Z');
  const DAY = 86_400_000;
  const closes = new Date(day0 + 10 * DAY).toISOString();
  const sent = { status: 'sent', sentAt: new Date(day0).toISOString() };

  it('sends reminder n once it is due, one at a time, not after an answer or the closing', () => {
    expect(dueReminder([3, 7], sent, day0 + 2 * DAY, closes)).toBeNull();
    expect(dueReminder([3, 7], sent, day0 + 3 * DAY, closes)).toBe(0);
    expect(dueReminder([3, 7], { ...sent, remindersSent: 1 }, day0 + 4 * DAY, closes)).toBeNull();
    expect(dueReminder([3, 7], { ...sent, remindersSent: 1 }, day0 + 7 * DAY, closes)).toBe(1);
    expect(dueReminder([3, 7], { ...sent, remindersSent: 2 }, day0 + 9 * DAY, closes)).toBeNull();
    expect(dueReminder([3, 7], { ...sent, respondedAt: 'x' }, day0 + 4 * DAY, closes)).toBeNull();
    expect(dueReminder([3, 7], sent, day0 + 10 * DAY, closes)).toBeNull();
    expect(dueReminder([3, 7], { ...sent, status: 'bounced' }, day0 + 4 * DAY, closes)).toBeNull();
    expect(dueReminder([], sent, day0 + 4 * DAY, closes)).toBeNull();
  });

  it('finds the next time a reminder falls due before the closing', () => {
    const other = { status: 'sent', sentAt: new Date(day0 + DAY).toISOString() };
    expect(nextReminderAt([3, 7], [sent, other], day0, closes)).toBe(day0 + 3 * DAY);
    expect(nextReminderAt([3, 7], [{ ...sent, remindersSent: 1 }, other], day0 + 3.5 * DAY, closes)).toBe(
      day0 + 4 * DAY,
    );
    expect(
      nextReminderAt(
        [3, 7],
        [
          { ...sent, remindersSent: 1 },
          { ...other, remindersSent: 1 },
        ],
        day0 + 5 * DAY,
        closes,
      ),
    ).toBe(day0 + 7 * DAY);
    // The second reminder of `other` would fall on the closing day: none left.
    expect(
      nextReminderAt(
        [3, 9],
        [
          { ...sent, remindersSent: 2 },
          { ...other, remindersSent: 1 },
        ],
        day0,
        closes,
      ),
    ).toBeNull();
    expect(nextReminderAt([3], [{ ...sent, respondedAt: 'x' }], day0, closes)).toBeNull();
  });

  it('checks the intervals', () => {
    expect(reminderDaysIssue([3, 7])).toBeNull();
    expect(reminderDaysIssue([7, 3])).toMatch(/increasing/);
    expect(reminderDaysIssue([0])).toMatch(/1 to 90/);
    expect(reminderDaysIssue([1, 2, 3, 4, 5, 6])).toMatch(/At most 5/);
  });
});
