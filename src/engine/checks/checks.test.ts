/**
 * The trust checks on every registered strategy (bundled sample; ../shared/data when present)
 * and on two deliberately leaky strategies, each of which its check must catch.
 */
import { describe, expect, it } from 'vitest';
import { readEnvFile } from '../config/env-file.js';
import { resolveParams } from '../config/resolve-params.js';
import { lowerBound } from '../data/candle-series.js';
import { loadCachedInputs, resolveWindow } from '../sim/load-inputs.js';
import { loadFactsFromExchangeInfo, loadSharedCandles, loadSharedFunding } from '../sim/fixtures/shared-csv.js';
import type { AnyStrategy, ExecutionParams } from '../strategy.js';
import { normaliseSymbol } from '../symbols.js';
import { strategies } from '../../strategies/index.js';
import { leakyNextClose, shortWarmup } from '../../../test-support/leaky-strategies.js';
import {
  EXCHANGE_INFO_SUBSET,
  REPO_ROOT,
  SAMPLE_DATA_DIR,
  SHARED_DATA,
  skipWithoutSharedData,
} from '../../../test-support/repo-paths.js';
import type { CachedInputs } from '../sim/load-inputs.js';
import { lookaheadCheck } from './lookahead.js';
import { warmupCheck, WARMUP_TOLERANCE } from './warmup.js';

const liveSet = (strategy: AnyStrategy, base: string) =>
  resolveParams(strategy, [readEnvFile(`${REPO_ROOT}/config/live/${base}.env`)], ['SYMBOL', 'LEVERAGE', 'MARGIN_TYPE'])
    .params as ExecutionParams;

function subject(strategy: AnyStrategy, base: string, inputs: CachedInputs, extra = 0) {
  const params = liveSet(strategy, base);
  return { strategy, params, inputs, window: resolveWindow(inputs.candles, strategy.warmupCandles(params) + extra) };
}

const sample = (base: string) => loadCachedInputs(SAMPLE_DATA_DIR, normaliseSymbol(base), '1m');

describe.each([...strategies.values()].map((s) => [s.name, s] as const))('trust checks on %s', (_name, strategy) => {
  it.each(['BTC', 'ETH'])('passes the look-ahead check on the bundled %s sample', async (base) => {
    const r = await lookaheadCheck(subject(strategy, base, sample(base)), 12, 7);
    expect(r.prefixes).toBeGreaterThanOrEqual(6);
    expect(r.findings).toEqual([]);
  });

  it.each(['BTC', 'ETH'])('passes the warm-up check on the bundled %s sample', async (base) => {
    const r = await warmupCheck(subject(strategy, base, sample(base), 1500), 1500);
    expect(r.extra).toBe(1500);
    expect(r.indicators.every((x) => x.maxRelDev <= WARMUP_TOLERANCE)).toBe(true);
    expect(r.ok).toBe(true);
  });

  it('passes both checks on ../shared/data (ETH, a week) when it is present', async () => {
    if (skipWithoutSharedData('trust checks on the shared ETH candles')) return;
    const eth = normaliseSymbol('ETH');
    const candles = loadSharedCandles(SHARED_DATA as string, eth);
    const inputs: CachedInputs = {
      candles,
      funding: loadSharedFunding(SHARED_DATA as string, eth),
      facts: loadFactsFromExchangeInfo(EXCHANGE_INFO_SUBSET, eth),
      factsSource: { kind: 'cache' },
    };
    const t0 = candles.ts[0] as number;
    const s = {
      ...subject(strategy, 'ETH', inputs, 3000),
      window: { from: t0 + 3 * 86_400_000, to: t0 + 10 * 86_400_000 },
    };
    expect(lowerBound(candles.ts, s.window.from)).toBeGreaterThan(3000);
    expect((await lookaheadCheck(s, 12, 3)).findings).toEqual([]);
    expect((await warmupCheck(s, 3000)).ok).toBe(true);
  });
});

describe('the checks catch leaky strategies', () => {
  it('catches a strategy that reads the next candle close, naming the candle, the indicator and both values', async () => {
    const r = await lookaheadCheck(subject(leakyNextClose, 'ETH', sample('ETH')), 12, 7);
    expect(r.findings.length).toBeGreaterThan(0);
    const f = r.findings[0];
    expect(f?.what).toBe('indicator nextClose');
    expect(f?.prefix).toBe('NaN');
    expect(Number(f?.full)).toBeGreaterThan(0);
  });

  it('passes the warm-up check with the leaky peek but fails the look-ahead one (each check has its job)', async () => {
    const w = await warmupCheck(subject(leakyNextClose, 'ETH', sample('ETH'), 1500), 1500);
    expect(w.indicators.find((x) => x.name === 'atr')?.maxRelDev).toBeLessThan(WARMUP_TOLERANCE);
  });

  it('catches a strategy that declares too short a warm-up', async () => {
    const r = await warmupCheck(subject(shortWarmup, 'ETH', sample('ETH'), 1500), 1500);
    expect(r.ok).toBe(false);
    expect(r.indicators.find((x) => x.name === 'atr')?.maxRelDev).toBeGreaterThan(WARMUP_TOLERANCE);
  });
});
