/**
 * The fingerprint of a backtest: sha256 over everything that determines its numbers — the
 * exact candles consumed (warm-up included), the funding events and mark candles the run could
 * use, the market facts, the canonical parameters, the window and warm-up, the simulator
 * settings, the strategy's name and API version, and the hash of the deciding source code.
 * The git revision is provenance recorded beside it, never inside (a rebase that keeps the code
 * keeps the fingerprint). Typed-array columns are hashed as their little-endian float64 bytes.
 */
import { createHash, type Hash } from 'node:crypto';
import type { BacktestInput, BacktestResult } from '../sim/backtest.js';
import type { Consumed } from '../sim/consumed-rows.js';
import { sourceHash } from './source-hash.js';

const VERSION = 'coinbot.backtest.fingerprint/1';
const DATA_VERSION = 'coinbot.data.digest/1';

function put(h: Hash, label: string, bytes: Uint8Array | string): void {
  const b = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  h.update(`${label}:${b.byteLength}:`);
  h.update(b);
}

function column(h: Hash, label: string, a: Float64Array, from: number, to: number): void {
  const s = a.subarray(from, to);
  put(h, label, new Uint8Array(s.buffer, s.byteOffset, s.byteLength));
}

/** JSON with object keys sorted at every level. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The inputs whose consumed rows a fingerprint covers. */
export type FingerprintedInputs = Pick<BacktestInput, 'candles' | 'funding' | 'mark' | 'facts'>;

/**
 * Writes the data part of a fingerprint into `h`: the consumed candles, funding events and
 * mark candles (counts, not indices: the same rows give the same bytes however much else is
 * cached) and the market facts.
 */
function hashConsumedInputs(h: Hash, input: FingerprintedInputs, consumed: Consumed): void {
  const c = input.candles;
  const { candleFrom, candleTo, fundingFrom, fundingTo, markFrom, markTo } = consumed;
  put(h, 'candles', `${c.symbol} ${c.timeframe} ${c.kind} ${candleTo - candleFrom}`);
  for (const k of ['ts', 'open', 'high', 'low', 'close', 'volume'] as const)
    column(h, `candles.${k}`, c[k], candleFrom, candleTo);
  const f = input.funding;
  put(h, 'funding', f === undefined ? 'none' : `${fundingTo - fundingFrom}`);
  if (f !== undefined) {
    column(h, 'funding.ts', f.ts, fundingFrom, fundingTo);
    column(h, 'funding.rate', f.rate, fundingFrom, fundingTo);
  }
  const m = input.mark;
  put(h, 'mark', m === undefined ? 'none' : `${m.timeframe} ${markTo - markFrom}`);
  if (m !== undefined) for (const k of ['ts', 'open', 'close'] as const) column(h, `mark.${k}`, m[k], markFrom, markTo);
  put(h, 'facts', stableJson(input.facts));
}

/**
 * sha256 (hex) of the data a run consumed (see {@link consumedRows}): the same bytes a
 * backtest's fingerprint hashes for its data, so a sweep's data digest and a backtest's
 * fingerprint cannot disagree on which rows count.
 */
export function dataDigest(input: FingerprintedInputs, consumed: Consumed): string {
  const h = createHash('sha256');
  put(h, 'version', DATA_VERSION);
  hashConsumedInputs(h, input, consumed);
  return h.digest('hex');
}

/**
 * Fingerprint (sha256 hex) of a finished backtest from its inputs and the rows it consumed.
 * @param strategyDir the strategy's folder under src/ (default `strategies/<name>`).
 */
export function backtestFingerprint(
  input: BacktestInput,
  result: BacktestResult,
  strategyDir = `strategies/${result.strategy.name}`,
): string {
  const h = createHash('sha256');
  put(h, 'version', VERSION);
  hashConsumedInputs(h, input, result.consumed);
  put(h, 'params', stableJson(result.params));
  put(h, 'window', stableJson({ from: result.window.from, to: result.window.to, warmup: result.window.warmupCandles }));
  put(h, 'sim', stableJson(result.sim));
  put(h, 'strategy', stableJson(result.strategy));
  put(h, 'source', sourceHash(strategyDir));
  return h.digest('hex');
}
