/**
 * The stationary block bootstrap (Politis & Romano, 1994) over a series of time blocks, drawn
 * once per window and shared by every parameter set, so that all sets are resampled on exactly the
 * same hours (the paired comparisons and the best-of-N maximum need that).
 *
 * One replication walks n positions: the first is uniform; each next one starts a new block at a
 * uniform position with probability 1/L and otherwise continues with the next block (wrapping
 * from the last block to the first). Block lengths are thus geometric with mean L, which keeps
 * the resampled series stationary and lets {@link ./long-run-variance.ts} give its exact variance.
 *
 * A replication is stored as counts — how often each block was drawn — so a set's resampled total
 * is one dot product, Σ_t count[b,t]·x[t]: N sets × B replications × n blocks multiply-adds over
 * one contiguous Float64Array.
 *
 * **Mean block length.** Default 4 h ({@link meanBlockLengthFor}): with 1-hour blocks that is
 * L = 4, close to the n^{1/3} rule of thumb for n = 48 (3.6) and n = 24 (2.9), longer than a
 * trade's typical holding time, and long enough to keep an intraday volatility burst together.
 * The same duration is used on both halves and on the full window.
 */
import { Xoshiro128 } from './prng.js';
import type { Series } from './sample-moments.js';

/** Bootstrap draws for one window: B replications of n blocks. */
export interface BootstrapDraws {
  /** Number of replications B. */
  readonly reps: number;
  /** Number of blocks n in the window. */
  readonly blocks: number;
  /** Mean block length L, in blocks (the restart probability is 1/L). */
  readonly meanBlockLength: number;
  /** The 32-bit seed the draws came from. */
  readonly seed: number;
  /** `counts[b·n + t]` = how many times block t appears in replication b (each row sums to n). */
  readonly counts: Float64Array;
}

/**
 * Converts a mean block duration into a mean block length in blocks:
 * round(meanBlockMs / blockMs), clamped to [1, blocks].
 * @param blockMs duration of one PnL block (ms), e.g. 3,600,000 for hourly blocks.
 * @param meanBlockMs wanted mean bootstrap block duration (ms), e.g. 14,400,000 (4 h).
 * @param blocks number of blocks in the window.
 */
export function meanBlockLengthFor(blockMs: number, meanBlockMs: number, blocks: number): number {
  const l = Math.round(meanBlockMs / blockMs);
  return Math.min(Math.max(1, blocks), Math.max(1, l));
}

/**
 * Draws B stationary-bootstrap replications of n blocks. Deterministic in `seed`.
 * @param blocks n ≥ 1.
 * @param reps B ≥ 1.
 * @param meanBlockLength L ≥ 1 in blocks (1 gives the i.i.d. bootstrap).
 * @param seed 32-bit seed (see `deriveSeed`).
 */
export function drawStationaryBootstrap(
  blocks: number,
  reps: number,
  meanBlockLength: number,
  seed: number,
): BootstrapDraws {
  if (!(Number.isInteger(blocks) && blocks >= 1))
    throw new RangeError(`bootstrap: blocks must be a positive integer, got ${blocks}`);
  if (!(Number.isInteger(reps) && reps >= 1))
    throw new RangeError(`bootstrap: reps must be a positive integer, got ${reps}`);
  if (!(meanBlockLength >= 1)) throw new RangeError(`bootstrap: mean block length must be ≥ 1, got ${meanBlockLength}`);
  const rng = Xoshiro128.fromSeed(seed);
  const restart = 1 / meanBlockLength;
  const counts = new Float64Array(reps * blocks);
  for (let b = 0; b < reps; b++) {
    const row = b * blocks;
    let pos = rng.nextInt(blocks);
    counts[row + pos] = (counts[row + pos] as number) + 1;
    for (let t = 1; t < blocks; t++) {
      // The restart draw is made even when L = 1 so the stream layout does not depend on L.
      if (rng.nextFloat() < restart) pos = rng.nextInt(blocks);
      else pos = pos + 1 === blocks ? 0 : pos + 1;
      counts[row + pos] = (counts[row + pos] as number) + 1;
    }
  }
  return { reps, blocks, meanBlockLength, seed, counts };
}

/**
 * The resampled totals Σ_t count[b,t]·x[t] of one series for every replication b.
 * Units: those of x summed over the window (USDT for block PnL).
 * @param out optional buffer of length B to reuse.
 */
export function resampledTotals(draws: BootstrapDraws, x: Series, out?: Float64Array): Float64Array {
  const { reps, blocks, counts } = draws;
  if (x.length !== blocks) throw new RangeError(`bootstrap: series has ${x.length} blocks, draws have ${blocks}`);
  const res = out ?? new Float64Array(reps);
  const xs = x instanceof Float64Array ? x : Float64Array.from(x);
  for (let b = 0, row = 0; b < reps; b++, row += blocks) {
    let s = 0;
    for (let t = 0; t < blocks; t++) s += (counts[row + t] as number) * (xs[t] as number);
    res[b] = s;
  }
  return res;
}
