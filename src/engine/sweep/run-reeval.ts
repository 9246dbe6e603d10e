/**
 * `coinbot reeval`'s engine: for each symbol of the plan (live set, grid, sweep extent; see
 * reeval-plan.ts), the sweep, the verdict and the report material; the fingerprint is the plan's.
 * A single run and `coinbot merge` (outcomes from shards) both go through {@link runReeval}, so
 * their results cannot drift apart. Returns plain data; writing files is the caller's job.
 */
import { flatReference, type Metrics } from '../stats/summary.js';
import { liveRecord, type LiveRecord } from '../checks/live-record.js';
import type { JournalEntry } from '../live/journal.js';
import type { PerpSymbol } from '../symbols.js';
import type { TimeRange } from '../time.js';
import { lowerBound } from '../data/candle-series.js';
import { dataQuality } from './data-quality.js';
import { planReeval, type ReevalOptions, type ReevalPlan, type SymbolPlan } from './reeval-plan.js';
import { regimeContext } from './regime-context.js';
import { RESULTS_SCHEMA_VERSION, type ReevalResults, type SetDetail, type SymbolResults } from './reeval-results.js';
import { detailIds, rankedDetailIds, rankSets, startDetails } from './set-details.js';
import { inProcessRunner } from './set-runner.js';
import { buildSetTable } from './set-table.js';
import { sweepContext, type SetOutcome, type SweepContext, type SweepInit } from './sweep-context.js';
import { sweepInit } from './sweep-init.js';
import { startSweepPool, type SweepPool } from './sweep-pool.js';
import { IncrementalSpa } from './incremental-spa.js';
import { gridNeighboursOf, judgeSweep, type JudgeExec } from './sweep-symbol.js';
import type { WindowPlan } from './window-plan.js';

export { loadBaseline, reevalCodeHash, type ReevalOptions } from './reeval-plan.js';

/** The record of the journal whose header names `symbol`, if one was given. */
function liveRecordOf(
  journals: readonly JournalEntry[][] | undefined,
  symbol: PerpSymbol,
  window: TimeRange,
  tfMs: number,
  simulated: Metrics | undefined,
): { liveRecord?: LiveRecord } {
  const j = journals?.find((e) => e.some((x) => x.t === 'start' && x.symbol === symbol));
  return j === undefined || simulated === undefined ? {} : { liveRecord: liveRecord(j, window, tfMs, simulated) };
}

const DONE: Promise<readonly SetOutcome[]> = Promise.resolve([]);

/** One symbol's report material that does not depend on the verdict. */
function material(o: ReevalOptions, plan: ReevalPlan, sp: SymbolPlan, outcomes: readonly SetOutcome[], base: number) {
  const { symbol, baseline, grid, inputs: input } = sp;
  const { windows, step } = plan;
  const c = input.candles;
  const a = lowerBound(c.ts, windows.full.from);
  const b = lowerBound(c.ts, windows.full.to);
  const basis = { notionalUsdt: Number(baseline.params.ORDER_NOTIONAL_USDT), windowMs: 0, periodsPerYear: 0 };
  const flat = (w: keyof WindowPlan) =>
    flatReference(lowerBound(c.ts, windows[w].to) - lowerBound(c.ts, windows[w].from), {
      ...basis,
      windowMs: windows[w].to - windows[w].from,
    });
  return {
    dataQuality: dataQuality(c, input.funding, windows.full, step),
    regime: regimeContext(c, windows.full),
    flat: { full: flat('full'), h1: flat('h1'), h2: flat('h2') },
    price: { t: Array.from(c.ts.subarray(a, b)), close: Array.from(c.close.subarray(a, b)) },
    sets: buildSetTable(
      sp.extent.points,
      outcomes,
      grid.map(([n]) => n),
      base,
    ),
    live: liveRecordOf(o.journals, symbol, windows.full, step, outcomes[base]?.full.metrics),
  };
}

/**
 * One symbol's verdict and report material from its sets' outcomes. The best-of-N tests and the
 * detail runs known before the verdict start first, so workers run them while this thread
 * builds the material that does not need the verdict.
 */
