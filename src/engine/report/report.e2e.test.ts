/**
 * End-to-end: writes the fixture report page to a temp folder, opens it from file:// in headless
 * Debian Chromium (playwright-core, never a downloaded browser) and checks that it renders
 * offline: no console error, no request outside file://, every chart drawn non-empty. Saves a
 * screenshot to test-output/report-screenshot.png. Without /usr/bin/chromium the test skips
 * loudly, except under CI=true, where it fails.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSampleReportModel } from './fixtures/sample-report-model.js';
import { writeRunReport } from './render-html.js';
import { runReeval } from '../sweep/run-reeval.js';
import { readGridFile } from '../sweep/grid-file.js';
import { writeRun } from '../sweep/write-run.js';
import { parseVerdictConfig } from '../verdict/index.js';
import { normaliseSymbol } from '../symbols.js';
import { strategies, strategyModuleOf } from '../../strategies/index.js';
import {
  CHROMIUM,
  drawnCharts,
  hasChromium,
  inCi,
  launchOffline,
  openWatched,
} from '../../../test-support/offline-browser.js';
import { REPO_ROOT, SAMPLE_DATA_DIR } from '../../../test-support/repo-paths.js';

const screenshot = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'test-output',
  'report-screenshot.png',
);

if (!hasChromium && !inCi) {
  console.warn(
    `\n*** report.e2e SKIPPED: ${CHROMIUM} not found. Install Debian chromium (apt-get install chromium) to run the browser test; under CI=true it fails instead. ***\n`,
  );
}

describe.skipIf(!hasChromium && !inCi)('report page in headless Chromium', () => {
  let work = '';
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    if (!hasChromium)
      throw new Error(`${CHROMIUM} is missing under CI=true: .ci/run installs Debian chromium; check its apt step`);
    work = mkdtempSync(join(tmpdir(), 'coinbot-e2e-'));
    context = await launchOffline(join(work, 'profile'));
  }, 30_000);
  afterAll(async () => {
    await context?.close();
    if (work !== '') rmSync(work, { recursive: true, force: true });
  });

  /** Opens a written page and checks it rendered offline; saves a full-page screenshot. */
  async function expectRenderedOffline(page: string, shot: string, chartCount: number): Promise<void> {
    const { tab, errors, requests } = await openWatched(context as BrowserContext, page);
    const charts = await drawnCharts(tab);
    const verdictTop = await tab.$eval('#verdicts', (el) => el.getBoundingClientRect().top);
    const firstChartTop = await tab.$eval('[data-chart]', (el) => el.getBoundingClientRect().top);
    mkdirSync(dirname(shot), { recursive: true });
    await tab.screenshot({ path: shot, fullPage: true });
    await tab.close();

    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    expect(requests.length).toBeGreaterThan(0);
    expect(charts).toHaveLength(chartCount);
    for (const c of charts) {
      expect(c.state, c.id ?? '?').toBe('ok');
      expect(c.width, c.id ?? '?').toBeGreaterThan(100);
      expect(c.height, c.id ?? '?').toBeGreaterThan(100);
      expect(c.marks, c.id ?? '?').toBeGreaterThan(10);
    }
    expect(verdictTop).toBeLessThan(firstChartTop);
    expect(statSync(shot).size).toBeGreaterThan(50_000);
  }

  it('renders every chart offline from file:// with no console error and no outside request', async () => {
    const page = writeRunReport(join(work, 'run'), buildSampleReportModel({ tz: 'Asia/Seoul' }));
    await expectRenderedOffline(page, screenshot, 12);
  }, 30_000);

  it('renders a real re-evaluation of the bundled sample the same way', async () => {
    const strategy = strategies.get('atr-breakout');
    if (strategy === undefined) throw new Error('atr-breakout missing');
    const grid = join(work, 'grid.json');
    writeFileSync(
      grid,
      JSON.stringify({
        ATR_GATE_MULT: [1.0, 1.02, 1.06, 1.5, 2],
        ENTRY_COOLDOWN_S: [0, 300, 600],
        ENTRY_RETEST_TOL_PCT: [0, 0.1],
        ENTRY_RETEST_WINDOW_S: [60, 150],
      }),
    );
    const results = await runReeval({
      strategy,
      strategyModule: strategyModuleOf(strategy.name),
      dataDir: SAMPLE_DATA_DIR,
      configDir: join(REPO_ROOT, 'config/live'),
      symbols: [normaliseSymbol('BTC'), normaliseSymbol('ETH')],
      hours: 48,
      end: 'latest',
      gridFile: readGridFile(grid, strategy),
      workers: 2,
      blockMs: 3_600_000,
      fees: { takerFeeRate: 0.0005, makerFeeRate: 0.0002 },
      verdict: parseVerdictConfig({}),
    });
    const run = {
      runId: 'e2e-run',
      startedAt: 0,
      finishedAt: 1,
      durationMs: 1,
      commandLine: 'coinbot reeval',
      workers: 2,
      gitRevision: 'test',
      node: process.version,
      dataDir: SAMPLE_DATA_DIR,
      tz: 'Asia/Seoul',
      fingerprint: results.fingerprint,
    };
    const paths = await writeRun(join(work, 'reports'), results, run);
    await expectRenderedOffline(paths.html, join(dirname(screenshot), 'reeval-report-screenshot.png'), 12);
  }, 90_000);

  it('catches an outside request and a console error when a page makes them (control)', async () => {
    const bad = join(work, 'bad.html');
    writeFileSync(bad, '<!doctype html><img src="http://127.0.0.1:9/x.png"><script>console.error("boom")</script>');
    const { errors, requests } = await openWatched(context as BrowserContext, bad);
    expect(requests.some((u) => u.startsWith('http://127.0.0.1:9/'))).toBe(true);
    expect(errors.some((e) => e.includes('boom'))).toBe(true);
  }, 30_000);
});
