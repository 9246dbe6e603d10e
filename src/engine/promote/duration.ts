/** Durations on the command line: `90m`, `24h`, `2d` (or plain seconds). */
import { UsageError } from '../errors.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../time.js';

const UNIT_MS: Record<string, number> = { s: 1_000, m: MINUTE_MS, h: HOUR_MS, d: DAY_MS };

/**
 * Parses `<number><s|m|h|d>` into ms.
 * @throws UsageError (exit 2) naming the flag and the accepted form.
 */
export function parseDurationMs(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(text.trim());
  if (m === null) throw new UsageError(`${flag} ${text}: write a duration like 90m, 24h or 2d`);
  return Number(m[1]) * (UNIT_MS[m[2] || 's'] as number);
}
