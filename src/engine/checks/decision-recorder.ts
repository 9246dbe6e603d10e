/**
 * Records every decision a strategy takes in a run: the candle, the indicator values it read and
 * the intents it returned, by wrapping its `decide` (the strategy itself is untouched, so the
 * recorded run is the run). Used by the trust checks to compare runs decision by decision.
 */
import type { AnyStrategy } from '../strategy.js';
import { stableJson } from '../fingerprint/fingerprint.js';

/** One decision: at `now` (close of candle `candleTs`, ms UTC), the indicators read and the intents (JSON). */
export interface DecisionRecord {
  readonly now: number;
  readonly ind: Readonly<Record<string, number>>;
  readonly intents: string;
}

/** A copy of `strategy` whose decisions are appended to `out`. */
export function recordingStrategy(strategy: AnyStrategy, out: DecisionRecord[]): AnyStrategy {
  return {
    ...strategy,
    decide: (ctx) => {
      const d = strategy.decide(ctx);
      out.push({ now: ctx.now, ind: { ...ctx.ind }, intents: stableJson(d.intents) });
      return d;
    },
  };
}

/** How two records of the same candle differ: the first indicator or the intents, with both values; null when equal. */
export function firstDifference(
  a: DecisionRecord,
  b: DecisionRecord,
  tolerance = 0,
): { what: string; full: string; other: string } | null {
  for (const k of Object.keys(a.ind)) {
    const x = a.ind[k] as number;
    const y = b.ind[k] as number;
    const same = (Number.isNaN(x) && Number.isNaN(y)) || x === y || relDiff(x, y) <= tolerance;
    if (!same) return { what: `indicator ${k}`, full: String(x), other: String(y) };
  }
  if (!sameJson(JSON.parse(a.intents), JSON.parse(b.intents), tolerance))
    return { what: 'intents', full: a.intents, other: b.intents };
  return null;
}

/** Deep equality of two JSON values, numbers within `tolerance` relative (prices derived from indicators). */
export function sameJson(a: unknown, b: unknown, tolerance: number): boolean {
  if (typeof a === 'number' && typeof b === 'number') return relDiff(a, b) <= tolerance;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => sameJson(x, b[i], tolerance));
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      ka.length === kb.length &&
      ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], tolerance))
    );
  }
  return a === b;
}

/** |x − y| / max(|x|, |y|), 0 when both are 0; Infinity when one is NaN. */
export function relDiff(x: number, y: number): number {
  if (Number.isNaN(x) !== Number.isNaN(y)) return Infinity;
  if (Number.isNaN(x) || x === y) return 0;
  return Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
}
