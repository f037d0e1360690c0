import { sameSubmission, scoreKnowledge, validateAnswers } from '../../../shared/src/responses/rules.js';
import type { SurveyKind } from '../../../shared/src/surveys/schema.js';
import { templates } from '../../../shared/src/surveys/templates.js';
import { demoActivityId } from '../activities/demo.js';
import { getActivity } from '../activities/store.js';
import { scheduleJobs } from '../invitations/send.js';
import { stableId } from '../lib/ids.js';
import { submitResponse } from '../responses/store.js';
import { createSurvey, getSurveyMeta, type SurveyMeta } from './store.js';
import { knowledgeAnswers, pick, postEventAnswers, prng, uuidFrom } from './synthetic.js';

// Demo surveys with synthetic responses, generated reproducibly from a seed, so that results pages
// have something to show on a fresh `npm start`. Fixed ids and response ids: seeding twice adds nothing.

interface DemoSurvey {
  activitySlug: string;
  kind: SurveyKind;
  template: 'post_event_feedback' | 'knowledge_test';
  responses: number;
  /** Open for a year from now, so the participant page can be tried; else closed 30 days after. */
  openNow: boolean;
  /** Knowledge tests: the chance of a right answer, and how many respondents also took the other test. */
  knowledge?: { p: number; paired: number };
}

const DEMO_SURVEYS: DemoSurvey[] = [
  {
    activitySlug: 'sofia-2023-integrated-border-management',
    kind: 'post_event',
    template: 'post_event_feedback',
    responses: 41,
    openNow: true,
  },
  {
    activitySlug: 'ohrid-2022-joint-working-groups',
    kind: 'post_event',
    template: 'post_event_feedback',
    responses: 52,
    openNow: false,
  },
  // A national training with a knowledge test before and after: 18 respondents took both.
  {
    activitySlug: 'erbil-2016-national-training',
    kind: 'pre_test',
    template: 'knowledge_test',
    responses: 22,
    openNow: false,
    knowledge: { p: 0.45, paired: 18 },
  },
  {
    activitySlug: 'erbil-2016-national-training',
    kind: 'post_event',
    template: 'knowledge_test',
    responses: 20,
    openNow: false,
    knowledge: { p: 0.78, paired: 18 },
  },
];

/** The public code of a demo survey: derived from its id, so it is the same on every machine. */
const demoCode = (surveyId: string) => stableId(`code:${surveyId}`).slice(0, 12);

/** Writes the demo surveys and their synthetic responses that are not there yet; returns their public codes. */
export async function seedDemoSurveys(
  now = new Date(),
): Promise<{ title: string; code: string; open: boolean }[]> {
  const out: { title: string; code: string; open: boolean }[] = [];
  for (const [index, d] of DEMO_SURVEYS.entries()) {
    const activity = await getActivity(demoActivityId(d.activitySlug));
    if (!activity) continue;
    const id = stableId(
      `demo-survey:${d.activitySlug}:${d.kind}${d.template === 'knowledge_test' ? ':knowledge' : ''}`,
    );
    let survey: SurveyMeta | null = await getSurveyMeta(id);
    if (!survey) {
      const template =
        d.template === 'knowledge_test'
          ? templates.knowledge_test(d.kind === 'post_event' ? 'post_event' : 'pre_test')
          : templates.post_event_feedback();
      const end = Date.parse(activity.endsAt);
      survey = {
        id,
        activityId: activity.id,
        kind: d.kind,
        code: demoCode(id),
        templateId: d.template,
        title: template.title,
        languages: template.languages,
        currentVersion: 1,
        opensAt: new Date(
          d.kind === 'pre_test' ? Date.parse(activity.startsAt) - 7 * 86_400_000 : end + 2 * 3_600_000,
        ).toISOString(),
        closesAt: d.openNow
          ? new Date(now.getTime() + 365 * 86_400_000).toISOString()
          : new Date(end + 30 * 86_400_000).toISOString(),
        sendInvitationsAt: null,
        reminderDays: [],
        invitedCount: 0,
        createdAt: now.toISOString(),
        definition: { ...template, id: `survey_${id}`, version: 1, kind: d.kind },
      };
      try {
        await createSurvey(survey, 'demo-seed');
        await scheduleJobs(survey);
      } catch (err) {
        survey = await getSurveyMeta(id);
        if (!survey) throw err;
      }
    }
    const r = prng(2026 + index);
    for (let i = 0; i < d.responses; i++) {
      const responseId = uuidFrom(r);
      const language = pick(r, ['en', 'ru', 'ar'], [5, 3, 2]);
      const answers = d.knowledge
        ? {
            ...knowledgeAnswers(survey.definition, r, d.knowledge.p),
            gender: pick(r, ['female', 'male'], [2, 3]),
          }
        : postEventAnswers(r);
      const pairingCode = d.knowledge
        ? i < d.knowledge.paired
          ? `demo-erbil-${i}`
          : `demo-erbil-${d.kind}-${i}`
        : undefined;
      const checked = validateAnswers(survey.definition, answers);
      if (!checked.ok) throw new Error(`demo answers invalid: ${JSON.stringify(checked.issues)}`);
      const at = new Date(Date.parse(survey.opensAt) + i * 600_000).toISOString();
      const submission = {
        responseId,
        surveyVersion: 1,
        language,
        answers: checked.value,
        startedAt: at,
        submittedAt: at,
      };
      const score = scoreKnowledge(survey.definition, checked.value);
      await submitResponse(
        {
          surveyId: id,
          activityId: survey.activityId,
          responseId,
          surveyVersion: 1,
          language,
          answers: checked.value,
          pairingCode,
          score:
            score.maxPoints > 0
              ? { points: score.points, maxPoints: score.maxPoints, percent: score.percent }
              : undefined,
          startedAt: at,
          submittedAt: at,
          receivedAt: at,
          submission,
        },
        null,
        sameSubmission,
        false,
      );
    }
    out.push({ title: activity.title, code: survey.code, open: d.openNow });
  }
  return out;
}
