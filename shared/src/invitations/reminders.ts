/**
 * Reminders: each invitation that is not answered gets one reminder per chosen interval (days after
 * its own invitation was sent), never after the survey closes. Pure: the sender asks which reminder
 * is due for an invitation, claims it, and asks when the next one falls due.
 */

const DAY = 86_400_000;

/** The most reminders a survey may send, and the longest interval (days). */
export const MAX_REMINDERS = 5;
export const MAX_REMINDER_DAYS = 90;

export interface ReminderState {
  sentAt?: string | null;
  respondedAt?: string | null;
  /** How many reminders this invitation has had (claimed). */
  remindersSent?: number;
  status: string;
}

/** The time reminder `n` (0-based) of an invitation falls due, or null when there is no such reminder. */
export function reminderDueAt(days: readonly number[], sentAt: string, n: number): number | null {
  const d = days[n];
  return d === undefined ? null : Date.parse(sentAt) + d * DAY;
}

/**
 * The reminder (0-based) due for an invitation at `now`, or null: only after a successful
 * invitation, never once answered or closed, and one at a time (a run that finds two due, after a
 * pause, sends the next one only; the later one follows on a later run, not in the same minute).
 * `dueReminder([3, 7], { status: 'sent', sentAt: day0 }, day0 + 4 days, closes)` → 0.
 */
export function dueReminder(
  days: readonly number[],
  inv: ReminderState,
  now: number,
  closesAt: string,
): number | null {
  if (inv.status !== 'sent' || !inv.sentAt || inv.respondedAt) return null;
  if (now >= Date.parse(closesAt)) return null;
  const n = inv.remindersSent ?? 0;
  const due = reminderDueAt(days, inv.sentAt, n);
  return due !== null && due <= now ? n : null;
}

/**
 * When the survey's reminder job should run next: the earliest time a reminder of any invitation
 * falls due after `now` (or is due already), before the survey closes; null when none is left.
 */
export function nextReminderAt(
  days: readonly number[],
  invitations: readonly ReminderState[],
  now: number,
  closesAt: string,
): number | null {
  const closes = Date.parse(closesAt);
  let next: number | null = null;
  for (const inv of invitations) {
    if (inv.respondedAt || !inv.sentAt) continue;
    if (inv.status !== 'sent' && inv.status !== 'queued' && inv.status !== 'sending') continue;
    const due = reminderDueAt(days, inv.sentAt, inv.remindersSent ?? 0);
    if (due === null || due >= closes) continue;
    const at = Math.max(due, now);
    if (next === null || at < next) next = at;
  }
  return next;
}

/** Checks a list of intervals: whole days, increasing, within bounds. */
export function reminderDaysIssue(days: readonly number[]): string | null {
  if (days.length > MAX_REMINDERS) return `At most ${MAX_REMINDERS} reminders.`;
  for (let i = 0; i < days.length; i++) {
    const d = days[i] as number;
    if (!Number.isInteger(d) || d < 1 || d > MAX_REMINDER_DAYS)
      return `Each reminder is 1 to ${MAX_REMINDER_DAYS} whole days after the invitation.`;
    if (i > 0 && d <= (days[i - 1] as number)) return 'Reminders go in increasing order of days, each once.';
  }
  return null;
}
