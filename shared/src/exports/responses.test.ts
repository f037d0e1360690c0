import { describe, expect, it } from 'vitest';
import { sample, sampleInput, validAnswers } from '../surveys/__fixtures__/sample.js';
import { SurveyDefinition } from '../surveys/schema.js';
import {
  type ExportableResponse,
  headerRows,
  mergedQuestions,
  pairingStatuses,
  responseLayout,
  responseRow,
  responseStatus,
} from './responses.js';

const response = (over: Partial<ExportableResponse> = {}): ExportableResponse => ({
  responseId: 'r1',
  surveyVersion: 1,
  language: 'ar',
  submittedAt: '2025-03-01T10:00:00Z',
  answers: validAnswers,
  score: { points: 3, maxPoints: 3, percent: 100 },
  ...over,
});

describe('responseLayout', () => {
  it('has meta columns, one column per question, one per option of a multiple choice, and the score', () => {
    const codes = responseLayout([sample]).columns.map((c) => c.code);
    expect(codes).toEqual([
      'response_id',
      'survey_version',
      'language',
      'submitted_at',
      'pairing',
      'sat',
      'rec',
      'topics',
      'topics/a',
      'topics/b',
      'topics/c',
      'topics/d',
      'applied',
      'how',
      'hours',
      'self/before',
      'self/after',
      'k1',
      'k2',
      'k2/a',
      'k2/b',
      'k2/c',
      'k2/d',
      'notes',
      'gender',
      'country',
      'score_points',
      'score_percent',
    ]);
  });

  it('labels in the chosen language, the default one otherwise; a choices list in every language', () => {
    const ar = responseLayout([sample], { labelLanguage: 'ar' });
    expect(ar.columns.find((c) => c.code === 'topics/a')?.label).toBe('Topics (ar): a (ar)');
    const fallback = responseLayout([sample], { labelLanguage: 'fr' });
    expect(fallback.labelLanguage).toBe('en');
    expect(fallback.columns.find((c) => c.code === 'sat')?.label).toBe('Satisfied?');
    expect(fallback.choices).toContainEqual({
      questionId: 'gender',
      optionId: 'male',
      labels: { en: 'male', ar: 'male (ar)' },
    });
  });

  it('adds the status column only on request', () => {
    expect(responseLayout([sample]).columns.some((c) => c.code === 'status')).toBe(false);
    expect(responseLayout([sample], { withStatus: true }).columns.some((c) => c.code === 'status')).toBe(
      true,
    );
  });

  it('leaves out the self-generated code questions', () => {
    const def = SurveyDefinition.parse({
      ...sampleInput,
      questions: [
        ...sampleInput.questions,
        { id: 'code_mother_initial', type: 'short_text', text: { en: 'Initial', ar: 'x' } },
        { id: 'code_birth_day', type: 'number', text: { en: 'Day', ar: 'x' } },
      ],
    });
    const codes = responseLayout([def]).columns.map((c) => c.code);
    expect(codes.some((c) => c.startsWith('code_'))).toBe(false);
  });

  it('keeps questions and options of older versions after the newest ones', () => {
    const v2 = SurveyDefinition.parse({
      ...sampleInput,
      version: 2,
      questions: sampleInput.questions
        .filter((q) => q.id !== 'hours')
        .map((q) => (q.id === 'topics' ? { ...q, options: q.options?.slice(1) } : q)),
    });
    const merged = mergedQuestions([sample, v2]).map((q) => q.id);
    expect(merged.at(-1)).toBe('hours');
    const codes = responseLayout([v2, sample]).columns.map((c) => c.code);
    expect(codes).toContain('topics/a');
    expect(codes.indexOf('topics/a')).toBeGreaterThan(codes.indexOf('topics/d'));
  });
});

describe('responseRow', () => {
  const layout = responseLayout([sample], { withStatus: true });
  const cell = (row: (string | number)[], code: string) =>
    row[layout.columns.findIndex((c) => c.code === code)];

  it('writes codes and numbers, 1/0 per option, both self-rating parts, the score', () => {
    const row = responseRow(layout, response(), 'paired_device');
    expect(row).toHaveLength(layout.columns.length);
    expect(cell(row, 'language')).toBe('ar');
    expect(cell(row, 'pairing')).toBe('paired_device');
    expect(cell(row, 'status')).toBe('accepted');
    expect(cell(row, 'sat')).toBe(4);
    expect(cell(row, 'topics')).toBe('c a');
    expect([cell(row, 'topics/a'), cell(row, 'topics/b'), cell(row, 'topics/c')]).toEqual([1, 0, 1]);
    expect(cell(row, 'applied')).toBe('yes');
    expect([cell(row, 'self/before'), cell(row, 'self/after')]).toEqual([2, 4]);
    expect(cell(row, 'k2/c')).toBe(1);
    expect(cell(row, 'score_percent')).toBe(100);
  });

  it('leaves unanswered questions empty, option columns too', () => {
    const row = responseRow(layout, response({ answers: { sat: 2 }, score: null }), 'unpaired');
    expect(cell(row, 'topics')).toBe('');
    expect(cell(row, 'topics/a')).toBe('');
    expect(cell(row, 'self/before')).toBe('');
    expect(cell(row, 'score_points')).toBe('');
  });

  it('guards text answers against formula injection, keeps negative numbers numeric', () => {
    const row = responseRow(
      layout,
      response({ answers: { how: 'ok;=1+1', notes: '=HYPERLINK("x")', hours: -3 } }),
      'unpaired',
    );
    expect(cell(row, 'how')).toBe("ok;'=1+1");
    expect(cell(row, 'notes')).toBe('\'=HYPERLINK("x")');
    expect(cell(row, 'hours')).toBe(-3);
  });

  it('flags repeat attempts and excluded responses', () => {
    expect(responseStatus({ counted: false })).toBe('repeat_attempt');
    expect(responseStatus({ counted: false, excluded: { by: 'x' } })).toBe('excluded');
    expect(responseStatus({})).toBe('accepted');
  });

  it('guards the header rows', () => {
    const [codes, labels] = headerRows(responseLayout([sample]));
    expect(codes[0]).toBe('response_id');
    expect(labels).toHaveLength(codes.length);
  });
});

describe('pairingStatuses', () => {
  const r = (responseId: string, pairingCode: string | null, answers = {}) => ({
    responseId,
    activityId: 'a1',
    submittedAt: '2025-03-01T10:00:00Z',
    pairingCode,
    answers,
  });
  it('pairs by device code first, then by self-generated code', () => {
    const self = { code_mother_initial: 'M', code_birth_day: 7, code_phone_digit: 3 };
    const out = pairingStatuses(
      [r('p1', 'dev-a'), r('p2', null, self), r('p3', 'dev-c')],
      [r('q1', 'dev-a'), r('q2', 'dev-z', self)],
    );
    expect(Object.fromEntries(out)).toEqual({
      p1: 'paired_device',
      q1: 'paired_device',
      p2: 'paired_self_code',
      q2: 'paired_self_code',
      p3: 'unpaired',
    });
  });
});
