/**
 * Smoke runs of every notebook on the bundled sample (`--quick`: compact grids): each must
 * exit 0, write its page, and every chart on the page must hold inline data and compile and
 * render with vega-lite and vega headlessly without a warning.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderSpecSvg } from '../src/engine/report/spec-check.js';
import { tempDir } from '../test-support/temp-dir.js';
import { REPO_ROOT, SAMPLE_DIR } from './lib/notebook-args.js';
import { NOTEBOOKS } from './lib/notebook-list.js';
import { dataSizes, emptyCharts, pageSpecs } from './lib/page-check.js';

const run = promisify(execFile);
const out = tempDir('notebooks');

describe('notebooks', () => {
  it('lists every notebook file in notebooks-ts/ for npm run notebooks and this test', () => {
    const files = readdirSync(resolve(REPO_ROOT, 'notebooks-ts'))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'run-all.ts')
      .map((f) => f.slice(0, -3))
      .sort();
    expect(files).toEqual([...NOTEBOOKS].sort());
  });

  for (const name of NOTEBOOKS) {
    it(`${name} writes its page on the bundled sample with every chart holding data`, async () => {
      const file = resolve(REPO_ROOT, 'notebooks-ts', `${name}.ts`);
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', file, '--data-dir', SAMPLE_DIR, '--out', out, '--quick'],
        { cwd: REPO_ROOT, maxBuffer: 16 << 20 },
      );
      const page = join(out, `${name}.html`);
      expect(stdout).toContain(page);
      const html = readFileSync(page, 'utf8');
      expect(html).toContain('data: the bundled sample (data/sample)');
      const specs = pageSpecs(html);
      expect(Object.keys(specs).length).toBeGreaterThan(0);
      expect(emptyCharts(specs)).toEqual([]);
      for (const [id, spec] of Object.entries(specs)) {
        expect(
          dataSizes(spec).every((n) => n > 0),
          id,
        ).toBe(true);
        const r = await renderSpecSvg(spec as never);
        expect(r.warnings, id).toEqual([]);
        expect(r.svg, id).toContain('<svg');
      }
      expect(html).not.toMatch(/src="http|href="http/);
    });
  }
});
