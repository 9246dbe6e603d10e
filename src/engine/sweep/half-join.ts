/**
 * Where a set's second-half run may take over the rest of its whole-window run (sim/run-join.ts):
 * only on candles from which the indicators the set reads are bit-identical in both precomputed
 * sets (the half starts its own warm-up, so Wilder's ATR differs at first and meets the whole
 * run's to the last bit some hundreds of candles later), and after the half's first decision.
 */
import type { PrecomputedIndicators } from '../indicators/precompute.js';
import { MemoPerObject } from '../memo-per-object.js';
import type { CheckpointPlan } from '../sim/run-join.js';
import type { ParamSet } from './grid.js';
import type { SweepContext } from './sweep-context.js';

/** Candles between two rows the whole run looks at for a checkpoint. */
const CHECKPOINT_EVERY = 30;
/** Checkpoints the whole run records at most (the half nearly always joins at the first). */
const CHECKPOINTS_KEPT = 8;

/** Convergence rows by indicator key, per context. */
const convergence = new MemoPerObject<SweepContext, number>();

/**
 * The first candle row from which `key`'s values in `a` and `b` agree bit for bit (NaN with
 * NaN, +0 only with +0) on every row both cover, or Infinity when the key is missing in either.
 */
export function convergedFrom(a: PrecomputedIndicators, b: PrecomputedIndicators, key: string): number {
  const va = a.values.get(key);
  const vb = b.values.get(key);
  if (va === undefined || vb === undefined || a.source === undefined || b.source === undefined) return Infinity;
  const fromA = a.source.from;
  const fromB = b.source.from;
  const first = Math.max(fromA, fromB);
  const last = Math.min(fromA + va.length, fromB + vb.length) - 1;
  for (let row = last; row >= first; row--) if (!Object.is(va[row - fromA], vb[row - fromB])) return row + 1;
  return first;
}

/** The row from which every indicator `params` reads agrees in both of `ctx`'s precomputed sets. */
function convergedRow(ctx: SweepContext, params: ParamSet): number {
  const { fromFull, fromH2 } = ctx.precomputed;
  let row = 0;
  for (const spec of Object.values(ctx.strategy.indicators(params as never)))
    row = Math.max(
      row,
      convergence.get(ctx, spec.key, () => convergedFrom(fromFull, fromH2, spec.key)),
    );
  return row;
}

/**
 * A whole run's checkpoint plan: rows every `every` candles from `from` (the first row the half
 * may join at) to `end` (one past the last), or undefined when there is none.
 */
export function checkpointPlan(from: number, end: number, every = CHECKPOINT_EVERY): CheckpointPlan | undefined {
  if (!(from < end)) return undefined;
  const rows: number[] = [];
  for (let row = from; row < end; row += every) rows.push(row);
  return { rows, record: new Map(), recordAtMost: CHECKPOINTS_KEPT, join: undefined };
}

/**
 * The whole run's checkpoint plan for `params`: from where its indicators agree in both
 * precomputed sets and after the second half's first decision.
 * @param h2Start first candle row of the second half's window; @param end one past its last.
 */
export function wholeRunCheckpoints(
  ctx: SweepContext,
  params: ParamSet,
  h2Start: number,
  end: number,
): CheckpointPlan | undefined {
  return checkpointPlan(Math.max(convergedRow(ctx, params), h2Start + 1), end);
}
