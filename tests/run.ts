// `npm test`: static checks, then every vitest project, then one plain closing line
// `N passed, N failed, N skipped` (CI reads that line; it cannot read vitest's own summary).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = (name: string) => resolve(root, 'node_modules/.bin', name);
const started = Date.now();

/** Static checks each count as one test: they can fail and they say why. */
const checks: { name: string; cmd: string; args: string[]; cwd?: string }[] = [
  { name: 'lint and format (Biome)', cmd: bin('biome'), args: ['ci', '.'] },
  { name: 'types (tsc)', cmd: bin('tsc'), args: ['-p', 'tsconfig.json'] },
  { name: 'web sync (svelte-kit)', cmd: bin('svelte-kit'), args: ['sync'], cwd: 'web' },
  {
    name: 'web types and a11y (svelte-check)',
    cmd: bin('svelte-check'),
    args: ['--tsconfig', './tsconfig.json', '--fail-on-warnings', '--output', 'human'],
    cwd: 'web',
  },
];

let passed = 0;
let failed = 0;
let skipped = 0;

for (const check of checks) {
  const t = Date.now();
  const r = spawnSync(check.cmd, check.args, { cwd: resolve(root, check.cwd ?? '.'), stdio: 'inherit' });
  const ok = r.status === 0;
  console.log(`${ok ? '✓' : '✗'} ${check.name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  if (ok) passed++;
  else failed++;
}

mkdirSync(resolve(root, 'test-results'), { recursive: true });

/*
 * Two vitest runs: the integration and the end-to-end projects each start an emulator stack and a
 * roll-up consumer in vitest's main process, and that consumer writes through the process's one
 * DynamoDB client (configured once from the environment). In one run the second stack's
 * environment would point the first stack's consumer at the wrong database.
 */
const runs: { name: string; projects: string[] }[] = [
  { name: 'unit-integration-infra', projects: ['unit', 'integration', 'infra'] },
  { name: 'e2e', projects: ['e2e'] },
];
const extra = process.argv.slice(2);
for (const run of runs) {
  // With `npm test -- --project x`, run only what was asked for.
  const asked = extra.filter((a, i) => extra[i - 1] === '--project' || a.startsWith('--project='));
  const projects = asked.length > 0 ? [] : run.projects.flatMap((p) => ['--project', p]);
  if (asked.length > 0 && run.name !== runs[0]?.name) break;
  const report = resolve(root, `test-results/vitest-${run.name}.json`);
  const vitest = spawnSync(
    bin('vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...projects, ...extra],
    { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } },
  );
  let counted = 0;
  try {
    const json = JSON.parse(readFileSync(report, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
      numFailedTestSuites: number;
    };
    passed += json.numPassedTests;
    failed += json.numFailedTests;
    counted = json.numFailedTests;
    skipped += json.numPendingTests + json.numTodoTests;
    // A file that fails to load has no failed test but is a failure all the same.
    if (json.numFailedTestSuites > 0 && json.numFailedTests === 0) {
      failed += json.numFailedTestSuites;
      counted += json.numFailedTestSuites;
    }
  } catch {
    console.error(`vitest (${run.name}) wrote no JSON report; counting the run as one failure.`);
    failed++;
    counted++;
  }
  if (vitest.status !== 0 && counted === 0) failed++;
}

console.log(
  `\nnpm test took ${((Date.now() - started) / 1000).toFixed(0)} s; screenshots in test-results/screenshots/`,
);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
