/**
 * The participant page's own texts (not the survey's) in the dialogue's languages. No i18n
 * library: the page must stay tiny. English is built in; each other language is a small chunk in
 * `./lang/` loaded when shown. `{name}` placeholders are filled by `fill`.
 */

const en = {
  language: 'Language',
  loading: 'Loading the survey…',
  start: 'Start',
  next: 'Next',
  back: 'Back',
  submit: 'Send my answers',
  required: 'required',
  progress: 'Question {n} of {total}',
  answerRequired: 'Please answer this question.',
  checkAnswer: 'Please check this answer.',
  wholeNumber: 'Please enter a whole number.',
  atLeast: 'Please enter {min} or more.',
  atMost: 'Please enter {max} or less.',
  tooLong: 'Please use at most {max} characters.',
  charsLeft: '{n} characters left',
  selectAtLeast: 'Please select at least {n}.',
  selectAtMost: 'Please select at most {n}.',
  searchCountry: 'Search for a country',
  noCountry: 'No country matches your search.',
  savedOnDevice: 'Your answers are saved on this device as you go.',
  pairingCode: 'Your pairing code',
  pairingHelp: 'Note this code. It links your tests before and after the training without your name.',
  pairingOther: 'I have a code from another device',
  pairingInvalid: 'This code is not valid: please check each character (it looks like K7Q-F3M-ZP5).',
  sending: 'Sending your answers…',
  offline: 'You are offline — your answers are saved and will be sent when you are back online.',
  serverBusy:
    'The server could not take your answers just now. They are saved and will be sent again automatically.',
  tooLarge: 'Your answers are too long to send. Please shorten your texts.',
  tryAgain: 'Try again',
  sentTitle: 'Thank you!',
  notFoundTitle: 'Survey not found',
  notFoundText: 'Please check the link or QR code you were given.',
  notYetTitle: 'This survey is not open yet',
  notYetText: 'It opens on {date}.',
  closedTitle: 'This survey is closed',
  closedText: 'It closed on {date}. Thank you for your interest.',
  unreachableTitle: 'The survey cannot be loaded',
  unreachableText: 'There seems to be no connection. Check it; we will try again automatically.',
  fixErrors: 'Some answers need your attention.',
  offlineBanner: 'You are offline. You can keep answering: your answers are saved on this device.',
  queuedTitle: 'Saved on this device',
  answeredTitle: 'You have already answered',
  answeredText: 'Your answers to this survey were already received through this personal link. Thank you!',
};

export type Strings = typeof en;

/** The languages the page's own texts exist in. */
export const UI_LANGUAGES = ['en', 'ru', 'ar', 'fa', 'prs', 'ps', 'ur', 'fr', 'tr'];

// One small chunk per language, fetched only when that language is shown.
const loaders = import.meta.glob<{ default: Strings }>('./lang/*.ts');
const cache = new Map<string, Strings>([['en', en]]);

/** The page's texts for a language tag (`ar-IQ` → ar) if already loaded, else English. */
export function stringsFor(lang: string): Strings {
  return cache.get(lang) ?? cache.get(lang.split('-')[0] ?? '') ?? en;
}

/** Loads the texts of a language (English when the page has none for it); never rejects. */
export async function loadStrings(lang: string): Promise<Strings> {
  const primary = lang.split('-')[0] ?? lang;
  const known = cache.get(lang) ?? cache.get(primary);
  if (known) return known;
  const load = loaders[`./lang/${primary}.ts`];
  if (!load) return en;
  try {
    const strings = (await load()).default;
    cache.set(primary, strings);
    return strings;
  } catch {
    return en; // offline before this language was ever cached
  }
}

/** Fills `{name}` placeholders: `fill('Question {n} of {total}', { n: 3, total: 12 })`. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
