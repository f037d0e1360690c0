import {
  defaultEmailText,
  defaultOrganiser,
  type EmailText,
  emailKindOf,
  formatCloses,
  type Message,
  type RenderedEmail,
  renderEmail,
} from '../../../shared/src/invitations/index.js';
import type { SurveyEmailsInput } from '../../../shared/src/invitations/schema.js';
import type { SurveyMeta } from '../surveys/store.js';

/** A survey as the e-mails need it: kind, texts, titles, closing time. */
export type EmailSurvey = Pick<SurveyMeta, 'kind' | 'sameTestAs' | 'title' | 'languages' | 'closesAt'> & {
  definition?: { questions: { type: string }[] };
  emails?: SurveyEmailsInput;
};

/** The text of a message in a language: the survey's own when saved, else the default of its kind. */
export function textFor(survey: EmailSurvey, message: Message, lang: string): EmailText {
  const own = survey.emails?.texts?.[lang as keyof NonNullable<SurveyEmailsInput['texts']>]?.[message];
  return own ?? defaultEmailText(emailKindOf(survey), message, lang);
}

/** One invitee's e-mail, rendered from the survey's text for `lang`. */
export function composeEmail(
  survey: EmailSurvey,
  activityTitle: string,
  person: { name: string },
  message: Message,
  lang: string,
  link: string,
  draft?: { text?: EmailText; organiser?: string | null },
): RenderedEmail {
  const organiser =
    (draft?.organiser !== undefined ? draft.organiser : survey.emails?.organiser) || defaultOrganiser(lang);
  const title = survey.title[lang] || survey.title[survey.languages[0] ?? 'en'] || activityTitle;
  return renderEmail(
    draft?.text ?? textFor(survey, message, lang),
    {
      name: person.name,
      activity: activityTitle,
      survey: title,
      link,
      closes: formatCloses(survey.closesAt, lang),
      organiser,
    },
    lang,
  );
}
