import * as z from 'zod/mini';

/**
 * A row of the survey list (GET /api/surveys), for the API reference. Apart from the list's pure
 * filters and sorts (./list.ts), so the list page loads no zod.
 */
export const SurveyListRow = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.string(),
  title: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  /** The survey itself is archived (closed, read-only; its responses still count). */
  archived: z.boolean(),
  activity: z.object({
    id: z.string(),
    title: z.string(),
    startsAt: z.string(),
    priorityGoals: z.array(z.int()),
    actionPointCodes: z.array(z.string()),
    projectId: z.nullable(z.string()),
    place: z.nullable(z.object({ city: z.string(), country: z.string() })),
    archived: z.boolean(),
  }),
});
export type SurveyListRow = z.infer<typeof SurveyListRow>;
