/**
 * Two deliberately broken strategies for the trust checks' own tests (never registered):
 * - `leakyNextClose`: atr-breakout that also reads the NEXT candle's close through a vectorised
 *   indicator (`batch` reads `close[i + 1]`, the whole-array look-ahead of dataframe strategies),
 *   and enters only when that next close confirms the breakout: `check lookahead` must catch it;
 * - `shortWarmup`: atr-breakout declaring 20 candles of warm-up, too few for a Wilder ATR to
 *   forget its seed: `check warmup` must catch it.
 */
import type { IndicatorSpec } from '../src/engine/indicators/stream.js';
import { NO_INTENTS, type AnyStrategy } from '../src/engine/strategy.js';
import type { CandleSeries } from '../src/engine/types.js';
import { atrBreakout } from '../src/strategies/atr-breakout/atr-breakout.js';

const nextClose: IndicatorSpec = {
  key: 'leak:next-close',
  create: () => ({ update: () => Number.NaN }),
  batch: (c: CandleSeries, from: number, to: number) => {
    const out = new Float64Array(to - from);
    for (let i = from; i < to; i++) out[i - from] = c.close[i + 1] ?? Number.NaN; // reads the future
    return out;
  },
};

/** Enters only when the next candle's close (not yet known at the decision) is higher. */
export const leakyNextClose: AnyStrategy = {
  ...atrBreakout,
  name: 'leaky-next-close',
  indicators: (p) => ({ ...atrBreakout.indicators(p), nextClose }),
  decide: (ctx) => {
    const d = atrBreakout.decide(ctx);
    const peek = ctx.ind.nextClose as number;
    if (d.intents.some((i) => i.kind === 'enter') && !(peek > ctx.bar.close))
      return { intents: NO_INTENTS, state: d.state };
    return d;
  },
};

/** Declares far too short a warm-up for its ATR. */
export const shortWarmup: AnyStrategy = { ...atrBreakout, name: 'short-warmup', warmupCandles: () => 20 };
