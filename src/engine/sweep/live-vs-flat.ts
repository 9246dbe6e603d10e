/**
 * Whether the live set itself makes money against not trading over the window, so that KEEP
 * ("no candidate beats the live set") can never hide a live set that loses money.
 */
import type { SymbolResults } from './reeval-results.js';

/** The live set's net PnL (USDT), its one-sided (1 − alpha) upper bound (USDT), and a plain sentence. */
export function liveVsFlat(s: SymbolResults): {
  readonly net: number;
  readonly upperBound: number;
  readonly sentence: string;
} {
  const net = s.sets.windows.full.netPnl?.[s.sets.baselineIndex] ?? 0;
  const upperBound = s.analysis.noEdge.baselineUpperBound;
  const level = `${(100 * (1 - s.analysis.noEdge.alpha)).toFixed(1).replace(/\.0$/, '')} %`;
  const what =
    upperBound < 0
      ? 'it loses money against not trading, with evidence'
      : net < 0
        ? 'it loses money against not trading, without conclusive evidence'
        : 'it makes money in this window';
  return {
    net,
    upperBound,
    sentence: `live set: net ${net.toFixed(2)} USDT over the window, ${level} upper bound ${upperBound.toFixed(2)} USDT: ${what}`,
  };
}
