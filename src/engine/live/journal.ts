/**
 * The live journal: an append-only JSONL file (`<data-dir>/state/<ID>.journal.jsonl`) with one
 * line per candle consumed, decision, order and fill, in the order they happened. Lines are
 * appended with a single write and fsynced, so SIGKILL leaves at most one torn last line, which
 * {@link readJournal} skips. The candles can be replayed through the simulator
 * ({@link journalCandles}) to compare its fills with the live ones.
 *
 * | `t` | fields |
 * |---|---|
 * | `start` | `mode`, `symbol`, `tradeFrom`, `restored`, `strategy`, `apiVersion`, `params`, `code` (source hash of strategy, runner and simulator), `facts`: one per process start; a start whose params differ from the previous one begins a new segment |
 * | `candle` | `ts`, `o`, `h`, `l`, `c`, `v`, `phase` (`replay` before tradeFrom, else `live`) |
 * | `decision` | `candleTs`, `intents` |
 * | `order` | `what` (sent, rejected, cancelled, adopted, dropped) and the order |
 * | `fill` | the fill, its `role`, `reason` and `key` (written once per key) |
 * | `alert` | `kind`, `text`: a safety alert (protection, margin, loss limit) |
 * | `stop` | `signal` |
 */
import { closeSync, existsSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Candle } from '../types.js';
import { readJsonLines } from './json-lines.js';

/** How far back {@link Journal.appendOnce} looks for a duplicate (bytes). */
const TAIL_BYTES = 256 * 1024;

/** One journal line. */
export type JournalEntry = { readonly t: string; readonly at: number } & Readonly<Record<string, unknown>>;

/** An append-only JSONL writer. */
export class Journal {
  constructor(
    readonly path: string,
    private readonly now: () => number,
  ) {
    mkdirSync(dirname(path), { recursive: true });
  }

  /** Appends `{ t, at, ...fields }` as one line and fsyncs it. */
  append(t: string, fields: Readonly<Record<string, unknown>>): void {
    const buf = Buffer.from(`${JSON.stringify({ t, at: this.now(), ...fields })}\n`, 'utf8');
    const fd = openSync(this.path, 'a', 0o600);
    try {
      let off = 0;
      while (off < buf.byteLength) off += writeSync(fd, buf, off, buf.byteLength - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Appends the line unless a line with the same `key` is among the last ones (a fill delivered
   * again after a crash between its journal line and the state save is journaled once).
   * @returns true when the line was written.
   */
  appendOnce(t: string, key: string, fields: Readonly<Record<string, unknown>>): boolean {
    if (this.tail().includes(`"key":${JSON.stringify(key)}`)) return false;
    this.append(t, { key, ...fields });
    return true;
  }

  /** The last {@link TAIL_BYTES} of the file (empty when none). */
  private tail(): string {
    if (!existsSync(this.path)) return '';
    const fd = openSync(this.path, 'r');
    try {
      const size = fstatSync(fd).size;
      const n = Math.min(size, TAIL_BYTES);
      const buf = Buffer.alloc(n);
      readSync(fd, buf, 0, n, size - n);
      return buf.toString('utf8');
    } finally {
      closeSync(fd);
    }
  }

  /** Appends a consumed candle. */
  candle(c: Candle, phase: 'replay' | 'live'): void {
    this.append('candle', { ts: c.ts, o: c.open, h: c.high, l: c.low, c: c.close, v: c.volume, phase });
  }
}

/** Every complete line of a journal (a torn last line is skipped). */
export function readJournal(path: string): JournalEntry[] {
  return readJsonLines<JournalEntry>(path);
}

/** The distinct candles of a journal in time order (a candle replayed after a restart counts once). */
export function journalCandles(entries: readonly JournalEntry[]): Candle[] {
  const byTs = new Map<number, Candle>();
  for (const e of entries) {
    if (e.t !== 'candle') continue;
    const c = {
      ts: e.ts as number,
      open: e.o as number,
      high: e.h as number,
      low: e.l as number,
      close: e.c as number,
      volume: e.v as number,
    };
    byTs.set(c.ts, c);
  }
  return [...byTs.values()].sort((a, b) => a.ts - b.ts);
}
