/**
 * Intervals over walk-forward steps, from the verdict's stationary block bootstrap
 * (`../verdict/paired-difference.ts`; no second implementation): a policy's total out-of-sample
 * net PnL against a reference policy's, step by step, and the mean of a per-step statistic (the
 * predictive rank correlation). Steps are the bootstrap's blocks; consecutive steps share
 * in-sample data (a 48 h window re-evaluated every 24 h overlaps its neighbour by half), so the
 * mean block length is hours / every steps (2 for the defaults), never less than 1.
 */
import { HOUR_MS } from '../time.js';
import { deriveSeed, pairedComparison, type VerdictConfig } from '../verdict/index.js';

/** A two-sided interval of a total (USDT) or a mean, with what it was computed from. */
export interface StepInterval {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
  readonly steps: number;
  readonly meanBlockSteps: number;
  readonly reps: number;
  /** The interval includes 0: the two cannot be told apart (or the mean is not shown ≠ 0). */
  readonly includesZero: boolean;
}

/** Mean bootstrap block length in steps: ⌈hours / every⌉, at least 1, at most the step count. */
export function meanBlockSteps(hours: number, everyMs: number, steps: number): number {
  return Math.max(1, Math.min(steps, Math.ceil((hours * HOUR_MS) / everyMs)));
}

/**
 * Interval of Σ (a − b) over steps (e.g. a policy's net PnL minus `keep`'s), USDT.
 * @param label names the comparison; it seeds the bootstrap, so every comparison has its own draws.
 * @returns null with fewer than 2 steps.
 */
export function totalDifferenceInterval(
  a: readonly number[],
  b: readonly number[],
  blockSteps: number,
  config: VerdictConfig,
  label: string,
): StepInterval | null {
  if (a.length < 2) return null;
  const ci = pairedComparison(a, b, {
    meanBlockLength: blockSteps,
    reps: config.bootstrapReps,
    level: config.ciLevel,
    seed: deriveSeed(config.seed, `walkforward|${label}`),
  });
  return {
    estimate: ci.total,
    lower: ci.lower,
    upper: ci.upper,
    level: ci.level,
    steps: a.length,
    meanBlockSteps: blockSteps,
    reps: ci.reps,
    includesZero: ci.lower <= 0 && ci.upper >= 0,
  };
}

/** Interval of the mean of a per-step statistic (steps with no value are left out). */
export function meanInterval(
  values: readonly (number | null)[],
  blockSteps: number,
  config: VerdictConfig,
  label: string,
): StepInterval | null {
  const xs = values.filter((v): v is number => v !== null);
  const total = totalDifferenceInterval(
    xs,
    xs.map(() => 0),
    Math.min(blockSteps, Math.max(1, xs.length)),
    config,
    label,
  );
  if (total === null) return null;
  const n = xs.length;
  return { ...total, estimate: total.estimate / n, lower: total.lower / n, upper: total.upper / n };
}
