import { describe, expect, it } from 'vitest';
import {
  addQuestion,
  blankDefinition,
  blankQuestion,
  conditionTargets,
  definitionIssues,
  type Edit,
  moveQuestion,
  QUESTION_TYPE_LABELS,
  questionBank,
  removeQuestion,
  tidyDefinition,
  withLikertScale,
  withNewOption,
  withProfileKind,
} from './builder.js';
import { type QuestionType, SurveyDefinition } from './schema.js';
import { followUpTemplate, postEventTemplate } from './templates.js';

const TYPES = Object.keys(QUESTION_TYPE_LABELS) as QuestionType[];

/** The definition of a successful edit, checked against the schema. */
function ok(edit: Edit): SurveyDefinition {
  if (!edit.ok) throw new Error(`refused: ${edit.reason}`);
  const parsed = SurveyDefinition.safeParse(edit.definition);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return edit.definition;
}

const ids = (def: SurveyDefinition) => def.questions.map((q) => q.id);
const pages = (def: SurveyDefinition) => def.pages?.map((p) => [p.id, p.questionIds]);

/** A small definition with two pages and a condition, for the edit tests. */
function small(): SurveyDefinition {
  const langs = ['en', 'ar'];
  const a = { ...blankQuestion('single_choice', [], langs), id: 'a', text: { en: 'A?', ar: 'أ؟' } };
  const b = { ...blankQuestion('short_text', [], langs), id: 'b', text: { en: 'B?', ar: 'ب؟' } };
  const c = {
    ...blankQuestion('short_text', [], langs),
    id: 'c',
    text: { en: 'C?', ar: 'ج؟' },
    showIf: { questionId: 'a', equals: 'option_1' },
  };
  const d = { ...blankQuestion('number', [], langs), id: 'd', text: { en: 'D?', ar: 'د؟' } };
  return SurveyDefinition.parse({
    id: 'small',
    version: 1,
    kind: 'post_event',
    title: { en: 'Small', ar: 'صغير' },
    thanks: { en: 'Thanks', ar: 'شكرا' },
    languages: langs,
    questions: [a, b, c, d],
    pages: [
      { id: 'p1', questionIds: ['a', 'b'] },
      { id: 'p2', questionIds: ['c', 'd'] },
    ],
  });
}

describe('the question bank', () => {
  const bank = questionBank();

  it('has every question of the three built-in templates once', () => {
    const all = [postEventTemplate(), followUpTemplate()].flatMap(ids);
    for (const id of all) expect(bank.filter((e) => e.id === id)).toHaveLength(1);
    expect(new Set(bank.map((e) => e.id)).size).toBe(bank.length);
    expect(bank.map((e) => e.id)).toContain('k_non_refoulement');
    // 14 post-event + 5 knowledge items + 6 follow-up questions of its own.
    expect(bank).toHaveLength(25);
  });

  it('says where each question comes from, and that profile questions are in all three', () => {
    const gender = bank.find((e) => e.id === 'gender')!;
    expect(gender.templateId).toBe('post_event_feedback');
    expect(gender.templateIds).toEqual(['post_event_feedback', 'knowledge_test', 'follow_up_3_months']);
    expect(gender).toMatchObject({ type: 'profile', measure: 'profile' });
    const applied = bank.find((e) => e.id === 'applied')!;
    expect(applied.templateIds).toEqual(['follow_up_3_months']);
    expect(bank.find((e) => e.id === 'k_reintegration')).toMatchObject({
      type: 'knowledge',
      templateId: 'knowledge_test',
      measure: 'knowledge',
    });
  });
});

