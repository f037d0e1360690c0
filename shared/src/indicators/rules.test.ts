import { describe, expect, it } from 'vitest';
import { defaultFramework } from '../framework/default-framework.js';
import {
  canActivate,
  measuresCollected,
  missingLetters,
  SMART_RULES,
  type SmartContext,
  smartCheck,
} from './rules.js';
import { IndicatorDefinition, type IndicatorDefinitionInput } from './schema.js';

const framework = defaultFramework();
const context: SmartContext = { framework, collectedMeasures: measuresCollected() };

/** A S.M.A.R.T. definition: share of participants satisfied (4 or 5 of 5), PG7. */
const valid = (): IndicatorDefinitionInput => ({
  code: 'PG7-DI-01',
  name: 'Participants satisfied with the event',
  definition: 'Share of respondents of post-event surveys who rate their overall satisfaction 4 or 5 of 5.',
  unit: 'percent',
  computation: { kind: 'measure_share_above', measure: 'satisfaction', threshold: 4 },
  dataSource: 'Post-event surveys',
  baseline: { value: 60, date: '2019-06-30', source: 'Paper forms 2018-2019' },
  targets: [
    { period: '2022', date: '2022-12-31', value: 70, cumulative: false },
    { period: '2024', date: '2024-12-31', value: 80, cumulative: false },
  ],
  direction: 'higher_is_better',
  frameworkId: framework.id,
  priorityGoal: 7,
  resultId: 'pg7-outcome-knowledge-attitude-practice',
  actionPointCodes: ['7.1'],
  reportingFrequency: 'annual',
});

/** The valid definition with one change, parsed as the API would. */
function broken(change: (d: IndicatorDefinitionInput) => void): IndicatorDefinition {
  const d = structuredClone(valid());
  change(d);
  return IndicatorDefinition.parse(d);
}

const check = (d: IndicatorDefinition, ctx: SmartContext = context) => smartCheck(d, ctx);

