// Benchmark: the goal overview over 1,000 activities with 10,000 and then 1,000,000 responses in
// DynamoDB Local, the roll-up consumer, and the rebuild of every aggregate and roll-up from the raw
// responses. Prints figures beside their budgets; not a test. Sizes: BENCH_ACTIVITIES (default
// 1000) and BENCH_RESPONSES (default "10000,1000000"); BENCH_CONSUMER_MAX (default 100000): up to
// this many responses the roll-up consumer folds them from the stream, above it the rebuild does.
//
// Responses are bulk-loaded with BatchWriteItem (the submission path does ~60-110 transactions/s
// on DynamoDB Local, which would take hours for a million), as the items the submission path
// writes. Their stream records go to the roll-up consumer (the Lambda's code, driven by the local
// poller), as after real submissions; the rebuild (the same code as `npm run rebuild-aggregates --
// --repair`) then writes the survey aggregates and checks every roll-up against the raw responses
// (the property test in tests/integration/aggregates.test.ts proves that equality for random
// submissions, resends, bursts and replays).
import { spawnSync } from 'node:child_process';
import { BatchWriteCommand } from '../../functions/src/lib/dynamodb.js';
import { ActivityInput } from '../../shared/src/activities/schema.js';
import { defaultFramework } from '../../shared/src/framework/default-framework.js';
import { IndicatorInput } from '../../shared/src/indicators/schema.js';
import { scoreKnowledge } from '../../shared/src/responses/rules.js';
import type { SurveyDefinition, SurveyKind } from '../../shared/src/surveys/schema.js';
import { templates } from '../../shared/src/surveys/templates.js';
import { startTestStack } from '../support/emulators.js';
import { profiled } from './profile.js';

const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? 1000);
const SIZES = (process.env.BENCH_RESPONSES ?? '10000,1000000').split(',').map(Number);
/** One activity in KNOWLEDGE_EVERY also has a knowledge pre-test and post-test. */
const KNOWLEDGE_EVERY = 5;
const OVERVIEW_RUNS = 7;
const CONSUMER_MAX = Number(process.env.BENCH_CONSUMER_MAX ?? 100_000);
/** Above this many responses the extra ones are folded into the roll-ups in bulk (seedRollupsTo). */
const SEED_ABOVE = Number(process.env.BENCH_SEED_ABOVE ?? 100_000);
/** The budget of issue 11, per goal overview. */
const BUDGET = { requests: 20, itemsPerActivity: 2, medianMs: 300, ofBare: 1.5 };

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
const { startLocalRollups } = await import('../../functions/src/local/stream-poller.js');
const { GetCommand, QueryCommand, UpdateCommand } = await import('../../functions/src/lib/dynamodb.js');
const { bumpViewCounter } = await import('../../functions/src/rollups/views.js');
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
ddb().observers.push(({ output }) => {
  const o = (output ?? {}) as {
    Items?: Record<string, unknown>[];
    Item?: Record<string, unknown>;
    Responses?: Record<string, Record<string, unknown>[]>;
  };
  const items = [...(o.Items ?? []), ...(o.Item ? [o.Item] : []), ...Object.values(o.Responses ?? {}).flat()];
  reads.requests++;
  reads.items += items.length;
  for (const item of items) {
    reads.bytes += JSON.stringify(item).length;
    reads.byType.set(typeOf(item), (reads.byType.get(typeOf(item)) ?? 0) + 1);
  }
});

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
const activityIds: string[] = [];
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
  activityIds.push(activity.id);
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
      reminderDays: [],
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

/**
 * Above SEED_ABOVE responses (a million cannot be submitted or streamed here: the submission path
 * does ~100 transactions/s and the consumer ~80 records/s on this machine, i.e. hours), the
 * responses beyond those already loaded are NOT written to the table: each is generated exactly as
 * `responseItem` makes it for a bulk load and folded with the consumer's own code
 * (`responseContribution` + `fold`, functions/src/rollups/fold.ts) into its activity's stored
 * roll-up, read with `readStoredRollup` and written back with `writeRollup` (the consumer's write,
 * conditional on the revision read), then the view counter moves as after a consumer batch. The
 * roll-ups are then those a million responses make; the raw items of the extra responses are not
 * stored (the rebuild, which recomputes from raw items, is therefore not run at that size).
 */
