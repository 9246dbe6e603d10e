/**
 * The runner's indicator values: one object `ind` (what the strategy reads as `ctx.ind`) kept
 * up to date candle by candle. Indicators with precomputed values (sweeps) are read straight
 * from their arrays by candle index; the others run their incremental stream. Either way the
 * value at candle t is the stream's value at t, and the precomputed open time is checked
 * against the candle's, so a replay can neither peek ahead nor drift out of alignment.
 */
import { invariant } from '../errors.js';
import type { PrecomputedIndicators } from '../indicators/precompute.js';
import type { IndicatorSet, IndicatorStream } from '../indicators/stream.js';
import type { Candle } from '../types.js';

/**
 * Writes candle `j`'s values into `ind`: one plain property store per indicator, from
 * `cols[i][j]` (precomputed) or `cols[i][0]` (the stream's latest value).
 */
type IndicatorWriter = (ind: Record<string, number>, cols: readonly Float64Array[], j: number) => void;

const writers = new Map<string, IndicatorWriter>();

/**
 * A writer `ind.<name_i> = cols[i][j]` compiled once per list of indicator names. Plain property
 * stores keep `ctx.ind` a fast, same-shaped object across runs; a keyed store per indicator per
 * candle (`ind[name] = v`) measured slower than all the rest of the loop. Names must be
 * identifiers (checked), so the generated code is nothing but those assignments.
 */
function indicatorWriter(names: readonly string[], precomputed: readonly boolean[]): IndicatorWriter {
  const key = names.map((n, i) => `${n}${precomputed[i] === true ? '[j]' : '[0]'}`).join(',');
  let w = writers.get(key);
  if (w === undefined) {
    for (const n of names)
      invariant(/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(n), `indicator name '${n}' is not an identifier`);
    w = new Function(
      'ind',
      'cols',
      'j',
      names.map((n, i) => `ind.${n} = cols[${i}][${precomputed[i] === true ? 'j' : '0'}];`).join('\n'),
    ) as IndicatorWriter;
    writers.set(key, w);
  }
  return w;
}

/** Feeds candles, in order, to a strategy's declared indicators. */
export class IndicatorFeed {
  /** The values at the latest candle fed, by name (NaN while warming up). */
  readonly ind: Record<string, number>;
  /** True when every indicator is precomputed: {@link peek} and {@link skip} then work. */
  readonly random: boolean;
  private readonly cols: Float64Array[];
  private readonly streams: (IndicatorStream | null)[];
  private readonly write: IndicatorWriter;
  private readonly ts: Float64Array | null;
  /** Index of the next candle into the precomputed arrays. */
  private j = 0;

  constructor(specs: IndicatorSet, precomputed: PrecomputedIndicators | undefined) {
    const names = Object.keys(specs);
    const keys = names.map((n) => (specs[n] as IndicatorSet[string]).key);
    const pre = keys.map((k) => precomputed?.values.has(k) === true);
    this.ind = Object.fromEntries(names.map((n) => [n, Number.NaN]));
    this.write = indicatorWriter(names, pre);
    this.streams = names.map((n, i) => (pre[i] === true ? null : (specs[n] as IndicatorSet[string]).create()));
    // A stream's latest value goes to a one-slot column, so one writer serves both kinds.
    this.cols = keys.map((k, i) =>
      pre[i] === true ? ((precomputed as PrecomputedIndicators).values.get(k) as Float64Array) : new Float64Array(1),
    );
    this.random = this.streams.every((s) => s === null);
    this.ts = pre.some((x) => x) ? (precomputed as PrecomputedIndicators).ts : null;
  }

  /**
   * Feeds the next candle: `ind` then holds the values at `bar`.
   * @throws Error when a precomputed value is for another candle (a wiring bug).
   */
  update(bar: Candle): void {
    if (this.ts !== null) this.check(bar);
    for (let s = 0; s < this.streams.length; s++) {
      const stream = this.streams[s] as IndicatorStream | null;
      if (stream !== null) (this.cols[s] as Float64Array)[0] = stream.update(bar);
    }
    this.write(this.ind, this.cols, this.j);
    this.j += 1;
  }

  /**
   * Precomputed only: writes the values of the next candle `bar` into `ind` without moving on
   * (a later {@link update} or {@link skip} of the same candle does).
   */
  peek(bar: Candle): void {
    this.check(bar);
    this.write(this.ind, this.cols, this.j);
  }

  private check(bar: Candle): void {
    const ts = this.ts as Float64Array;
    if (ts[this.j] !== bar.ts) {
      throw new Error(
        `Invariant failed: precomputed indicators are for candle ${ts[this.j]}, fed ${bar.ts}: precompute from the first candle the run feeds`,
      );
    }
  }

  /** Precomputed only: moves past the candle last {@link peek}ed. */
  skip(): void {
    this.j += 1;
  }

  /** Index of the next candle into the precomputed arrays. */
  get nextIndex(): number {
    return this.j;
  }

  /** Precomputed only: moves past the next `n` candles without reading them. */
  skipMany(n: number): void {
    this.j += n;
  }
}
