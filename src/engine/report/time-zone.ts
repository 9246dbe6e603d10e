/**
 * Display time zones for reports. Vega-lite can format times only in UTC or in the browser's
 * own zone, never in an arbitrary IANA zone, and a report must look the same on every laptop.
 * So the page works in **zone-shifted time**: a chart field holds `t + offset(t)` ms, i.e. the
 * wall-clock time in the requested zone written as if it were UTC, and every chart reads it
 * with UTC scales and UTC formats; axis titles name the zone. Near a DST change the shifted
 * axis repeats or skips an hour, which is what a wall clock does too. Pure; uses the ICU data
 * of Node (full ICU ships with Node 20).
 */
import { UsageError } from '../errors.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/**
 * Checks an IANA zone name and returns it.
 * @throws UsageError naming the accepted form when the zone is unknown.
 */
export function checkTimeZone(tz: string): string {
  try {
    formatter(tz);
  } catch {
    throw new UsageError(`--tz ${tz}: unknown time zone; use an IANA name such as UTC or Asia/Seoul`);
  }
  return tz;
}

const OFFSET_BUCKET_MS = 15 * 60_000;
const offsetCache = new Map<string, number>();

/** Offset of `tz` from UTC at instant `t` (ms UTC), in ms (Asia/Seoul: +32,400,000). */
export function zoneOffsetMs(t: number, tz: string): number {
  if (tz === 'UTC') return 0;
  // Zone offsets change only on quarter-hour boundaries, so one lookup per 15 min suffices.
  const bucket = Math.floor(t / OFFSET_BUCKET_MS) * OFFSET_BUCKET_MS;
  const key = `${tz}|${bucket}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(bucket)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  const off = asUtc - bucket;
  if (offsetCache.size > 100_000) offsetCache.clear();
  offsetCache.set(key, off);
  return off;
}

/** Zone-shifted time of `t`: its wall-clock time in `tz`, written as ms "UTC" (see the module comment). */
export function shiftToZone(t: number, tz: string): number {
  return t + zoneOffsetMs(t, tz);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `+09:00` style offset of `tz` at `t`. */
export function formatOffset(t: number, tz: string): string {
  const off = zoneOffsetMs(t, tz) / 60_000;
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** Zone label for axis titles and headers, e.g. `Asia/Seoul, UTC+09:00` or `UTC` (offset taken at `t`). */
export function zoneLabel(tz: string, t: number): string {
  return tz === 'UTC' ? 'UTC' : `${tz}, UTC${formatOffset(t, tz)}`;
}

/** Formats `t` (ms UTC) as `YYYY-MM-DD HH:MM` wall-clock time in `tz` (no zone suffix). */
export function formatInZone(t: number, tz: string): string {
  const d = new Date(shiftToZone(t, tz));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
