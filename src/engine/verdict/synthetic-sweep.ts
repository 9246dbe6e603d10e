/**
 * Synthetic sweeps with a known truth, for the verdict's tests and benchmark (never used by the
 * verdict itself): a full Cartesian grid whose sets have i.i.d. normal block PnL, optionally a
 * common factor (correlated sets) and a planted mean edge per set. h1 and h2 are the two halves of
 * the full window's blocks.
 */
import { normInv } from './normal.js';
import { Xoshiro128 } from './prng.js';
import type { ParamValue } from './grid-neighbourhood.js';
import type { SetResult, SymbolSweep } from './sweep-input.js';

/** A standard normal variate by inversion of a uniform in (0, 1). */
export function gaussian(rng: Xoshiro128): number {
  return normInv((rng.nextUint32() + 0.5) / 4294967296);
}

/** What to generate. */
export interface SyntheticSweepSpec {
  /** 32-bit seed. */
  readonly seed: number;
  /** Axis name → number of grid values (values are 0, 1, …). */
  readonly axisSizes: Readonly<Record<string, number>>;
  /** Blocks per half (the full window has twice as many). Default 24. */
  readonly blocksPerHalf?: number;
  /** Block duration, ms. Default 1 h. */
  readonly blockMs?: number;
  /** Index of the baseline. Default the middle set. */
  readonly baselineIndex?: number;
  /** Standard deviation of block PnL, USDT. Default 1. */
  readonly sd?: number;
  /** Share of variance from a factor common to all sets, in [0, 1). Default 0. */
  readonly commonShare?: number;
  /** Mean block PnL of set i (USDT per block), default 0 for all. */
  readonly meanOf?: (index: number, params: Readonly<Record<string, ParamValue>>) => number;
  /** Trades per half of set i. Default 30. */
  readonly tradesOf?: (index: number) => number;
}

/** Builds a {@link SymbolSweep} from a {@link SyntheticSweepSpec}. Deterministic in the seed. */
export function syntheticSweep(spec: SyntheticSweepSpec): SymbolSweep {
  const rng = Xoshiro128.fromSeed(spec.seed);
  const names = Object.keys(spec.axisSizes).sort();
  const axes: Record<string, number[]> = {};
  for (const n of names) axes[n] = Array.from({ length: spec.axisSizes[n] ?? 1 }, (_, i) => i);
  const grid: Array<Record<string, ParamValue>> = [{}];
  for (const n of names) {
    const next: Array<Record<string, ParamValue>> = [];
    for (const p of grid) for (const v of axes[n] ?? []) next.push({ ...p, [n]: v });
    grid.splice(0, grid.length, ...next);
  }
  const half = spec.blocksPerHalf ?? 24;
  const full = 2 * half;
  const sd = spec.sd ?? 1;
  const share = spec.commonShare ?? 0;
  const common = Float64Array.from({ length: full }, () => gaussian(rng));
  const sets: SetResult[] = grid.map((params, i) => {
    const mu = spec.meanOf?.(i, params) ?? 0;
    const x = new Float64Array(full);
    for (let t = 0; t < full; t++) {
      x[t] = mu + sd * (Math.sqrt(share) * (common[t] as number) + Math.sqrt(1 - share) * gaussian(rng));
    }
    const trades = spec.tradesOf?.(i) ?? 30;
    const win = (a: number, b: number, tr: number) => {
      const blockPnl = x.slice(a, b);
      let net = 0;
      for (const v of blockPnl) net += v;
      return { blockPnl, trades: tr, netPnl: net };
    };
    return {
      id: `set-${String(i).padStart(4, '0')}`,
      params,
      windows: { full: win(0, full, 2 * trades), h1: win(0, half, trades), h2: win(half, full, trades) },
    };
  });
  return {
    symbol: 'TEST/USDT:USDT',
    blockMs: spec.blockMs ?? 3_600_000,
    baselineIndex: spec.baselineIndex ?? Math.floor(sets.length / 2),
    sets,
    axes,
  };
}
