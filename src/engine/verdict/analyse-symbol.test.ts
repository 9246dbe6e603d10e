import { describe, expect, it } from 'vitest';
import { analyseSymbol } from './analyse-symbol.js';
import { decideVerdict } from './decide-verdict.js';
import { parseVerdictConfig, type VerdictConfig } from './verdict-config.js';
import { syntheticSweep, type SyntheticSweepSpec } from './synthetic-sweep.js';
import type { StressedResult } from './cost-stress.js';
import type { SymbolAnalysis } from './symbol-analysis.js';
import type { SymbolSweep } from './sweep-input.js';
import { DataError } from '../errors.js';

/** Stress re-runs as a simulator would give them: every re-run set loses `cost` USDT more. */
function stressOf(sweep: SymbolSweep, a: SymbolAnalysis, cost: number): StressedResult[] {
  return a.stressSetIndices.map((i) => ({ setIndex: i, netPnl: (sweep.sets[i]?.windows.full.netPnl ?? 0) - cost }));
}

function verdictOf(spec: SyntheticSweepSpec, config: VerdictConfig) {
  const sweep = syntheticSweep(spec);
  const a = analyseSymbol(sweep, config);
  return { sweep, a, v: decideVerdict(a, stressOf(sweep, a, 1), config) };
}

const GRID = { ATR_GATE_MULT: 10, COOLDOWN: 10, LOOKBACK: 10 }; // 1,000 sets
const fast = parseVerdictConfig({ bootstrapReps: 199 });

