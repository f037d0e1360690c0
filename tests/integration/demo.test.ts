import { describe, expect, it } from 'vitest';
import { demoActivityId, seedDemoActivities } from '../../functions/src/activities/demo.js';
import { countResponses } from '../../functions/src/responses/store.js';
import { seedDemoSurveys } from '../../functions/src/surveys/demo.js';
import { listSurveysOfActivity } from '../../functions/src/surveys/store.js';

describe('demo data for npm start', () => {
  it('seeds demo surveys with reproducible responses, and seeding again adds nothing', async () => {
    await seedDemoActivities();
    const first = await seedDemoSurveys();
    expect(first.length).toBe(2);
    expect(first.filter((s) => s.open)).toHaveLength(1);
    const sofia = await listSurveysOfActivity(demoActivityId('sofia-2023-integrated-border-management'));
    expect(sofia).toHaveLength(1);
    const before = await countResponses(sofia[0]!.id);
    expect(before.responses).toBe(41);

    const again = await seedDemoSurveys();
    expect(again.map((s) => s.code)).toEqual(first.map((s) => s.code));
    expect(await countResponses(sofia[0]!.id)).toEqual(before);
    expect(
      await listSurveysOfActivity(demoActivityId('sofia-2023-integrated-border-management')),
    ).toHaveLength(1);
  });
});
