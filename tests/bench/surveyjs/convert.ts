import { COUNTRY_CODES } from '../../../shared/src/surveys/constants.js';
import type { LocalizedText, Question, SurveyDefinition } from '../../../shared/src/surveys/schema.js';

/** Our localised text as SurveyJS's: the same languages, English as `default`. */
const text = (t: LocalizedText | undefined) => {
  if (!t) return undefined;
  const { en, ...rest } = t as Record<string, string>;
  return { default: en, ...rest };
};

const countryNames = new Intl.DisplayNames(['en'], { type: 'region' });

function question(q: Question): Record<string, unknown> {
  const base = { name: q.id, title: text(q.text), isRequired: q.required };
  const any = q as Record<string, unknown> & Question;
  switch (q.type) {
    case 'likert':
      return {
        ...base,
        type: 'radiogroup',
        choices: (any.points as LocalizedText[]).map((p, i) => ({ value: i + 1, text: text(p) })),
      };
    case 'self_rating':
      return {
        ...base,
        type: 'matrix',
        description: text(any.help as LocalizedText | undefined),
        rows: [
          { value: 'before', text: 'Before the event' },
          { value: 'after', text: 'Now' },
        ],
        columns: [1, 2, 3, 4, 5],
      };
    case 'rating_0_10':
      return { ...base, type: 'rating', rateMin: 0, rateMax: 10 };
    case 'long_text':
      return { ...base, type: 'comment', maxLength: any.maxLength };
    default: {
      if (any.profile === 'country')
        return {
          ...base,
          type: 'dropdown',
          choices: COUNTRY_CODES.map((c) => ({ value: c, text: countryNames.of(c) ?? c })),
        };
      const options = (any.options as { id: string; label: LocalizedText }[] | undefined) ?? [];
      return {
        ...base,
        type: 'radiogroup',
        choices: options.map((o) => ({ value: o.id, text: text(o.label) })),
      };
    }
  }
}

/** The same survey as a SurveyJS JSON: one question per page, as our participant page shows it. */
export function toSurveyJs(def: SurveyDefinition): Record<string, unknown> {
  return {
    title: text(def.title),
    description: text(def.intro as LocalizedText | undefined),
    completedHtml: text(def.thanks as LocalizedText | undefined),
    showProgressBar: 'top',
    pages: def.questions.map((q) => ({ name: `p_${q.id}`, elements: [question(q)] })),
  };
}
