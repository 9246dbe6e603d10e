/**
 * The probabilistic and deflated Sharpe ratios (Bailey & López de Prado, "The Sharpe Ratio
 * Efficient Frontier", 2012, and "The Deflated Sharpe Ratio: Correcting for Selection Bias,
 * Backtest Overfitting and Non-Normality", Journal of Portfolio Management 40(5), 2014).
 *
 * All Sharpe ratios here are per observation (per block), not annualised:
 *
 *   PSR(SR*) = Φ( (SR^ − SR*)·√(T − 1) / √(1 − γ3·SR^ + (γ4 − 1)/4·SR^²) )
 *   SR0      = √V[SR_n] · ( (1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e)) )   (expected max of N)
 *   DSR      = PSR(SR0)
 *
 * with T observations, γ3 the skewness and γ4 the (non-excess) kurtosis of the selected series,
 * N the number of independent trials, V[SR_n] the variance of the trials' Sharpe ratios and γ the
 * Euler–Mascheroni constant. As in the paper, SR0 assumes the trials' true Sharpe ratios are 0
 * (the null of no skill), so the trials' mean Sharpe ratio does not enter.
 */
import { normCdf, normInv } from './normal.js';

/** The Euler–Mascheroni constant γ. */
export const EULER_GAMMA = 0.5772156649015329;

/**
 * Expected maximum Sharpe ratio of N independent trials with zero true Sharpe ratio (per block).
 * @param trials N (may be fractional, e.g. an effective number); N ≤ 1 gives 0.
 * @param trialSharpeVariance V[SR_n], variance across trials of their per-block Sharpe ratios.
 */
export function expectedMaxSharpe(trials: number, trialSharpeVariance: number): number {
  if (!(trials > 1) || !(trialSharpeVariance > 0)) return 0;
  const z1 = normInv(1 - 1 / trials);
  const z2 = normInv(1 - 1 / (trials * Math.E));
  return Math.sqrt(trialSharpeVariance) * ((1 - EULER_GAMMA) * z1 + EULER_GAMMA * z2);
}

/** Inputs of {@link probabilisticSharpe}. */
export interface PsrInput {
  /** Observed Sharpe ratio SR^ per block. */
  readonly sharpe: number;
  /** Benchmark Sharpe ratio SR* per block. */
  readonly benchmark: number;
  /** Number of observations T (blocks), ≥ 2. */
  readonly observations: number;
  /** Skewness γ3 of the observed series. */
  readonly skewness: number;
  /** Kurtosis γ4 of the observed series (3 for normal). */
  readonly kurtosis: number;
}

/**
 * Probability that the true Sharpe ratio exceeds the benchmark, given the sample's length and
 * its higher moments. NaN when an input is not finite or T < 2.
 */
export function probabilisticSharpe(p: PsrInput): number {
  const { sharpe: sr, benchmark, observations: T, skewness: g3, kurtosis: g4 } = p;
  if (![sr, benchmark, g3, g4].every(Number.isFinite) || !(T >= 2)) return Number.NaN;
  // ≥ (1 − γ3·SR/2)² ≥ 0 because γ4 ≥ 1 + γ3² for any distribution
  const denom = 1 - g3 * sr + ((g4 - 1) / 4) * sr * sr;
  if (!(denom > 0)) return Number.NaN;
  return normCdf(((sr - benchmark) * Math.sqrt(T - 1)) / Math.sqrt(denom));
}

/** Inputs of {@link deflatedSharpe}. */
export interface DsrInput {
  /** Observed per-block Sharpe ratio of the selected trial. */
  readonly sharpe: number;
  /** Number of observations T (blocks). */
  readonly observations: number;
  /** Skewness γ3 of the selected trial's series. */
  readonly skewness: number;
  /** Kurtosis γ4 (non-excess) of the selected trial's series. */
  readonly kurtosis: number;
  /** Number of independent trials N (an effective number is allowed). */
  readonly trials: number;
  /** Variance across trials of their per-block Sharpe ratios. */
  readonly trialSharpeVariance: number;
}

/** The deflated Sharpe ratio and its parts. */
export interface DsrResult {
  /** DSR = PSR(SR0), a probability in [0, 1]; NaN when undefined. */
  readonly dsr: number;
  /** SR0, the expected maximum Sharpe ratio of the trials under the null, per block. */
  readonly sharpeThreshold: number;
}

/**
 * The deflated Sharpe ratio: the probability that the selected trial's true Sharpe ratio exceeds
 * what the best of N skill-less trials would show.
 *
 * @example
 * // The paper's numerical example (see deflated-sharpe.test.ts): daily SR 2.5/√250, T = 1250,
 * // γ3 = −3, γ4 = 10, N = 100, V = 0.5/250 → SR0 ≈ 0.1132, DSR ≈ 0.9004.
 */
export function deflatedSharpe(p: DsrInput): DsrResult {
  const sr0 = expectedMaxSharpe(p.trials, p.trialSharpeVariance);
  const dsr = probabilisticSharpe({
    sharpe: p.sharpe,
    benchmark: sr0,
    observations: p.observations,
    skewness: p.skewness,
    kurtosis: p.kurtosis,
  });
  return { dsr, sharpeThreshold: sr0 };
}
