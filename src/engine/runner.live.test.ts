/**
 * The runner's behaviour that live mode relies on: the bracket backstop, fills and resting
 * entries on candles replayed before `tradeFrom` (a restart), and that the backstop never fires
 * in a backtest.
 */
import { describe, expect, it } from 'vitest';
import { readCandles } from './data/candle-store.js';
import { readMarketFacts } from './data/market-facts-store.js';
import { clientOrderId } from './ports/client-order-id.js';
import type { Fill, OrderRequest, Venue } from './ports/venue.js';
import { runStrategy, type RunnerState } from './runner.js';
import { CandleReplay } from './sim/candle-replay.js';
import { scenarioInput, tsOf, type Ohlc } from './sim/fixtures/scenario.js';
import { runBacktest } from './sim/backtest.js';
import { SimClock } from './sim/sim-clock.js';
import { BINANCE_USDM_FEES } from './sim/sim-settings.js';
import { SimVenue } from './sim/sim-venue.js';
import type { AnyStrategy, DecisionContext } from './strategy.js';
import { normaliseSymbol } from './symbols.js';
import { resolveParams } from './config/resolve-params.js';
import { atrBreakout } from '../strategies/atr-breakout/atr-breakout.js';
import { SAMPLE_DATA_DIR } from '../../test-support/repo-paths.js';

const FLAT: Ohlc = [100, 101, 99, 100];
// c2 breaks out long (TR 4 → stop 6 below, take-profit 8 above the fill); c3 fills the entry at 103.5 and holds.
const ENTER: Ohlc[] = [FLAT, FLAT, [100, 104, 100, 103.5], [103.5, 104, 103, 103.8]];

/** A SimVenue that drops attached brackets: the exchange-side legs never exist. */
function withoutLegs(sim: SimVenue): Venue {
  return {
    symbol: sim.symbol,
    placeOrder: (r: OrderRequest) => {
      const { bracket: _dropped, ...rest } = r;
      return sim.placeOrder(rest);
    },
    cancelOrder: (id) => sim.cancelOrder(id),
    getOrder: (id) => sim.getOrder(id),
    openOrders: () => sim.openOrders(),
    position: () => sim.position(),
    takeFills: () => sim.takeFills(),
  };
}

async function run(
  candles: Ohlc[],
  opts: {
    legs: boolean;
    strategy?: AnyStrategy;
    tradeFrom?: number;
    initialState?: RunnerState;
    before?: (sim: SimVenue) => void;
  },
) {
  const input = scenarioInput({ strategy: atrBreakout, candles });
  const sim = new SimVenue(input.facts, { ...BINANCE_USDM_FEES, slippageBps: 0 });
  opts.before?.(sim);
  const clock = new SimClock();
  const replay = new CandleReplay(input.candles, 0, input.candles.length, 60_000, clock, [(c) => sim.processCandle(c)]);
  const fills: Fill[] = [];
  const out = await runStrategy({
    strategy: opts.strategy ?? atrBreakout,
    params: input.params,
    facts: input.facts,
    venue: opts.legs ? sim : withoutLegs(sim),
    marketData: replay,
    clock,
    timeframeMs: 60_000,
    tradeFrom: opts.tradeFrom ?? tsOf(2),
    hooks: { onFill: (f) => fills.push(f) },
    ...(opts.initialState ? { initialState: opts.initialState } : {}),
  });
  return { fills, out, sim };
}

