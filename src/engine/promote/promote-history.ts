/**
 * `HISTORY.jsonl` beside a promoted EnvironmentFile: one JSON line per promote or rollback, in
 * order, chained: each line carries the sha256 of the line before it (`prevLine`, null for the
 * first) and the sha256 of the target file before and after the change, so a reader can check
 * that nothing was edited or lost in between. Appended whole-file atomically (temp + rename).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../data/atomic-write.js';
import { DataError } from '../errors.js';
import type { LineEdit } from './env-edit.js';

/** One history line. Values are the env-file texts of the grid keys that changed. */
export interface HistoryEntry {
  readonly action: 'promote' | 'rollback';
  /** ISO UTC time of the change. */
  readonly time: string;
  readonly target: string;
  readonly symbol: string;
  readonly runId: string | null;
  readonly fingerprint: string | null;
  readonly setId: string | null;
  /** Key → value before and after (null = the key was not in the file). */
  readonly from: Readonly<Record<string, string | null>>;
  readonly to: Readonly<Record<string, string | null>>;
  /** The exact line edits, so a rollback restores the file byte for byte. */
  readonly edits: readonly LineEdit[];
  /** The verdict label, summary and checks of the run (promote), or null (rollback). */
  readonly evidence: unknown;
  readonly reason: string | null;
  readonly forced: boolean;
  /** sha256 hex of the target before and after. */
  readonly fileBefore: string;
  readonly fileAfter: string;
  /** sha256 hex of the previous history line's text, or null for the first line. */
  readonly prevLine: string | null;
}

/** sha256 hex of a text. */
export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The history file of a target: `HISTORY.jsonl` in the same folder. */
export const historyPathOf = (target: string): string => join(dirname(target), 'HISTORY.jsonl');

/**
 * Reads and checks the chain of a history file ([] when there is none).
 * @throws DataError naming the line that does not parse or does not chain.
 */
export function readHistory(path: string): { entries: HistoryEntry[]; lines: string[] } {
  if (!existsSync(path)) return { entries: [], lines: [] };
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  const entries = lines.map((l, i) => {
    let e: HistoryEntry;
    try {
      e = JSON.parse(l) as HistoryEntry;
    } catch {
      throw new DataError(`${path} line ${i + 1}: not JSON; restore the file from a backup`);
    }
    const want = i === 0 ? null : sha256(lines[i - 1] as string);
    if (e.prevLine !== want)
      throw new DataError(
        `${path} line ${i + 1}: does not chain to the line before (edited?); restore it from a backup`,
      );
    return e;
  });
  return { entries, lines };
}

/** Appends one entry (chained to the last line); returns the entry as written. */
export function appendHistory(path: string, entry: Omit<HistoryEntry, 'prevLine'>): HistoryEntry {
  const { lines } = readHistory(path);
  const last = lines[lines.length - 1];
  const full: HistoryEntry = { ...entry, prevLine: last === undefined ? null : sha256(last) };
  writeFileAtomic(path, [...lines, JSON.stringify(full)].map((l) => `${l}\n`).join(''));
  return full;
}

/** The promote a rollback would undo now: the newest promote not undone by a later rollback, or null. */
export function promoteToUndo(entries: readonly HistoryEntry[], target: string): HistoryEntry | null {
  const stack: HistoryEntry[] = [];
  for (const e of entries) {
    if (e.target !== target) continue;
    if (e.action === 'promote') stack.push(e);
    else stack.pop();
  }
  return stack[stack.length - 1] ?? null;
}
