// Benchmark: the goal overview over 1,000 activities with 10,000 and then 1,000,000 responses in
// DynamoDB Local, and the rebuild of every aggregate from the raw responses. Prints figures; not
// a test. Sizes: BENCH_ACTIVITIES (default 1000) and BENCH_RESPONSES (default "10000,1000000").
//
// Responses are bulk-loaded with BatchWriteItem (the submission path does ~60-110 transactions/s
// on DynamoDB Local, which would take hours for a million), as the items the submission path
// writes; the rebuild (the same code as `npm run rebuild-aggregates -- --repair`) then writes their
// aggregates, so the overview reads aggregates that equal what submissions would have maintained
// (the property test in tests/integration/aggregates.test.ts proves that equality).
import { spawnSync } from 'node:child_process';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ActivityInput } from '../../shared/src/activities/schema.js';
import { defaultFramework } from '../../shared/src/framework/default-framework.js';
import { IndicatorInput } from '../../shared/src/indicators/schema.js';
import { scoreKnowledge } from '../../shared/src/responses/rules.js';
import type { SurveyDefinition, SurveyKind } from '../../shared/src/surveys/schema.js';
import { templates } from '../../shared/src/surveys/templates.js';
import { startTestStack } from '../support/emulators.js';

const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? 1000);
const SIZES = (process.env.BENCH_RESPONSES ?? '10000,1000000').split(',').map(Number);
/** One activity in KNOWLEDGE_EVERY also has a knowledge pre-test and post-test. */
const KNOWLEDGE_EVERY = 5;
const OVERVIEW_RUNS = 7;

const stack = await startTestStack();
Object.assign(process.env, stack.env);
const { ddb, tableName } = await import('../../functions/src/lib/aws.js');
const { keys } = await import('../../functions/src/lib/keys.js');
const { stableId } = await import('../../functions/src/lib/ids.js');
const { createActivity } = await import('../../functions/src/activities/store.js');
const { createSurvey } = await import('../../functions/src/surveys/store.js');
const { seedDefaultFramework } = await import('../../functions/src/framework/seed.js');
const { seedDemoIndicators } = await import('../../functions/src/indicators/demo.js');
const { activateIndicator, createIndicator } = await import('../../functions/src/indicators/store.js');
const { goalOverview } = await import('../../functions/src/results/store.js');
const synthetic = await import('../../functions/src/surveys/synthetic.js');

// ---------------------------------------------------------------------------
// Read accounting: every DynamoDB call of the process, with the items it returned by type.

const reads = { requests: 0, items: 0, bytes: 0, byType: new Map<string, number>() };
function resetReads() {
  reads.requests = reads.items = reads.bytes = 0;
  reads.byType.clear();
}
const typeOf = (item: Record<string, unknown>) => {
  const t = item.type as string | { S?: string } | undefined;
  return (typeof t === 'string' ? t : t?.S) ?? 'other';
};
ddb().middlewareStack.add(
  (next) => async (args) => {
    const out = await next(args);
    const o = out.output as {
      Items?: Record<string, unknown>[];
      Item?: Record<string, unknown>;
      Responses?: Record<string, Record<string, unknown>[]>;
    };
    const items = [
      ...(o.Items ?? []),
      ...(o.Item ? [o.Item] : []),
      ...Object.values(o.Responses ?? {}).flat(),
    ];
    reads.requests++;
    reads.items += items.length;
    for (const item of items) {
      reads.bytes += JSON.stringify(item).length;
      reads.byType.set(typeOf(item), (reads.byType.get(typeOf(item)) ?? 0) + 1);
    }
    return out;
  },
  { step: 'initialize', name: 'benchReadCounter' },
);

// ---------------------------------------------------------------------------
// Setup: the default framework, indicators (incl. two of paired pre/post change), activities, surveys.

const actor = 'bench';
await seedDefaultFramework(actor);
await seedDemoIndicators(actor);
const base = {
  frameworkId: defaultFramework().id,
  priorityGoal: 7,
  actionPointCodes: ['7.1'],
  dataSource: 'Surveys',
  direction: 'higher_is_better',
  reportingFrequency: 'annual',
  meansOfVerification: 'Survey results',
  owner: 'Secretariat',
  minimumN: 10,
  baseline: { value: 10, date: '2019-01-01', source: 'Benchmark' },
  targets: [{ period: '2024', date: '2024-12-31', value: 40, cumulative: false }],
} as const;
for (const [code, name, computation, unit] of [
  ['BENCH-01', 'Mean satisfaction', { kind: 'measure_mean', measure: 'satisfaction' }, 'mean_score'],
  ['BENCH-02', 'Share of paired respondents who improved', { kind: 'share_improved' }, 'percent'],
  ['BENCH-03', 'Mean paired knowledge change', { kind: 'mean_prepost_change' }, 'percent'],
] as const) {
  const input = IndicatorInput.parse({
    ...base,
    code,
    name,
    definition: name,
    computation,
    unit,
    disaggregations: ['gender', 'country'],
    resultId: 'pg7-outcome-knowledge-attitude-practice',
  });
  const created = await createIndicator(input, actor, { id: stableId(`bench:${code}`) });
  await activateIndicator(created.id, actor);
}

