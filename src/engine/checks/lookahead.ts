/**
 * `coinbot check lookahead`: does the strategy decide anything at candle t that it could only
 * know after t? It runs the strategy on the full range, then on N seeded prefixes of the candles
 * (cut at random candles and right after several signal candles, where a peek at the next candle
 * would change the signal) and compares every decision of each prefix with the full run's at the
 * same candle: indicators read and intents returned. Any difference is look-ahead.
 */
import { lowerBound } from '../data/candle-series.js';
import { splitmix32 } from '../verdict/prng.js';
import { recordedRun, type CheckSubject } from './check-run.js';
import { firstDifference, type DecisionRecord } from './decision-recorder.js';

/** The first decision that differed, with both values. */
export interface LookaheadFinding {
  /** Decision time (close of the candle, ms UTC). */
  readonly now: number;
  /** The prefix's exclusive end (open time of the first candle it lacks, ms UTC). */
  readonly cutTs: number;
  readonly what: string;
  readonly full: string;
  readonly prefix: string;
}

/** What the check did and found. */
export interface LookaheadReport {
  readonly decisions: number;
  readonly prefixes: number;
  readonly findings: readonly LookaheadFinding[];
}

/** Cut points (exclusive candle indices): right after up to `signals` signal candles, then seeded random ones. */
export function cutPoints(
  full: readonly DecisionRecord[],
  tsOf: (now: number) => number,
  range: { lo: number; hi: number },
  n: number,
  seed: number,
): number[] {
  const cuts = new Set<number>();
  const signalCuts = full.filter((d) => d.intents !== '[]').slice(0, Math.max(1, Math.floor(n / 2)));
  for (const d of signalCuts) cuts.add(tsOf(d.now) + 1);
  const rnd = splitmix32(seed);
  while (cuts.size < Math.min(n, range.hi - range.lo)) cuts.add(range.lo + ((rnd() >>> 0) % (range.hi - range.lo)));
  return [...cuts].filter((c) => c > range.lo && c <= range.hi).sort((a, b) => a - b);
}

/**
 * Runs the look-ahead check.
 * @param prefixes how many prefixes (≥ 1); @param seed the PRNG seed for the random cuts.
 */
export async function lookaheadCheck(s: CheckSubject, prefixes: number, seed: number): Promise<LookaheadReport> {
  const c = s.inputs.candles;
  const end = lowerBound(c.ts, s.window.to);
  const full = await recordedRun(s, end);
  const byNow = new Map(full.map((d) => [d.now, d]));
  const tf = (c.ts[1] as number) - (c.ts[0] as number);
  const indexOf = (now: number) => lowerBound(c.ts, now - tf);
  const lo = lowerBound(c.ts, s.window.from) + 1;
  const cuts = cutPoints(full, indexOf, { lo, hi: end }, prefixes, seed);
  const findings: LookaheadFinding[] = [];
  for (const cut of cuts) {
    for (const d of await recordedRun(s, cut)) {
      const f = byNow.get(d.now);
      const diff = f === undefined ? { what: 'decision', full: 'none', other: d.intents } : firstDifference(f, d);
      if (diff === null) continue;
      findings.push({ now: d.now, cutTs: c.ts[cut] ?? d.now, what: diff.what, full: diff.full, prefix: diff.other });
      break;
    }
  }
  findings.sort((a, b) => a.now - b.now);
  return { decisions: full.length, prefixes: cuts.length, findings };
}
