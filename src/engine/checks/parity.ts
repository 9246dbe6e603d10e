/**
 * `coinbot parity --journal FILE`: replays each journal segment's candles and parameters through
 * the simulator and compares decisions and fills one by one. A paper journal must match exactly
 * (same fill rules, fees and slippage). For a real journal it pairs trades by their entry's
 * deterministic client id and attributes the PnL difference: fees (live − simulated), slippage
 * (each live taker fill against its own reference — its candle's open for market orders, the
 * trigger for stops — minus the simulator's modelled `SLIPPAGE_BPS`), and timing, the rest
 * (entries and exits at other moments, brackets anchored on other fill prices, missing trades). Funding: paper books none;
 * a real journal records none, so both sides are compared without it.
 */
import { seriesFromCandles } from '../data/candle-series.js';
import { runBacktest } from '../sim/backtest.js';
import { NO_INTENTS, type AnyStrategy, type ExecutionParams, type FillView } from '../strategy.js';
import { buildTrades, type Trade } from '../stats/trades.js';
import type { PerpSymbol } from '../symbols.js';
import { timeframeMs } from '../time.js';
import { recordingStrategy, sameJson, type DecisionRecord } from './decision-recorder.js';
import type { JournalSegment } from './journal-segments.js';

/** One trade's live-vs-simulated comparison. Prices USDT, slippage bp (positive = worse live), times ms. */
export interface TradeParity {
  readonly entryId: string;
  readonly side: string;
  readonly entrySlippageBp: number;
  readonly exitSlippageBp: number;
  readonly entryDelayMs: number;
  readonly exitDelayMs: number;
  readonly liveNet: number;
  readonly simNet: number;
}

/** A segment's parity. Money USDT. */
export interface SegmentParity {
  readonly mode: string;
  readonly candles: number;
  readonly decisions: { readonly compared: number; readonly differing: readonly number[] };
  readonly fills: { readonly live: number; readonly sim: number; readonly differing: number };
  readonly exact: boolean;
  readonly trades: readonly TradeParity[];
  readonly missing: readonly string[];
  readonly extra: readonly string[];
  readonly totals: {
    readonly liveNet: number;
    readonly simNet: number;
    readonly fees: number;
    readonly slippage: number;
    readonly timing: number;
  };
}

const WINDOW_END = /-w$/;

/**
 * The strategy as live mode ran it: it decides only on the candles the journal shows decided
 * (after a restart the missed candles are replayed without deciding), and fills reported on a
 * candle it did not decide on reach its next decision, as the live runner carries them.
 */
function asLiveDecided(strategy: AnyStrategy, decided: ReadonlySet<number>, tf: number): AnyStrategy {
  let carried: FillView[] = [];
  return {
    ...strategy,
    decide: (ctx) => {
      if (!decided.has(ctx.now - tf)) {
        carried = [...carried, ...ctx.fills];
        return { intents: NO_INTENTS, state: ctx.state };
      }
      const fills = carried.length === 0 ? ctx.fills : [...carried, ...ctx.fills];
      carried = [];
      return strategy.decide({ ...ctx, fills });
    },
  };
}

/** Replays one segment and compares. */
export async function segmentParity(seg: JournalSegment, strategy: AnyStrategy): Promise<SegmentParity> {
  const params = seg.params as unknown as ExecutionParams;
  const tf = timeframeMs(String(params.TIMEFRAME));
  const candles = seriesFromCandles(seg.facts.symbol as PerpSymbol, String(params.TIMEFRAME), seg.candles);
  const warm = seg.candles.filter((c) => c.ts < seg.tradeFrom).length;
  const rec: DecisionRecord[] = [];
  const last = seg.candles[seg.candles.length - 1];
  const r = await runBacktest({
    strategy: recordingStrategy(asLiveDecided(strategy, new Set(seg.decisions.keys()), tf), rec),
    candles,
    facts: seg.facts,
    params,
    window: { from: seg.tradeFrom, to: (last?.ts ?? seg.tradeFrom) + tf },
    warmupCandles: warm,
  });
  const differing: number[] = [];
  for (const d of rec) {
    const live = seg.decisions.get(d.now - tf);
    if (live !== undefined && !sameJson(live, JSON.parse(d.intents), 1e-6)) differing.push(d.now - tf);
  }
  const simFills = r.fills.filter((f) => !WINDOW_END.test(f.clientOrderId));
  const same = (a: (typeof simFills)[number], b: (typeof simFills)[number] | undefined) =>
    b !== undefined &&
    a.clientOrderId === b.clientOrderId &&
    a.side === b.side &&
    a.price === b.price &&
    a.amount === b.amount &&
    a.ts === b.ts;
  const fillDiffs =
    simFills.filter((f, i) => !same(f, seg.fills[i])).length + Math.max(0, seg.fills.length - simFills.length);
  const liveTrades = buildTrades(seg.fills, []);
  const simTrades = r.trades.filter((t) => t.exitReason !== 'window_end');
  return {
    mode: seg.mode,
    candles: seg.candles.length,
    decisions: { compared: rec.filter((d) => seg.decisions.has(d.now - tf)).length, differing },
    fills: { live: seg.fills.length, sim: simFills.length, differing: fillDiffs },
    exact: differing.length === 0 && fillDiffs === 0,
    ...tradeComparison(liveTrades, simTrades, seg.fills, r.fills, {
      live: liveSlippage(seg, tf),
      sim: simSlippage(simFills, Number(params.SLIPPAGE_BPS ?? 0)),
    }),
  };
}

