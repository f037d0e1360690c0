import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * The built-in default framework is the seed of a first start, nothing more: pages and API code
 * read the saved framework (active by default, any version on request). This test fails when a
 * web page or an API module imports the built-in framework for anything but seeding.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const IMPORT =
  /from\s+['"][^'"]*framework\/default-framework(?:\.js)?['"]|import\(\s*['"][^'"]*default-framework/;

/** Files that write the default content into an empty database: the only allowed importers. */
const SEEDERS = new Set(['functions/src/framework/seed.ts', 'functions/src/indicators/demo.ts']);

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sources(full));
    else if (/\.(ts|svelte|js)$/.test(name) && !/\.test\.ts$/.test(name)) out.push(full);
  }
  return out;
}

const importers = (dir: string) =>
  sources(path.join(root, dir))
    .filter((f) => IMPORT.test(readFileSync(f, 'utf8')))
    .map((f) => path.relative(root, f).split(path.sep).join('/'));

describe('the built-in default framework is only a seed', () => {
  it('is imported by no web page or component', () => {
    const found = importers('web/src');
    expect(found).toEqual([]);
  });

  it('is imported by the API only where the first start is seeded', () => {
    const found = importers('functions/src').filter((f) => !SEEDERS.has(f));
    expect(found).toEqual([]);
  });

  it('detects an import when there is one (the check can fail)', () => {
    expect(IMPORT.test("import { defaultFramework } from '$shared/framework/default-framework';")).toBe(true);
    expect(IMPORT.test("import { x } from '../../../shared/src/framework/default-framework.js';")).toBe(true);
    expect(IMPORT.test("import { x } from '$shared/framework/labels';")).toBe(false);
  });
});
