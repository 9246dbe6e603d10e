/**
 * The contract between the re-evaluation sweep (`coinbot reeval`) and the verdict: what the sweep
 * hands over for one symbol. Plain read-only data; {@link validateSweep} checks it at the
 * boundary and throws a {@link DataError} naming the set and the fix.
 */
import { DataError } from '../errors.js';
import type { GridAxes, ParamValue } from './grid-neighbourhood.js';

/** The three scored windows: the full window (48 h by default) and its two disjoint halves. */
export type WindowName = 'full' | 'h1' | 'h2';

/** The windows in their fixed report order. */
export const WINDOW_NAMES: readonly WindowName[] = ['full', 'h1', 'h2'];

/** One parameter set's result on one window. */
export interface WindowResult {
  /**
   * Net PnL per time block in USDT: the change of mark-to-market equity over the block, after
   * fees, slippage and funding. Block t covers [start + t·blockMs, start + (t+1)·blockMs). The
   * verdict's score for the window is Σ blockPnl, so it should equal the window's net PnL.
   */
  readonly blockPnl: Float64Array;
  /** Number of round-trip trades opened in the window. */
  readonly trades: number;
  /** Net PnL over the window as the simulator reports it, USDT (gross − fees − slippage + funding). */
  readonly netPnl: number;
}

/** One parameter set of the sweep. */
export interface SetResult {
  /** Stable identifier shown in the verdict (`CANDIDATE <id>`), unique within the sweep. */
  readonly id: string;
  /** Parameter name → value; only names that are keys of the grid axes define its grid position. */
  readonly params: Readonly<Record<string, ParamValue>>;
  /** Results on the full window and on each half (each half simulated on its own). */
  readonly windows: Readonly<Record<WindowName, WindowResult>>;
}

/** Everything the verdict needs for one symbol. */
export interface SymbolSweep {
  /** Symbol in `XXX/USDT:USDT` form (used in labels and to derive bootstrap seeds). */
  readonly symbol: string;
  /** Duration of one PnL block, ms (the lead uses 3,600,000: hourly blocks). */
  readonly blockMs: number;
  /** Index in `sets` of the baseline (the live set). */
  readonly baselineIndex: number;
  /** All parameter sets tried, in the sweep's stable order (the baseline included). */
  readonly sets: readonly SetResult[];
  /** Grid axes: parameter name → its values in grid order (adjacent entries are one step apart). */
  readonly axes: GridAxes;
}

/**
 * Checks the sweep's shape: at least one set, a valid baseline index, unique ids, at least one
 * block and equal block counts per window across sets, finite block PnL, non-negative integer
 * trade counts.
 * @throws DataError naming the first offending set and window.
 */
export function validateSweep(sweep: SymbolSweep): void {
  const { sets, baselineIndex, symbol } = sweep;
  if (sets.length === 0)
    throw new DataError(`verdict ${symbol}: the sweep has no sets; run the sweep with at least the baseline`);
  if (!(Number.isInteger(baselineIndex) && baselineIndex >= 0 && baselineIndex < sets.length)) {
    throw new DataError(
      `verdict ${symbol}: baselineIndex ${baselineIndex} is outside 0…${sets.length - 1}; pass the live set's index`,
    );
  }
  if (!(Number.isFinite(sweep.blockMs) && sweep.blockMs > 0)) {
    throw new DataError(`verdict ${symbol}: blockMs must be a positive duration in ms, got ${sweep.blockMs}`);
  }
  const ids = new Set<string>();
  const first = sets[0] as SetResult;
  for (let i = 0; i < sets.length; i++) {
    const s = sets[i] as SetResult;
    if (ids.has(s.id))
      throw new DataError(
        `verdict ${symbol}: set id ${JSON.stringify(s.id)} appears twice; give every set a unique id`,
      );
    ids.add(s.id);
    for (const w of WINDOW_NAMES) {
      const r = s.windows[w];
      if (r === undefined)
        throw new DataError(`verdict ${symbol}: set ${s.id} has no ${w} window; score every set on full, h1 and h2`);
      const n = first.windows[w].blockPnl.length;
      if (n === 0)
        throw new DataError(
          `verdict ${symbol}: the ${w} window has no blocks; the window must span at least one block of blockMs`,
        );
      if (r.blockPnl.length !== n) {
        throw new DataError(
          `verdict ${symbol}: set ${s.id} has ${r.blockPnl.length} ${w} blocks, set ${first.id} has ${n}; all sets must cover the same blocks`,
        );
      }
      for (let t = 0; t < n; t++) {
        if (!Number.isFinite(r.blockPnl[t]))
          throw new DataError(
            `verdict ${symbol}: set ${s.id} ${w} block ${t} PnL is ${r.blockPnl[t]}; block PnL must be finite USDT`,
          );
      }
      if (!(Number.isInteger(r.trades) && r.trades >= 0)) {
        throw new DataError(
          `verdict ${symbol}: set ${s.id} ${w} trade count is ${r.trades}; it must be a non-negative integer`,
        );
      }
    }
  }
}
