import { describe, expect, it } from 'vitest';
import { decideVerdict, VERDICT_ORDER, type VerdictKind } from './decide-verdict.js';
import { parseVerdictConfig } from './verdict-config.js';
import type { StressedResult } from './cost-stress.js';
import type { CandidateEvidence, SymbolAnalysis } from './symbol-analysis.js';
import type { PairedInterval } from './paired-difference.js';

type DeepMutable<T> = { -readonly [K in keyof T]: T[K] extends object ? DeepMutable<T[K]> : T[K] };
type A = DeepMutable<SymbolAnalysis>;
type C = DeepMutable<CandidateEvidence>;

const config = parseVerdictConfig();
const ci: PairedInterval = {
  blocks: 24,
  meanBlockLength: 4,
  reps: 1000,
  level: 0.95,
  total: 1,
  meanPerBlock: 1 / 24,
  lower: -1,
  upper: 3,
};

/** A hand-built analysis in which every check passes comfortably: verdict CANDIDATE set-1. */
function passing(): { a: A; c: C; stress: DeepMutable<StressedResult>[] } {
  const c: C = {
    setIndex: 1,
    setId: 'set-1',
    selectionRank: 1,
    trades: { full: 40, h1: 20, h2: 20 },
    score: { full: 30, h1: 15, h2: 15 },
    edge: { full: 20, h1: 10, h2: 10 },
    neighbourhoodScoreH1: 12,
    neighbourhoodEdgeH1: 7,
    neighbourCount: 4,
    tStatH1: 4,
    adjustedPValue: 0.01,
    deflatedSharpe: {
      sharpe: 0.9,
      observations: 24,
      skewness: 0,
      kurtosis: 3,
      trials: 100,
      trialSharpeVariance: 0.04,
      sharpeThreshold: 0.5,
      dsr: 0.99,
    },
    paired: { full: ci, h1: ci, h2: ci },
  };
  const a: A = {
    symbol: 'BTC/USDT:USDT',
    blockMs: 3_600_000,
    setsTried: 3,
    baselineIndex: 0,
    baselineId: 'set-0',
    blocks: { full: 48, h1: 24, h2: 24 },
    meanBlockLength: { full: 4, h1: 4, h2: 4 },
    seeds: { full: 1, h1: 2, h2: 3 },
    baseline: { trades: { full: 60, h1: 30, h2: 30 }, score: { full: 10, h1: 5, h2: 5 } },
    selectable: 2,
    trials: { tried: 3, withVariance: 3, averageCorrelation: 0.5, byAverageCorrelation: 2, byParticipationRatio: 2 },
    spa: {
      h1: {
        blocks: 24,
        reps: 1000,
        meanBlockLength: 4,
        widening: 1.15,
        setsCompared: 2,
        statistic: 4,
        pValue: 0.01,
        bestSetId: 'set-1',
        rcPValue: 0.02,
      },
      full: {
        blocks: 48,
        reps: 1000,
        meanBlockLength: 4,
        widening: 1.08,
        setsCompared: 2,
        statistic: 4,
        pValue: 0.01,
        bestSetId: 'set-1',
        rcPValue: 0.02,
      },
    },
    rankCorrelationH1H2: 0.5,
    noEdge: {
      alpha: 0.05,
      eligibleSets: 2,
      setsTested: 2,
      complete: false,
      baselineUpperBound: 25,
      maxUpperBound: 25,
      maxUpperBoundSetId: 'set-0',
    },
    candidates: [c],
    stressSetIndices: [0, 1],
    sets: {
      id: ['set-0', 'set-1', 'set-2'],
      trades: { full: [60, 40, 2], h1: [30, 20, 1], h2: [30, 20, 1] },
      score: { full: [10, 30, 0], h1: [5, 15, 0], h2: [5, 15, 0] },
      netPnlFull: [10, 30, 0],
      neighbourhoodScoreH1: [5, 12, 0],
      neighbourCount: [2, 4, 2],
      rankH1: [2, 1, 3],
      rankH2: [2, 1, 3],
      tStatH1: [null, 4, -1],
    },
  };
  return {
    a,
    c,
    stress: [
      { setIndex: 0, netPnl: 4 },
      { setIndex: 1, netPnl: 20 },
    ],
  };
}

const kind = (a: A, stress: StressedResult[] | null = passing().stress, cfg = config): VerdictKind =>
  decideVerdict(a, stress, cfg).kind;

