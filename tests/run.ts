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
const report = resolve(root, 'test-results/vitest.json');
const vitest = spawnSync(
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } },
);

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
  skipped += json.numPendingTests + json.numTodoTests;
  // A file that fails to load has no failed test but is a failure all the same.
  if (json.numFailedTestSuites > 0 && json.numFailedTests === 0) failed += json.numFailedTestSuites;
} catch {
  console.error('vitest wrote no JSON report; counting the run as one failure.');
  failed++;
}
if (vitest.status !== 0 && failed === 0) failed++;

console.log(
  `\nnpm test took ${((Date.now() - started) / 1000).toFixed(0)} s; screenshots in test-results/screenshots/`,
);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
