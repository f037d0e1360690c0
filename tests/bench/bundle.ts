/**
 * Budgets of issue 15 (lean on the wire, fast Lambda start), measured in one run and printed side
 * by side with their budgets; prints figures, never fails:
 *
 * 1. Participant first visit, everything the server sent (worker precache included), in Chromium
 *    with a fresh context (also with the HTTP cache off, printed), against the production build served like S3 +
 *    CloudFront (tests/support/static-site.ts: gzip, the distribution's rewrite function, /api to
 *    the API on Node over DynamoDB Local). The same survey as a SurveyJS page (survey-core 3 +
 *    survey-react-ui + React 19, built with esbuild, served by the same server) for the ratio.
 * 2. The results overview page's first-load JavaScript (SvelteKit manifest: entry, app, layout,
 *    error and page nodes and their static imports).
 * 3. Lambda bundles built as infra/lib/function.ts builds them (one
 *    definition, infra/lib/bundling.ts: esbuild, ESM, minified, split at dynamic imports, source
 *    maps):
 *    sizes, zod locales and AWS SDK clients (none expected: AWS is called over signed HTTP,
 *    functions/src/lib/aws-http.ts) from the metafile (written to .local/bench/<name>/meta.json
 *    for `esbuild --analyze`-style reading), and a cold process's import + first answer against a
 *    hello-world Hono bundle built the same way, with source maps not loaded (as deployed) and
 *    loaded (NODE_OPTIONS=--enable-source-maps): the staff API's health check (no route group
 *    loaded) and a signed-in read of a survey (its group loaded, the token checked against
 *    cognito-local's keys, DynamoDB Local read), the participants' API with and without I/O.
 *
 *   npx tsx tests/bench/bundle.ts [--no-build]
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { bundleLambda } from '../../infra/lib/bundling.js';
import { postEventTemplate } from '../../shared/src/surveys/templates.js';
import { launch, phone } from '../support/browser.js';
import { serveStaticSite } from '../support/static-site.js';
import { startBenchApi } from './api.js';
import { toSurveyJs } from './surveyjs/convert.js';

const root = resolve(import.meta.dirname, '../..');
const web = resolve(root, 'web');
const out = resolve(root, '.local/bench');
const gz = (bytes: Buffer | string) => gzipSync(bytes, { level: 9 }).length;
const kb = (n: number) => (n / 1024).toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const summary: string[] = [];
const line = (what: string, measured: string, budget: string, ok: boolean | null) =>
  summary.push(
    `${ok === null ? 'n/a    ' : ok ? 'OK     ' : 'NOT MET'}  ${what}: ${measured} (budget ${budget})`,
  );

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const vite = (args: string[]) =>
  execFileSync(process.execPath, [resolve(root, 'node_modules/vite/bin/vite.js'), ...args], {
    cwd: web,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
if (!process.argv.includes('--no-build')) {
  console.log('building web/ (vite build, then the participant page) ...');
  vite(['build']);
  vite(['build', '--config', 'vite.participant.config.ts']);
}

// ---------------------------------------------------------------------------------------------
// 1. Participant first visit vs SurveyJS

const surveyJsDir = resolve(web, 'build/bench-surveyjs');
mkdirSync(surveyJsDir, { recursive: true });
await build({
  entryPoints: [resolve(import.meta.dirname, 'surveyjs/main.js')],
  outfile: resolve(surveyJsDir, 'main.js'),
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'error',
});
// The fontless stylesheet: the default one loads Open Sans from Google's servers, which this
// machine cannot reach (so SurveyJS is measured without its web fonts: in its favour).
copyFileSync(
  resolve(root, 'node_modules/survey-core/survey-core.fontless.min.css'),
  resolve(surveyJsDir, 'survey-core.min.css'),
);
writeFileSync(resolve(surveyJsDir, 'survey.json'), JSON.stringify(toSurveyJs(postEventTemplate())));
writeFileSync(
  resolve(surveyJsDir, 'index.html'),
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Survey</title><link rel="stylesheet" href="./survey-core.min.css"></head><body><div id="root"></div><script type="module" src="./main.js"></script></body></html>',
);

console.log('starting the emulators and the API ...');
const api = await startBenchApi();
const site = await serveStaticSite(resolve(web, 'build'), api.base);
const browser = await launch();
let ours = 0;
let theirs = 0;
const survey = await api.newSurvey();
try {
  // A first visit: a fresh context (empty HTTP cache, no worker). `cacheOff` also turns the HTTP
  // cache off, so the worker's precache downloads again what the page has just loaded.
  const visit = async (url: string, ready: (page: Page) => Promise<unknown>, cacheOff = false) => {
    const context = await browser.newContext({ ...phone, locale: 'en-GB' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: cacheOff });
    const from = site.log.length;
    await page.goto(url, { waitUntil: 'networkidle' });
    await ready(page);
    await page.waitForTimeout(1500); // anything still trickling in (worker install) is counted
    const requests = site.log.slice(from);
    await context.close();
    return requests;
  };
  const participantReady = async (page: Page) => {
    await page.getByRole('heading', { name: 'Your feedback on the event' }).waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
  };
  const participant = await visit(`${site.url}/s/${survey.code}`, participantReady);
  const participantNoCache = await visit(`${site.url}/s/${survey.code}`, participantReady, true);
  const surveyJs = await visit(`${site.url}/bench-surveyjs/index.html`, (page) =>
    page.getByText('Overall, how satisfied are you with the event?').waitFor(),
  );
  ours = participant.reduce((s, r) => s + r.bytes, 0);
  theirs = surveyJs.reduce((s, r) => s + r.bytes, 0);
  const show = (rows: typeof participant) =>
    console.table(rows.map((r) => ({ path: r.path, status: r.status, 'KB sent (gzip)': kb(r.bytes) })));
  console.log('\nParticipant first visit (production build, fresh context), every request:');
  show(participant);
  const staff = participant.filter((r) => r.path.startsWith('/_app/') || r.path === '/service-worker.js');
  console.log(`  staff app files fetched: ${staff.length}; total ${kb(ours)} KB`);
  const noCache = participantNoCache.reduce((s, r) => s + r.bytes, 0);
  console.log(
    `  with the HTTP cache off as well (the worker downloads its precache again): ${participantNoCache.length} requests, ${kb(noCache)} KB`,
  );
  console.log(
    '\nSurveyJS page of the same survey (survey-core 3 + survey-react-ui + React 19), every request:',
  );
  show(surveyJs);
  console.log(`  total ${kb(theirs)} KB`);
  line(
    'participant first visit, all transferred incl. worker precache',
    `${kb(ours)} KB gzip; SurveyJS page ${kb(theirs)} KB, ratio ${(ours / theirs).toFixed(2)}`,
    '60 KB',
    ours <= 60 * 1024,
  );
} finally {
  await browser.close();
  await site.close();
}

// Nothing of zod, Swagger or Cognito in what participants load.
const forbidden: [string, RegExp][] = [
  ['zod', /ZodError|\$ZodType|_zod\b/],
  ['swagger', /swagger/i],
  ['cognito', /AWSCognitoIdentityProviderService/],
];
const participantJs = [
  'build/s/sw.js',
  ...readdirSync(resolve(web, 'build/s/assets')).map((f) => `build/s/assets/${f}`),
]
  .filter((f) => f.endsWith('.js'))
  .map((f) => readFileSync(resolve(web, f), 'utf8'));
const found = forbidden.filter(([, re]) => participantJs.some((text) => re.test(text)));
console.log(
  `forbidden code in the participant build: ${found.length ? found.map(([n]) => n).join(', ') : 'none'}`,
);

// ---------------------------------------------------------------------------------------------
// 2. Results overview page: first-load JavaScript of the SvelteKit route

interface Chunk {
  file: string;
  imports?: string[];
}
const client = resolve(web, '.svelte-kit/output/client');
const manifest = JSON.parse(readFileSync(resolve(client, '.vite/manifest.json'), 'utf8')) as Record<
  string,
  Chunk
>;
const appSource = readFileSync(resolve(web, '.svelte-kit/generated/client-optimized/app.js'), 'utf8');

/** Files a first load of `route` fetches: kit entry, app, layouts, root error node, page node + static imports. */
function firstLoad(route: string) {
  const routeLine = appSource.split('\n').find((l) => l.includes(`"${route}"`));
  const leaf = routeLine?.match(/\[\s*~?(\d+)/)?.[1];
  if (!leaf) throw new Error(`route ${route} not found in the generated app.js`);
  const layouts = (routeLine?.match(/\[\s*~?\d+\s*,\s*\[([^\]]*)\]/)?.[1] ?? '')
    .split(',')
    .filter(Boolean)
    .map((n) => Number(n.replace('~', '')));
  const keyOf = (suffix: string) => {
    const k = Object.keys(manifest).find((key) => key.endsWith(suffix));
    if (!k) throw new Error(`${suffix} not in the manifest`);
    return k;
  };
  const starts = [
    keyOf('@sveltejs/kit/src/runtime/client/entry.js'),
    keyOf('generated/client-optimized/app.js'),
    ...[...new Set([0, ...layouts])].map((n) => keyOf(`client-optimized/nodes/${n}.js`)),
    keyOf('client-optimized/nodes/1.js'),
    keyOf(`client-optimized/nodes/${leaf}.js`),
  ];
  const seen = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(chunk.file)) return;
    seen.add(chunk.file);
    for (const imp of chunk.imports ?? []) visit(imp);
  };
  for (const s of starts) visit(s);
  return [...seen].map((file) => {
    const text = readFileSync(resolve(client, file));
    return { file, gzip: gz(text), zod: forbidden[0]?.[1].test(text.toString('utf8')) ?? false };
  });
}
const results = firstLoad('/results');
const resultsTotal = results.reduce((s, r) => s + r.gzip, 0);
const resultsZod = results.filter((r) => r.zod).reduce((s, r) => s + r.gzip, 0);
console.log('\nResults overview page (/results), first-load JavaScript:');
console.table(
  [...results]
    .sort((a, b) => b.gzip - a.gzip)
    .slice(0, 12)
    .map((r) => ({ file: r.file, 'gzip KB': kb(r.gzip), zod: r.zod ? 'yes' : '' })),
);
line(
  'results overview page first-load JS',
  `${kb(resultsTotal)} KB gzip (files with zod code: ${kb(resultsZod)} KB)`,
  '50 KB',
  resultsTotal <= 50 * 1024,
);
// Every staff page (issue 15: no zod on pages that do not validate; forms keep it).
const staffPages = [...new Set([...appSource.matchAll(/"(\/[^"]*)"/g)].map((m) => m[1] as string))].filter(
  (r) => !r.startsWith('/s/'),
);
console.log('\nStaff pages, first-load JavaScript (gzip; files with zod code: the page validates a form):');
console.table(
  staffPages
    .map((route) => {
      const files = firstLoad(route);
      return {
        page: route,
        'gzip KB': kb(files.reduce((s, f) => s + f.gzip, 0)),
        'with zod KB': kb(files.filter((f) => f.zod).reduce((s, f) => s + f.gzip, 0)),
      };
    })
    .sort((a, b) => Number(a['gzip KB']) - Number(b['gzip KB'])),
);

// ---------------------------------------------------------------------------------------------
// 3. Lambda bundles and cold start

const helloEntry = resolve(out, 'hello.ts');
writeFileSync(
  helloEntry,
  "import { Hono } from 'hono';\nimport { handle } from 'hono/aws-lambda';\nconst app = new Hono();\napp.get('/api/health', (c) => c.json({ status: 'ok' }));\nexport const handler = handle(app);\n",
);
/**
 * As infra/lib/function.ts bundles (both run infra/lib/bundling.ts): index.mjs and its chunks.
 * Sizes: all the code shipped; what a cold process loads at start (index.mjs and its static
 * imports); and at most for one request (the start plus the largest dynamically imported chunk's
 * own static imports: a staff API route group, functions/src/lib/lazy-routes.ts).
 */
async function lambdaBundle(name: string, entry: string) {
  const dir = resolve(out, name);
  rmSync(dir, { recursive: true, force: true });
  const meta = await bundleLambda(entry, dir);
  writeFileSync(resolve(dir, 'meta.json'), JSON.stringify(meta));
  const outputs = Object.fromEntries(
    Object.entries(meta.outputs)
      .filter(([path]) => path.endsWith('.mjs'))
      .map(([path, o]) => [resolve(root, path), o]),
  );
  const file = resolve(dir, 'index.mjs');
  const closure = (from: string, seen: Set<string>) => {
    if (seen.has(from)) return seen;
    seen.add(from);
    for (const i of outputs[from]?.imports ?? [])
      if (i.kind === 'import-statement') closure(resolve(root, i.path), seen);
    return seen;
  };
  const bytesOf = (files: Iterable<string>) => [...files].reduce((s, f) => s + (outputs[f]?.bytes ?? 0), 0);
  const atStart = closure(file, new Set());
  const lazy = Object.keys(outputs).filter((f) => f !== file && outputs[f]?.entryPoint);
  const perRequest = Math.max(bytesOf(atStart), ...lazy.map((f) => bytesOf(closure(f, new Set(atStart)))));
  const inputs = Object.values(outputs).flatMap((o) => Object.entries(o.inputs));
  const sum = (test: (path: string) => boolean) =>
    inputs.filter(([path]) => test(path)).reduce((s, [, i]) => s + i.bytesInOutput, 0);
  const locales = new Set(
    inputs.map(([p]) => p).filter((p) => /zod\/v4\/locales\/(?!en\.js|index\.js)/.test(p)),
  );
  return {
    name,
    file,
    bytes: bytesOf(Object.keys(outputs)),
    atStart: bytesOf(atStart),
    perRequest,
    files: Object.keys(outputs).length,
    gzip: Object.keys(outputs).reduce((s, f) => s + gz(readFileSync(f)), 0),
    /** AWS SDK clients and their runtime (the marshalling package alone is expected). */
    sdk: sum((p) => /node_modules\/@(aws-sdk|smithy|aws-crypto)\//.test(p) && !p.includes('/util-dynamodb/')),
    aws: sum((p) => /node_modules\/(aws4|@aws-sdk\/util-dynamodb)\//.test(p)),
    zod: sum((p) => p.includes('node_modules/zod/')),
    locales: locales.size,
  };
}
const bundles = [
  await lambdaBundle('hello', helloEntry),
  await lambdaBundle('public', resolve(root, 'functions/src/handlers/public.ts')),
  await lambdaBundle('api', resolve(root, 'functions/src/handlers/api.ts')),
  await lambdaBundle('schedule', resolve(root, 'functions/src/handlers/schedule.ts')),
  await lambdaBundle('send', resolve(root, 'functions/src/handlers/send.ts')),
  await lambdaBundle('rollups', resolve(root, 'functions/src/handlers/rollups.ts')),
];
console.log(
  '\nLambda bundles (esbuild with infra/lib/bundling.ts, as deployed: ESM, minified, split at dynamic imports, source maps beside);\n' +
    'AWS calls over signed HTTP (aws4 + @aws-sdk/util-dynamodb), no AWS SDK client:',
);
console.table(
  bundles.map((b) => ({
    bundle: b.name,
    files: b.files,
    'min KB': kb(b.bytes),
    'loaded at start KB': kb(b.atStart),
    'at most per request KB': kb(b.perRequest),
    'gzip KB': kb(b.gzip),
    'of which AWS calls KB': kb(b.aws),
    'AWS SDK clients KB': kb(b.sdk),
    'of which zod KB': kb(b.zod),
    'zod locales (not en)': b.locales,
  })),
);
const size = (name: string) => bundles.find((b) => b.name === name) as (typeof bundles)[number];
line(
  'zod locales in Lambda bundles',
  bundles.map((b) => `${b.name} ${b.locales}`).join(', '),
  '0',
  bundles.every((b) => b.locales === 0),
);
line(
  'AWS SDK clients in Lambda bundles',
  bundles.map((b) => `${b.name} ${kb(b.sdk)} KB`).join(', '),
  '0',
  bundles.every((b) => b.sdk === 0),
);
line(
  'public Lambda bundle',
  `${kb(size('public').bytes)} KB minified as deployed (zod ${kb(size('public').zod)} KB of it)`,
  '150 KB',
  size('public').bytes <= 150 * 1024,
);
line(
  'staff API Lambda bundle',
  `${kb(size('api').bytes)} KB minified as deployed (zod ${kb(size('api').zod)} KB of it); a cold process loads ${kb(size('api').atStart)} KB at start and at most ${kb(size('api').perRequest)} KB for one request (its route group); judged on the whole`,
  '400 KB',
  size('api').bytes <= 400 * 1024,
);

// A cold process per run: spawn Node, import the bundle, answer one request. Measured from spawn
// to the answer (what a cold start costs beyond the runtime's own boot is the difference).
const runner = resolve(out, 'cold.mjs');
writeFileSync(
  runner,
  `const t0 = performance.now();
const { handler } = await import(process.argv[2]);
const path = process.argv[3];
const event = { version: '2.0', routeKey: 'ANY /api/{proxy+}', rawPath: path, rawQueryString: '',
  headers: { host: 'example.org', 'accept-encoding': 'gzip', ...JSON.parse(process.argv[4] ?? '{}') },
  requestContext: { http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9' },
    requestId: 'cold', routeKey: 'ANY /api/{proxy+}', stage: '$default', timeEpoch: Date.now() },
  isBase64Encoded: false };
const res = await handler(event, {});
process.stdout.write('\\nCOLD ' + JSON.stringify({ ms: performance.now() - t0, status: res.statusCode }) + '\\n');
process.exit(0);
`,
);
const coldEnv = {
  ...process.env,
  ...api.stack.env,
  LOG_LEVEL: 'info',
};
function cold(bundle: string, path: string, sourceMaps: boolean, headers: Record<string, string> = {}) {
  return new Promise<{ wall: number; inner: number; status: number }>((ok, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, [runner, bundle, path, JSON.stringify(headers)], {
      env: { ...coldEnv, NODE_OPTIONS: sourceMaps ? '--enable-source-maps' : '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let text = '';
    child.stdout.on('data', (d: Buffer) => {
      text += d.toString();
      const m = text.match(/COLD (\{.*\})\n/);
      if (m?.[1]) {
        const wall = performance.now() - started;
        const r = JSON.parse(m[1]) as { ms: number; status: number };
        ok({ wall, inner: r.ms, status: r.status });
      }
    });
    child.on('exit', (code) => {
      if (!/COLD/.test(text)) fail(new Error(`cold run of ${bundle} ${path} exited ${code}: ${text}`));
    });
  });
}
const variants: { name: string; file: string; path: string; headers?: Record<string, string> }[] = [
  { name: 'hello-world Hono', file: size('hello').file, path: '/api/health' },
  { name: 'staff API /api/health', file: size('api').file, path: '/api/health' },
  // A route of a lazily loaded group (functions/src/lib/lazy-routes.ts), signed in: the group's
  // module, the token checked against Cognito's keys (cognito-local), the survey read.
  {
    name: 'staff API: a survey, signed in (Cognito, DynamoDB Local)',
    file: size('api').file,
    path: `/api/surveys/${survey.id}`,
    headers: { authorization: `Bearer ${api.token}` },
  },
  { name: 'public: bad code (no I/O)', file: size('public').file, path: '/api/public/surveys/x' },
  {
    name: 'public: open a survey (DynamoDB Local)',
    file: size('public').file,
    path: `/api/public/surveys/${survey.code}`,
  },
];
const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 7);
const timings = new Map<string, { wall: number[]; inner: number[]; status: number }>();
try {
  for (let i = 0; i < RUNS; i++)
    for (const sourceMaps of [true, false])
      for (const v of variants) {
        const r = await cold(v.file, v.path, sourceMaps, v.headers);
        const key = `${v.name}|${sourceMaps}`;
        const t = timings.get(key) ?? { wall: [], inner: [], status: r.status };
        t.wall.push(r.wall);
        t.inner.push(r.inner);
        timings.set(key, t);
      }
} finally {
  await api.close();
}
const med = (name: string, sourceMaps: boolean) => {
  const t = timings.get(`${name}|${sourceMaps}`);
  return { wall: median(t?.wall ?? []), inner: median(t?.inner ?? []), status: t?.status ?? 0 };
};
console.log(
  `\nCold process: import + first answer, median of ${RUNS} (Node ${process.version}, this machine):`,
);
console.table(
  variants.flatMap((v) =>
    [true, false].map((sm) => {
      const m = med(v.name, sm);
      const floor = med('hello-world Hono', sm);
      return {
        bundle: v.name,
        'source maps': sm ? 'loaded at start' : 'not loaded (as deployed)',
        status: m.status,
        'spawn→answer ms': m.wall.toFixed(0),
        'import+answer ms': m.inner.toFixed(1),
        'ratio (spawn→answer)': (m.wall / floor.wall).toFixed(2),
        'ratio (import+answer)': (m.inner / floor.inner).toFixed(2),
      };
    }),
  ),
);
for (const v of variants.slice(1)) {
  const m = med(v.name, false);
  const floor = med('hello-world Hono', false);
  const ratio = m.wall / floor.wall;
  line(
    `cold start, ${v.name} (maps shipped, not loaded: as deployed)`,
    `${ratio.toFixed(2)}× hello-world (${m.wall.toFixed(0)} vs ${floor.wall.toFixed(0)} ms spawn→answer; import+answer alone ${(m.inner / floor.inner).toFixed(1)}×)`,
    '2×',
    ratio <= 2,
  );
}

console.log('\nIssue 15 budgets (this run):');
for (const s of summary) console.log(`  ${s}`);