/** [name, set the value, threshold, value just below, at, just above → expected verdicts] */
type Boundary = [
  string,
  (f: ReturnType<typeof passing>, x: number) => void,
  number,
  number,
  [VerdictKind, VerdictKind, VerdictKind],
];
const eps = 1e-9;
const BOUNDARIES: Boundary[] = [
  [
    'baseline trades h1 (≥ minTradesPerHalf)',
    (f, x) => (f.a.baseline.trades.h1 = x),
    10,
    1,
    ['INSUFFICIENT DATA', 'CANDIDATE', 'CANDIDATE'],
  ],
  [
    'baseline trades h2 (≥ minTradesPerHalf)',
    (f, x) => (f.a.baseline.trades.h2 = x),
    10,
    1,
    ['INSUFFICIENT DATA', 'CANDIDATE', 'CANDIDATE'],
  ],
  [
    'blocks h1 (≥ minBlocksPerHalf)',
    (f, x) => (f.a.blocks.h1 = x),
    12,
    1,
    ['INSUFFICIENT DATA', 'CANDIDATE', 'CANDIDATE'],
  ],
  [
    'blocks h2 (≥ minBlocksPerHalf)',
    (f, x) => (f.a.blocks.h2 = x),
    12,
    1,
    ['INSUFFICIENT DATA', 'CANDIDATE', 'CANDIDATE'],
  ],
  [
    'highest upper bound vs flat (< 0)',
    (f, x) => (f.a.noEdge.maxUpperBound = x),
    0,
    0.01,
    ['NO EDGE', 'CANDIDATE', 'CANDIDATE'],
  ],
  [
    'candidate trades h1 (≥ minTradesPerHalf)',
    (f, x) => (f.c.trades.h1 = x),
    10,
    1,
    ['KEEP', 'CANDIDATE', 'CANDIDATE'],
  ],
  [
    'candidate trades h2 (≥ minTradesPerHalf)',
    (f, x) => (f.c.trades.h2 = x),
    10,
    1,
    ['KEEP', 'CANDIDATE', 'CANDIDATE'],
  ],
  ['adjusted p-value (≤ alpha)', (f, x) => (f.c.adjustedPValue = x), 0.05, eps, ['CANDIDATE', 'CANDIDATE', 'KEEP']],
  [
    'deflated Sharpe ratio (≥ minDeflatedSharpe)',
    (f, x) => (f.c.deflatedSharpe.dsr = x),
    0.95,
    eps,
    ['KEEP', 'CANDIDATE', 'CANDIDATE'],
  ],
  ['neighbours (≥ minNeighbours)', (f, x) => (f.c.neighbourCount = x), 2, 1, ['KEEP', 'CANDIDATE', 'CANDIDATE']],
  [
    'neighbourhood edge (> minNeighbourhoodEdgeUsdt)',
    (f, x) => (f.c.neighbourhoodEdgeH1 = x),
    0,
    0.01,
    ['KEEP', 'KEEP', 'CANDIDATE'],
  ],
  ['h2 confirmation edge (> minConfirmEdgeUsdt)', (f, x) => (f.c.edge.h2 = x), 0, 0.01, ['KEEP', 'KEEP', 'CANDIDATE']],
  [
    'stressed edge over the baseline (> 0)',
    (f, x) => ((f.stress[1] as DeepMutable<StressedResult>).netPnl = 4 + x),
    0,
    0.01,
    ['KEEP', 'KEEP', 'CANDIDATE'],
  ],
  [
    'stressed net PnL (> 0)',
    (f, x) => {
      (f.stress[0] as DeepMutable<StressedResult>).netPnl = -5;
      (f.stress[1] as DeepMutable<StressedResult>).netPnl = x;
    },
    0,
    0.01,
    ['KEEP', 'KEEP', 'CANDIDATE'],
  ],
];

describe('verdict at its threshold boundaries', () => {
  it('is CANDIDATE set-1 for the all-passing fixture, with every check passing', () => {
    const f = passing();
    const v = decideVerdict(f.a, f.stress, config);
    expect(v.label).toBe('CANDIDATE set-1');
    expect(v.candidateSetId).toBe('set-1');
    expect(v.checks.filter((x) => !x.pass && x.group !== 'no-edge' && x.group !== 'live').map((x) => x.id)).toEqual([]);
  });

  for (const [name, set, threshold, step, want] of BOUNDARIES) {
    it(`gives ${want.join(' / ')} just below / at / just above the ${name} threshold`, () => {
      const got = [threshold - step, threshold, threshold + step].map((x) => {
        const f = passing();
        set(f, x);
        return kind(f.a, f.stress);
      });
      expect(got).toEqual(want);
    });
  }
});

