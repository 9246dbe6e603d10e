/**
 * Benchmark: the re-evaluation sweep on the bundled sample (ETH, the default grid around the
 * live set, 48 h), with 1 and with all worker threads. Prints sets/s, the speed-up and the peak
 * RSS of the main process. The README's main command runs this sweep for BTC and ETH.
 */
import { availableParallelism } from 'node:os';
import { runReeval } from '../src/engine/sweep/run-reeval.js';
import type { ReevalResults, RunInfo } from '../src/engine/sweep/reeval-results.js';
import { reportModelFromResults } from '../src/engine/report/from-reeval-results.js';
import { renderReportHtml } from '../src/engine/report/render-html.js';
import { SAMPLE_DATA_DIR } from '../test-support/repo-paths.js';
import { normaliseSymbol } from '../src/engine/symbols.js';
import { parseVerdictConfig } from '../src/engine/verdict/index.js';
import { strategies, strategyModuleOf } from '../src/strategies/index.js';
import { sampleReevalOptions } from './sample-reeval-options.js';

async function timed(
  workers: number,
  bases: readonly string[] = ['ETH'],
): Promise<{ sets: number; s: number; results: ReevalResults }> {
  const t0 = performance.now();
  const r = await runReeval(
    sampleReevalOptions(bases, workers, { normaliseSymbol, parseVerdictConfig, strategies, strategyModuleOf }),
  );
  return {
    sets: r.symbols.reduce((n, x) => n + x.grid.distinctSets, 0),
    s: (performance.now() - t0) / 1000,
    results: r,
  };
}

/** Runs the benchmark and returns a one-line summary. */
export async function benchReeval(): Promise<string> {
  const n = Math.max(1, availableParallelism());
  const one = await timed(1);
  const all = n > 1 ? await timed(n) : one;
  const both = await timed(n, ['BTC', 'ETH']);
  const run: RunInfo = {
    runId: 'bench',
    startedAt: 0,
    finishedAt: 0,
    durationMs: 0,
    commandLine: 'bench',
    workers: n,
    gitRevision: 'bench',
    node: process.version,
    dataDir: SAMPLE_DATA_DIR,
    tz: 'Asia/Seoul',
    fingerprint: both.results.fingerprint,
  };
  const page = Buffer.byteLength(renderReportHtml(reportModelFromResults(both.results, run)));
  const json = Buffer.byteLength(JSON.stringify(both.results));
  const rss = process.resourceUsage().maxRSS / 1024;
  return [
    `reeval: ETH sample, ${one.sets} sets × 3 windows: 1 worker ${one.s.toFixed(1)} s (${(one.sets / one.s).toFixed(0)} sets/s), ${n} workers ${all.s.toFixed(1)} s (speed-up ${(one.s / all.s).toFixed(2)}×), main peak RSS ${rss.toFixed(0)} MB`,
    `reeval: BTC+ETH sample (the README's main job), ${both.sets} sets in ${both.s.toFixed(1)} s; report page ${(page / 1e6).toFixed(2)} MB (target < 3 MB, ratio ${(page / 3e6).toFixed(2)}), results.json ${(json / 1e6).toFixed(1)} MB`,
  ].join('\n');
}
