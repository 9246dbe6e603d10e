/**
 * Judging a sweep against another set: with the live set as the judged set, the fresh analysis
 * must give exactly the sweep's own verdict (the mapping mirrors sweepSymbol's); with another set,
 * the verdict is about that set.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, SAMPLE_DATA_DIR } from '../../../test-support/repo-paths.js';
import { strategies, strategyModuleOf } from '../../strategies/index.js';
import { loadCachedInputs } from '../sim/load-inputs.js';
import { loadBaseline } from '../sweep/run-reeval.js';
import { sweepSymbol } from '../sweep/sweep-symbol.js';
import { planWindows } from '../sweep/window-plan.js';
import { normaliseSymbol } from '../symbols.js';
import { parseInstant } from '../time.js';
import { parseVerdictConfig } from '../verdict/index.js';
import { judgeAgainst, verdictAgainst } from './judge-set.js';

const strategy = strategies.get('atr-breakout');
if (strategy === undefined) throw new Error('atr-breakout missing');
const symbol = normaliseSymbol('ETH');
const baseline = loadBaseline(strategy, join(REPO_ROOT, 'config/live'), symbol).params;
const grid = [
  ['ATR_GATE_MULT', [1.0, 1.06, 1.5]],
  ['ENTRY_COOLDOWN_S', [0, 300]],
] as const;
const o = {
  symbol,
  grid,
  blockMs: 3_600_000,
  fees: { takerFeeRate: 0.0005, makerFeeRate: 0.0002 },
  verdict: parseVerdictConfig({}),
};
const swept = sweepSymbol({
  ...o,
  strategy,
  strategyModule: strategyModuleOf('atr-breakout'),
  inputs: loadCachedInputs(SAMPLE_DATA_DIR, symbol, '1m'),
  baseline,
  windows: planWindows(parseInstant('2025-06-24T00:00Z'), 48, 60_000),
  workers: 1,
});

describe('verdict against a set of the sweep', () => {
  it("gives the sweep's own verdict when judged afresh against the live set", async () => {
    const out = await swept;
    expect(await judgeAgainst(out, out.baselineIndex, o)).toEqual(out.verdict);
    expect(await verdictAgainst(out, out.baselineIndex, o)).toBe(out.verdict);
  }, 120_000);

  it('judges another set as the baseline: it is never its own candidate', async () => {
    const out = await swept;
    const other = out.baselineIndex === 0 ? 1 : 0;
    const v = await verdictAgainst(out, other, o);
    expect(v.candidateSetId).not.toBe(out.points[other]?.id);
    expect(v.checks.length).toBeGreaterThan(0);
  }, 120_000);
});
