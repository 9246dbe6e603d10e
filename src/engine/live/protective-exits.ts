/**
 * The record of protective exits (the venue flattening a position it could not protect) and the
 * entry gate it implies. After a protective exit no entry for max(the strategy's cooldown,
 * {@link PROTECTIVE_COOLDOWN_MS}); after {@link LOCKOUT_EXITS} of them within
 * {@link LOCKOUT_WINDOW_MS}, no entry at all until a human runs `coinbot unlock` (which writes
 * the unlock file; its time clears every exit before it). Pure apart from reading that file's
 * modification time.
 */
import { existsSync, statSync } from 'node:fs';
import { formatInstant, HOUR_MS } from '../time.js';

/** Minimum pause after a protective exit (ms). */
export const PROTECTIVE_COOLDOWN_MS = 30 * 60_000;
/** Protective exits within {@link LOCKOUT_WINDOW_MS} that lock entries until cleared. */
export const LOCKOUT_EXITS = 3;
/** The window for {@link LOCKOUT_EXITS} (ms). */
export const LOCKOUT_WINDOW_MS = 24 * HOUR_MS;

/** When the protective exits happened (exchange ms), oldest first. */
export type ProtectiveExitLog = number[];

/** The time (ms) of the last `coinbot unlock`, or null. */
export function unlockedAt(unlockFile: string | undefined): number | null {
  if (unlockFile === undefined || !existsSync(unlockFile)) return null;
  return statSync(unlockFile).mtimeMs;
}

/**
 * Why no entry may be sent at `now` because of protective exits, or null.
 * @param cooldownMs the strategy's own cooldown (ms); the pause is the longer of it and 30 min.
 */
export function protectiveExitGate(
  log: ProtectiveExitLog,
  now: number,
  cooldownMs: number,
  unlocked: number | null,
): string | null {
  const counted = log.filter((t) => unlocked === null || t > unlocked);
  const recent = counted.filter((t) => now - t < LOCKOUT_WINDOW_MS);
  if (recent.length >= LOCKOUT_EXITS) {
    return `locked: ${recent.length} protective exits in 24 h (last ${formatInstant(recent[recent.length - 1] as number)}); a human must look, then run 'coinbot unlock --symbol <SYM>'`;
  }
  const last = counted[counted.length - 1];
  const pause = Math.max(cooldownMs, PROTECTIVE_COOLDOWN_MS);
  if (last !== undefined && now - last < pause) {
    return `pausing entries after a protective exit at ${formatInstant(last)} until ${formatInstant(last + pause)}`;
  }
  return null;
}
