/**
 * The walk-forward's step times. At each step time t the re-evaluation sweeps the `hours` before
 * t (the in-sample window, split into halves exactly as `coinbot reeval` does) and every policy's
 * set then trades `[t, t + every)` out of sample. Step times sit on multiples of `every` since
 * the epoch (UTC), so daily steps fall at 00:00Z and a re-run over more data keeps its old steps.
 */
import { UsageError } from '../errors.js';
import { formatInstant, HOUR_MS, type TimeRange } from '../time.js';
import { planWindows, type WindowPlan } from '../sweep/window-plan.js';

/** One step: its in-sample windows (re-evaluation) and its out-of-sample window. */
export interface WalkStep {
  /** Index of the step (0-based, in time order). */
  readonly index: number;
  /** Step time t (ms UTC): end of the in-sample window, start of the out-of-sample one. */
  readonly t: number;
  readonly inSample: WindowPlan;
  /** `[t, t + every)` over candle open times. */
  readonly outOfSample: TimeRange;
}

/** Inputs of {@link planSteps}. All times ms UTC. */
export interface StepPlanInput {
  /** Open time of the first cached candle common to all symbols (latest first open). */
  readonly firstOpen: number;
  /** Close of the last cached candle common to all symbols (exclusive end of the data). */
  readonly dataEnd: number;
  /** Warm-up candles before the in-sample window (the grid's largest). */
  readonly warmupCandles: number;
  /** Candle length (ms). */
  readonly stepMs: number;
  readonly hours: number;
  /** Step spacing and out-of-sample length (ms). */
  readonly everyMs: number;
  /** Optional bounds: first step time ≥ from; last out-of-sample window ends ≤ to. */
  readonly from?: number;
  readonly to?: number;
}

const ceilTo = (x: number, m: number) => Math.ceil(x / m) * m;

/**
 * Plans the steps: from the first multiple of `every` with the whole in-sample window and its
 * warm-up cached (and ≥ `from`), while the out-of-sample window fits before the data's end (and
 * `to`).
 * @throws UsageError when `every` is not a whole number of candles or no step fits.
 */
export function planSteps(p: StepPlanInput): WalkStep[] {
  if (!(Number.isInteger(p.everyMs / p.stepMs) && p.everyMs > 0)) {
    throw new UsageError(`--every ${p.everyMs / HOUR_MS} h: use a positive whole number of candles (e.g. 24h, 6h)`);
  }
  const earliest = p.firstOpen + p.warmupCandles * p.stepMs + p.hours * HOUR_MS;
  const start = ceilTo(Math.max(earliest, p.from ?? earliest), p.everyMs);
  const end = Math.min(p.dataEnd, p.to ?? p.dataEnd);
  const steps: WalkStep[] = [];
  for (let t = start; t + p.everyMs <= end; t += p.everyMs) {
    steps.push({
      index: steps.length,
      t,
      inSample: planWindows(t, p.hours, p.stepMs),
      outOfSample: { from: t, to: t + p.everyMs },
    });
  }
  if (steps.length === 0) {
    throw new UsageError(
      `no walk-forward step fits: the first step needs ${p.hours} h + warm-up of history (from ${formatInstant(start)}) and ${p.everyMs / HOUR_MS} h after it before ${formatInstant(end)}; widen --from/--to, shorten --hours or --every, or cache more data`,
    );
  }
  return steps;
}
