/**
 * Reads a symbol's shadow journal (`<BASE>-paper-shadow.journal.jsonl`) and, when present, the
 * live unit's journal (real, else paper) in a data dir, and judges them with
 * engine/checks/shadow-record.ts. Shared by `coinbot shadow report` and `coinbot promote
 * --require-shadow`.
 */
import { existsSync } from 'node:fs';
import { shadowRecord, type ShadowRecord } from '../../engine/checks/shadow-record.js';
import type { EnvEntry } from '../../engine/config/env-file.js';
import { DataError } from '../../engine/errors.js';
import { readJournal, type JournalEntry } from '../../engine/live/journal.js';
import { resolveLiveConfig } from '../../engine/live/live-config.js';
import { LiveStateStore } from '../../engine/live/live-state.js';
import type { AnyStrategy } from '../../engine/strategy.js';
import type { PerpSymbol } from '../../engine/symbols.js';

/** A loaded shadow record and where it came from. */
export interface LoadedShadow {
  readonly shadowJournal: string;
  readonly liveJournal: string | null;
  readonly record: ShadowRecord;
}

/** The parameters of a candidate file's entries as `coinbot live --instance shadow` resolves them. */
export function candidateParams(
  strategy: AnyStrategy,
  entries: readonly EnvEntry[],
  symbol: PerpSymbol,
): Record<string, unknown> {
  return resolveLiveConfig(strategy, { env: {}, file: entries, symbolFlag: symbol }).params;
}

function journalOf(path: string): JournalEntry[] {
  try {
    return readJournal(path);
  } catch (e) {
    throw new DataError(`${path}: ${(e as Error).message}`);
  }
}

/** The shadow record of `symbol` in `dataDir`, or null when the shadow has no journal. */
export async function loadShadow(o: {
  dataDir: string;
  symbol: PerpSymbol;
  strategy: AnyStrategy;
  candidate: Readonly<Record<string, unknown>>;
  compareKeys?: readonly string[] | undefined;
  requiredHours: number;
  now: number;
}): Promise<LoadedShadow | null> {
  const shadowJournal = new LiveStateStore(o.dataDir, o.symbol, 'paper', 'shadow').journalPath;
  if (!existsSync(shadowJournal)) return null;
  const liveJournal =
    [new LiveStateStore(o.dataDir, o.symbol, 'real'), new LiveStateStore(o.dataDir, o.symbol, 'paper')]
      .map((s) => s.journalPath)
      .find((p) => existsSync(p)) ?? null;
  let record: ShadowRecord;
  try {
    record = await shadowRecord({
      shadow: journalOf(shadowJournal),
      live: liveJournal === null ? undefined : journalOf(liveJournal),
      candidate: o.candidate,
      compareKeys: o.compareKeys,
      strategy: o.strategy,
      requiredHours: o.requiredHours,
      now: o.now,
    });
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw new DataError(`${shadowJournal}: ${(e as Error).message}`);
  }
  return { shadowJournal, liveJournal, record };
}

/** One line: what the record showed. */
export function describeShadow(r: ShadowRecord): string {
  const usd = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;
  return `${r.hours.toFixed(1)} h (${r.candles} candles), ${r.shadow.trades} trades, net ${usd(r.shadow.netPnl)} USDT, fees ${r.shadow.fees.toFixed(2)}, longest gap ${r.maxGapCandles} candles, parity ${r.parityExact ? 'exact' : 'NOT exact'}, parameters ${r.paramsDiffer.length === 0 ? 'equal to the candidate' : `differ (${r.paramsDiffer.join(', ')})`}`;
}