/**
 * Slippage the live fills paid (USDT, positive = cost): each taker fill against its own
 * reference, the open of its candle for market orders, the trigger for stops (or the open when
 * the candle opened through it); maker fills pay none.
 */
function liveSlippage(seg: JournalSegment, tf: number): number {
  const opens = new Map(seg.candles.map((c) => [c.ts, c.open]));
  let cost = 0;
  for (const f of seg.fills) {
    if (f.liquidity !== 'taker') continue;
    const open = opens.get(Math.floor(f.ts / tf) * tf);
    const trigger = seg.triggers.get(f.clientOrderId);
    let ref = open;
    if (trigger !== undefined && open !== undefined)
      ref = f.side === 'sell' ? Math.min(open, trigger) : Math.max(open, trigger);
    if (ref === undefined) continue;
    cost += (f.side === 'buy' ? f.price - ref : ref - f.price) * f.amount;
  }
  return cost;
}

/** The slippage the simulator charged its taker fills (USDT): `SLIPPAGE_BPS` of the reference price. */
function simSlippage(
  fills: readonly { price: number; amount: number; liquidity: string; side: string }[],
  bps: number,
): number {
  let cost = 0;
  for (const f of fills) {
    if (f.liquidity !== 'taker' || bps === 0) continue;
    const ref = f.side === 'buy' ? f.price / (1 + bps / 10_000) : f.price / (1 - bps / 10_000);
    cost += Math.abs(f.price - ref) * f.amount;
  }
  return cost;
}

const idOfEntry = (t: Trade, fills: readonly { clientOrderId: string; ts: number; reduceOnly: boolean }[]) =>
  fills.find((f) => !f.reduceOnly && f.ts === t.entryTs)?.clientOrderId ?? `@${t.entryTs}`;

/** Pairs trades by entry id and splits the PnL difference into fees, slippage and timing. */
function tradeComparison(
  live: readonly Trade[],
  sim: readonly Trade[],
  liveFills: readonly { clientOrderId: string; ts: number; reduceOnly: boolean }[],
  simFills: readonly { clientOrderId: string; ts: number; reduceOnly: boolean }[],
  slip: { live: number; sim: number },
): Pick<SegmentParity, 'trades' | 'missing' | 'extra' | 'totals'> {
  const simById = new Map(sim.map((t) => [idOfEntry(t, simFills), t]));
  const liveById = new Map(live.map((t) => [idOfEntry(t, liveFills), t]));
  const trades: TradeParity[] = [];
  let fees = 0;
  for (const [id, l] of liveById) {
    const s = simById.get(id);
    if (s === undefined) continue;
    const sign = l.side === 'long' ? 1 : -1;
    fees += l.fees - s.fees;
    trades.push({
      entryId: id,
      side: l.side,
      entrySlippageBp: ((sign * (l.entryPrice - s.entryPrice)) / s.entryPrice) * 10_000,
      exitSlippageBp: ((-sign * (l.exitPrice - s.exitPrice)) / s.exitPrice) * 10_000,
      entryDelayMs: l.entryTs - s.entryTs,
      exitDelayMs: l.exitTs - s.exitTs,
      liveNet: l.netPnl,
      simNet: s.netPnl,
    });
  }
  const liveNet = live.reduce((a, t) => a + t.netPnl, 0);
  const simNet = sim.reduce((a, t) => a + t.netPnl, 0);
  const slippage = slip.live - slip.sim;
  return {
    trades,
    missing: [...simById.keys()].filter((id) => !liveById.has(id)),
    extra: [...liveById.keys()].filter((id) => !simById.has(id)),
    totals: { liveNet, simNet, fees, slippage, timing: simNet - liveNet - fees - slippage },
  };
}