describe('verdict decision order and reasons', () => {
  it('says INSUFFICIENT DATA before NO EDGE, and NO EDGE before CANDIDATE', () => {
    const f = passing();
    f.a.noEdge.maxUpperBound = -1;
    expect(kind(f.a)).toBe('NO EDGE');
    f.a.baseline.trades.h2 = 0;
    expect(kind(f.a)).toBe('INSUFFICIENT DATA');
  });

  it('keeps the baseline when the stress re-runs were not supplied, listing those checks as unmeasured', () => {
    const f = passing();
    const v = decideVerdict(f.a, null, config);
    expect(v.kind).toBe('KEEP');
    const s = v.checks.find((x) => x.id === 'candidate.stress-edge');
    expect(s?.value).toBeNull();
    expect(s?.pass).toBe(false);
    expect(v.summary).toMatch(/fails candidate.stress-edge, candidate.stress-net/);
  });

  it('keeps the baseline when no set has enough first-half trades', () => {
    const f = passing();
    f.a.candidates = [];
    f.a.selectable = 0;
    const v = decideVerdict(f.a, f.stress, config);
    expect(v.kind).toBe('KEEP');
    expect(v.summary).toMatch(/no set has enough first-half trades/);
  });

  it('accepts a candidate that loses under stress when stressed profit is not required', () => {
    const f = passing();
    f.stress = [
      { setIndex: 0, netPnl: -9 },
      { setIndex: 1, netPnl: -1 },
    ];
    expect(kind(f.a, f.stress)).toBe('KEEP');
    const lenient = parseVerdictConfig({ requireStressedProfit: false });
    expect(kind(f.a, f.stress, lenient)).toBe('CANDIDATE');
    expect(decideVerdict(f.a, f.stress, lenient).checks.some((x) => x.id === 'candidate.stress-net')).toBe(false);
  });

  it('records value, operator, threshold and unit for every check so results.json explains itself', () => {
    const f = passing();
    const v = decideVerdict(f.a, f.stress, config);
    const p = v.checks.find((x) => x.id === 'candidate.adjusted-p');
    expect(p).toMatchObject({ value: 0.01, op: '<=', threshold: 0.05, unit: 'probability', window: 'h1', pass: true });
    expect(JSON.parse(JSON.stringify(v))).toEqual(v);
  });
});

describe('STOP: a live set that loses with evidence', () => {
  /** The passing fixture with the candidate failing its h2 confirmation, so no CANDIDATE. */
  const noCandidate = (liveUpper: number) => {
    const f = passing();
    f.c.edge.h2 = -1;
    f.a.noEdge.baselineUpperBound = liveUpper;
    return f;
  };

  it('gives STOP / KEEP / KEEP just below / at / just above a live upper bound of 0 USDT', () => {
    const got = [-0.01, 0, 0.01].map((x) => kind(noCandidate(x).a));
    expect(got).toEqual(['STOP', 'KEEP', 'KEEP']);
  });

  it('says STOP with the pause sentence and the bound, and lists the live check as passing', () => {
    const f = noCandidate(-99.1);
    const v = decideVerdict(f.a, f.stress, config);
    expect(v.label).toBe('STOP');
    expect(v.liveLoses).toBe(true);
    expect(v.summary).toMatch(/^Pause the live set: it loses with evidence and no tested set is proven better\./);
    expect(v.summary).toContain('upper bound -99.10 USDT');
    expect(v.checks.find((x) => x.id === 'live.upper-bound')).toMatchObject({ value: -99.1, pass: true });
  });

  it('keeps a CANDIDATE a CANDIDATE while the live set loses, carrying the losing-live-set line', () => {
    const f = passing();
    f.a.noEdge.baselineUpperBound = -3;
    const v = decideVerdict(f.a, f.stress, config);
    expect(v.label).toBe('CANDIDATE set-1');
    expect(v.liveLoses).toBe(true);
    expect(v.summary).toContain('The live set loses against not trading with evidence (upper bound -3.00 USDT).');
    f.a.noEdge.baselineUpperBound = 3;
    expect(decideVerdict(f.a, f.stress, config).summary).not.toContain('live set loses');
  });

  it('says NO EDGE before STOP when every set loses too', () => {
    const f = noCandidate(-5);
    f.a.noEdge.maxUpperBound = -1;
    expect(kind(f.a)).toBe('NO EDGE');
  });

  it('lists the verdicts in decision order', () => {
    expect(VERDICT_ORDER).toEqual(['INSUFFICIENT DATA', 'NO EDGE', 'CANDIDATE', 'STOP', 'KEEP']);
  });
});
