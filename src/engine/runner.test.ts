import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import { seriesFromCandles } from './data/candle-series.js';
import type { MarketData } from './ports/market-data.js';
import type { Fill, OrderRequest, Venue } from './ports/venue.js';
import { runStrategy, type RunnerConfig } from './runner.js';
import { CandleReplay } from './sim/candle-replay.js';
import { scenarioInput, tsOf, type Ohlc } from './sim/fixtures/scenario.js';
import { SimClock } from './sim/sim-clock.js';
import { SimVenue } from './sim/sim-venue.js';
import { BINANCE_USDM_FEES } from './sim/sim-settings.js';
import type { AnyStrategy } from './strategy.js';
import { atrBreakout } from '../strategies/atr-breakout/atr-breakout.js';

const FLAT: Ohlc = [100, 101, 99, 100];
// c2 breaks out long (see atr-breakout.signals.test.ts); c5 = [101, 103, 100.5, 102.9] breaks again.
const PATH: Ohlc[] = [
  FLAT,
  FLAT,
  [100, 104, 100, 103.5],
  [103.5, 104, 97, 98],
  [98, 101, 97.5, 100.5],
  [100.5, 106, 100.4, 105.9],
  [105.9, 106, 105, 105.5],
];

/** The sim wiring by hand, optionally with every port answering through a promise. */
function wiring(strategy: AnyStrategy, asyncPorts: boolean, extra: Partial<RunnerConfig> = {}) {
  const input = scenarioInput({ strategy: atrBreakout, candles: PATH });
  const clock = new SimClock();
  const sim = new SimVenue(input.facts, { ...BINANCE_USDM_FEES, slippageBps: 0 });
  const replay = new CandleReplay(input.candles, 0, input.candles.length, 60_000, clock, [(c) => sim.processCandle(c)]);
  const fills: Fill[] = [];
  const venue: Venue = asyncPorts
    ? {
        symbol: sim.symbol,
        placeOrder: async (r) => sim.placeOrder(r),
        cancelOrder: async (id) => sim.cancelOrder(id),
        getOrder: async (id) => sim.getOrder(id),
        openOrders: async () => sim.openOrders(),
        position: async () => sim.position(),
        takeFills: async () => sim.takeFills(),
      }
    : sim;
  const marketData: MarketData = asyncPorts
    ? { symbol: replay.symbol, timeframe: '1m', next: async () => replay.next() }
    : replay;
  const cfg: RunnerConfig = {
    strategy,
    params: input.params,
    facts: input.facts,
    venue,
    marketData,
    clock,
    timeframeMs: 60_000,
    tradeFrom: tsOf(2),
    hooks: { onFill: (f) => fills.push(f) },
    ...extra,
  };
  return { cfg, fills };
}

describe('runner', () => {
  it('refuses a strategy module written for another API version with a ConfigError', async () => {
    const { cfg } = wiring({ ...atrBreakout, apiVersion: 0 }, false);
    await expect(runStrategy(cfg)).rejects.toThrow(ConfigError);
    await expect(runStrategy(cfg)).rejects.toThrow(/strategy API 0, this runner speaks 1/);
  });

  it('gives the same decisions and fills when every port answers with a promise', async () => {
    const sync = wiring(atrBreakout, false);
    const async = wiring(atrBreakout, true);
    const a = await runStrategy(sync.cfg);
    const b = await runStrategy(async.cfg);
    expect(sync.fills.length).toBeGreaterThan(1);
    expect(async.fills).toEqual(sync.fills);
    expect(b).toEqual(a);
  });

  it('decides only on candles at or after tradeFrom; earlier ones only feed the indicators', async () => {
    const seen: number[] = [];
    const spy: AnyStrategy = { ...atrBreakout, decide: (ctx) => (seen.push(ctx.bar.ts), atrBreakout.decide(ctx)) };
    const { cfg } = wiring(spy, false);
    // Step by step: the strategy is asked on every candle, not only where its hint allows an entry.
    const out = await runStrategy({ ...cfg, tradeFrom: tsOf(4), stepByStep: true });
    expect(seen).toEqual([tsOf(4), tsOf(5), tsOf(6)]);
    expect(out).toMatchObject({ candles: 7, decisions: 3 });
  });

  it('never hands the strategy a candle whose close the clock has not reached', async () => {
    const { cfg } = wiring(atrBreakout, false);
    const series = seriesFromCandles(cfg.facts.symbol, '1m', [
      { ts: tsOf(0), open: 1, high: 1, low: 1, close: 1, volume: 1 },
    ]);
    const early: MarketData = {
      symbol: series.symbol,
      timeframe: '1m',
      next: (() => {
        let done = false;
        return () => (done ? null : ((done = true), { ts: tsOf(0), open: 1, high: 1, low: 1, close: 1, volume: 1 }));
      })(),
    };
    await expect(runStrategy({ ...cfg, marketData: early, clock: new SimClock(tsOf(0) + 59_999) })).rejects.toThrow(
      /never acts on a forming candle/,
    );
  });

  it('does not re-enter inside the cooldown after a restart with the persisted state', async () => {
    // The c2 signal (decided at the open of c3) comes 60 s after a persisted entry fill: with a 600 s cooldown it is ignored.
    const input = scenarioInput({ strategy: atrBreakout, candles: PATH, params: { ENTRY_COOLDOWN_S: 600 } });
    const { cfg, fills } = wiring(atrBreakout, false);
    await runStrategy({
      ...cfg,
      params: input.params,
      initialState: { strategy: { lastEntryFillTs: tsOf(2) }, entryTs: null, entry: null, exit: null },
    });
    expect(fills).toEqual([]);
  });

  it('reports its state after every decision when asked to, for live persistence', async () => {
    const states: unknown[] = [];
    const { cfg } = wiring(atrBreakout, false);
    await runStrategy({
      ...cfg,
      reportEveryDecision: true,
      hooks: { onDecision: (_now, _i, s) => void states.push(s) },
    });
    expect(states).toHaveLength(5);
    expect(states[1]).toMatchObject({ strategy: { lastEntryFillTs: tsOf(3) } });
  });
});

