/**
 * The JSON document of a backtest (`coinbot backtest --json`) and its trade list as CSV. Keys
 * are snake_case with units in their names (`_usdt`, `_s`); times are ISO 8601 UTC; money in
 * USDT, amounts in base units, rates and shares as fractions. Built only from the result, the
 * fingerprint and the provenance, so identical inputs give byte-identical output.
 */
import { formatInstant } from '../time.js';
import type { Metrics } from '../stats/summary.js';
import type { Trade } from '../stats/trades.js';
import type { BacktestResult } from './backtest.js';

/** Version of the document layout below. */
export const BACKTEST_JSON_SCHEMA = 'coinbot.backtest/1';

/** What is recorded beside the fingerprint but not inside it. */
export interface Provenance {
  /** `git rev-parse HEAD` (+ `-dirty`), or `unknown`. */
  readonly gitRevision: string;
}

/** Metrics with units in their keys. */
export function metricsJson(m: Metrics): Record<string, number | null> {
  return {
    trades: m.trades,
    long_trades: m.longTrades,
    short_trades: m.shortTrades,
    win_rate: m.winRate,
    gross_pnl_usdt: m.grossPnl,
    fees_usdt: m.fees,
    funding_usdt: m.funding,
    net_pnl_usdt: m.netPnl,
    fees_share_of_gross: m.feesShareOfGross,
    funding_share_of_gross: m.fundingShareOfGross,
    return_on_notional: m.returnOnNotional,
    max_drawdown_usdt: m.maxDrawdown,
    max_drawdown_of_notional: m.maxDrawdownOfNotional,
    profit_factor: m.profitFactor,
    expectancy_usdt: m.expectancy,
    exposure: m.exposure,
    avg_hold_s: m.avgHoldS,
    sharpe: m.sharpe,
  };
}

/** One trade with units in its keys. */
export function tradeJson(t: Trade): Record<string, string | number | null> {
  return {
    signal_time: t.signalTs === null ? null : formatInstant(t.signalTs),
    side: t.side,
    amount: t.amount,
    entry_time: formatInstant(t.entryTs),
    entry_price: t.entryPrice,
    entry_liquidity: t.entryLiquidity,
    exit_time: formatInstant(t.exitTs),
    exit_price: t.exitPrice,
    exit_reason: t.exitReason,
    fees_usdt: t.fees,
    funding_usdt: t.funding,
    gross_pnl_usdt: t.grossPnl,
    pnl_usdt: t.netPnl,
  };
}

/** The full `--json` document. */
export function backtestJson(r: BacktestResult, fingerprint: string, provenance: Provenance): Record<string, unknown> {
  const w = r.window;
  const notModelled = r.funding.status === 'not modelled';
  return {
    schema: BACKTEST_JSON_SCHEMA,
    fingerprint,
    provenance: { git_revision: provenance.gitRevision },
    strategy: { name: r.strategy.name, api_version: r.strategy.apiVersion },
    symbol: r.symbol,
    timeframe: r.timeframe,
    window: {
      from: formatInstant(w.from),
      to: formatInstant(w.to),
      first_candle: formatInstant(w.firstCandle),
      last_candle: formatInstant(w.lastCandle),
      last_close: formatInstant(w.lastClose),
      candles: w.candles,
      warmup_candles: w.warmupCandles,
      warmup_requested: w.warmupRequested,
      missing_candles: w.missingCandles,
    },
    params: r.params,
    sim: { taker_fee_rate: r.sim.takerFeeRate, maker_fee_rate: r.sim.makerFeeRate, slippage_bps: r.sim.slippageBps },
    metrics: metricsJson(r.metrics),
    flat_reference: metricsJson(r.flat),
    costs: {
      fees_usdt: r.metrics.fees,
      funding_usdt: r.metrics.funding,
      funding: notModelled ? 'funding not modelled' : r.funding.status,
      funding_events: r.funding.events,
      funding_payments: r.funding.payments.length,
      funding_mark_price:
        r.funding.markSource === 'mark'
          ? 'mark-price candles'
          : r.funding.markSource === 'last-close'
            ? 'last close (no mark-price candles cached)'
            : r.funding.markSource === 'mixed'
              ? 'mark-price candles where cached, else the last close'
              : 'none (no payment)',
    },
    trades: r.trades.map(tradeJson),
    refused_signals: r.refusals.map((x) => ({
      signal_time: formatInstant(x.ts),
      side: x.side,
      notional_usdt: x.notionalUsdt,
      price: x.refPrice,
      amount: x.amount,
      reason: x.reason,
    })),
  };
}

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The trades as CSV with a header (same columns as the JSON trades).
 * @param lead constant columns put first on every row (e.g. `{ symbol, set_id }`).
 * @param withHeader false to append rows under an existing header.
 */
export function tradesCsv(
  trades: readonly Trade[],
  lead: Readonly<Record<string, string>> = {},
  withHeader = true,
): string {
  const rows = trades.map((t) => ({ ...lead, ...tradeJson(t) }));
  const header = [
    ...Object.keys(lead),
    ...Object.keys(
      tradeJson({
        signalTs: 0,
        side: 'long',
        amount: 0,
        entryTs: 0,
        entryPrice: 0,
        entryLiquidity: 'taker',
        exitTs: 0,
        exitPrice: 0,
        exitReason: 'unknown',
        fees: 0,
        funding: 0,
        grossPnl: 0,
        netPnl: 0,
      }),
    ),
  ];
  const lines = rows.map((r) =>
    header.map((k) => csvCell((r as Record<string, string | number | null>)[k] ?? null)).join(','),
  );
  return `${[...(withHeader ? [header.join(',')] : []), ...lines].join('\n')}${lines.length > 0 || withHeader ? '\n' : ''}`;
}
