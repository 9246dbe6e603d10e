/**
 * The shared-memory description of one symbol's sweep that every worker receives: candles,
 * funding, mark candles on SharedArrayBuffers and the indicators of every distinct setting of
 * the grid, precomputed once from the warm-up start of `full` (also `h1`) and of `h2`.
 */
import { precomputeIndicators } from '../indicators/precompute.js';
import type { IndicatorSpec } from '../indicators/stream.js';
import { sharedFloat64, shareFunding, sharePrecomputed, shareSeries } from './shared-series.js';
import type { SweepInit } from './sweep-context.js';
import type { SweepExtent } from './sweep-extent.js';
import type { SymbolSweepInput } from './sweep-symbol.js';

/**
 * The {@link SweepInit} of a sweep. Side effect: copies the inputs onto shared memory (main
 * thread, once per symbol and run).
 */
export function sweepInit(input: SymbolSweepInput, extent: SweepExtent): SweepInit {
  const { strategy, inputs, windows } = input;
  const c = inputs.candles;
  const { points, warmupCandles, consumed, startH2 } = extent;
  const specs: IndicatorSpec[] = points.flatMap((p) => Object.values(strategy.indicators(p.params)));
  return {
    strategyName: strategy.name,
    strategyModule: input.strategyModule,
    candles: shareSeries(c),
    funding: shareFunding(inputs.funding),
    mark: inputs.mark ? shareSeries(inputs.mark) : null,
    facts: inputs.facts,
    windows,
    warmupCandles,
    blockMs: input.blockMs,
    fees: input.fees,
    precomputed: {
      fromFull: sharePrecomputed(precomputeIndicators(specs, c, consumed.from, consumed.to, sharedFloat64)),
      fromH2: sharePrecomputed(precomputeIndicators(specs, c, startH2, consumed.to, sharedFloat64)),
    },
  };
}