/**
 * Enters long at the open of c3 (103.5, attached stop 97.5 / take-profit 111.5), holds through c3
 * and moves the bracket at its close to stop 100.004 / take-profit 120.001, on a simulator seen
 * through `wrap` (the runner's venue). Returns the simulator's open orders as [type, level, reduceOnly].
 */
async function moveBracket(wrap: (sim: SimVenue) => Venue = (sim) => sim) {
  let moved = false;
  const mover: AnyStrategy = {
    ...atrBreakout,
    decide: (ctx) => {
      if (ctx.position !== null && !moved) {
        moved = true;
        return { intents: [{ kind: 'bracket', stopPrice: 100.004, takeProfitPrice: 120.001 }], state: ctx.state };
      }
      return atrBreakout.decide(ctx);
    },
  };
  const hold: Ohlc[] = [FLAT, FLAT, [100, 104, 100, 103.5], [103.5, 104, 103, 103.8]];
  const input = scenarioInput({ strategy: atrBreakout, candles: hold });
  const sim = new SimVenue(input.facts, { ...BINANCE_USDM_FEES, slippageBps: 0 });
  const clock = new SimClock();
  const replay = new CandleReplay(input.candles, 0, 4, 60_000, clock, [(c) => sim.processCandle(c)]);
  await runStrategy({
    strategy: mover,
    params: input.params,
    facts: input.facts,
    venue: wrap(sim),
    marketData: replay,
    clock: clock,
    timeframeMs: 60_000,
    tradeFrom: tsOf(2),
  });
  expect(moved).toBe(true);
  return sim.openOrders().map((o) => [o.type, o.triggerPrice ?? o.price, o.reduceOnly]);
}

/** `sim` refusing every new stop (as Binance does with -2021 when the price is through it). */
function refusingStops(sim: SimVenue): Venue {
  return new Proxy(sim, {
    get(target, key) {
      if (key === 'placeOrder')
        return (req: OrderRequest) =>
          req.type === 'stop_market'
            ? { ...req, status: 'rejected', filled: 0, reason: 'would immediately trigger' }
            : target.placeOrder(req);
      const v = Reflect.get(target, key, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

describe('runner bracket intent', () => {
  it('replaces the bracket of an open position with new reduce-only legs at the given prices', async () => {
    // Long: stop rounds up towards the entry (100.01), take-profit up away from it (120.01).
    expect(await moveBracket()).toEqual([
      ['stop_market', 100.01, true],
      ['limit', 120.01, true],
    ]);
  });

  it('keeps the old stop when the new one is refused, and replaces only the take-profit', async () => {
    expect(await moveBracket(refusingStops)).toEqual([
      ['stop_market', 97.5, true],
      ['limit', 120.01, true],
    ]);
  });
});
