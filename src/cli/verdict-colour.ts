/**
 * The verdict colours in the terminal, the same as the report's: KEEP green, CANDIDATE blue,
 * STOP and NO EDGE red, INSUFFICIENT DATA grey. ANSI escapes only when stdout is a terminal and
 * `NO_COLOR` is unset, so piped output and tests stay plain.
 */
import type { VerdictKind } from '../engine/verdict/index.js';

const ANSI: Record<VerdictKind, string> = {
  KEEP: '\u001b[1;32m',
  CANDIDATE: '\u001b[1;34m',
  STOP: '\u001b[1;31m',
  'NO EDGE': '\u001b[1;31m',
  'INSUFFICIENT DATA': '\u001b[1;90m',
};

/** Whether to colour stdout: a TTY and no `NO_COLOR` in the environment. */
export function colourWanted(): boolean {
  return process.stdout.isTTY === true && (process.env.NO_COLOR ?? '') === '';
}

/** The label wrapped in its verdict colour when `enabled`, else the label unchanged. */
export function colourVerdict(label: string, kind: VerdictKind, enabled: boolean): string {
  return enabled ? `${ANSI[kind]}${label}\u001b[0m` : label;
}