describe('smartCheck', () => {
  it('finds nothing in a S.M.A.R.T. definition, which can be activated', () => {
    const findings = check(IndicatorDefinition.parse(valid()));
    expect(findings).toEqual([]);
    expect(canActivate(findings)).toBe(true);
    expect(missingLetters(findings)).toEqual([]);
  });

  type Case = {
    letter: keyof typeof SMART_RULES;
    code: string;
    path: (string | number)[];
    change: (d: IndicatorDefinitionInput) => void;
    ctx?: SmartContext;
    message?: RegExp;
  };
  /** Target i of the valid definition (which has two). */
  const t = (d: IndicatorDefinitionInput) => (i: number) => {
    const target = d.targets?.[i];
    if (!target) throw new Error(`no target ${i}`);
    return target;
  };
  const cases: Case[] = [
    // S
    { letter: 'S', code: 'code-missing', path: ['code'], change: (d) => (d.code = '') },
    { letter: 'S', code: 'code-format', path: ['code'], change: (d) => (d.code = 'pg7 di 01') },
    { letter: 'S', code: 'name-missing', path: ['name'], change: (d) => (d.name = '  ') },
    { letter: 'S', code: 'definition-missing', path: ['definition'], change: (d) => (d.definition = '') },
    { letter: 'S', code: 'unit-missing', path: ['unit'], change: (d) => (d.unit = null) },
    {
      letter: 'S',
      code: 'currency-missing',
      path: ['currency'],
      change: (d) => {
        d.unit = 'currency';
        d.computation = { kind: 'manual', evidence: 'Project financial reports' };
      },
    },
    // M
    {
      letter: 'M',
      code: 'computation-missing',
      path: ['computation'],
      change: (d) => (d.computation = null),
    },
    {
      letter: 'M',
      code: 'measure-not-collected',
      path: ['computation', 'measure'],
      change: (d) => (d.computation = { kind: 'measure_share_above', measure: 'other', threshold: 4 }),
      message: /"other"/,
    },
    {
      // Defect 1: a share at or above a threshold of answers kept without per-answer counts.
      letter: 'M',
      code: 'not-computable',
      path: ['computation'],
      change: (d) => (d.computation = { kind: 'measure_share_above', measure: 'application', threshold: 1 }),
      message: /not kept as counts per answer/,
    },
    {
      letter: 'M',
      code: 'not-computable',
      path: ['computation'],
      change: (d) => (d.computation = { kind: 'normalised_gain', measure: 'self_rated_knowledge' }),
      message: /needs a test with a maximum/,
    },
    {
      letter: 'M',
      code: 'threshold-missing',
      path: ['computation', 'threshold'],
      change: (d) =>
        (d.computation = { kind: 'measure_share_above', measure: 'satisfaction', threshold: null }),
    },
    {
      letter: 'M',
      code: 'evidence-missing',
      path: ['computation', 'evidence'],
      change: (d) => (d.computation = { kind: 'manual', evidence: ' ' }),
    },
    {
      letter: 'M',
      code: 'unit-mismatch',
      path: ['unit'],
      change: (d) => (d.computation = { kind: 'count_activities' }),
      message: /a count, not a percent/,
    },
    { letter: 'M', code: 'data-source-missing', path: ['dataSource'], change: (d) => (d.dataSource = '') },
    // A
    {
      letter: 'A',
      code: 'baseline-missing',
      path: ['baseline', 'value'],
      change: (d) => (d.baseline = null),
    },
    {
      letter: 'A',
      code: 'baseline-source-missing',
      path: ['baseline', 'source'],
      change: (d) => (d.baseline = { value: 60, date: '2019-06-30', source: '' }),
    },
    {
      letter: 'A',
      code: 'target-value-missing',
      path: ['targets', 1, 'value'],
      change: (d) => (t(d)(1).value = null),
    },
    {
      letter: 'A',
      code: 'target-wrong-direction',
      path: ['targets', 0, 'value'],
      change: (d) => (t(d)(0).value = 50),
      message: /below the baseline/,
    },
    {
      letter: 'A',
      code: 'target-wrong-direction',
      path: ['targets', 0, 'value'],
      change: (d) => {
        d.direction = 'lower_is_better';
        d.baseline = { value: 21, date: '2019-06-30', source: 'MRC survey' };
        t(d)(0).value = 25;
        t(d)(1).value = 8;
      },
      message: /above the baseline/,
    },
    {
      letter: 'A',
      code: 'percent-out-of-range',
      path: ['targets', 1, 'value'],
      change: (d) => (t(d)(1).value = 120),
    },
    {
      letter: 'A',
      code: 'percent-out-of-range',
      path: ['baseline', 'value'],
      change: (d) => {
        d.direction = 'lower_is_better';
        d.baseline = { value: 130, date: '2019-06-30', source: 'x' };
      },
    },
    {
      letter: 'A',
      code: 'thresholds-unordered',
      path: ['thresholds'],
      change: (d) => (d.thresholds = { onTrack: 0.5, atRisk: 0.8 }),
    },
    // R
    {
      letter: 'R',
      code: 'framework-unknown',
      path: ['frameworkId'],
      change: () => {},
      ctx: { ...context, framework: null },
    },
    { letter: 'R', code: 'goal-missing', path: ['priorityGoal'], change: (d) => (d.priorityGoal = null) },
    {
      letter: 'R',
      code: 'goal-unknown',
      path: ['priorityGoal'],
      change: () => {},
      ctx: { ...context, framework: { ...framework, priorityGoals: framework.priorityGoals.slice(0, 6) } },
    },
    {
      letter: 'R',
      code: 'action-point-unknown',
      path: ['actionPointCodes', 1],
      change: (d) => (d.actionPointCodes = ['7.1', '6.9']),
      message: /6\.9/,
    },
    { letter: 'R', code: 'result-missing', path: ['resultId'], change: (d) => (d.resultId = null) },
    {
      letter: 'R',
      code: 'result-unknown',
      path: ['resultId'],
      change: (d) => (d.resultId = 'no-such-result'),
    },
    {
      letter: 'R',
      code: 'result-other-goal',
      path: ['resultId'],
      change: (d) => (d.resultId = 'pg1-outcome-irregular-emigration'),
    },
    {
      letter: 'R',
      code: 'project-unknown',
      path: ['filters', 'projectIds', 0],
      change: (d) => (d.filters = { projectIds: ['atlantis-bridges'] }),
    },
    // T
    {
      letter: 'T',
      code: 'target-missing',
      path: ['targets'],
      change: (d) => (d.targets = []),
      message: /target/,
    },
    {
      letter: 'T',
      code: 'target-date-missing',
      path: ['targets', 1, 'date'],
      change: (d) => (t(d)(1).date = null),
    },
    {
      letter: 'T',
      code: 'target-outside-period',
      path: ['targets', 1, 'date'],
      change: (d) => (t(d)(1).date = '2025-12-31'),
      message: /2019-01-01 to 2024-12-31/,
    },
    {
      letter: 'T',
      code: 'baseline-date-missing',
      path: ['baseline', 'date'],
      change: (d) => (d.baseline = { value: 60, date: null, source: 'Paper forms' }),
    },
    {
      letter: 'T',
      code: 'baseline-after-target',
      path: ['baseline', 'date'],
      change: (d) => (d.baseline = { value: 60, date: '2023-01-01', source: 'Paper forms' }),
    },
    {
      letter: 'T',
      code: 'frequency-missing',
      path: ['reportingFrequency'],
      change: (d) => (d.reportingFrequency = null),
    },
  ];

  it.each(cases)('$letter $code: breaking $path yields exactly that finding', (c) => {
    const findings = check(broken(c.change), c.ctx);
    expect(findings.map((f) => [f.letter, f.code, f.path])).toEqual([[c.letter, c.code, c.path]]);
    if (c.message) expect(findings[0]?.message).toMatch(c.message);
    expect(canActivate(findings)).toBe(false);
    expect(missingLetters(findings)).toEqual([c.letter]);
  });

  it('has a case for every rule code, and no case for a code the rules do not list', () => {
    const tested = new Set(cases.map((c) => `${c.letter}:${c.code}`));
    const listed = new Set(
      Object.entries(SMART_RULES).flatMap(([l, codes]) => codes.map((code) => `${l}:${code}`)),
    );
    expect(tested).toEqual(listed);
  });

  it('lists findings of several letters in S M A R T order', () => {
    const empty = IndicatorDefinition.parse({ frameworkId: framework.id });
    const findings = check(empty);
    expect(missingLetters(findings)).toEqual(['S', 'M', 'A', 'R', 'T']);
    expect(findings.map((f) => f.code)).toEqual([
      'code-missing',
      'name-missing',
      'definition-missing',
      'unit-missing',
      'computation-missing',
      'data-source-missing',
      'baseline-missing',
      'goal-missing',
      'result-missing',
      'target-missing',
      'frequency-missing',
    ]);
  });
});

describe('measuresCollected', () => {
  it('collects the measures the templates ask about, by survey kind', () => {
    const all = measuresCollected();
    for (const m of [
      'satisfaction',
      'knowledge',
      'self_rated_knowledge',
      'application',
      'intent_to_apply',
    ] as const)
      expect(all.has(m)).toBe(true);
    expect(all.has('other')).toBe(false);
    expect([...measuresCollected('pre_test')].sort()).toEqual(['knowledge', 'profile']);
    expect(measuresCollected('follow_up').has('application')).toBe(true);
    expect(measuresCollected('follow_up').has('knowledge')).toBe(false);
  });
});
