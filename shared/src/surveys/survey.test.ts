import { describe, expect, it } from 'vitest';
import type { SurveyKind } from './schema.js';
import { defaultSchedule, SurveySchedule, surveyStatus } from './survey.js';

const DAY = 86_400_000;
const kinds: SurveyKind[] = ['pre_test', 'post_event', 'follow_up'];
const activityAt = (startOffsetDays: number, now: Date) => {
  const start = now.getTime() + startOffsetDays * DAY;
  return { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * DAY).toISOString() };
};

describe('defaultSchedule', () => {
  const now = new Date('2026-11-30T12:00:00Z');

  it('sends a post-event survey 2 hours after a future activity ends and closes 30 days later', () => {
    const activity = activityAt(10, now);
    const s = defaultSchedule('post_event', activity, now);
    expect(s.opensAt).toBe(now.toISOString());
    expect(Date.parse(s.sendInvitationsAt)).toBe(Date.parse(activity.endsAt) + 2 * 3_600_000);
    expect(Date.parse(s.closesAt)).toBe(Date.parse(s.sendInvitationsAt) + 30 * DAY);
  });

  it('gives a valid, still open schedule for every kind of survey of an activity long over', () => {
    const activity = activityAt(-200, now);
    for (const kind of kinds) {
      const s = defaultSchedule(kind, activity, now);
      expect(SurveySchedule.safeParse(s).success, kind).toBe(true);
      expect(Date.parse(s.sendInvitationsAt), kind).toBe(now.getTime());
      expect(Date.parse(s.closesAt), kind).toBeGreaterThan(now.getTime());
    }
  });

  it('closes after an opening time the administrator chose', () => {
    const opensAt = new Date(now.getTime() + 100 * DAY).toISOString();
    for (const kind of kinds) {
      const s = defaultSchedule(kind, activityAt(-3, now), now, { opensAt });
      expect(s.opensAt).toBe(opensAt);
      expect(Date.parse(s.closesAt), kind).toBeGreaterThan(Date.parse(opensAt));
    }
  });

  it('closes a pre-test of a future activity when the activity ends', () => {
    const activity = activityAt(30, now);
    const s = defaultSchedule('pre_test', activity, now);
    expect(s.closesAt).toBe(activity.endsAt);
    expect(Date.parse(s.sendInvitationsAt)).toBe(Date.parse(activity.startsAt) - 7 * DAY);
  });
});

describe('surveyStatus', () => {
  const window = { opensAt: '2026-03-01T09:00:00Z', closesAt: '2026-03-15T09:00:00Z' };
  it('is open from the opening (inclusive) to the closing (exclusive)', () => {
    expect(surveyStatus(window, new Date('2026-03-01T08:59:59Z'))).toBe('not_yet_open');
    expect(surveyStatus(window, new Date('2026-03-01T09:00:00Z'))).toBe('open');
    expect(surveyStatus(window, new Date('2026-03-15T08:59:59Z'))).toBe('open');
    expect(surveyStatus(window, new Date('2026-03-15T09:00:00Z'))).toBe('closed');
  });
  it('is closed once archived, whatever its window', () => {
    const archived = { ...window, archived: { at: '2026-03-02T00:00:00Z' } };
    expect(surveyStatus(archived, new Date('2026-03-05T00:00:00Z'))).toBe('closed');
    expect(surveyStatus(archived, new Date('2026-02-01T00:00:00Z'))).toBe('closed');
    expect(surveyStatus({ ...window, archived: null }, new Date('2026-03-05T00:00:00Z'))).toBe('open');
  });
});
