/** Durations on the command line: `90m`, `24h`, `2d` (or plain seconds). */
import { UsageError } from '../errors.js';

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses `<number><s|m|h|d>` into ms.
 * @throws UsageError (exit 2) naming the flag and the accepted form.
 */
export function parseDurationMs(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(text.trim());
  if (m === null) throw new UsageError(`${flag} ${text}: write a duration like 90m, 24h or 2d`);
  return Number(m[1]) * (UNIT_MS[m[2] || 's'] as number);
}
