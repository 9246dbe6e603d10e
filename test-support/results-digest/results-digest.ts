/**
 * The pinned digest of results: a sha256 per symbol and window over what the simulator decided
 * for every parameter set of the bundled sample's default re-evaluation (the main job), and over
 * `coinbot backtest --json` of both live sets. It is independent of set ids, set order, run ids,
 * fingerprints and the git revision: only parameter values → trades and PnL enter it, so a
 * refactor or a speed-up that keeps every trade keeps the digest, and one that changes a single
 * trade anywhere changes it.
 *
 * Side effects: runs the CLI in-process (worker threads, reads `data/sample`, writes a report
 * folder under `outDir`).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliInProcess } from '../cli-in-process.js';
import { stableJson } from '../../src/engine/fingerprint/fingerprint.js';
import type { ReevalResults } from '../../src/engine/sweep/reeval-results.js';
import { setRecordAt } from '../../src/engine/sweep/set-table.js';
import { REPO_ROOT } from '../repo-paths.js';

/** Per symbol and window (`full`, `h1`, `h2`) the digest and the number of sets it covers. */
export interface ResultsDigest {
  readonly reeval: Readonly<
    Record<string, Readonly<Record<string, { readonly sets: number; readonly sha256: string }>>>
  >;
  readonly backtest: Readonly<
    Record<string, { readonly trades: number; readonly netPnlUsdt: number; readonly sha256: string }>
  >;
}

const SAMPLE = join(REPO_ROOT, 'data', 'sample');
const LIVE_SETS = { BTC: 'config/live/BTC.env', ETH: 'config/live/ETH.env' } as const;
const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

/** The digest of one symbol's sets on one window: sorted `params → [trades, gross, fees, funding, net]` lines. */
function windowDigest(
  results: ReevalResults,
  symbolIndex: number,
  window: 'full' | 'h1' | 'h2',
): { sets: number; sha256: string } {
  const s = results.symbols[symbolIndex];
  if (s === undefined) throw new Error(`no symbol ${symbolIndex} in results`);
  const lines = s.sets.ids.map((_, i) => {
    const r = setRecordAt(s.sets, i, s.baseline.params);
    const m = r[window].metrics;
    return `${stableJson(r.params)} -> ${stableJson([m.trades, m.grossPnl, m.fees, m.funding, m.netPnl])}`;
  });
  lines.sort();
  return { sets: lines.length, sha256: sha(lines.join('\n')) };
}

/** Runs the main job on the bundled sample and returns its digest part. */
async function reevalDigest(outDir: string, workers: number): Promise<ResultsDigest['reeval']> {
  const run = await cliInProcess([
    'reeval',
    '--data-dir',
    SAMPLE,
    '--config-dir',
    join(REPO_ROOT, 'config', 'live'),
    '--out',
    outDir,
    '--workers',
    String(workers),
    '--json',
  ]);
  if (run.code !== 0) throw new Error(`coinbot reeval exited ${run.code}: ${run.stderr}`);
  const { runId } = JSON.parse(run.stdout) as { runId: string };
  const results = JSON.parse(readFileSync(join(outDir, runId, 'results.json'), 'utf8')) as ReevalResults;
  const out: Record<string, Record<string, { sets: number; sha256: string }>> = {};
  results.symbols.forEach((s, k) => {
    out[s.symbol] = {
      full: windowDigest(results, k, 'full'),
      h1: windowDigest(results, k, 'h1'),
      h2: windowDigest(results, k, 'h2'),
    };
  });
  return out;
}

/** `coinbot backtest --json` of each live set on the sample: metrics and trade list only. */
async function backtestDigest(): Promise<ResultsDigest['backtest']> {
  const out: Record<string, { trades: number; netPnlUsdt: number; sha256: string }> = {};
  for (const [base, file] of Object.entries(LIVE_SETS)) {
    const run = await cliInProcess(['backtest', '--data-dir', SAMPLE, '--params', join(REPO_ROOT, file), '--json']);
    if (run.code !== 0) throw new Error(`coinbot backtest ${base} exited ${run.code}: ${run.stderr}`);
    const json = JSON.parse(run.stdout) as { metrics: { trades: number; net_pnl_usdt: number }; trades: unknown[] };
    out[base] = {
      trades: json.metrics.trades,
      netPnlUsdt: json.metrics.net_pnl_usdt,
      sha256: sha(stableJson({ metrics: json.metrics, trades: json.trades })),
    };
  }
  return out;
}

/** Computes the whole digest (about half a minute on two cores). */
export async function computeResultsDigest(outDir: string, workers = 2): Promise<ResultsDigest> {
  return { reeval: await reevalDigest(outDir, workers), backtest: await backtestDigest() };
}

/** Where the pinned digest lives. Update it only with `npm run digest -- --write`, and say why in the commit. */
export const PINNED_DIGEST_FILE = join(REPO_ROOT, 'test-support', 'results-digest', 'pinned-results-digest.json');
