/**
 * `coinbot check warmup`: do the indicators depend on how much history precedes them beyond the
 * declared warm-up? It runs the strategy once fed exactly its declared warm-up before the window
 * and once fed far more (`extraCandles` earlier), and reports per indicator the largest relative
 * deviation over the window's decisions. Fails above {@link WARMUP_TOLERANCE} or when any
 * decision differs.
 */
import { lowerBound } from '../data/candle-series.js';
import { recordedRun, type CheckSubject } from './check-run.js';
import { relDiff, sameJson } from './decision-recorder.js';

/** Largest relative indicator deviation accepted. */
export const WARMUP_TOLERANCE = 1e-6;

/** Per indicator: the largest relative deviation and where. Decisions that differed. */
export interface WarmupReport {
  readonly declared: number;
  readonly extra: number;
  readonly decisions: number;
  readonly indicators: readonly { readonly name: string; readonly maxRelDev: number; readonly at: number | null }[];
  readonly differingDecisions: readonly number[];
  readonly ok: boolean;
}

/**
 * Runs the warm-up check.
 * @param extraCandles how many candles earlier the long run starts (capped by the cache).
 * @throws nothing of its own; a window too close to the cache start shrinks `extra` (reported).
 */
export async function warmupCheck(s: CheckSubject, extraCandles: number): Promise<WarmupReport> {
  const c = s.inputs.candles;
  const end = lowerBound(c.ts, s.window.to);
  const declared = s.strategy.warmupCandles(s.params);
  const available = lowerBound(c.ts, s.window.from);
  const extra = Math.max(0, Math.min(extraCandles, available - declared));
  const short = await recordedRun(s, end, declared);
  const long = await recordedRun(s, end, declared + extra);
  const names = Object.keys(short[0]?.ind ?? {});
  const worst = new Map<string, { dev: number; at: number | null }>(names.map((n) => [n, { dev: 0, at: null }]));
  const differing: number[] = [];
  for (let i = 0; i < Math.min(short.length, long.length); i++) {
    const a = short[i];
    const b = long[i];
    if (a === undefined || b === undefined) break;
    for (const n of names) {
      const dev = relDiff(a.ind[n] as number, b.ind[n] as number);
      const w = worst.get(n) as { dev: number; at: number | null };
      if (dev > w.dev) worst.set(n, { dev, at: a.now });
    }
    if (!sameJson(JSON.parse(a.intents), JSON.parse(b.intents), WARMUP_TOLERANCE)) differing.push(a.now);
  }
  const indicators = names.map((name) => ({
    name,
    maxRelDev: worst.get(name)?.dev ?? 0,
    at: worst.get(name)?.at ?? null,
  }));
  const ok =
    differing.length === 0 && indicators.every((x) => x.maxRelDev <= WARMUP_TOLERANCE) && short.length === long.length;
  return { declared, extra, decisions: short.length, indicators, differingDecisions: differing, ok };
}