describe('analyseSymbol + decideVerdict on synthetic sweeps with a known truth', () => {
  it('yields CANDIDATE in at most the configured false-positive rate on 1,000 sets of pure noise', () => {
    // 40 seeded sweeps: 1,000 i.i.d. N(0,1) sets × 48 hourly blocks, a noise baseline, half of the
    // variance common to all sets. Defaults (alpha 0.05) and a lenient config (alpha 0.2, no DSR
    // gate) must both stay within alpha + 2 binomial s.e.; measured 0 / 40 and 0 / 40.
    const R = 40;
    const lenient = parseVerdictConfig({ bootstrapReps: 199, alpha: 0.2, minDeflatedSharpe: 0 });
    let strictHits = 0;
    let lenientHits = 0;
    let spaBelowAlpha = 0;
    for (let r = 0; r < R; r++) {
      const spec = { seed: 1000 + r, axisSizes: GRID, commonShare: 0.5 };
      const sweep = syntheticSweep(spec);
      const strict = analyseSymbol(sweep, fast);
      if (decideVerdict(strict, stressOf(sweep, strict, 1), fast).kind === 'CANDIDATE') strictHits++;
      if (strict.spa.h1.pValue <= 0.2) spaBelowAlpha++;
      const loose = analyseSymbol(sweep, lenient);
      if (decideVerdict(loose, stressOf(sweep, loose, 1), lenient).kind === 'CANDIDATE') lenientHits++;
    }
    expect(strictHits / R).toBeLessThanOrEqual(0.05 + 2 * Math.sqrt((0.05 * 0.95) / R));
    expect(lenientHits / R).toBeLessThanOrEqual(0.2 + 2 * Math.sqrt((0.2 * 0.8) / R));
    // the SPA itself is not dead under the null: its p-value does fall below 0.2 sometimes
    expect(spaBelowAlpha).toBeGreaterThan(0);
  });

  it('names a set on a profitable plateau as CANDIDATE and passes over a higher isolated spike', () => {
    // plateau: ATR_GATE_MULT, COOLDOWN, LOOKBACK ∈ {6,7,8} earns +1.5 per block; spike: one set at
    // (1,1,1) earns +3 per block with neighbours at 0.
    const inPlateau = (p: Readonly<Record<string, unknown>>) =>
      ['ATR_GATE_MULT', 'COOLDOWN', 'LOOKBACK'].every((k) => (p[k] as number) >= 6 && (p[k] as number) <= 8);
    const isSpike = (p: Readonly<Record<string, unknown>>) =>
      p.ATR_GATE_MULT === 1 && p.COOLDOWN === 1 && p.LOOKBACK === 1;
    const { sweep, a, v } = verdictOf(
      {
        seed: 7,
        axisSizes: GRID,
        commonShare: 0.5,
        baselineIndex: 0,
        meanOf: (_, p) => (inPlateau(p) ? 1.5 : isSpike(p) ? 3 : 0),
      },
      fast,
    );
    expect(v.kind).toBe('CANDIDATE');
    const chosen = sweep.sets[v.candidateSetIndex ?? -1];
    expect(chosen !== undefined && inPlateau(chosen.params)).toBe(true);
    const spikeIndex = sweep.sets.findIndex((s) => isSpike(s.params));
    expect(a.sets.rankH1[spikeIndex]).toBe(1); // best on its own score…
    expect(a.candidates.some((c) => c.setIndex === spikeIndex)).toBe(false); // …but never a candidate
    expect(a.candidates[0]?.adjustedPValue).toBeLessThanOrEqual(0.05);
    expect(a.candidates[0]?.deflatedSharpe.dsr).toBeGreaterThanOrEqual(0.95);
  });

  it('says NO EDGE when every set loses steadily against not trading', () => {
    const { v, a } = verdictOf({ seed: 8, axisSizes: { A: 5, B: 5 }, sd: 0.3, meanOf: () => -1 }, fast);
    expect(v.kind).toBe('NO EDGE');
    expect(a.noEdge.complete).toBe(true);
    expect(a.noEdge.setsTested).toBe(25);
    expect(a.noEdge.maxUpperBound).toBeLessThan(0);
  });

  it('says INSUFFICIENT DATA when the baseline trades too little to judge', () => {
    const { v } = verdictOf({ seed: 9, axisSizes: { A: 5, B: 5 }, tradesOf: (i) => (i === 12 ? 3 : 30) }, fast);
    expect(v.kind).toBe('INSUFFICIENT DATA');
    expect(v.summary).toMatch(/data.baseline-trades-h1/);
  });

  it('keeps the baseline on noise with the reasons listed', () => {
    const { v } = verdictOf({ seed: 10, axisSizes: { A: 6, B: 6, C: 6 } }, fast);
    expect(v.kind).toBe('KEEP');
    expect(v.checks.find((x) => x.id === 'candidate.adjusted-p')?.pass).toBe(false);
  });

  it('is deterministic: the same sweep and config give a byte-identical analysis and verdict', () => {
    const spec = { seed: 11, axisSizes: { A: 8, B: 8, C: 8 }, commonShare: 0.3 };
    const one = verdictOf(spec, fast);
    const two = verdictOf(spec, fast);
    expect(JSON.stringify(two.a)).toBe(JSON.stringify(one.a));
    expect(JSON.stringify(two.v)).toBe(JSON.stringify(one.v));
  });

  it('selects on h1 only: changing h2 results never changes the candidate order', () => {
    const sweep = syntheticSweep({ seed: 12, axisSizes: { A: 6, B: 6 } });
    const a = analyseSymbol(sweep, fast);
    const flipped: SymbolSweep = {
      ...sweep,
      sets: sweep.sets.map((s) => ({
        ...s,
        windows: { ...s.windows, h2: { ...s.windows.h2, blockPnl: s.windows.h2.blockPnl.map((x) => -x) } },
      })),
    };
    const b = analyseSymbol(flipped, fast);
    expect(b.candidates.map((c) => c.setId)).toEqual(a.candidates.map((c) => c.setId));
    expect(b.rankCorrelationH1H2).not.toBe(a.rankCorrelationH1H2);
  });

  it("reads the sets' block PnL and never writes it (a sweep passes the outcomes' own arrays)", () => {
    const sweep = syntheticSweep({ seed: 14, axisSizes: { A: 5, B: 4 } });
    const copy = (sw: SymbolSweep) =>
      sw.sets.map((s) => [s.windows.full, s.windows.h1, s.windows.h2].map((w) => [...w.blockPnl]));
    const before = copy(sweep);
    const a = analyseSymbol(sweep, fast);
    decideVerdict(a, stressOf(sweep, a, 1), fast);
    expect(copy(sweep)).toEqual(before);
  });

  it('refuses a sweep whose sets cover different blocks', () => {
    const sweep = syntheticSweep({ seed: 13, axisSizes: { A: 3 } });
    const s0 = sweep.sets[0];
    if (s0 === undefined) throw new Error('no set');
    const broken: SymbolSweep = {
      ...sweep,
      sets: [
        { ...s0, windows: { ...s0.windows, h1: { ...s0.windows.h1, blockPnl: new Float64Array(5) } } },
        ...sweep.sets.slice(1),
      ],
    };
    expect(() => analyseSymbol(broken, fast)).toThrow(DataError);
  });
});