interface BenchSurvey {
  id: string;
  activityId: string;
  kind: SurveyKind;
  definition: SurveyDefinition;
}
const surveys: BenchSurvey[] = [];
const period = { from: Date.parse('2019-01-01'), to: Date.parse('2024-12-31') };
const pillars = ['dialogue', 'dialogue', 'operational_cooperation'] as const;
const places = ['AF', 'PK', 'IQ', 'TR', 'BG', 'MK', 'HU', 'UZ'];
const setupStarted = performance.now();
for (let i = 0; i < ACTIVITIES; i++) {
  const start = new Date(period.from + ((period.to - period.from) * i) / ACTIVITIES);
  const activity = await createActivity(
    ActivityInput.parse({
      title: `Benchmark activity ${i + 1}`,
      type: i % KNOWLEDGE_EVERY === 0 ? 'training' : 'thematic_meeting',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 8 * 3_600_000).toISOString(),
      format: 'in_person',
      place: { city: 'City', country: places[i % places.length] },
      expectedParticipants: 30,
      actionPointCodes: ['7.1'],
      priorityGoals: [7],
      pillar: pillars[i % pillars.length],
      projectId: null,
      attendance: { participants: 30, countries: 5, organisations: 8, women: 12 },
    }),
    actor,
  );
  const attach = async (kind: SurveyKind, definition: SurveyDefinition) => {
    const id = stableId(`bench-survey:${activity.id}:${kind}:${definition.questions[0]?.type}`);
    const survey = {
      id,
      activityId: activity.id,
      kind,
      code: id.slice(0, 12),
      templateId: 'bench',
      title: definition.title,
      languages: definition.languages,
      currentVersion: 1,
      opensAt: activity.startsAt,
      closesAt: new Date(start.getTime() + 30 * 86_400_000).toISOString(),
      sendInvitationsAt: null,
      reminderAt: null,
      invitedCount: 0,
      createdAt: activity.createdAt,
      definition: { ...definition, id: `survey_${id}`, version: 1, kind },
    };
    await createSurvey(survey, actor);
    surveys.push({ id, activityId: activity.id, kind, definition: survey.definition });
  };
  await attach('post_event', templates.post_event_feedback());
  if (i % KNOWLEDGE_EVERY === 0) {
    await attach('pre_test', templates.knowledge_test('pre_test'));
    await attach('post_event', templates.knowledge_test('post_event'));
  }
}
console.log(
  `Setup: ${ACTIVITIES} activities, ${surveys.length} surveys, ${((performance.now() - setupStarted) / 1000).toFixed(0)} s.`,
);

// ---------------------------------------------------------------------------
// Bulk load of responses, as the submission path stores them.

const r = synthetic.prng(2026);
let loaded = 0;
function responseItem(n: number) {
  const s = surveys[n % surveys.length] as BenchSurvey;
  const knowledge = s.definition.questions.some((q) => q.type === 'knowledge');
  // Knowledge tests: respondent k of an activity answers both tests with pairing code k (80% of
  // them), the others one test only.
  const k = Math.floor(n / surveys.length);
  const answers = knowledge
    ? {
        ...synthetic.knowledgeAnswers(s.definition, r, s.kind === 'pre_test' ? 0.45 : 0.75),
        gender: synthetic.pick(r, ['female', 'male'], [2, 3]),
      }
    : synthetic.postEventAnswers(r);
  const score = knowledge ? scoreKnowledge(s.definition, answers) : null;
  const responseId = synthetic.uuidFrom(r);
  const at = new Date(Date.parse('2024-01-01') + n * 1000).toISOString();
  const language = synthetic.pick(r, ['en', 'ru', 'ar'], [5, 3, 2]);
  return {
    ...keys.response(s.id, responseId),
    type: 'response',
    surveyId: s.id,
    activityId: s.activityId,
    responseId,
    surveyVersion: 1,
    language,
    answers,
    ...(knowledge ? { pairingCode: r() < 0.8 ? `p-${k}` : `${s.kind}-${k}` } : {}),
    ...(score ? { score: { points: score.points, maxPoints: score.maxPoints, percent: score.percent } } : {}),
    startedAt: at,
    submittedAt: at,
    receivedAt: at,
    submission: { responseId, surveyVersion: 1, language, answers, startedAt: at, submittedAt: at },
  };
}

