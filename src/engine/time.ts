/**
 * The one owner of time rules. Every time inside coinbot is an integer number of milliseconds
 * since the Unix epoch, UTC. A candle is named by its **open** time. Every range is half-open,
 * `[from, to)`, over candle open times. ISO inputs must carry `Z` or an offset; a bare date
 * (`2025-06-20`) means 00:00Z of that day. Nothing here reads the wall clock.
 */
import { UsageError } from './errors.js';

/** Milliseconds per minute/hour/day. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** A half-open time range `[from, to)` in ms UTC. */
export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

const TIMEFRAMES: Readonly<Record<string, number>> = {
  '1m': MINUTE_MS,
  '3m': 3 * MINUTE_MS,
  '5m': 5 * MINUTE_MS,
  '15m': 15 * MINUTE_MS,
  '30m': 30 * MINUTE_MS,
  '1h': HOUR_MS,
  '2h': 2 * HOUR_MS,
  '4h': 4 * HOUR_MS,
  '8h': 8 * HOUR_MS,
  '1d': DAY_MS,
};

/** Supported timeframe names (ccxt/Binance spelling). */
export const TIMEFRAME_NAMES: readonly string[] = Object.keys(TIMEFRAMES);

/**
 * Length of one candle of `timeframe` in ms.
 * @throws UsageError for an unknown timeframe.
 */
export function timeframeMs(timeframe: string): number {
  const ms = TIMEFRAMES[timeframe];
  if (ms === undefined) {
    throw new UsageError(`unknown timeframe '${timeframe}': use one of ${TIMEFRAME_NAMES.join(', ')}`);
  }
  return ms;
}

const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Parses a user-supplied instant into integer ms UTC.
 * Accepts integer epoch ms (`1750000000000`), a bare date (`2025-06-20` = 00:00Z) or an ISO
 * date-time with `Z` or an offset. A date-time without a zone is refused: it is ambiguous.
 * @param what names the option in the error message, e.g. `--from`.
 * @throws UsageError naming the accepted forms.
 */
export function parseInstant(input: string | number, what = 'time'): number {
  if (typeof input === 'number') {
    if (Number.isSafeInteger(input)) return input;
    throw new UsageError(`${what}: ${input} is not an integer number of milliseconds`);
  }
  const s = input.trim();
  if (/^\d{10,}$/.test(s)) return Number(s);
  if (BARE_DATE.test(s)) {
    const ms = Date.parse(`${s}T00:00:00Z`);
    if (Number.isFinite(ms)) return ms;
  }
  if (ISO_WITH_ZONE.test(s)) {
    const ms = Date.parse(s);
    if (Number.isFinite(ms)) return ms;
  }
  throw new UsageError(
    `${what}: cannot read '${input}' as a time: use epoch ms, a date (2025-06-20 = 00:00Z) or ISO with Z or an offset (2025-06-20T12:00Z, 2025-06-20T21:00+09:00)`,
  );
}

/** Formats ms UTC as ISO 8601 with `Z`, second precision when the ms part is zero. */
export function formatInstant(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** Floors `ms` to the start of its `stepMs` bucket (e.g. the open time of its candle). */
export function floorToStep(ms: number, stepMs: number): number {
  return Math.floor(ms / stepMs) * stepMs;
}

/**
 * Builds a half-open range, checking `from < to`.
 * @throws UsageError when the range is empty or reversed.
 */
export function makeRange(from: number, to: number, what = 'range'): TimeRange {
  if (!(from < to)) {
    throw new UsageError(
      `${what}: empty range [${formatInstant(from)}, ${formatInstant(to)}): --from must be before --to`,
    );
  }
  return { from, to };
}

/** True when `t` lies in the half-open range `[from, to)`. */
export function inRange(t: number, r: TimeRange): boolean {
  return t >= r.from && t < r.to;
}

/** Formats a range as `[from, to)` in ISO UTC. */
export function formatRange(r: TimeRange): string {
  return `[${formatInstant(r.from)}, ${formatInstant(r.to)})`;
}
