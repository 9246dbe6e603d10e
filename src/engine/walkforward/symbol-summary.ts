/**
 * One symbol's walk-forward summary from its steps: every policy's totals, each policy against
 * `keep` and against `flat` with a block-bootstrap interval over steps, the predictive check
 * (mean per-step Spearman correlation with its interval, mean PBO) and the headline sentences.
 * Pure and deterministic (seeded bootstrap).
 */
import type { VerdictConfig } from '../verdict/index.js';
import { tidy } from '../sweep/tidy-number.js';
import { POLICY_NAMES, type PolicyName } from './policies.js';
import { policyTotals, type PolicyTotals } from './policy-summary.js';
import { meanBlockSteps, meanInterval, totalDifferenceInterval, type StepInterval } from './step-intervals.js';
import type { Comparison, StepRow, SymbolWalkResults } from './walkforward-results.js';

const usd = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`;
const tidyInterval = (i: StepInterval | null): StepInterval | null =>
  i === null ? null : { ...i, estimate: tidy(i.estimate), lower: tidy(i.lower), upper: tidy(i.upper) };

function netSeries(steps: readonly StepRow[], p: PolicyName): number[] {
  return steps.map((s) => s.policies[p].pnl?.netPnl ?? 0);
}

/** "… 95 % interval of the difference −120.00 … +35.00 USDT: not distinguishable". */
export function comparisonSentence(c: Comparison, totals: Readonly<Record<PolicyName, PolicyTotals>>): string {
  const names: Record<PolicyName, string> = {
    keep: 'keeping the live set',
    verdict: 'following the verdicts',
    chase: "chasing each step's top-ranked set",
    flat: 'not trading',
    hindsight: 'hindsight (unattainable)',
  };
  const head = `${names[c.policy]} would have made ${usd(totals[c.policy].netPnl)} USDT vs ${usd(totals[c.against].netPnl)} for ${names[c.against]}`;
  const i = c.interval;
  if (i === null) return `${head} (too few steps for an interval)`;
  const verdict = i.includesZero
    ? 'not distinguishable'
    : i.lower > 0
      ? 'better, beyond chance'
      : 'worse, beyond chance';
  return `${head}; ${Math.round(i.level * 100)} % interval of the difference ${usd(i.lower)} … ${usd(i.upper)} USDT: ${verdict}`;
}

function predictiveSentence(s: StepInterval | null, hours: number): string {
  if (s === null) return 'Predictive check: too few steps with a rank correlation for an interval.';
  const base = `Mean Spearman correlation of in-sample (${hours} h) and next-window net PnL over ${s.steps} steps: ${s.estimate.toFixed(2)}, ${Math.round(s.level * 100)} % interval ${s.lower.toFixed(2)} … ${s.upper.toFixed(2)}`;
  return s.includesZero
    ? `${base}. The interval includes 0: a ${hours} h re-evaluation cannot pick parameters on this data.`
    : `${base}. The in-sample rank carries information about the next window's rank (check whether trade frequency, i.e. fees, explains it).`;
}

/** Builds the summary fields of a symbol's results from its steps. */
export function summariseSymbol(
  steps: readonly StepRow[],
  o: { readonly hours: number; readonly everyMs: number; readonly verdict: VerdictConfig; readonly symbol: string },
): Pick<SymbolWalkResults, 'totals' | 'comparisons' | 'predictive' | 'headline'> {
  const totals = Object.fromEntries(
    POLICY_NAMES.map((p) => [p, policyTotals(steps.map((s) => s.policies[p].pnl))]),
  ) as Record<PolicyName, PolicyTotals>;
  const L = meanBlockSteps(o.hours, o.everyMs, steps.length);
  const comparisons: Comparison[] = [];
  for (const against of ['keep', 'flat'] as const)
    for (const policy of POLICY_NAMES) {
      if (policy === against || (against === 'keep' && policy === 'flat')) continue;
      const interval = totalDifferenceInterval(
        netSeries(steps, policy),
        netSeries(steps, against),
        L,
        o.verdict,
        `${o.symbol}|${policy}|${against}`,
      );
      comparisons.push({ policy, against, interval: tidyInterval(interval) });
    }
  const spearman = tidyInterval(
    meanInterval(
      steps.map((s) => s.spearman),
      L,
      o.verdict,
      `${o.symbol}|spearman`,
    ),
  );
  const pbos = steps.map((s) => s.pbo?.pbo).filter((x): x is number => x !== undefined);
  const meanPbo = pbos.length === 0 ? null : tidy(pbos.reduce((a, b) => a + b, 0) / pbos.length);
  const byKey = (p: PolicyName, a: 'keep' | 'flat') => comparisons.find((c) => c.policy === p && c.against === a);
  const headline = [
    comparisonSentence(byKey('verdict', 'keep') as Comparison, totals),
    comparisonSentence(byKey('chase', 'keep') as Comparison, totals),
    comparisonSentence(byKey('keep', 'flat') as Comparison, totals),
    predictiveSentence(spearman, o.hours),
    meanPbo === null
      ? 'Probability of backtest overfitting: not computable (too few blocks per step).'
      : `Mean probability of backtest overfitting of the in-sample pick: ${meanPbo.toFixed(2)} (0.5 = no better than a coin toss out of sample).`,
  ];
  return { totals, comparisons, predictive: { spearman, meanPbo }, headline };
}
