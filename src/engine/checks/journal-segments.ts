/**
 * A live journal cut into segments that can each be replayed through the simulator: a segment
 * runs from a `start` line to the next `start` whose parameters differ (restarts with the same
 * parameters stay in one segment: the live runner is crash-consistent, so its candles form one
 * continuous run). Candles are deduplicated by open time, fills by key.
 */
import type { JournalEntry } from '../live/journal.js';
import { journalCandles } from '../live/journal.js';
import type { Fill } from '../ports/venue.js';
import type { Candle, MarketFacts } from '../types.js';
import { stableJson } from '../fingerprint/fingerprint.js';

/** One replayable segment. Times ms UTC. */
export interface JournalSegment {
  readonly mode: string;
  readonly strategy: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly facts: MarketFacts;
  /** First candle decided on (the first start's `tradeFrom`). */
  readonly tradeFrom: number;
  readonly starts: number;
  readonly candles: readonly Candle[];
  readonly fills: readonly Fill[];
  readonly decisions: ReadonlyMap<number, unknown>;
  /** Trigger price (USDT) of every stop order the journal shows sent, by client id. */
  readonly triggers: ReadonlyMap<string, number>;
}

const FILL_KEYS = ['clientOrderId', 'side', 'price', 'amount', 'fee', 'liquidity', 'ts', 'reduceOnly'] as const;

/** The segments of a journal, oldest first. @throws Error for a journal without a header (written before headers existed). */
export function journalSegments(entries: readonly JournalEntry[]): JournalSegment[] {
  const groups: JournalEntry[][] = [];
  let last = '';
  for (const e of entries) {
    if (e.t === 'start') {
      if (e.params === undefined)
        throw new Error(
          'this journal has no parameters in its start lines (written by an older coinbot): it cannot be replayed',
        );
      const p = stableJson(e.params);
      if (p !== last || groups.length === 0) groups.push([]);
      last = p;
    }
    groups[groups.length - 1]?.push(e);
  }
  return groups.map(segmentOf);
}

function segmentOf(g: readonly JournalEntry[]): JournalSegment {
  const head = g[0] as JournalEntry;
  const seen = new Set<string>();
  const fills: Fill[] = [];
  const decisions = new Map<number, unknown>();
  const triggers = new Map<string, number>();
  for (const e of g) {
    if (e.t === 'order' && typeof e.triggerPrice === 'number') triggers.set(String(e.clientOrderId), e.triggerPrice);
    if (e.t === 'decision') decisions.set(e.candleTs as number, e.intents);
    if (e.t !== 'fill') continue;
    const key = String(e.key ?? `${String(e.clientOrderId)}@${String(e.ts)}#${String(e.amount)}`);
    if (seen.has(key)) continue;
    seen.add(key);
    fills.push(Object.fromEntries(FILL_KEYS.map((k) => [k, e[k]])) as unknown as Fill);
  }
  return {
    mode: String(head.mode),
    strategy: String(head.strategy),
    params: head.params as Record<string, unknown>,
    facts: head.facts as MarketFacts,
    tradeFrom: head.tradeFrom as number,
    starts: g.filter((e) => e.t === 'start').length,
    candles: journalCandles(g),
    fills: fills.sort((a, b) => a.ts - b.ts),
    decisions,
    triggers,
  };
}
