/** CSV export of cached candles in the ccxt six-column layout (the same layout `import` reads). */
import { readCandles } from './candle-store.js';
import { writeFileAtomic } from './atomic-write.js';
import type { PerpSymbol } from '../symbols.js';
import type { TimeRange } from '../time.js';

/**
 * Writes candles as `timestamp,open,high,low,close,volume` to `outPath` (atomically) or stdout.
 * Numbers print in JavaScript's shortest round-trip form, so export → import is lossless.
 * @returns the number of candles written.
 */
export function exportCandlesCsv(dataDir: string, symbol: PerpSymbol, timeframe: string, range: TimeRange | undefined, outPath?: string): number {
  const s = readCandles(dataDir, symbol, timeframe, range ? { range } : {});
  const parts: string[] = ['timestamp,open,high,low,close,volume'];
  for (let i = 0; i < s.length; i++) parts.push(`${s.ts[i]},${s.open[i]},${s.high[i]},${s.low[i]},${s.close[i]},${s.volume[i]}`);
  const text = `${parts.join('\n')}\n`;
  if (outPath !== undefined) writeFileAtomic(outPath, text);
  else process.stdout.write(text);
  return s.length;
}
