/**
 * End-to-end: `coinbot walkforward` on the bundled sample (two symbols, a small grid, three 6 h
 * steps) writes its page; headless Debian Chromium opens it from file:// and every chart must be
 * drawn with no console error and no request outside file://. Every spec also compiles and
 * renders in Node with no vega warning. Screenshot: test-output/walkforward-screenshot.png.
 * Without /usr/bin/chromium the browser part skips loudly, except under CI=true.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliInProcess } from '../../../../test-support/cli-in-process.js';
import {
  CHROMIUM,
  drawnCharts,
  hasChromium,
  inCi,
  launchOffline,
  openWatched,
} from '../../../../test-support/offline-browser.js';
import { REPO_ROOT, SAMPLE_DATA_DIR } from '../../../../test-support/repo-paths.js';
import { tempDir } from '../../../../test-support/temp-dir.js';
import type { WalkforwardResults } from '../../walkforward/walkforward-results.js';
import { renderSpecSvg } from '../spec-check.js';
import { cumulativeSpec, predictiveSpec, timelineSpec } from './walkforward-specs.js';

if (!hasChromium && !inCi) console.warn(`\n*** walkforward.e2e browser part SKIPPED: ${CHROMIUM} not found ***\n`);

const dir = tempDir('wf-e2e');
const grid = join(dir, 'grid.json');
writeFileSync(
  grid,
  JSON.stringify({ ATR_GATE_MULT: [1.0, 1.5], ENTRY_COOLDOWN_S: [0, 300], ENTRY_RETEST_TOL_PCT: [0, 0.1] }),
);

const written = (async () => {
  const out = join(dir, 'reports');
  const run = await cliInProcess([
    'walkforward',
    '--data-dir',
    SAMPLE_DATA_DIR,
    '--config-dir',
    join(REPO_ROOT, 'config/live'),
    '--symbols',
    'BTC,ETH',
    '--grid',
    grid,
    '--hours',
    '12',
    '--every',
    '6h',
    '--block-minutes',
    '30',
    '--from',
    '2025-06-22T06:00Z',
    '--to',
    '2025-06-23T00:00Z',
    '--workers',
    '2',
    '--out',
    out,
    '--no-cache',
    '--json',
  ]);
  if (run.code !== 0) throw new Error(`walkforward exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as { paths: { html: string; results: string } };
})();

describe('walk-forward page', () => {
  it('compiles and renders every chart spec in Node with no vega warning', async () => {
    const { paths } = await written;
    const r = JSON.parse(readFileSync(paths.results, 'utf8')) as WalkforwardResults;
    expect(r.symbols).toHaveLength(2);
    for (const s of r.symbols)
      for (const spec of [cumulativeSpec(s, 'UTC'), timelineSpec(s, 'UTC'), predictiveSpec(s, 'Asia/Seoul')]) {
        const out = await renderSpecSvg(spec);
        expect(out.warnings).toEqual([]);
        expect(out.svg.length).toBeGreaterThan(1000);
      }
  }, 180_000);

  it.skipIf(!hasChromium && !inCi)(
    'draws every chart offline from file:// with no console error and no outside request',
    async () => {
      const { paths } = await written;
      const context = await launchOffline(join(dir, 'profile'));
      try {
        const { tab, errors, requests } = await openWatched(context, paths.html);
        const charts = await drawnCharts(tab);
        const shot = join(REPO_ROOT, 'test-output', 'walkforward-screenshot.png');
        mkdirSync(dirname(shot), { recursive: true });
        await tab.screenshot({ path: shot, fullPage: true });
        expect(errors).toEqual([]);
        expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
        expect(charts).toHaveLength(6);
        for (const c of charts) {
          expect(c.state, c.id ?? '?').toBe('ok');
          expect(c.width, c.id ?? '?').toBeGreaterThan(100);
          expect(c.height, c.id ?? '?').toBeGreaterThan(100);
          expect(c.marks, c.id ?? '?').toBeGreaterThan(10);
        }
      } finally {
        await context.close();
      }
    },
    180_000,
  );
});
