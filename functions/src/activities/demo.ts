import { ActivityInput } from '../../../shared/src/activities/schema.js';
import { demoActivities } from '../../../shared/src/framework/demo-activities.js';
import type { DemoActivity } from '../../../shared/src/framework/schema.js';
import { stableId } from '../lib/ids.js';
import { createActivity, getActivity } from './store.js';

/** The fixed id of a demo activity, from its slug: seeding twice writes nothing new. */
export const demoActivityId = (slug: string) => stableId(`demo-activity:${slug}`);

/** A demo activity as an administrator would have entered it: 09:00-17:00 UTC on its first and last day. */
export function demoActivityInput(d: DemoActivity): ActivityInput {
  const a = d.attendance;
  return ActivityInput.parse({
    title: d.title,
    type: d.type,
    startsAt: `${d.startDate}T09:00:00Z`,
    endsAt: `${d.endDate}T17:00:00Z`,
    format: d.format,
    place: d.place,
    expectedParticipants: a?.participants ?? null,
    actionPointCodes: d.actionPointCodes,
    priorityGoals: d.priorityGoals,
    pillar: d.pillar,
    projectId: d.projectId,
    // "30 countries and organisations" stays unsplit in the seed data; only stated figures are kept.
    attendance: a
      ? {
          participants: a.participants,
          countries: a.countries,
          organisations: a.organisations,
          women: a.women,
        }
      : null,
  });
}

/** Writes the demo activities of seeds 001, 003 and 004 that are not there yet; returns how many were added. */
export async function seedDemoActivities(actor = 'demo-seed'): Promise<number> {
  let added = 0;
  for (const d of demoActivities()) {
    const id = demoActivityId(d.id);
    if (await getActivity(id)) continue;
    try {
      await createActivity(demoActivityInput(d), actor, { id });
      added++;
    } catch (err) {
      // Another process seeded it between the read and the write: the condition kept one copy.
      if (!(await getActivity(id))) throw err;
    }
  }
  return added;
}
