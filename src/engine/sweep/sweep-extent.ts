/**
 * What a sweep covers, known before any simulation: the grid expanded around the live set and
 * validated (distinct valid sets in id order), the common warm-up, the candle rows consumed and
 * their digest. Cheap (no indicators computed), so a shard and a merge can fingerprint the
 * inputs before they simulate anything.
 */
import { ConfigError } from '../errors.js';
import { lowerBound } from '../data/candle-series.js';
import { dataDigest } from '../fingerprint/fingerprint.js';
import { consumedRows } from '../sim/consumed-rows.js';
import type { AnyStrategy } from '../strategy.js';
import { timeframeMs } from '../time.js';
import { expandGrid, type GridPoint, type ParamSet } from './grid.js';
import type { SymbolSweepInput } from './sweep-symbol.js';

/** The extent of one symbol's sweep (see the module comment). */
export interface SweepExtent {
  readonly points: readonly GridPoint[];
  readonly invalidPoints: number;
  readonly warmupCandles: number;
  /** Candle rows consumed (indices into `inputs.candles`), warm-up of `full` included. */
  readonly consumed: { readonly from: number; readonly to: number };
  /** First candle row of `h2`'s warm-up. */
  readonly startH2: number;
  /** sha256 of the consumed candles, funding, mark candles and market facts. */
  readonly dataDigest: string;
}

function validPoints(strategy: AnyStrategy, points: readonly GridPoint[]): { valid: GridPoint[]; invalid: number } {
  const valid: GridPoint[] = [];
  let invalid = 0;
  for (const p of points) {
    const parsed = strategy.params.zod.safeParse(p.params);
    const ok = parsed.success && strategy.checks.every((c) => c(p.params) === null);
    if (ok) valid.push(p);
    else if (p.isBaseline)
      throw new ConfigError(
        `the live set itself is invalid: ${parsed.success ? strategy.checks.map((c) => c(p.params)).find((m) => m) : parsed.error.message}`,
      );
    else invalid += 1;
  }
  // Ids follow the valid sets' order so they are dense and stable.
  return { valid: valid.map((p, i) => ({ ...p, id: `s${String(i).padStart(4, '0')}` })), invalid };
}

/**
 * Expands and validates the grid and sizes the windows' warm-up. Pure apart from hashing.
 * @throws ConfigError when the strategy has no sweep support or the live set is invalid.
 */
export function sweepExtent(input: SymbolSweepInput): SweepExtent {
  const { strategy, inputs, windows } = input;
  const sweep = strategy.sweep;
  if (sweep === undefined)
    throw new ConfigError(`strategy ${strategy.name} has no sweep support; it cannot be re-evaluated`);
  const expanded = expandGrid(
    input.grid,
    input.baseline,
    input.baseline,
    (p) => sweep.canonical(p as never) as ParamSet,
  );
  const { valid: points, invalid } = validPoints(strategy, expanded);
  const warmupCandles = Math.max(...points.map((p) => strategy.warmupCandles(p.params)));
  const c = inputs.candles;
  const end = lowerBound(c.ts, windows.full.to);
  const startFull = Math.max(0, lowerBound(c.ts, windows.full.from) - warmupCandles);
  const startH2 = Math.max(0, lowerBound(c.ts, windows.h2.from) - warmupCandles);
  const lastClose = (c.ts[end - 1] as number) + timeframeMs(c.timeframe);
  return {
    points,
    invalidPoints: invalid,
    warmupCandles,
    consumed: { from: startFull, to: end },
    startH2,
    dataDigest: dataDigest(inputs, consumedRows(inputs, startFull, end, windows.full.from, lastClose)),
  };
}
