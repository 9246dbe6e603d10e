/**
 * The CLI's only writers to stdout/stderr. Everything passes through {@link redact}, so no
 * command can print a secret by accident.
 */
import { redact } from '../engine/redact.js';

/** Prints one line (or block) of human output to stdout. */
export function say(text: string): void {
  process.stdout.write(`${redact(text)}\n`);
}

/** Prints a value as pretty JSON to stdout (for `--json`). */
export function sayJson(value: unknown): void {
  process.stdout.write(`${redact(JSON.stringify(value, null, 2))}\n`);
}

/** Prints a warning or progress note to stderr. */
export function note(text: string): void {
  process.stderr.write(`${redact(text)}\n`);
}
