/**
 * The fingerprint of one walk-forward step of one symbol (sha256 hex): the candles, funding
 * events and mark candles the step reads (the in-sample window's warm-up to the end of the
 * out-of-sample window), the market facts, and the step's settings (times, grid, live set,
 * costs, verdict thresholds, code hash, and the sets whose verdicts it judges). It names the
 * step's cache entry and enters the run's fingerprint.
 */
import { createHash } from 'node:crypto';
import { lowerBound } from '../data/candle-series.js';
import { stableJson } from '../fingerprint/fingerprint.js';
import type { CachedInputs } from '../sim/load-inputs.js';
import { HOUR_MS } from '../time.js';
import type { WalkStep } from './step-plan.js';

function column(h: ReturnType<typeof createHash>, a: Float64Array, from: number, to: number): void {
  const s = a.subarray(from, to);
  h.update(new Uint8Array(s.buffer, s.byteOffset, s.byteLength));
}

/** sha256 of the rows a step reads: candles `[in-sample start − warm-up, out-of-sample end)`. */
export function stepDataDigest(inputs: CachedInputs, step: WalkStep, warmupCandles: number): string {
  const c = inputs.candles;
  const from = Math.max(0, lowerBound(c.ts, step.inSample.full.from) - warmupCandles);
  const to = lowerBound(c.ts, step.outOfSample.to);
  const h = createHash('sha256');
  h.update(`candles ${c.symbol} ${c.timeframe} ${to - from}\n`);
  for (const k of ['ts', 'open', 'high', 'low', 'close', 'volume'] as const) column(h, c[k], from, to);
  const first = c.ts[from] as number;
  const f = inputs.funding;
  const fa = lowerBound(f.ts, first);
  const fb = lowerBound(f.ts, step.outOfSample.to + 1);
  h.update(`funding ${fb - fa}\n`);
  column(h, f.ts, fa, fb);
  column(h, f.rate, fa, fb);
  if (inputs.mark) {
    const m = inputs.mark;
    const ma = lowerBound(m.ts, first - HOUR_MS);
    const mb = lowerBound(m.ts, step.outOfSample.to + 1);
    h.update(`mark ${m.timeframe} ${mb - ma}\n`);
    for (const k of ['ts', 'open', 'close'] as const) column(h, m[k], ma, mb);
  }
  h.update(stableJson(inputs.facts));
  return h.digest('hex');
}

/** The step's fingerprint from its data digest and everything else that decides it. */
export function stepFingerprint(parts: {
  readonly symbol: string;
  readonly step: WalkStep;
  readonly dataDigest: string;
  /** Grid, live set, costs, blocks, verdict thresholds, PBO groups, code hash: the run's settings. */
  readonly settings: unknown;
  readonly judgedSetIds: readonly string[];
}): string {
  const { symbol, step, dataDigest, settings, judgedSetIds } = parts;
  const doc = {
    v: 'coinbot.walkforward.step/1',
    symbol,
    t: step.t,
    oos: step.outOfSample,
    dataDigest,
    settings,
    judgedSetIds,
  };
  return createHash('sha256').update(stableJson(doc)).digest('hex');
}
