/**
 * The second half taken over from the whole window's run (sim/run-join.ts, half-join.ts) equals
 * its own step-by-step backtest: on random candles with gaps and funding, random parameter sets
 * and random window cuts, with checkpoints on every candle and at the sweep's spacing. Short
 * ATR periods let Wilder's ATR of the half's own warm-up meet the whole run's inside the short
 * series, so most cases do join (counted, so the test cannot pass by never joining).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lowerBound, seriesFromCandles } from '../data/candle-series.js';
import { priorHigh, priorLow } from '../indicators/prior-extreme.js';
import { precomputeIndicators } from '../indicators/precompute.js';
import { runBacktest, runBacktestWithPrefixes, type BacktestInput } from '../sim/backtest.js';
import { candleWalk } from '../sim/fixtures/candle-walk.js';
import { gapEvery, FACTS, paramSet, randomInput, SYM } from '../sim/fixtures/random-backtest.js';
import { NO_INTENTS, STRATEGY_API_VERSION, type AnyStrategy, type Strategy } from '../strategy.js';
import { checkpointPlan, convergedFrom } from './half-join.js';

const WARMUP = 15;
const cut = fc.double({ min: 0.2, max: 0.8, noNaN: true });
const shortAtr = paramSet.chain((p) => fc.integer({ min: 1, max: 4 }).map((atr) => ({ ...p, ATR_PERIOD: atr })));

/** Indicators precomputed from the warm-up start of `window` (as the sweep does per window). */
function precomputedFor(input: BacktestInput, window: BacktestInput['window']) {
  const c = input.candles;
  const start = lowerBound(c.ts, window.from);
  const end = lowerBound(c.ts, window.to);
  const specs = Object.values(input.strategy.indicators(input.params as never));
  return { pre: precomputeIndicators(specs, c, Math.max(0, start - WARMUP), end), start, end };
}

let cases = 0;
let joins = 0;

async function compare(base: BacktestInput, f: number, every: number): Promise<void> {
  const input = { ...base, warmupCandles: WARMUP };
  const { from, to } = input.window;
  const mid = from + Math.max(1, Math.round(((to - from) / 60_000) * f)) * 60_000;
  const h2Window = { from: mid, to };
  const whole = precomputedFor(input, input.window);
  const half = precomputedFor(input, h2Window);
  if (half.start >= half.end) return;
  const keys = Object.values(input.strategy.indicators(input.params as never)).map((s) => s.key);
  const converged = Math.max(...keys.map((k) => convergedFrom(whole.pre, half.pre, k)));
  const plan = checkpointPlan(Math.max(converged, half.start + 1), half.end, every);
  const [full] = await runBacktestWithPrefixes({ ...input, precomputed: whole.pre }, [], plan);
  const h2Input = { ...input, window: h2Window };
  const alone = await runBacktest({ ...h2Input, stepByStep: true });
  cases += 1;
  const record = plan?.record;
  if (record === undefined || record.size === 0) return;
  const [joined] = await runBacktestWithPrefixes({ ...h2Input, precomputed: half.pre }, [], {
    rows: [...record.keys()],
    join: { from: record, result: full as never, joined: () => (joins += 1) },
  });
  // Joined or not (no checkpoint matched), the result is the half's own.
  expect(joined).toStrictEqual(alone);
}

describe('second half joined to the whole run', () => {
  it.each([
    { spacing: 'on every candle', every: 1, joinedShare: 1 / 6 },
    { spacing: 'at the sweep spacing', every: 30, joinedShare: 1 / 10 },
  ])('equals its own step-by-step backtest with checkpoints $spacing', async ({ every, joinedShare }) => {
    cases = 0;
    joins = 0;
    await fc.assert(
      fc.asyncProperty(candleWalk(120, 400), shortAtr, gapEvery, cut, async (candles, set, drop, f) => {
        await compare(randomInput(candles, set, drop), f, every);
      }),
      { numRuns: 300 },
    );
    expect(joins).toBeGreaterThan(cases * joinedShare);
  });
});

interface RateParams {
  readonly TIMEFRAME: '1m';
  readonly ORDER_NOTIONAL_USDT: number;
  readonly SLIPPAGE_BPS: number;
}
interface RateState {
  readonly entryPrice: number | null;
  readonly entryTs: number | null;
  /** PnL per ms of the last trade: −Infinity for a loss within its entry candle; JSON writes it as null. */
  readonly rate: number | null;
}

/** A breakout that stands aside after a fast loss, remembered as a rate JSON cannot tell from null. */
const rateStrategy: Strategy<RateParams, RateState> = {
  apiVersion: STRATEGY_API_VERSION,
  name: 'rate-memory',
  description: 'test strategy whose state holds ±Infinity',
  params: {} as never,
  checks: [],
  warmupCandles: () => 4,
  indicators: () => ({ hi: priorHigh(3), lo: priorLow(3) }),
  initialState: () => ({ entryPrice: null, entryTs: null, rate: null }),
  decide(ctx) {
    let s = ctx.state;
    for (const f of ctx.fills) {
      if (f.role === 'entry') s = { ...s, entryPrice: f.price, entryTs: f.ts };
      else {
        const pnl = (f.side === 'long' ? 1 : -1) * (f.price - (s.entryPrice as number));
        s = { entryPrice: null, entryTs: null, rate: pnl / (f.ts - (s.entryTs as number)) };
      }
    }
    const aside = ctx.position !== null || ctx.restingEntry !== null || (s.rate !== null && s.rate < -1e-6);
    const c = ctx.bar.close;
    const side = c > (ctx.ind.hi as number) ? 'long' : c < (ctx.ind.lo as number) ? 'short' : null;
    if (aside || side === null) return { intents: NO_INTENTS, state: s };
    const bracket = { stopDistance: c * 0.002, takeProfitDistance: c * 0.004 };
    const notionalUsdt = ctx.params.ORDER_NOTIONAL_USDT;
    return {
      intents: [{ kind: 'enter', side, notionalUsdt, refPrice: c, order: { type: 'market' }, bracket }],
      state: s,
    };
  },
};

describe('second half joined to the whole run, any strategy state', () => {
  it('never joins states that differ only where JSON text cannot tell them apart (−Infinity vs null)', async () => {
    cases = 0;
    joins = 0;
    await fc.assert(
      fc.asyncProperty(candleWalk(150, 300), cut, async (walk, f) => {
        const candles = seriesFromCandles(SYM, '1m', walk);
        const n = candles.length;
        const window = { from: candles.ts[WARMUP] as number, to: (candles.ts[n - 1] as number) + 60_000 };
        const params = { TIMEFRAME: '1m', ORDER_NOTIONAL_USDT: 100, SLIPPAGE_BPS: 0 } as never;
        await compare(
          { strategy: rateStrategy as unknown as AnyStrategy, candles, facts: FACTS, params, window },
          f,
          30,
        );
      }),
      { numRuns: 300 },
    );
    expect(joins).toBeGreaterThan(0);
  });
});
