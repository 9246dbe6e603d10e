/**
 * Where a strategy's flat hint `mayAct` holds, over precomputed indicators: the sorted indices
 * (into the precomputed arrays) of the candles on which it returns true. Computed by calling
 * the strategy's own `mayAct` on every candle once, then shared by every run over the same
 * precomputed indicators whose indicator settings and `mayActReads` parameters are equal (a
 * sweep's thousands of sets need a few dozen). The runner uses it to pass over the flat candles
 * between two of them without asking anything per candle (quiet-candles.ts).
 */
import { readCandleInto } from '../data/candle-series.js';
import type { PrecomputedIndicators } from '../indicators/precompute.js';
import type { AnyStrategy, ExecutionParams } from '../strategy.js';
import { IndicatorFeed } from './indicator-feed.js';

/** Indices per key, per precomputed set (dropped with it). */
const cache = new WeakMap<PrecomputedIndicators, Map<string, Int32Array>>();

/**
 * The indices of `pre`'s candles on which `strategy.mayAct(bar, ind, params)` holds, or null
 * when the strategy declares no `mayActReads`, or `pre` lacks its source candles or one of the
 * strategy's indicators. Side effect: fills the shared cache.
 */
export function mayActIndex(
  strategy: AnyStrategy,
  params: ExecutionParams,
  pre: PrecomputedIndicators,
): Int32Array | null {
  const reads = strategy.mayActReads as readonly string[] | undefined;
  const source = pre.source;
  if (reads === undefined || strategy.mayAct === undefined || source === undefined) return null;
  const specs = strategy.indicators(params);
  const names = Object.keys(specs);
  const keys = names.map((n) => specs[n]?.key as string);
  if (!keys.every((k) => pre.values.has(k))) return null;
  const p = params as unknown as Readonly<Record<string, unknown>>;
  const key = JSON.stringify([names, keys, reads.map((r) => p[r])]);
  let byKey = cache.get(pre);
  if (byKey === undefined) cache.set(pre, (byKey = new Map()));
  let index = byKey.get(key);
  if (index === undefined) {
    index = build(strategy, params, pre, source);
    byKey.set(key, index);
  }
  return index;
}

function build(
  strategy: AnyStrategy,
  params: ExecutionParams,
  pre: PrecomputedIndicators,
  source: NonNullable<PrecomputedIndicators['source']>,
): Int32Array {
  const feed = new IndicatorFeed(strategy.indicators(params), pre);
  const mayAct = strategy.mayAct as NonNullable<AnyStrategy['mayAct']>;
  const { candles, from } = source;
  const bar = { ts: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };
  const out: number[] = [];
  for (let j = 0; j < pre.ts.length; j++) {
    readCandleInto(candles, from + j, bar);
    feed.peek(bar);
    if (mayAct.call(strategy, bar, feed.ind, params)) out.push(j);
    feed.skip();
  }
  return Int32Array.from(out);
}
