/**
 * Cost stress: the baseline and the top candidates re-run by the sweep on the full window with
 * harsher costs (default fees × 1.5 and slippage + 2 bp per fill) — does the ranking, and the sign
 * of each set's net PnL, survive? The simulator re-runs are the caller's job; this module only
 * compares the two sets of numbers.
 */
import { DataError } from '../errors.js';
import { descendingRanks } from './rank-correlation.js';

/** One set's net PnL on the full window under stressed costs, as the sweep re-ran it. */
export interface StressedResult {
  /** Index of the set in the sweep. */
  readonly setIndex: number;
  /** Net PnL over the full window with the stressed costs, USDT. */
  readonly netPnl: number;
}

/** One row of the stress table. */
export interface StressRow {
  readonly setIndex: number;
  readonly setId: string;
  /** Net PnL with normal costs, full window, USDT. */
  readonly netPnl: number;
  /** Net PnL with stressed costs, full window, USDT. */
  readonly stressedNetPnl: number;
  /** Rank among the stressed sets by normal net PnL (1 = best, ties averaged). */
  readonly rank: number;
  /** Rank among the stressed sets by stressed net PnL. */
  readonly stressedRank: number;
  /** Whether sign(stressed) = sign(normal) (0 counts as its own sign). */
  readonly signSurvives: boolean;
}

/** The stress comparison. */
export interface CostStressReport {
  readonly baselineIndex: number;
  /** Rows in the order given by the caller. */
  readonly rows: readonly StressRow[];
  /** Every row keeps its rank under stress. */
  readonly rankingSurvives: boolean;
  /** Every row keeps the sign of its net PnL under stress. */
  readonly signsSurvive: boolean;
}

/**
 * Compares normal and stressed net PnL of the re-run sets.
 * @param ids set ids of the sweep (index → id).
 * @param netPnl normal full-window net PnL of every set of the sweep, USDT.
 * @param stressed the re-run sets; must include the baseline, each set at most once.
 * @throws DataError when the baseline is missing, an index is out of range or repeated.
 */
export function assessCostStress(
  ids: readonly string[],
  netPnl: readonly number[],
  baselineIndex: number,
  stressed: readonly StressedResult[],
): CostStressReport {
  const seen = new Set<number>();
  for (const s of stressed) {
    if (!(Number.isInteger(s.setIndex) && s.setIndex >= 0 && s.setIndex < ids.length)) {
      throw new DataError(
        `cost stress: set index ${s.setIndex} is not in the sweep (0…${ids.length - 1}); pass indices of the sweep's sets`,
      );
    }
    if (seen.has(s.setIndex))
      throw new DataError(`cost stress: set ${ids[s.setIndex]} is given twice; pass each re-run once`);
    if (!Number.isFinite(s.netPnl))
      throw new DataError(`cost stress: set ${ids[s.setIndex]} has net PnL ${s.netPnl}; it must be finite USDT`);
    seen.add(s.setIndex);
  }
  if (!seen.has(baselineIndex)) {
    throw new DataError(
      `cost stress: the baseline ${ids[baselineIndex]} was not re-run; stress the baseline together with the candidates`,
    );
  }
  const normal = stressed.map((s) => netPnl[s.setIndex] as number);
  const harsh = stressed.map((s) => s.netPnl);
  const r0 = descendingRanks(normal);
  const r1 = descendingRanks(harsh);
  const rows = stressed.map((s, i) => ({
    setIndex: s.setIndex,
    setId: ids[s.setIndex] as string,
    netPnl: normal[i] as number,
    stressedNetPnl: s.netPnl,
    rank: r0[i] as number,
    stressedRank: r1[i] as number,
    signSurvives: Math.sign(normal[i] as number) === Math.sign(s.netPnl),
  }));
  return {
    baselineIndex,
    rows,
    rankingSurvives: rows.every((r) => r.rank === r.stressedRank),
    signsSurvive: rows.every((r) => r.signSurvives),
  };
}