async function loadTo(total: number) {
  const started = performance.now();
  let next = loaded;
  let reported = loaded;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < total) {
        const from = next;
        next = Math.min(total, next + 25);
        let request: Record<string, unknown[]> | undefined = {
          [tableName()]: Array.from({ length: next - from }, (_, i) => ({
            PutRequest: { Item: responseItem(from + i) },
          })),
        };
        while (request && Object.keys(request).length > 0) {
          const out = await ddb().send(new BatchWriteCommand({ RequestItems: request as never }));
          request = out.UnprocessedItems as typeof request;
        }
        if (next >= reported + 100_000) {
          reported = Math.floor(next / 100_000) * 100_000;
          console.log(`  … ${reported.toLocaleString('en')} responses loaded`);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `Loaded ${(total - loaded).toLocaleString('en')} responses in ${seconds.toFixed(0)} s (${((total - loaded) / seconds).toFixed(0)}/s).`,
  );
  loaded = total;
}

// ---------------------------------------------------------------------------
// Measurements

/** Runs `npm run rebuild-aggregates -- --repair` against the bench's table; its own peak memory. */
async function measureRebuild() {
  const started = performance.now();
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'functions/src/local/rebuild.ts', '--repair'],
    {
      env: {
        ...process.env,
        DYNAMODB_ENDPOINT: stack.config.dynamodbEndpoint,
        TABLE_NAME: stack.config.tableName,
      },
      encoding: 'utf8',
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const summary = child.stdout.trim().split('\n').at(-1) ?? '';
  const match = /^(\d+) surveys, (\d+) responses .* \(peak (\d+) MB RSS\)/.exec(summary);
  if (child.status !== 0 || !match) throw new Error(`rebuild failed: ${child.stderr}\n${child.stdout}`);
  return { seconds, surveys: Number(match[1]), responses: Number(match[2]), peakMb: Number(match[3]) };
}

async function measureOverview() {
  const times: number[] = [];
  const cpuMs: number[] = [];
  let last = { requests: 0, items: 0, bytes: 0, byType: new Map<string, number>() };
  let indicators = 0;
  for (let run = 0; run <= OVERVIEW_RUNS; run++) {
    resetReads();
    const started = performance.now();
    const cpu = process.cpuUsage();
    const out = await goalOverview(undefined, {});
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    cpuMs.push((used.user + used.system) / 1000);
    // Run 0 warms the process and fills what later runs reuse; it is reported separately.
    if (run === 0) console.log(`  first overview: ${ms.toFixed(0)} ms, ${reads.items} items read`);
    else times.push(ms);
    last = { ...reads, byType: new Map(reads.byType) };
    indicators = out.goals.reduce((s, g) => s + g.indicators.length, 0);
  }
  times.sort((a, b) => a - b);
  cpuMs.sort((a, b) => a - b);
  return {
    cpu: cpuMs[Math.floor(cpuMs.length / 2)] ?? 0,
    p50: times[Math.floor(times.length / 2)] ?? 0,
    max: times[times.length - 1] ?? 0,
    indicators,
    ...last,
  };
}

const rows: {
  size: number;
  rebuild: Awaited<ReturnType<typeof measureRebuild>>;
  overview: Awaited<ReturnType<typeof measureOverview>>;
}[] = [];
try {
  for (const size of SIZES) {
    await loadTo(size);
    const rebuild = await measureRebuild();
    console.log(
      `Rebuild of ${rebuild.responses.toLocaleString('en')} responses (${rebuild.surveys} surveys): ${rebuild.seconds.toFixed(1)} s, peak RSS ${rebuild.peakMb} MB.`,
    );
    const overview = await measureOverview();
    rows.push({ size, rebuild, overview });
  }

  console.log(
    `\nGoal overview, ${ACTIVITIES} activities, ${surveys.length} surveys (median of ${OVERVIEW_RUNS} runs after a first one):`,
  );
  const pad = (s: string, n = 16) => s.padStart(n);
  console.log(
    ['responses', 'indicators', 'p50 ms', 'max ms', 'requests', 'items read', 'KB read', 'responses read']
      .map((h) => pad(h))
      .join(''),
  );
  for (const { size, overview: o } of rows)
    console.log(
      [
        size.toLocaleString('en'),
        String(o.indicators),
        o.p50.toFixed(0),
        o.max.toFixed(0),
        o.cpu.toFixed(0),
        String(o.requests),
        String(o.items),
        (o.bytes / 1024).toFixed(0),
        String(o.byType.get('response') ?? 0),
      ]
        .map((c) => pad(c))
        .join(''),
    );
  for (const { size, overview: o } of rows)
    console.log(
      `  items by type at ${size.toLocaleString('en')}: ${[...o.byType.entries()].map(([t, n]) => `${t} ${n}`).join(', ')}`,
    );
  console.log(
    '\nRebuild of every aggregate from the raw responses (npm run rebuild-aggregates -- --repair):',
  );
  for (const { size, rebuild: b } of rows)
    console.log(
      `  ${size.toLocaleString('en')} responses: ${b.seconds.toFixed(1)} s (${(b.responses / b.seconds).toFixed(0)} responses/s, process start included), peak RSS of the command ${b.peakMb} MB`,
    );
} finally {
  await stack.stop();
}
process.exit(0);
