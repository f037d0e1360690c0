/**
 * Bundle budget of the participant page (`/s/<code>`): builds the web app (unless `--no-build`),
 * then sums the gzip size of every JavaScript file the page loads on first load: SvelteKit's
 * entry and app modules, the root layout and root error nodes (the client router fetches both at
 * start), the page's node, and everything they import statically, read from Vite's manifest.
 * Also prints the size of the post-event template's survey JSON. Prints figures; never fails.
 *
 *   npx tsx tests/bench/bundle.ts [--no-build]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { postEventTemplate } from '../../shared/src/surveys/templates.js';

const BUDGET_KB = 35;
const root = resolve(import.meta.dirname, '../..');
const web = resolve(root, 'web');
const client = resolve(web, '.svelte-kit/output/client');
const ROUTE = '/s/[code]';

interface Chunk {
  file: string;
  imports?: string[];
  isEntry?: boolean;
  src?: string;
}

const gz = (bytes: Buffer | string) => gzipSync(bytes, { level: 9 }).length;
const kb = (n: number) => (n / 1024).toFixed(1);

if (!process.argv.includes('--no-build')) {
  console.log('building web/ (vite build) ...');
  execFileSync(process.execPath, [resolve(root, 'node_modules/vite/bin/vite.js'), 'build'], {
    cwd: web,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  execFileSync(
    process.execPath,
    [resolve(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.participant.config.ts'],
    { cwd: web, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

const manifestPath = resolve(client, '.vite/manifest.json');
if (!existsSync(manifestPath)) throw new Error(`no ${manifestPath}: run without --no-build`);
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, Chunk>;

// Which client node renders the route: `dictionary` in the generated app module maps a route id
// to [leaf, layouts?, errors?]; a negative (~n) leaf means it has a server load.
const appSource = readFileSync(resolve(web, '.svelte-kit/generated/client-optimized/app.js'), 'utf8');
const routeLine = appSource.split('\n').find((l) => l.includes(`"${ROUTE}"`));
const leafMatch = routeLine?.match(/\[\s*(~?)(\d+)/);
if (!leafMatch) throw new Error(`route ${ROUTE} not found in the generated app.js`);
const leaf = Number(leafMatch[2]);
const layoutMatch = routeLine?.match(/\[\s*~?\d+\s*,\s*\[([^\]]*)\]/);
const layouts = [
  0,
  ...(layoutMatch?.[1] ?? '')
    .split(',')
    .filter(Boolean)
    .map((n) => Number(n.replace('~', ''))),
];

const keyOf = (suffix: string) => {
  const k = Object.keys(manifest).find((key) => key.endsWith(suffix));
  if (!k) throw new Error(`${suffix} not in the manifest`);
  return k;
};
const starts = [
  { why: 'kit entry', key: keyOf('@sveltejs/kit/src/runtime/client/entry.js') },
  { why: 'app', key: keyOf('generated/client-optimized/app.js') },
  ...[...new Set(layouts)].map((n) => ({
    why: `layout node ${n}`,
    key: keyOf(`client-optimized/nodes/${n}.js`),
  })),
  { why: 'root error node 1', key: keyOf('client-optimized/nodes/1.js') },
  { why: `page node ${leaf} (${ROUTE})`, key: keyOf(`client-optimized/nodes/${leaf}.js`) },
];

// Everything reachable through static imports, each file once.
const seen = new Map<string, string>();
const visit = (key: string, why: string) => {
  const chunk = manifest[key];
  if (!chunk || seen.has(chunk.file)) return;
  seen.set(chunk.file, why);
  for (const imp of chunk.imports ?? []) visit(imp, `imported by ${why.split(' (')[0]}`);
};
for (const s of starts) visit(s.key, s.why);

const rows = [...seen].map(([file, why]) => {
  const bytes = readFileSync(resolve(client, file));
  return { file, why, raw: bytes.length, gzip: gz(bytes) };
});
rows.sort((a, b) => b.gzip - a.gzip);
const total = rows.reduce((s, r) => s + r.gzip, 0);

// Anything forbidden in this bundle, by a marker its code carries.
const forbidden: [string, RegExp][] = [
  ['zod', /ZodError|\$ZodType|_zod\b/],
  ['swagger', /swagger/i],
  ['cognito', /AWSCognitoIdentityProviderService/],
];
const found = forbidden.filter(([, re]) =>
  rows.some((r) => re.test(readFileSync(resolve(client, r.file), 'utf8'))),
);

console.log(`\nJavaScript on first load of the SvelteKit route ${ROUTE} (dev server, offline fallback):`);
console.table(rows.map((r) => ({ file: r.file, 'raw KB': kb(r.raw), 'gzip KB': kb(r.gzip), why: r.why })));
const css = Object.values(manifest)
  .filter((c) => c.file.endsWith('.css'))
  .map((c) => c.file);
void css;

const sw = resolve(web, 'build/service-worker.js');
if (existsSync(sw))
  console.log(`service worker (registered after load, not counted): ${kb(gz(readFileSync(sw)))} KB gzip`);

const survey = JSON.stringify(postEventTemplate());
console.log(`post-event survey definition JSON: ${kb(survey.length)} KB raw, ${kb(gz(survey))} KB gzip`);
if (found.length > 0)
  console.log(`FORBIDDEN code in the participant bundle: ${found.map(([n]) => n).join(', ')}`);
console.log(`SvelteKit route first-load JS: ${kb(total)} KB gzip`);

// What participants get in production: the standalone build that CloudFront serves at /s/<code>.
const standalone = resolve(web, 'build/s');
const sManifest = JSON.parse(readFileSync(resolve(standalone, '.vite/manifest.json'), 'utf8')) as Record<
  string,
  Chunk & { css?: string[] }
>;
const sSeen = new Set<string>();
const sVisit = (key: string) => {
  const chunk = sManifest[key];
  if (!chunk || sSeen.has(chunk.file)) return;
  sSeen.add(chunk.file);
  for (const imp of chunk.imports ?? []) sVisit(imp);
};
sVisit('index.html');
const sRows = [...sSeen].map((file) => {
  const bytes = readFileSync(resolve(standalone, file));
  return {
    file: `s/${file}`,
    'raw KB': kb(bytes.length),
    'gzip KB': kb(gz(bytes)),
    gzip: gz(bytes),
    text: bytes.toString('utf8'),
  };
});
const sCss = (sManifest['index.html']?.css ?? []).map((f) => gz(readFileSync(resolve(standalone, f))));
const sTotal = sRows.reduce((s, r) => s + r.gzip, 0);
console.log('\nJavaScript on first load of the standalone participant page (production, /s/<code>):');
console.table(sRows.map(({ file, 'raw KB': raw, 'gzip KB': g }) => ({ file, 'raw KB': raw, 'gzip KB': g })));
console.log(
  `  plus CSS: ${kb(sCss.reduce((a, b) => a + b, 0))} KB gzip; the page's language file loads only for a non-English choice (~1 KB)`,
);
const sFound = forbidden.filter(([, re]) => sRows.some((r) => re.test(r.text)));
if (sFound.length > 0)
  console.log(`FORBIDDEN code in the standalone bundle: ${sFound.map(([n]) => n).join(', ')}`);
console.log(
  `participant first-load JS: ${kb(sTotal)} KB gzip (budget ${BUDGET_KB} KB): ${sTotal <= BUDGET_KB * 1024 ? 'OK' : 'OVER'}`,
);