async function seedRollupsTo(total: number) {
  const started = performance.now();
  const { readStoredRollup, writeRollup } = await import('../../functions/src/rollups/store.js');
  const { fold, responseContribution } = await import('../../functions/src/rollups/fold.js');
  const { pool } = await import('../../functions/src/lib/pool.js');
  const stored = new Map(await pool(activityIds, 8, async (id) => [id, await readStoredRollup(id)] as const));
  const states = new Map([...stored].map(([id, s]) => [id, structuredClone(s.state)]));
  for (let n = loaded; n < total; n++) {
    const item = responseItem(n);
    const s = surveys[n % surveys.length] as BenchSurvey;
    const c = responseContribution(item as never, s.definition);
    const state = states.get(s.activityId);
    if (c && state) fold(state, c, 1);
    if ((n + 1) % 200_000 === 0) console.log(`  … ${(n + 1).toLocaleString('en')} responses folded`);
  }
  const folded = performance.now();
  await pool(activityIds, 8, async (id) => {
    const before = stored.get(id);
    const next = states.get(id);
    if (!before || !next) return;
    if (!(await writeRollup(before, next, []))) throw new Error(`roll-up of ${id} changed while seeding`);
  });
  await bumpViewCounter();
  console.log(
    `Seeded the roll-ups of ${(total - loaded).toLocaleString('en')} more responses (not stored as raw items): folded in ${((folded - started) / 1000).toFixed(0)} s, ${activityIds.length} roll-ups written in ${((performance.now() - folded) / 1000).toFixed(0)} s.`,
  );
  seeded += total - loaded;
  loaded = total;
}
let seeded = 0;

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
  const match =
    /^(\d+) surveys, (\d+) responses .* \(peak (\d+) MB RSS\).* (\d+) roll-ups, (\d+) with differences/.exec(
      summary,
    );
  if (child.status !== 0 || !match) throw new Error(`rebuild failed: ${child.stderr}\n${child.stdout}`);
  return {
    seconds,
    surveys: Number(match[1]),
    responses: Number(match[2]),
    peakMb: Number(match[3]),
    rollups: Number(match[4]),
    rollupsDrifted: Number(match[5]),
  };
}

/** Runs the roll-up consumer over the stream until it has folded every record; its throughput. */
async function measureConsumer(records: number) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const poller = await startLocalRollups({
    endpoint: stack.config.dynamodbEndpoint,
    tableName: stack.config.tableName,
  });
  await poller.settled(3_600_000);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  await poller.stop();
  return { seconds, records, cpuSeconds: (used.user + used.system) / 1e6 };
}

/**
 * The floor: as many bare calls as the overview made (a GetItem of one activity's META, or a Query
 * of one item), one after the other, timed in the same run.
 */
async function measureBare(calls: number) {
  const ids = activityIds.slice(0, Math.max(1, calls));
  const started = performance.now();
  for (let i = 0; i < calls; i++) {
    const id = ids[i % ids.length] as string;
    if (i % 2 === 0) await ddb().send(new GetCommand({ TableName: tableName(), Key: keys.activity(id) }));
    else
      await ddb().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'pk = :pk AND sk = :sk',
          ExpressionAttributeValues: { ':pk': keys.activity(id).pk, ':sk': 'META' },
        }),
      );
  }
  return performance.now() - started;
}

/**
 * A second floor, beside the issue's: the view's own bulk reads done bare (the period's activities,
 * one query of gsi1 with the view's projection, then item `A` of every activity's roll-up in
 * BatchGetItem requests of 100, ten at a time, with the view's projection), nothing computed. What a
 * computed view costs above it is ours (SDK, engine, disclosure control); the rest is DynamoDB Local.
 */
async function measureSameReads() {
  const { batchGet } = await import('../../functions/src/rollups/store.js');
  const { queryAll } = await import('../../functions/src/lib/aws.js');
  const { FACT_ATTRIBUTES: FACTS } = await import('../../functions/src/results/store.js');
  const started = performance.now();
  const acts = await queryAll<{ id: string }>({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.activityList().gsi1pk },
    // The view's own projection, names escaped.
    ProjectionExpression: FACTS.map((_, i) => `#a${i}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(FACTS.map((a, i) => [`#a${i}`, a])),
  });
  await batchGet(
    acts.map((a) => ({ pk: keys.rollup(a.id).pk, sk: 'A' })),
    { ProjectionExpression: 'pk, #t, #v', ExpressionAttributeNames: { '#t': 'type', '#v': 'view' } },
  );
  return performance.now() - started;
}

