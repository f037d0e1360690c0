import { describe, expect, it } from 'vitest';
import { demoActivityId, seedDemoActivities } from '../../functions/src/activities/demo.js';
import { app } from '../../functions/src/app.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { countResponses } from '../../functions/src/responses/store.js';
import { seedDemoSurveys } from '../../functions/src/surveys/demo.js';
import { listSurveysOfActivity } from '../../functions/src/surveys/store.js';
import { signIn } from '../support/auth.js';
import { rollupsSettled } from '../support/rollups.js';

describe('demo data for npm start', () => {
  it('seeds demo surveys with reproducible responses, and seeding again adds nothing', async () => {
    await seedDemoActivities();
    const first = await seedDemoSurveys();
    expect(first.length).toBe(4);
    expect(first.filter((s) => s.open)).toHaveLength(1);
    const sofia = await listSurveysOfActivity(demoActivityId('sofia-2023-integrated-border-management'));
    expect(sofia).toHaveLength(1);
    // The counters are moved by the stream consumer, once per stored response.
    await rollupsSettled();
    const before = await countResponses(sofia[0]!.id);
    expect(before.responses).toBe(41);

    const again = await seedDemoSurveys();
    expect(again.map((s) => s.code)).toEqual(first.map((s) => s.code));
    await rollupsSettled();
    expect(await countResponses(sofia[0]!.id)).toEqual(before);
    expect(
      await listSurveysOfActivity(demoActivityId('sofia-2023-integrated-border-management')),
    ).toHaveLength(1);
  });

  it('gives the learning page paired pre/post knowledge scores for the demo training', async () => {
    await seedDemoActivities();
    await seedDemoSurveys();
    await rollupsSettled(60_000);
    const token = (await signIn(DEMO_USERS[1].email, DEMO_USERS[1].password)).accessToken;
    const res = await app.request(
      `/api/results/activities/${demoActivityId('erbil-2016-national-training')}/learning`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      pre: { n: number };
      post: { n: number };
      paired: { n: number; meanChange: number };
    };
    expect(body.pre.n).toBe(22);
    expect(body.post.n).toBe(20);
    expect(body.paired.n).toBe(18);
    // Right more often after the training (p 0.45 before, 0.78 after): the mean change is positive.
    expect(body.paired.meanChange).toBeGreaterThan(0);
  });
});
