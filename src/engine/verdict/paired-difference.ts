/**
 * Paired comparison of two parameter sets run on the same candles: the per-block difference of
 * their net PnL and a stationary-bootstrap percentile confidence interval of its total. Comparing
 * a set with the flat reference (not trading, PnL 0 in every block) is the same call with a zero
 * baseline, which is how the NO EDGE bound is computed.
 *
 * The interval resamples the *difference* series, so market moves common to both sets cancel and
 * only the sets' disagreement is resampled: far narrower than differencing two separate intervals.
 *
 * Percentile bounds are taken on bootstrap deviations widened by `bootstrapWidening(n, L)`
 * (see long-run-variance.ts): bound = T + w·(q − T). Measured coverage of the 95 % interval on 48
 * hourly blocks with L = 4: 0.92–0.94 for independent blocks (0.90 without the widening), 0.855
 * for AR(1) blocks with φ = 0.5 (0.715 with the i.i.d. bootstrap). The remaining shortfall is
 * the noise of a variance estimated from 48 blocks, which a percentile interval does not correct:
 * read the bounds as approximate, which is why they inform the report but gate nothing except
 * NO EDGE (where under-coverage makes NO EDGE slightly easier to reach than alpha says).
 */
import { drawStationaryBootstrap, resampledTotals, type BootstrapDraws } from './stationary-bootstrap.js';
import { bootstrapWidening } from './long-run-variance.js';
import { quantileSorted, sum, type Series } from './sample-moments.js';

/** A percentile interval for the total difference candidate − reference over one window. */
export interface PairedInterval {
  /** Number of blocks n in the window. */
  readonly blocks: number;
  /** Mean bootstrap block length L (blocks). */
  readonly meanBlockLength: number;
  /** Bootstrap replications B. */
  readonly reps: number;
  /** Two-sided confidence level, e.g. 0.95. */
  readonly level: number;
  /** Observed total difference Σ_t (candidate_t − reference_t), USDT over the window. */
  readonly total: number;
  /** Observed mean difference per block, USDT per block. */
  readonly meanPerBlock: number;
  /** Lower percentile bound of the total difference, USDT. */
  readonly lower: number;
  /** Upper percentile bound of the total difference, USDT. */
  readonly upper: number;
}

/** candidate − reference block by block (USDT per block). */
export function differenceSeries(candidate: Series, reference: Series): Float64Array {
  if (candidate.length !== reference.length) {
    throw new RangeError(
      `paired difference: ${candidate.length} vs ${reference.length} blocks; both sets must cover the same blocks`,
    );
  }
  const d = new Float64Array(candidate.length);
  for (let t = 0; t < d.length; t++) d[t] = (candidate[t] as number) - (reference[t] as number);
  return d;
}

/**
 * The sorted bootstrap distribution of the total of `x` (ascending), for percentile bounds.
 * Units: those of x summed over the window.
 */
export function sortedBootstrapTotals(x: Series, draws: BootstrapDraws): Float64Array {
  return resampledTotals(draws, x).sort();
}

/**
 * Percentile interval of the total difference candidate − reference, on shared draws.
 * @param level two-sided level in (0, 1), e.g. 0.95 → the 2.5 % and 97.5 % percentiles.
 */
export function pairedInterval(
  candidate: Series,
  reference: Series,
  draws: BootstrapDraws,
  level: number,
): PairedInterval {
  if (!(level > 0 && level < 1)) throw new RangeError(`paired interval: level must be in (0, 1), got ${level}`);
  const d = differenceSeries(candidate, reference);
  const totals = sortedBootstrapTotals(d, draws);
  const total = sum(d);
  const w = bootstrapWidening(d.length, draws.meanBlockLength);
  return {
    blocks: d.length,
    meanBlockLength: draws.meanBlockLength,
    reps: draws.reps,
    level,
    total,
    meanPerBlock: total / d.length,
    lower: total + w * (quantileSorted(totals, (1 - level) / 2) - total),
    upper: total + w * (quantileSorted(totals, (1 + level) / 2) - total),
  };
}

/**
 * Paired comparison that draws its own bootstrap: convenient for one pair; for many sets draw once
 * with `drawStationaryBootstrap` and call {@link pairedInterval} so all share the same resamples.
 *
 * @example
 * const ci = pairedComparison(candidate.windows.full.blockPnl, baseline.windows.full.blockPnl,
 *   { meanBlockLength: 4, reps: 1000, level: 0.95, seed: 1 });
 * // ci.lower > 0 → the candidate beat the baseline over the window at the 97.5 % one-sided level
 */
export function pairedComparison(
  candidate: Series,
  reference: Series,
  opts: { meanBlockLength: number; reps: number; level: number; seed: number },
): PairedInterval {
  const draws = drawStationaryBootstrap(candidate.length, opts.reps, opts.meanBlockLength, opts.seed);
  return pairedInterval(candidate, reference, draws, opts.level);
}

/**
 * One-sided upper confidence bound, at level 1 − alpha, of the total of `x` over the window
 * (USDT): the (1 − alpha) percentile of the bootstrap totals. A negative bound is evidence, at
 * level alpha, that the series loses money against not trading.
 */
export function upperBoundOfTotal(x: Series, draws: BootstrapDraws, alpha: number): number {
  const total = sum(x);
  const w = bootstrapWidening(x.length, draws.meanBlockLength);
  return total + w * (quantileSorted(sortedBootstrapTotals(x, draws), 1 - alpha) - total);
}