describe('blank questions', () => {
  it.each(TYPES)('a blank %s question is valid in a survey and gets a fresh id', (type) => {
    const def = small();
    const q = blankQuestion(type, ids(def), def.languages);
    expect(q.type).toBe(type);
    expect(ids(def)).not.toContain(q.id);
    expect(q.id).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(q.text).toEqual({ en: '', ar: '' });
    const added = ok(addQuestion(def, q));
    expect(ids(added).at(-1)).toBe(q.id);
  });

  it('gives unique ids when added again and again', () => {
    let def = small();
    for (let n = 0; n < 3; n++)
      def = ok(addQuestion(def, blankQuestion('single_choice', ids(def), def.languages)));
    expect(ids(def).slice(4)).toEqual(['choice_1', 'choice_2', 'choice_3']);
  });

  it('has sensible defaults per type', () => {
    const langs = ['en', 'ru', 'fr'];
    const choice = blankQuestion('single_choice', [], langs);
    expect(choice.type === 'single_choice' && choice.options).toEqual([
      { id: 'option_1', label: { en: 'Option 1', ru: '', fr: '' } },
      { id: 'option_2', label: { en: 'Option 2', ru: '', fr: '' } },
    ]);
    const likert = blankQuestion('likert', [], langs);
    if (likert.type !== 'likert') throw new Error('likert');
    expect(likert.points).toHaveLength(5);
    expect(likert.points[0]).toEqual({ en: 'Strongly disagree', ru: 'Совершенно не согласен(на)', fr: '' });
    const knowledge = blankQuestion('knowledge', [], langs);
    expect(knowledge).toMatchObject({ correct: ['option_1'], points: 1, measure: 'knowledge', level: 2 });
    const profile = blankQuestion('profile', ['gender'], langs);
    expect(profile).toMatchObject({ id: 'country', profile: 'country' });
    expect('options' in profile).toBe(false);
    const rating = blankQuestion('rating_0_10', [], ['en']);
    expect(rating).toMatchObject({
      minLabel: { en: 'Not at all likely' },
      maxLabel: { en: 'Extremely likely' },
    });
  });

  it('switches a likert scale to 7 points and a profile question to another kind', () => {
    const likert = blankQuestion('likert', [], ['en']);
    if (likert.type !== 'likert') throw new Error('likert');
    const seven = withLikertScale(likert, 7, ['en']);
    expect(seven.points.map((p) => p.en)).toHaveLength(7);
    expect(seven.points[2]).toEqual({ en: 'Somewhat disagree' });
    const profile = blankQuestion('profile', [], ['en']);
    if (profile.type !== 'profile') throw new Error('profile');
    const role = withProfileKind(profile, 'role', ['en']);
    expect(role.options?.map((o) => o.id)).toContain('frontline_officer');
    expect('options' in withProfileKind(profile, 'country', ['en'])).toBe(false);
  });

  it('adds options with a fresh id', () => {
    const options = withNewOption(
      [
        { id: 'option_1', label: { en: 'x' } },
        { id: 'option_3', label: { en: 'y' } },
      ],
      ['en'],
    );
    expect(options.map((o) => o.id)).toEqual(['option_1', 'option_3', 'option_2']);
  });
});

describe('adding questions', () => {
  it('inserts after a given question, which keeps its page', () => {
    const def = small();
    const q = blankQuestion('long_text', ids(def), def.languages);
    const added = ok(addQuestion(def, q, 'b'));
    expect(ids(added)).toEqual(['a', 'b', q.id, 'c', 'd']);
    expect(pages(added)).toEqual([
      ['p1', ['a', 'b', q.id]],
      ['p2', ['c', 'd']],
    ]);
  });

  it('at the start joins the first page, at the end the last one', () => {
    const def = small();
    const first = ok(addQuestion(def, blankQuestion('number', ids(def), def.languages), null));
    expect(ids(first)[0]).toBe('number_1');
    expect(pages(first)?.[0]).toEqual(['p1', ['number_1', 'a', 'b']]);
    const last = ok(addQuestion(def, blankQuestion('number', ids(def), def.languages)));
    expect(pages(last)?.[1]).toEqual(['p2', ['c', 'd', 'number_1']]);
  });

  it('adds from the bank in the survey languages, dropping a condition that has nothing to refer to', () => {
    const def = small();
    const howApplied = questionBank().find((e) => e.id === 'how_applied')!.question;
    expect(howApplied.showIf?.questionId).toBe('applied');
    const added = ok(addQuestion(def, howApplied, 'a'));
    const q = added.questions[1]!;
    expect(q.id).toBe('how_applied');
    expect(q.showIf).toBeUndefined();
    expect(Object.keys(q.text)).toEqual(['en', 'ar']);
    expect(q.text.ar).toMatch(/[\u0600-\u06FF]/);
  });

  it('refuses a question id the survey already has', () => {
    const def = small();
    const edit = addQuestion(def, def.questions[0]!);
    expect(edit).toEqual({ ok: false, reason: 'The survey already has a question "a".' });
  });
});

