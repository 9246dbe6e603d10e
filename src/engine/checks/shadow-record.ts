/**
 * A shadow instance's record (`coinbot shadow report`, `coinbot promote --require-shadow`): the
 * current segment of its journal (since it last started with the parameters it runs now), its
 * trades, net and fees, its candle continuity, its parity with the simulator, whether it runs
 * the candidate file's parameters, and the live unit's journal over the same candles beside it.
 * Healthy = at least the required hours decided, no gap of more than {@link MAX_GAP_CANDLES}
 * candles (the end included: the shadow must still be running), no `fatal` line, parity exact,
 * and the journal's parameters equal to the candidate's. Money USDT, times ms UTC.
 */
import type { JournalEntry } from '../live/journal.js';
import type { Fill } from '../ports/venue.js';
import { stableJson } from '../fingerprint/fingerprint.js';
import { buildTrades } from '../stats/trades.js';
import type { AnyStrategy } from '../strategy.js';
import { HOUR_MS, timeframeMs } from '../time.js';
import { journalSegments, type JournalSegment } from './journal-segments.js';
import { segmentParity } from './parity.js';

/** The longest run of candles a healthy shadow may have left undecided. */
export const MAX_GAP_CANDLES = 2;

/** Trades, net and fees of a journal over a window. */
export interface JournalTotals {
  readonly trades: number;
  readonly netPnl: number;
  readonly fees: number;
}

/** The shadow's record; see the file comment. */
export interface ShadowRecord {
  /** First and last candle decided in the current segment (null: none). */
  readonly from: number | null;
  readonly to: number | null;
  readonly hours: number;
  readonly candles: number;
  /** Longest run of undecided candles, between decisions or from the last one to `now`. */
  readonly maxGapCandles: number;
  readonly fatal: boolean;
  readonly parityExact: boolean;
  /** Parameter keys whose journal value differs from the candidate's (empty: equal). */
  readonly paramsDiffer: readonly string[];
  readonly shadow: JournalTotals;
  /** The live unit's journal over the same candles (null: no journal given). */
  readonly live: (JournalTotals & { readonly mode: string }) | null;
  readonly healthy: boolean;
  /** Why it is not healthy, one phrase each. */
  readonly problems: readonly string[];
}

/** What {@link shadowRecord} judges. */
export interface ShadowRecordInput {
  readonly shadow: readonly JournalEntry[];
  readonly live?: readonly JournalEntry[] | undefined;
  /** The candidate file's resolved parameters. */
  readonly candidate: Readonly<Record<string, unknown>>;
  readonly strategy: AnyStrategy;
  /** Only these parameter keys are compared (default: every key of either side). */
  readonly compareKeys?: readonly string[] | undefined;
  readonly requiredHours: number;
  readonly now: number;
}

function totals(fills: readonly Fill[], from: number, to: number): JournalTotals {
  const trades = buildTrades(
    fills.filter((f) => f.ts >= from && f.ts < to),
    [],
  ).filter((t) => t.entryTs >= from && t.entryTs < to);
  return {
    trades: trades.length,
    netPnl: trades.reduce((a, t) => a + t.netPnl, 0),
    fees: trades.reduce((a, t) => a + t.fees, 0),
  };
}

function differingKeys(
  a: Readonly<Record<string, unknown>>,
  b: Readonly<Record<string, unknown>>,
  only: readonly string[] | undefined,
): string[] {
  const keys = [...new Set(only ?? [...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.filter((k) => stableJson(a[k]) !== stableJson(b[k]));
}

/** Judges a shadow journal; see the file comment. */
export async function shadowRecord(i: ShadowRecordInput): Promise<ShadowRecord> {
  const seg: JournalSegment | undefined = journalSegments(i.shadow).at(-1);
  const tfMs = seg === undefined ? 60_000 : timeframeMs(String(seg.params.TIMEFRAME));
  const decided = seg === undefined ? [] : [...seg.decisions.keys()].sort((a, b) => a - b);
  const from = decided[0] ?? null;
  const to = decided.at(-1) ?? null;
  let maxGap = 0;
  for (let k = 1; k < decided.length; k++)
    maxGap = Math.max(maxGap, Math.round(((decided[k] as number) - (decided[k - 1] as number)) / tfMs) - 1);
  // The candle opening at now - 2 tf is the last one that can have closed and been decided.
  if (to !== null) maxGap = Math.max(maxGap, Math.floor((i.now - to) / tfMs) - 2);
  const fatal = i.shadow.some((e) => e.t === 'fatal');
  const parityExact = seg === undefined ? false : (await segmentParity(seg, i.strategy)).exact;
  const paramsDiffer = seg === undefined ? [] : differingKeys(seg.params, i.candidate, i.compareKeys);
  const hours = (decided.length * tfMs) / HOUR_MS;
  const end = to === null ? 0 : to + tfMs;
  const shadow = seg === undefined ? { trades: 0, netPnl: 0, fees: 0 } : totals(seg.fills, from ?? 0, end);
  let live: ShadowRecord['live'] = null;
  if (i.live !== undefined && from !== null) {
    const segs = journalSegments(i.live);
    live = {
      mode: segs.at(-1)?.mode ?? 'unknown',
      ...totals(
        segs.flatMap((s) => s.fills),
        from,
        end,
      ),
    };
  }
  const problems: string[] = [];
  if (seg === undefined) problems.push('no shadow journal segment');
  if (hours < i.requiredHours) problems.push(`${hours.toFixed(1)} h of candles, ${i.requiredHours} h required`);
  if (maxGap > MAX_GAP_CANDLES) problems.push(`a gap of ${maxGap} candles (more than ${MAX_GAP_CANDLES})`);
  if (fatal) problems.push('a fatal line in the journal');
  if (seg !== undefined && !parityExact) problems.push('parity with the simulator is not exact');
  if (paramsDiffer.length > 0) problems.push(`parameters differ from the candidate: ${paramsDiffer.join(', ')}`);
  return {
    from,
    to,
    hours,
    candles: decided.length,
    maxGapCandles: maxGap,
    fatal,
    parityExact,
    paramsDiffer,
    shadow,
    live,
    healthy: problems.length === 0,
    problems,
  };
}