type ViewMode = 'computed' | 'cached' | 'after a write';

/**
 * Median of OVERVIEW_RUNS goal overviews after a first one. `cached`: repeat views with nothing
 * changed (the view cache answers); `computed`: the change counter moves before each run, as after
 * any write, and nothing warms the view, so every run computes it from the roll-ups; `after a
 * write`: before each run an activity is changed and the roll-up consumer (running) folds that
 * change, moves the counter and warms the view as it does after every batch; the time from the
 * write until the consumer is idle again is kept (`warmedMs`): how soon the view is ready.
 */
async function measureOverview(mode: ViewMode) {
  const times: number[] = [];
  const cpuMs: number[] = [];
  const warmedMs: number[] = [];
  let last = { requests: 0, items: 0, bytes: 0, byType: new Map<string, number>() };
  let indicators = 0;
  const poller =
    mode === 'after a write'
      ? await startLocalRollups({
          endpoint: stack.config.dynamodbEndpoint,
          tableName: stack.config.tableName,
        })
      : null;
  await poller?.settled(3_600_000);
  for (let run = 0; run <= OVERVIEW_RUNS; run++) {
    if (mode === 'computed') await bumpViewCounter();
    if (poller) {
      const wrote = performance.now();
      await ddb().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: keys.activity(activityIds[run % activityIds.length] as string),
          UpdateExpression: 'SET benchTouched = :run',
          ExpressionAttributeValues: { ':run': run },
        }),
      );
      await poller.settled(120_000);
      warmedMs.push(performance.now() - wrote);
    }
    resetReads();
    const started = performance.now();
    const cpu = process.cpuUsage();
    const out = await goalOverview(undefined, {});
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    // Run 0 warms the process and fills what later runs reuse; it is reported separately.
    if (run === 0)
      console.log(
        `  first overview (${mode}): ${ms.toFixed(0)} ms, ${reads.requests} requests, ${reads.items} items read`,
      );
    else {
      times.push(ms);
      cpuMs.push((used.user + used.system) / 1000);
    }
    last = { ...reads, byType: new Map(reads.byType) };
    indicators = out.goals.reduce((s, g) => s + g.indicators.length, 0);
  }
  await poller?.stop();
  times.sort((a, b) => a - b);
  cpuMs.sort((a, b) => a - b);
  warmedMs.sort((a, b) => a - b);
  const bare: number[] = [];
  for (let run = 0; run < OVERVIEW_RUNS; run++) bare.push(await measureBare(last.requests));
  bare.sort((a, b) => a - b);
  const same: number[] = [];
  if (mode === 'computed') for (let run = 0; run < OVERVIEW_RUNS; run++) same.push(await measureSameReads());
  same.sort((a, b) => a - b);
  return {
    mode,
    warmedMs: warmedMs[Math.floor(warmedMs.length / 2)] ?? Number.NaN,
    bare: bare[Math.floor(bare.length / 2)] ?? 0,
    sameReads: same[Math.floor(same.length / 2)] ?? Number.NaN,
    cpu: cpuMs[Math.floor(cpuMs.length / 2)] ?? 0,
    p50: times[Math.floor(times.length / 2)] ?? 0,
    max: times[times.length - 1] ?? 0,
    indicators,
    ...last,
  };
}

/**
 * Where a computed overview's time goes: a CPU profile of this process (the API's code runs here)
 * over OVERVIEW_RUNS computed views, self time by category; "idle" is time spent waiting for
 * DynamoDB Local's answers (another process). BENCH_PROFILE=<dir> also writes the .cpuprofile.
 */