describe('runner backstop', () => {
  it('exits at market at the next open when a candle trades through the stop and the venue has no stop leg', async () => {
    const { fills, out } = await run([...ENTER, [103.8, 104, 96, 97], [97, 98, 96.5, 97.5]], { legs: false });
    expect(fills.map((f) => [f.clientOrderId.slice(-2), f.side, f.price, f.ts, f.reduceOnly])).toEqual([
      ['-e', 'buy', 103.5, tsOf(3), false],
      ['-k', 'sell', 97, tsOf(5), true], // decided at the close of c4 (low 96 < stop 97.5), filled at the open of c5
    ]);
    expect(out.state.bracket ?? null).toBeNull();
  });

  it('exits at market when a candle trades through the take-profit and the venue has no take-profit leg', async () => {
    const { fills } = await run([...ENTER, [103.8, 112, 103.5, 111], [111, 111.2, 110, 110.5]], { legs: false });
    expect(fills.map((f) => [f.clientOrderId.slice(-2), f.price])).toEqual([
      ['-e', 103.5],
      ['-p', 111],
    ]);
  });

  it('sends nothing when the venue leg fires, and arms the levels as the venue rounds them', async () => {
    const { fills } = await run([...ENTER, [103.8, 104, 96, 97], [97, 98, 96.5, 97.5]], { legs: true });
    // The stop leg closes the long at 97.5; the short breakout of c4 then enters at the open of c5.
    expect(fills.map((f) => [f.clientOrderId.slice(-2), f.side, f.price])).toEqual([
      ['-e', 'buy', 103.5],
      ['-s', 'sell', 97.5],
      ['-e', 'sell', 97],
    ]);
    const held = await run(ENTER, { legs: true });
    expect(held.out.state.bracket).toEqual({ stop: 97.5, takeProfit: 111.5, from: tsOf(3) });
  });

  it('never fires in backtests over the whole sample, for the live sets and aggressive settings', async () => {
    const sets = [
      '',
      'ATR_GATE_MULT=1.06\nENTRY_RETEST_TOL_PCT=0.1\nENTRY_RETEST_WINDOW_S=150\nENTRY_COOLDOWN_S=300',
      'ATR_GATE_MULT=0.5\nSL_ATR_MULT=0.3\nTP_ATR_MULT=0.3\nMAX_HOLD_S=300',
    ];
    let exits = 0;
    for (const coin of ['BTC', 'ETH', 'SOL']) {
      const symbol = normaliseSymbol(coin);
      const candles = readCandles(SAMPLE_DATA_DIR, symbol, '1m');
      for (const text of sets) {
        const entries = text
          .split('\n')
          .filter(Boolean)
          .map((l) => ({ key: l.split('=')[0] as string, value: l.split('=')[1] as string, where: 'test' }));
        const { params } = resolveParams(atrBreakout, [entries]);
        const r = await runBacktest({
          strategy: atrBreakout,
          candles,
          facts: readMarketFacts(SAMPLE_DATA_DIR, symbol),
          params: params as never,
          window: { from: candles.ts[200] as number, to: (candles.ts[candles.length - 1] as number) + 60_000 },
        });
        expect(r.fills.filter((f) => /-[kp]$/.test(f.clientOrderId))).toEqual([]);
        exits += r.fills.filter((f) => /-[st]$/.test(f.clientOrderId)).length;
      }
    }
    expect(exits).toBeGreaterThan(100);
  });
});

describe('runner on candles replayed before tradeFrom (live restart)', () => {
  it('hands fills from replayed candles to the first decision, so the cooldown sees them', async () => {
    const seen: DecisionContext<unknown, unknown>['fills'][] = [];
    const spy: AnyStrategy = { ...atrBreakout, decide: (ctx) => (seen.push(ctx.fills), atrBreakout.decide(ctx)) };
    const id = clientOrderId('TEST', tsOf(0), 'entry');
    const { out } = await run([FLAT, FLAT, FLAT, FLAT, FLAT], {
      legs: true,
      strategy: spy,
      tradeFrom: tsOf(3),
      before: (sim) =>
        void sim.placeOrder({ clientOrderId: id, side: 'buy', type: 'market', amount: 1, reduceOnly: false }),
      initialState: {
        strategy: { lastEntryFillTs: null },
        entryTs: null,
        entry: { clientOrderId: id, side: 'long', price: 100, amount: 1, candlesLeft: null },
        exit: null,
      },
    });
    expect(seen[0]).toEqual([{ ts: tsOf(0), role: 'entry', side: 'long', price: 100, amount: 1 }]);
    expect(out.state.strategy).toEqual({ lastEntryFillTs: tsOf(0) });
  });

  it('counts a resting entry down on replayed candles and cancels it on time, before a later candle reaches it', async () => {
    const id = clientOrderId('TEST', tsOf(1), 'entry'); // decided at the close of c0: rests through c1 and c2
    const { fills, sim } = await run([FLAT, FLAT, FLAT, [100, 100, 94, 95], FLAT, FLAT], {
      legs: true,
      tradeFrom: tsOf(5),
      before: (s) =>
        void s.placeOrder({ clientOrderId: id, side: 'buy', type: 'limit', amount: 1, price: 95, reduceOnly: false }),
      initialState: {
        strategy: { lastEntryFillTs: null },
        entryTs: null,
        entry: { clientOrderId: id, side: 'long', price: 95, amount: 1, candlesLeft: 2 },
        exit: null,
      },
    });
    expect(sim.getOrder(id)).toMatchObject({ status: 'cancelled' });
    expect(fills).toEqual([]);
  });
});
