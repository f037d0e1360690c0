/** Words of the question editor that follow the language shown: question types, measures, profile kinds, problems. */
import en from '$lib/i18n/en/builder';
import { fill, labels, translator } from '$lib/i18n/index.svelte';
import type { ProfileKind, QuestionType } from '$shared/surveys/schema';
import type { Issue } from './paths';

export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = labels('builder', en, {
  single_choice: 'typeSingle',
  multiple_choice: 'typeMultiple',
  likert: 'typeLikert',
  rating_0_10: 'typeRating',
  number: 'typeNumber',
  short_text: 'typeShort',
  long_text: 'typeLong',
  knowledge: 'typeKnowledge',
  self_rating: 'typeSelfRating',
  profile: 'typeProfile',
});

/** The same words as on indicator pages (`terms`). */
export { MEASURE_LABELS } from '$lib/indicators';

export const PROFILE_LABELS: Record<ProfileKind, string> = labels('builder', en, {
  gender: 'profileGender',
  country: 'profileCountry',
  organisation_type: 'profileOrganisationType',
  role: 'profileRole',
});

const t = translator('builder', en);

/**
 * A problem's message in the language shown: the blank texts the builder's rules find (`The label of
 * option 2 is empty.`) are known by their path; any other message (the schema's, the API's) stays as it came.
 */
export function issueMessage({ path, message }: Issue): string {
  const [head, , part, k, leaf] = path;
  let key: keyof typeof en | null = null;
  let vars: Record<string, number> = {};
  if (path.length === 1 && head === 'title') key = 'emptyTitle';
  else if (path.length === 1 && head === 'thanks') key = 'emptyThanks';
  else if (head === 'questions' && path.length === 3 && part === 'text') key = 'emptyText';
  else if (
    head === 'questions' &&
    path.length === 5 &&
    part === 'options' &&
    leaf === 'label' &&
    typeof k === 'number'
  ) {
    key = 'emptyOption';
    vars = { n: k + 1 };
  } else if (head === 'questions' && path.length === 4 && part === 'points' && typeof k === 'number') {
    key = 'emptyPoint';
    vars = { n: k + 1 };
  } else if (head === 'questions' && path.length === 3 && part === 'beforeLabel') key = 'emptyBefore';
  else if (head === 'questions' && path.length === 3 && part === 'afterLabel') key = 'emptyAfter';
  return key && message === fill(en[key], vars) ? t(key, vars) : message;
}
