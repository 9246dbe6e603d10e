/**
 * Writes one re-evaluation run to `<out>/<run-id>/`: `results.json`, `run.json`, `trades.csv`,
 * `index.html` and `summary.json` (its row in the runs index), then refreshes `<out>/index.html`.
 * The run folder is built under a temp name and renamed into place, so a killed run leaves no
 * half-written report.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic, writeFileAtomicAsync } from '../data/atomic-write.js';
import { tradesCsv } from '../sim/result-json.js';
import { reportModelFromResults } from '../report/from-reeval-results.js';
import { writeRunReport } from '../report/render-html.js';
import { summariseRun, writeRunsIndex, type RunSummary } from '../report/render-index.js';
import type { ReevalResults, RunInfo } from './reeval-results.js';

/** Sortable run id: start time (UTC, to the second) and the first 8 hex of the fingerprint. */
export function runIdOf(startedAt: number, fingerprint: string): string {
  const iso = new Date(startedAt)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  return `${iso}-${fingerprint.slice(0, 8)}`;
}

/**
 * {@link runIdOf}, made unique within `outDir`: a second run started in the same second with the
 * same fingerprint gets `-2`, `-3`, … so it never replaces the earlier run's folder (and still
 * sorts after it). `folderPrefix`: the run folder's name before the id (`walkforward-`).
 * Reads the folder; writes nothing.
 */
export function freeRunId(outDir: string, startedAt: number, fingerprint: string, folderPrefix = ''): string {
  const base = runIdOf(startedAt, fingerprint);
  const taken = (id: string) =>
    existsSync(join(outDir, `${folderPrefix}${id}`)) ||
    existsSync(join(outDir, `.${folderPrefix}${id}.tmp-${process.pid}`));
  if (!taken(base)) return base;
  let n = 2;
  while (taken(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/** trades.csv: the full-window trades of every detailed set (baseline, top sets, candidate). */
export function detailTradesCsv(r: ReevalResults): string {
  let out = '';
  let first = true;
  for (const s of r.symbols) {
    for (const d of s.detail) {
      const role = d.id === s.baseline.id ? 'baseline' : d.id === s.verdict.candidateSetId ? 'candidate' : 'top';
      out += tradesCsv(d.trades, { symbol: s.symbol, set_id: d.id, role }, first);
      first = false;
    }
  }
  return out;
}

/** Paths of a written run. */
export interface RunPaths {
  readonly dir: string;
  readonly results: string;
  readonly run: string;
  readonly trades: string;
  readonly html: string;
  readonly index: string;
}

function pathsOf(dir: string, outDir: string): RunPaths {
  return {
    dir,
    results: join(dir, 'results.json'),
    run: join(dir, 'run.json'),
    trades: join(dir, 'trades.csv'),
    html: join(dir, 'index.html'),
    index: join(outDir, 'index.html'),
  };
}

/** Writes `<dir>/index.html` and `<dir>/summary.json` (the runs index's row) from in-memory results. */
function writeHtmlAndSummary(dir: string, results: ReevalResults, run: RunInfo, tz: string): string {
  const model = reportModelFromResults(results, run, tz);
  writeFileAtomic(join(dir, 'summary.json'), `${JSON.stringify(summariseRun(model), null, 2)}\n`);
  return writeRunReport(dir, model);
}

/** Renders `<dir>/index.html` (and summary.json) from the run's own results.json and run.json. */
export function renderRunHtml(dir: string, tz?: string): string {
  const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as ReevalResults;
  const run = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunInfo;
  return writeHtmlAndSummary(dir, results, run, tz ?? run.tz);
}

/**
 * Rewrites `<outDir>/index.html` from each run folder's small summary.json, so refreshing the
 * index never re-reads the runs' large results.json files.
 */
export function refreshRunsIndex(outDir: string, tz = 'UTC'): string {
  const runs: RunSummary[] = [];
  for (const name of readdirSync(outDir).sort()) {
    const file = join(outDir, name, 'summary.json');
    if (name.startsWith('.') || !existsSync(file)) continue;
    try {
      runs.push({ ...(JSON.parse(readFileSync(file, 'utf8')) as RunSummary), href: `${name}/index.html` });
    } catch {
      // A foreign or damaged folder is skipped rather than breaking the index.
    }
  }
  return writeRunsIndex(outDir, runs, { tz });
}

/**
 * Writes the run (temp folder, then rename) and refreshes the runs index. results.json, run.json
 * and trades.csv are written and synced on the thread pool while this thread builds the report.
 */
export async function writeRun(outDir: string, results: ReevalResults, run: RunInfo): Promise<RunPaths> {
  mkdirSync(outDir, { recursive: true });
  const final = join(outDir, run.runId);
  const tmp = join(outDir, `.${run.runId}.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  const files = Promise.all([
    writeFileAtomicAsync(join(tmp, 'results.json'), `${JSON.stringify(results)}\n`),
    writeFileAtomicAsync(join(tmp, 'run.json'), `${JSON.stringify(run, null, 2)}\n`),
    writeFileAtomicAsync(join(tmp, 'trades.csv'), detailTradesCsv(results)),
  ]);
  try {
    writeHtmlAndSummary(tmp, results, run, run.tz);
  } catch (e) {
    await files.catch(() => undefined);
    throw e;
  }
  await files;
  rmSync(final, { recursive: true, force: true });
  renameSync(tmp, final);
  refreshRunsIndex(outDir, run.tz);
  return pathsOf(final, outDir);
}
