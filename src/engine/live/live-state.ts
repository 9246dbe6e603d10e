/**
 * Live mode's persisted state, in `<data-dir>/state/`:
 * - `<ID>.json` (ID = `<BASE>-<mode>`, e.g. `ETH-real`): the runner's state (strategy state with
 *   the last entry fill time for the cooldown, resting entry, pending exit, armed bracket), the
 *   venue's book (real: orders by client id; paper: the simulated account and orders) and the
 *   open time of the last candle decided on. Replaced atomically after every decision, so it is
 *   always one consistent pair of runner and venue at a decision boundary.
 * - `<ID>.outbox.jsonl`: write-ahead log of the order requests sent since that decision (one
 *   JSON line each, fsynced before the request goes out), emptied when the next decision is
 *   saved. After a crash, start-up looks each of them up by client id on the exchange, so an
 *   order whose answer was lost is adopted, never sent twice.
 * Paper and real mode keep separate files: a paper run can never leak into a real account. A
 * shadow instance (`--instance shadow`) has its own: `<BASE>-paper-shadow.*`.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../data/atomic-write.js';
import { stateDir } from '../data/cache-layout.js';
import { ConfigError, DataError } from '../errors.js';
import type { OrderRequest } from '../ports/venue.js';
import type { RunnerState } from '../runner.js';
import { baseOf, type PerpSymbol } from '../symbols.js';
import { readJsonLines } from './json-lines.js';

/** Paper (simulated fills on live candles) or real (orders on the exchange). */
export type LiveMode = 'paper' | 'real';

/** The state document. */
export interface LiveStateDoc {
  readonly version: 1;
  readonly symbol: PerpSymbol;
  readonly mode: LiveMode;
  readonly strategy: string;
  /** The runner's state after the decision on `lastCandleTs`. */
  readonly runner: RunnerState;
  /** The venue's state at that decision (SimVenueSnapshot in paper mode, CcxtVenueSnapshot in real mode). */
  readonly venue: unknown;
  /** Open time of the last candle decided on (ms UTC). */
  readonly lastCandleTs: number;
  /** When it was saved (ms UTC, exchange-corrected clock). */
  readonly savedAt: number;
}

/** The state files of one symbol in one mode (and one instance: `shadow` runs beside the default). */
export class LiveStateStore {
  readonly id: string;
  readonly path: string;
  readonly outboxPath: string;
  readonly journalPath: string;
  /** Written by `coinbot unlock`: clears the protective-exit lockout (its modification time counts). */
  readonly unlockPath: string;
  /** Written by `coinbot drain`: while it exists, no new entries (see drain-switch.ts). */
  readonly drainPath: string;

  constructor(
    dataDir: string,
    readonly symbol: PerpSymbol,
    readonly mode: LiveMode,
    /** A non-default instance (`shadow`): its files are `<BASE>-<mode>-<instance>.*`. */
    readonly instance?: string,
  ) {
    this.id = instance === undefined ? `${baseOf(symbol)}-${mode}` : `${baseOf(symbol)}-${mode}-${instance}`;
    const dir = stateDir(dataDir);
    this.path = join(dir, `${this.id}.json`);
    this.outboxPath = join(dir, `${this.id}.outbox.jsonl`);
    this.journalPath = join(dir, `${this.id}.journal.jsonl`);
    this.unlockPath = join(dir, `${this.id}.unlock`);
    this.drainPath = join(dir, `${this.id}.drain`);
  }

  /**
   * The saved state, or null on a first start.
   * @throws DataError for an unreadable file; ConfigError when it belongs to another symbol or mode.
   */
  load(): LiveStateDoc | null {
    if (!existsSync(this.path)) return null;
    let doc: LiveStateDoc;
    try {
      doc = JSON.parse(readFileSync(this.path, 'utf8')) as LiveStateDoc;
    } catch (e) {
      throw new DataError(
        `${this.path}: unreadable live state (${(e as Error).message}); restore it from a backup or move it away to start flat (check the exchange for open positions first)`,
      );
    }
    if (doc.version !== 1 || typeof doc.lastCandleTs !== 'number' || typeof doc.runner !== 'object') {
      throw new DataError(
        `${this.path}: not a coinbot live state (version ${String(doc.version)}); move it away to start flat`,
      );
    }
    if (doc.symbol !== this.symbol || doc.mode !== this.mode) {
      throw new ConfigError(
        `${this.path} holds the state of ${doc.symbol} in ${doc.mode} mode, not ${this.symbol} in ${this.mode} mode; point --data-dir at the right folder`,
      );
    }
    return doc;
  }

  /** Replaces the state atomically (mode 0600) and empties the outbox. */
  save(doc: LiveStateDoc): void {
    writeFileAtomic(this.path, `${JSON.stringify(doc)}\n`, 0o600);
    if (existsSync(this.outboxPath)) writeFileAtomic(this.outboxPath, '', 0o600);
  }

  /** Appends one request to the outbox and fsyncs it: call before sending. */
  appendOutbox(req: OrderRequest): void {
    mkdirSync(dirname(this.outboxPath), { recursive: true });
    const fd = openSync(this.outboxPath, 'a', 0o600);
    try {
      const buf = Buffer.from(`${JSON.stringify(req)}\n`, 'utf8');
      let off = 0;
      while (off < buf.byteLength) off += writeSync(fd, buf, off, buf.byteLength - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** The requests in the outbox; a torn last line (killed mid-write) is ignored: that request was never sent. */
  readOutbox(): OrderRequest[] {
    return readJsonLines<OrderRequest>(this.outboxPath);
  }
}