async function symbolResults(
  o: ReevalOptions,
  plan: ReevalPlan,
  sp: SymbolPlan,
  exec: JudgeExec,
  outcomes: readonly SetOutcome[],
): Promise<SymbolResults> {
  const { symbol, baseline, grid, inputs: input } = sp;
  const { points } = sp.extent;
  const sets = { points, outcomes, baselineIndex: points.findIndex((p) => p.isBaseline) };
  const ranking = rankSets(sets);
  const judged = judgeSweep(sp.sweep, sp.extent, outcomes, exec);
  const early = startDetails(exec.runner, exec.symbol, points, rankedDetailIds(sets, ranking));
  const m = material(o, plan, sp, outcomes, sets.baselineIndex);
  const out = await judged;
  const ids = detailIds(out, ranking);
  const details = startDetails(exec.runner, exec.symbol, points, ids, early);
  const detail = await Promise.all(ids.map((id) => details.get(id) as Promise<SetDetail>));
  const c = input.candles;
  // Key order is results.json's byte order.
  return {
    symbol,
    baseline: { id: out.points[out.baselineIndex]?.id ?? '', params: baseline.params, source: baseline.source },
    grid: {
      axes: grid,
      rawPoints: out.rawPoints,
      distinctSets: out.points.length,
      invalidSets: out.invalidPoints,
      warmupCandles: out.warmupCandles,
    },
    data: {
      range: { from: c.ts[out.consumed.from] as number, to: (c.ts[out.consumed.to - 1] as number) + plan.step },
      candles: out.consumed.to - out.consumed.from,
      digest: out.dataDigest,
      facts: input.facts,
      factsSource: input.factsSource,
    },
    dataQuality: m.dataQuality,
    regime: m.regime,
    flat: m.flat,
    ranking,
    analysis: out.analysis,
    stress: out.stress,
    verdict: out.verdict,
    detail,
    price: m.price,
    sets: m.sets,
    ...m.live,
  };
}

/** The incremental best-of-N tests of symbol `k` on `pool` (incremental-spa.ts). */
function incrementalSpa(pool: SweepPool, k: number, sp: SymbolPlan): IncrementalSpa {
  const { points } = sp.extent;
  return new IncrementalSpa({
    runner: pool,
    symbol: k,
    symbolName: sp.sweep.symbol,
    blockMs: sp.sweep.blockMs,
    verdict: sp.sweep.verdict,
    sets: points.length,
    baselineIndex: points.findIndex((p) => p.isBaseline),
  });
}

/**
 * Runs the whole re-evaluation: the sweeps (or, with `o.outcomes`, a merge of shards' outcomes),
 * the verdicts and the report material. Every symbol's sets go to one worker pool, started
 * before planning; each symbol is judged as soon as its outcomes are in, while the workers go on
 * with the next symbol's sets and run the stress and detail re-runs between them. A merge runs
 * those re-runs in this thread. Results are identical either way and for any worker count.
 * Side effects: worker threads, reading the cache and config.
 * @param given the plan of `o` when the caller already made it (a merge checks its fingerprint first).
 */
export async function runReeval(o: ReevalOptions, given?: ReevalPlan): Promise<ReevalResults> {
  const pool = o.outcomes === undefined ? startSweepPool(o.workers, o.strategyModule) : undefined;
  try {
    const inits: SweepInit[] = [];
    const swept: Promise<readonly SetOutcome[]>[] = [];
    const tests: (IncrementalSpa | undefined)[] = [];
    // Each symbol's sets are queued as soon as it is planned, while the next one is planned.
    const queue = (sp: SymbolPlan, k: number) => {
      const init = sweepInit(sp.sweep, sp.extent);
      inits.push(init);
      const progress = o.onProgress && ((d: number, t: number) => o.onProgress?.(sp.symbol, d, t));
      const sets = sp.extent.points.map((p) => p.params);
      // On a pool, each symbol's best-of-N tests start on the workers while its sets are simulated.
      const spa = pool && incrementalSpa(pool, k, sp);
      tests.push(spa);
      swept.push(
        pool?.enqueue(k, init, sets, progress, (from, chunk) => spa?.add(from, chunk)) ??
          Promise.resolve(o.outcomes?.[k] ?? []),
      );
    };
    const plan = given ?? planReeval(o, queue);
    if (given !== undefined) given.symbols.forEach(queue);
    const contexts = inits.map((init) => sweepContext(init, o.strategy));
    const runner = pool ?? inProcessRunner(contexts);
    // While the first symbol's sets are simulated: what the statistics need beside the outcomes.
    const neighbours = plan.symbols.map((sp) => gridNeighboursOf(sp.extent.points, sp.grid));
    const symbols: SymbolResults[] = [];
    for (const [k, sp] of plan.symbols.entries()) {
      const spa = tests[k];
      const exec = {
        runner,
        symbol: k,
        context: contexts[k] as SweepContext,
        neighbours: neighbours[k] as number[][],
        ...(spa !== undefined ? { tests: () => spa.results() } : {}),
      };
      const outcomes = await (swept[k] as Promise<readonly SetOutcome[]>);
      swept[k] = DONE; // the symbol's outcomes are garbage once its results are built
      tests[k] = undefined; // and so are its tests' shared series (exec holds them until then)
      symbols.push(await symbolResults(o, plan, sp, exec, outcomes));
    }
    return {
      schemaVersion: RESULTS_SCHEMA_VERSION,
      kind: 'coinbot.reeval.results',
      fingerprint: plan.fingerprint,
      fingerprintParts: plan.fingerprintParts,
      strategy: { name: o.strategy.name, apiVersion: o.strategy.apiVersion },
      window: { hours: o.hours, end: plan.windows.full.to, ...plan.windows },
      settings: { blockMs: o.blockMs, fees: o.fees, verdict: o.verdict },
      symbols,
    };
  } finally {
    // Awaited (≈ 40 ms): the workers' heaps are gone before the caller writes the report, which
    // keeps the run's peak memory down.
    await pool?.close();
  }
}