async function profileOverview(size: number) {
  const dir = process.env.BENCH_PROFILE;
  const { shares, totalMs } = await profiled(
    async () => {
      for (let run = 0; run < OVERVIEW_RUNS; run++) {
        await bumpViewCounter();
        await goalOverview(undefined, {});
      }
    },
    dir ? `${dir}/overview-${size}.cpuprofile` : undefined,
  );
  console.log(
    `  CPU profile of ${OVERVIEW_RUNS} computed overviews (${(totalMs / OVERVIEW_RUNS).toFixed(0)} ms each), self time per overview:`,
  );
  for (const [what, ms] of shares.slice(0, 10))
    console.log(
      `    ${what.padEnd(40)} ${(ms / OVERVIEW_RUNS).toFixed(1).padStart(7)} ms  ${((100 * ms) / totalMs).toFixed(0).padStart(3)} %`,
    );
}

const rows: {
  size: number;
  /** Some of the responses exist only as folded roll-up contributions (seedRollupsTo). */
  seeded: boolean;
  consumer: Awaited<ReturnType<typeof measureConsumer>> | null;
  rebuild: Awaited<ReturnType<typeof measureRebuild>> | null;
  overview: Awaited<ReturnType<typeof measureOverview>>;
}[] = [];
const viewRows: typeof rows = [];
const writeRows: typeof rows = [];
try {
  for (const size of SIZES) {
    const before = loaded;
    if (size > SEED_ABOVE && loaded > 0) await seedRollupsTo(size);
    else await loadTo(size);
    // The consumer folds the new responses' stream records (the poller starts from the oldest
    // record each time; what it already applied is skipped by its markers).
    const consumer = seeded === 0 && size <= CONSUMER_MAX ? await measureConsumer(size - before) : null;
    if (consumer)
      console.log(
        `Roll-up consumer: ${consumer.records.toLocaleString('en')} new stream records folded in ${consumer.seconds.toFixed(1)} s (${(consumer.records / consumer.seconds).toFixed(0)}/s, ${consumer.cpuSeconds.toFixed(1)} s CPU).`,
      );
    // The rebuild recomputes from raw items: not run once roll-ups hold seeded responses.
    const rebuild = seeded === 0 ? await measureRebuild() : null;
    if (rebuild)
      console.log(
        `Rebuild of ${rebuild.responses.toLocaleString('en')} responses (${rebuild.surveys} surveys, ${rebuild.rollups} roll-ups): ${rebuild.seconds.toFixed(1)} s, peak RSS ${rebuild.peakMb} MB; roll-ups that differed from the raw responses: ${rebuild.rollupsDrifted}${consumer ? ' (kept by the consumer)' : ' (written by the rebuild)'}.`,
      );
    const computed = await measureOverview('computed');
    const overview = await measureOverview('cached');
    const afterWrite = await measureOverview('after a write');
    await profileOverview(size);
    rows.push({ size, seeded: seeded > 0, consumer, rebuild, overview: computed });
    viewRows.push({ size, seeded: seeded > 0, consumer, rebuild, overview });
    writeRows.push({ size, seeded: seeded > 0, consumer, rebuild, overview: afterWrite });
  }

  console.log(
    `\nGoal overview, ${ACTIVITIES} activities, ${surveys.length} surveys (median of ${OVERVIEW_RUNS} runs after a first one; "computed": the change counter moved before each run and nothing warmed the view, "cached": repeat views, "after a write": an activity changed before each run, the roll-up consumer folded it and warmed the view; "write → ready": from that write until the consumer was idle again):`,
  );
  const all = rows.flatMap((r, i) => [
    { ...r, view: 'computed' },
    { ...(viewRows[i] as (typeof rows)[number]), view: 'cached' },
    { ...(writeRows[i] as (typeof rows)[number]), view: 'after a write' },
  ]);
  // Items that come with each activity in scope (its META and its roll-up), apart from the fixed
  // ones of a view (framework, indicators, view cache).
  const perActivity = (o: (typeof rows)[number]['overview']) =>
    ((o.byType.get('activity') ?? 0) + (o.byType.get('rollup') ?? 0) + (o.byType.get('rollup-part') ?? 0)) /
    ACTIVITIES;
  const columns = [
    'responses',
    'view',
    'indicators',
    'p50 ms',
    'max ms',
    'API CPU ms',
    'requests',
    'items read',
    'items/activity',
    'KB read',
    'responses read',
    'bare calls ms',
    'p50 / bare',
    'same reads ms',
    'p50 / same',
    'write → ready ms',
  ];
  const width = Math.max(...columns.map((c) => c.length)) + 2;
  const pad = (s: string) => s.padStart(width);
  console.log(columns.map(pad).join(''));
  for (const { size, seeded: bulk, view, overview: o } of all)
    console.log(
      [
        `${bulk ? '*' : ''}${size.toLocaleString('en')}`,
        view,
        String(o.indicators),
        o.p50.toFixed(0),
        o.max.toFixed(0),
        o.cpu.toFixed(0),
        String(o.requests),
        String(o.items),
        perActivity(o).toFixed(2),
        (o.bytes / 1024).toFixed(0),
        String(o.byType.get('response') ?? 0),
        o.bare.toFixed(1),
        (o.p50 / Math.max(o.bare, 0.1)).toFixed(2),
        Number.isNaN(o.sameReads) ? '-' : o.sameReads.toFixed(0),
        Number.isNaN(o.sameReads) ? '-' : (o.p50 / o.sameReads).toFixed(2),
        Number.isNaN(o.warmedMs) ? '-' : o.warmedMs.toFixed(0),
      ]
        .map(pad)
        .join(''),
    );
  if (rows.some((r) => r.seeded))
    console.log(
      `  * ${loaded - seeded} responses stored as raw items (bulk-loaded, folded by the consumer), the other ${seeded.toLocaleString('en')} folded into the roll-ups in bulk by the consumer's fold code (see seedRollupsTo)`,
    );
  console.log('\nBudget (issue 11) beside the measured values:');
  const budgetRows: [string, (o: (typeof rows)[number]['overview']) => [string, boolean]][] = [
    [
      `requests per overview <= ${BUDGET.requests}`,
      (o) => [String(o.requests), o.requests <= BUDGET.requests],
    ],
    [
      `items read per activity in scope <= ${BUDGET.itemsPerActivity}`,
      (o) => [perActivity(o).toFixed(2), perActivity(o) <= BUDGET.itemsPerActivity],
    ],
    [`median latency <= ${BUDGET.medianMs} ms`, (o) => [`${o.p50.toFixed(0)} ms`, o.p50 <= BUDGET.medianMs]],
    [
      `median <= ${BUDGET.ofBare} x as many bare GetItem/Query calls`,
      (o) => [
        `${(o.p50 / Math.max(o.bare, 0.1)).toFixed(2)} x of ${o.bare.toFixed(1)} ms`,
        o.p50 <= BUDGET.ofBare * o.bare,
      ],
    ],
  ];
  const labelWidth = Math.max(...budgetRows.map(([l]) => l.length)) + 2;
  const cell = 28;
  console.log(
    [
      'budget'.padEnd(labelWidth),
      ...all.map((r) => `${r.size.toLocaleString('en')} ${r.view}`.padStart(cell)),
    ].join(''),
  );
  for (const [label, measure] of budgetRows)
    console.log(
      [
        label.padEnd(labelWidth),
        ...all.map((r) => {
          const [value, met] = measure(r.overview);
          return `${value} ${met ? 'met' : 'NOT met'}`.padStart(cell);
        }),
      ].join(''),
    );
  console.log(
    '  ("same reads": the computed view\'s own activity query and roll-up BatchGetItem requests done bare, nothing computed: what DynamoDB Local alone takes for them in this run)',
  );
  for (const { size, view, overview: o } of all)
    console.log(
      `  items by type at ${size.toLocaleString('en')} (${view}): ${[...o.byType.entries()].map(([t, n]) => `${t} ${n}`).join(', ')}`,
    );
  console.log(
    '\nRebuild of every aggregate and roll-up from the raw responses (npm run rebuild-aggregates -- --repair):',
  );
  for (const { size, rebuild: b } of rows)
    if (!b)
      console.log(`  ${size.toLocaleString('en')} responses: not run (roll-ups seeded in bulk, see above)`);
    else
      console.log(
        `  ${size.toLocaleString('en')} responses: ${b.seconds.toFixed(1)} s (${(b.responses / b.seconds).toFixed(0)} responses/s, process start included), peak RSS of the command ${b.peakMb} MB`,
      );
} finally {
  await stack.stop();
}
process.exit(0);
