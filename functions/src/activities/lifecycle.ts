import type { Activity, ActivityDependents } from '../../../shared/src/activities/schema.js';
import { hasResponses } from '../../../shared/src/surveys/survey.js';
import { ProblemError } from '../lib/problem.js';
import { deleteUnansweredSurvey, listSurveysOfActivity } from '../surveys/store.js';
import { deleteActivityItems } from './store.js';

/** What depends on an activity: its surveys with their responses, its attendance list. */
export async function dependentsOf(activity: Activity): Promise<ActivityDependents> {
  const surveys = await listSurveysOfActivity(activity.id);
  const responses = surveys.reduce((n, s) => n + s.responseCount, 0);
  return {
    surveys: surveys.map((s) => ({
      id: s.id,
      title: s.definition.title.en ?? Object.values(s.definition.title)[0] ?? s.kind,
      kind: s.kind,
      responses: s.responseCount,
    })),
    attendees: activity.attendeeCount,
    responses,
    deletable: !surveys.some(hasResponses),
  };
}

/** An archived activity is read-only: 409 for any change but bringing it back. */
export function refuseArchived(activity: Pick<Activity, 'archived' | 'id'>): void {
  if (activity.archived)
    throw new ProblemError(
      409,
      'activity-archived',
      'This activity is archived, so it is read-only. Bring it back from the archive to change it.',
    );
}

/**
 * Deletes an activity nobody answered: its surveys (with their links, versions, scheduled e-mails
 * and invitations), its attendance list, the activity, and (through the roll-up consumer) its
 * roll-up. 409 when a survey has responses: such an activity is archived instead.
 */
export async function deleteActivity(activity: Activity, actor: string): Promise<void> {
  const answered = () =>
    new ProblemError(
      409,
      'activity-answered',
      'This activity has responses, so it cannot be deleted: archive it instead (its results stay).',
    );
  const surveys = await listSurveysOfActivity(activity.id);
  if (surveys.some(hasResponses)) throw answered();
  const now = new Date().toISOString();
  for (const s of surveys) {
    try {
      await deleteUnansweredSurvey(s, actor, now);
    } catch (err) {
      if ((err as Error).name === 'TransactionCanceledException') throw answered();
      throw err;
    }
  }
  try {
    await deleteActivityItems(activity, actor);
  } catch (err) {
    if ((err as Error).name === 'TransactionCanceledException')
      throw new ProblemError(409, 'stale-version', 'The activity changed meanwhile. Reload and try again.');
    throw err;
  }
}
