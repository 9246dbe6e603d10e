import { describe, expect, it } from 'vitest';
import { appendFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { tempDir } from '../../../test-support/temp-dir.js';
import { ConfigError, DataError } from '../errors.js';
import { normaliseSymbol } from '../symbols.js';
import { Journal, journalCandles, readJournal } from './journal.js';
import { LiveStateStore, type LiveStateDoc } from './live-state.js';

const ETH = normaliseSymbol('ETH');
const doc = (lastCandleTs: number): LiveStateDoc => ({
  version: 1,
  symbol: ETH,
  mode: 'real',
  strategy: 'atr-breakout',
  lastCandleTs,
  savedAt: lastCandleTs + 61_000,
  venue: { orders: [] },
  runner: { strategy: { lastEntryFillTs: 5 }, entryTs: null, entry: null, exit: null, bracket: null },
});

describe('LiveStateStore', () => {
  it('keeps paper and real state apart, one file each, readable only by its owner', () => {
    const dir = tempDir('state');
    const real = new LiveStateStore(dir, ETH, 'real');
    const paper = new LiveStateStore(dir, ETH, 'paper');
    real.save(doc(60_000));
    expect(real.path).toMatch(/state\/ETH-real\.json$/);
    expect(paper.load()).toBeNull();
    expect(real.load()).toEqual(doc(60_000));
    expect(statSync(real.path).mode & 0o777).toBe(0o600);
  });

  it('empties the outbox when a decision is saved, and skips a torn last outbox line', () => {
    const s = new LiveStateStore(tempDir('outbox'), ETH, 'real');
    s.appendOutbox({ clientOrderId: 'cb-ETH-1-e', side: 'buy', type: 'market', amount: 1, reduceOnly: false });
    appendFileSync(s.outboxPath, '{"clientOrderId":"cb-ETH-1-s","si');
    expect(s.readOutbox().map((r) => r.clientOrderId)).toEqual(['cb-ETH-1-e']);
    s.save(doc(120_000));
    expect(s.readOutbox()).toEqual([]);
  });

  it('refuses a state file of another mode or a garbled one', () => {
    const dir = tempDir('state-bad');
    const real = new LiveStateStore(dir, ETH, 'real');
    mkdirSync(dirname(real.path), { recursive: true });
    writeFileSync(real.path, JSON.stringify({ ...doc(1), mode: 'paper' }));
    expect(() => real.load()).toThrow(ConfigError);
    writeFileSync(real.path, '{"version":1,');
    expect(() => real.load()).toThrow(DataError);
  });
});

describe('Journal', () => {
  it('appends one JSON line per event and reads back all but a torn last line', () => {
    const path = `${tempDir('journal')}/state/ETH-paper.journal.jsonl`;
    const j = new Journal(path, () => 42);
    j.candle({ ts: 60_000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 3 }, 'replay');
    j.append('decision', { candleTs: 60_000, intents: [] });
    j.candle({ ts: 60_000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 3 }, 'live');
    j.candle({ ts: 120_000, open: 1.5, high: 2, low: 1, close: 1.8, volume: 1 }, 'live');
    appendFileSync(path, '{"t":"fill","at":');
    const entries = readJournal(path);
    expect(entries.map((e) => e.t)).toEqual(['candle', 'decision', 'candle', 'candle']);
    expect(entries[1]).toEqual({ t: 'decision', at: 42, candleTs: 60_000, intents: [] });
    expect(journalCandles(entries).map((c) => [c.ts, c.close])).toEqual([
      [60_000, 1.5],
      [120_000, 1.8],
    ]);
    expect(readFileSync(path, 'utf8').split('\n').filter(Boolean)).toHaveLength(5);
  });
});