describe('moving questions', () => {
  it('swaps with a neighbour on the same page', () => {
    const moved = ok(moveQuestion(small(), 'd', 'up'));
    expect(ids(moved)).toEqual(['a', 'b', 'd', 'c']);
    expect(pages(moved)).toEqual([
      ['p1', ['a', 'b']],
      ['p2', ['d', 'c']],
    ]);
  });

  it('crosses a page boundary by changing page, keeping the order', () => {
    const up = ok(moveQuestion(small(), 'c', 'up'));
    expect(ids(up)).toEqual(['a', 'b', 'c', 'd']);
    expect(pages(up)).toEqual([
      ['p1', ['a', 'b', 'c']],
      ['p2', ['d']],
    ]);
    const down = ok(moveQuestion(small(), 'b', 'down'));
    expect(pages(down)).toEqual([
      ['p1', ['a']],
      ['p2', ['b', 'c', 'd']],
    ]);
  });

  it('drops a page that becomes empty', () => {
    let def = ok(moveQuestion(small(), 'b', 'down'));
    def = ok(moveQuestion(def, 'a', 'down'));
    expect(pages(def)).toEqual([['p2', ['a', 'b', 'c', 'd']]]);
  });

  it('without pages simply reorders', () => {
    const { pages: _, ...def } = small();
    const moved = ok(moveQuestion(def, 'a', 'down'));
    expect(ids(moved)).toEqual(['b', 'a', 'c', 'd']);
    expect(moved.pages).toBeUndefined();
  });

  it('refuses to put a question before the one its condition refers to, and beyond the ends', () => {
    const { pages: _, ...def } = small();
    const moved = ok(moveQuestion(def, 'c', 'up')); // a, c, b, d
    expect(ids(moved)).toEqual(['a', 'c', 'b', 'd']);
    const edit = moveQuestion(moved, 'c', 'up');
    expect(edit.ok).toBe(false);
    expect(!edit.ok && edit.reason).toContain('must stay after it');
    const down = moveQuestion(moved, 'a', 'down');
    expect(down.ok).toBe(false);
    expect(moveQuestion(def, 'a', 'up')).toEqual({
      ok: false,
      reason: 'question 1 (a) is already the first question.',
    });
    expect(moveQuestion(def, 'd', 'down').ok).toBe(false);
  });
});

describe('removing questions', () => {
  it('removes it from the questions and from its page', () => {
    const removed = ok(removeQuestion(small(), 'd'));
    expect(ids(removed)).toEqual(['a', 'b', 'c']);
    expect(pages(removed)).toEqual([
      ['p1', ['a', 'b']],
      ['p2', ['c']],
    ]);
    const again = ok(removeQuestion(removed, 'c'));
    expect(pages(again)).toEqual([['p1', ['a', 'b']]]);
  });

  it('refuses while another question is shown depending on it, and names that question', () => {
    const edit = removeQuestion(small(), 'a');
    expect(edit.ok).toBe(false);
    expect(!edit.ok && edit.reason).toContain('question 3 (c) is shown depending on its answer');
  });

  it('refuses to remove the last question', () => {
    let def = small();
    for (const id of ['d', 'c', 'b']) def = ok(removeQuestion(def, id));
    expect(removeQuestion(def, 'a')).toEqual({ ok: false, reason: 'A survey needs at least one question.' });
  });
});

describe('conditions and checks', () => {
  it('offers earlier questions with a short list of answers as show-if targets', () => {
    const def = followUpTemplate();
    const targets = conditionTargets(def, 'obstacles_other', 'ru');
    expect(targets.map((t) => t.questionId)).toEqual(['applied', 'shared_with_colleagues', 'obstacles']);
    expect(targets[0]!.answers[0]).toEqual({ value: 'yes', label: 'Да' });
    expect(conditionTargets(def, 'applied', 'en')).toEqual([]);
  });

  it('a new template from a blank start is valid and names its title', () => {
    const def = blankDefinition('template_x', {
      title: 'Mentoring check-in',
      kind: 'follow_up',
      languages: ['en', 'fa'],
    });
    expect(SurveyDefinition.safeParse(def).success).toBe(true);
    expect(def.title).toEqual({ en: 'Mentoring check-in', fa: '' });
    expect(def.questions).toHaveLength(1);
    expect(definitionIssues(def)).toEqual([]);
  });

  it('drops optional texts left blank in every language, and keeps the others', () => {
    const def = small();
    def.intro = { en: ' ', ar: '' };
    def.questions[1]!.help = { en: '', ar: '' };
    def.questions[2]!.help = { en: '', ar: 'مساعدة' };
    const tidy = tidyDefinition(def);
    expect(tidy.intro).toBeUndefined();
    expect('help' in tidy.questions[1]!).toBe(false);
    expect(tidy.questions[2]!.help).toEqual({ en: '', ar: 'مساعدة' });
    expect(tidy.questions[0]!.text).toEqual({ en: 'A?', ar: 'أ؟' });
    expect(def.intro).toEqual({ en: ' ', ar: '' }); // the input is untouched
    expect(SurveyDefinition.safeParse(tidy).success).toBe(true);
  });

  it('reports blank texts of the default language and schema findings with their paths', () => {
    const def = small();
    const first = def.questions[0]!;
    if (first.type === 'single_choice') first.options[1]!.label.en = ' ';
    def.questions[1]!.text.ar = ''; // another language: a missing translation, not an error
    const issues = definitionIssues(def);
    expect(issues).toEqual([
      { path: ['questions', 0, 'options', 1, 'label'], message: 'The label of option 2 is empty.' },
    ]);
    const broken = { ...def, questions: [def.questions[2]!, ...def.questions] };
    expect(definitionIssues(broken).map((i) => i.path)).toContainEqual([
      'questions',
      0,
      'showIf',
      'questionId',
    ]);
  });
});
