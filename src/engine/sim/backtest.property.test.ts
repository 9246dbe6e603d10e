/**
 * Property tests of the simulator with atr-breakout: the invariants (fixtures/invariants.ts) on
 * random candles with random parameter sets and on the bundled sample with the live sets;
 * determinism; precomputed indicators equal incremental ones; and no look-ahead (decisions on a
 * truncated series equal those on the full one up to the cut).
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnvFile } from '../config/env-file.js';
import { resolveParams } from '../config/resolve-params.js';
import { sliceIndex } from '../data/candle-series.js';
import { backtestFingerprint } from '../fingerprint/fingerprint.js';
import { precomputeIndicators } from '../indicators/precompute.js';
import { candleWalk } from './fixtures/candle-walk.js';
import type { AnyStrategy, Intent } from '../strategy.js';
import { normaliseSymbol } from '../symbols.js';
import { atrBreakout } from '../../strategies/atr-breakout/atr-breakout.js';
import { runBacktest, type BacktestInput } from './backtest.js';
import { invariantViolations } from './fixtures/invariants.js';
import { loadCachedInputs } from './load-inputs.js';
import { gapEvery, paramSet, paramsOf, randomInput, SYM } from './fixtures/random-backtest.js';
import { backtestJson } from './result-json.js';

const ROOT = resolve(import.meta.dirname, '../../..');

describe('simulator invariants', () => {
  it('hold on random candles (with gaps) for random parameter sets', async () => {
    await fc.assert(
      fc.asyncProperty(candleWalk(30, 300), paramSet, gapEvery, async (candles, set, drop) => {
        const input = randomInput(candles, set, drop);
        const r = await runBacktest(input);
        expect(invariantViolations(input, r)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  for (const coin of ['BTC', 'ETH']) {
    it(`hold on the bundled ${coin} sample for the ${coin} live set and random parameter sets`, async () => {
      const sym = normaliseSymbol(coin);
      const cached = loadCachedInputs(resolve(ROOT, 'data/sample'), sym, '1m');
      const live = resolveParams(atrBreakout, [
        parseEnvFile(readFileSync(resolve(ROOT, `config/live/${coin}.env`), 'utf8'), `${coin}.env`),
      ]).params;
      const window = {
        from: cached.candles.ts[300] as number,
        to: (cached.candles.ts[cached.candles.length - 1] as number) + 60_000,
      };
      const live1 = { ...cached, strategy: atrBreakout, params: live as BacktestInput['params'], window };
      const r = await runBacktest(live1);
      expect(r.trades.length).toBeGreaterThan(20);
      expect(r.funding.status).toBe('modelled');
      expect(invariantViolations(live1, r)).toEqual([]);
      await fc.assert(
        fc.asyncProperty(paramSet, async (set) => {
          const input = { ...live1, params: paramsOf(set) };
          expect(invariantViolations(input, await runBacktest(input))).toEqual([]);
        }),
        { numRuns: 8 },
      );
    });
  }
});

describe('simulator determinism', () => {
  it('gives byte-identical JSON and the same fingerprint for two runs of the same inputs', async () => {
    const cached = loadCachedInputs(resolve(ROOT, 'data/sample'), SYM, '1m');
    const params = resolveParams(atrBreakout, [
      parseEnvFile(readFileSync(resolve(ROOT, 'config/live/ETH.env'), 'utf8'), 'ETH.env'),
    ]).params;
    const input: BacktestInput = {
      ...cached,
      strategy: atrBreakout,
      params: params as BacktestInput['params'],
      window: { from: cached.candles.ts[200] as number, to: cached.candles.ts[4000] as number },
    };
    const doc = async () => {
      const r = await runBacktest(input);
      return JSON.stringify(backtestJson(r, backtestFingerprint(input, r), { gitRevision: 'test' }));
    };
    const a = await doc();
    expect(await doc()).toBe(a);
    expect(a).toContain('"fingerprint"');
  });

  it('gives the same result with precomputed indicators as with incremental ones', async () => {
    await fc.assert(
      fc.asyncProperty(candleWalk(30, 200), paramSet, async (candles, set) => {
        const input = randomInput(candles, set, 0);
        const plain = await runBacktest(input);
        const specs = Object.values((atrBreakout as AnyStrategy).indicators(input.params));
        const pre = precomputeIndicators(specs, input.candles, plain.consumed.candleFrom, plain.consumed.candleTo);
        const fast = await runBacktest({ ...input, precomputed: pre });
        expect(JSON.stringify(backtestJson(fast, 'x', { gitRevision: 'x' }))).toBe(
          JSON.stringify(backtestJson(plain, 'x', { gitRevision: 'x' })),
        );
      }),
      { numRuns: 60 },
    );
  });
});

describe('look-ahead', () => {
  async function decisions(input: BacktestInput): Promise<string[]> {
    const out: string[] = [];
    await runBacktest({
      ...input,
      hooks: {
        onDecision: (now: number, intents: readonly Intent[]) => void out.push(`${now} ${JSON.stringify(intents)}`),
      },
    });
    return out;
  }

  it('makes the same decisions on a truncated series as on the full one, up to the cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        candleWalk(40, 200),
        paramSet,
        fc.double({ min: 0.2, max: 0.95, noNaN: true }),
        async (candles, set, frac) => {
          const full = randomInput(candles, set, 0);
          const cut = Math.max(14, Math.floor(candles.length * frac));
          const cutTs = candles[cut]?.ts as number;
          const truncated = {
            ...full,
            candles: sliceIndex(full.candles, 0, cut),
            window: { from: full.window.from, to: cutTs },
          };
          if (truncated.window.from >= cutTs) return;
          const all = await decisions(full);
          const prefix = await decisions(truncated);
          expect(prefix).toEqual(all.filter((d) => Number(d.split(' ')[0]) <= cutTs));
        },
      ),
      { numRuns: 80 },
    );
  });

  it('makes the same decisions on truncated prefixes of the ETH sample as on the whole sample', async () => {
    const cached = loadCachedInputs(resolve(ROOT, 'data/sample'), SYM, '1m');
    const params = resolveParams(atrBreakout, [
      parseEnvFile(readFileSync(resolve(ROOT, 'config/live/ETH.env'), 'utf8'), 'ETH.env'),
    ]).params;
    const n = cached.candles.length;
    const full: BacktestInput = {
      ...cached,
      strategy: atrBreakout,
      params: params as BacktestInput['params'],
      window: { from: cached.candles.ts[200] as number, to: (cached.candles.ts[n - 1] as number) + 60_000 },
    };
    const all = await decisions(full);
    expect(all.length).toBeGreaterThan(50);
    for (const cut of [600, 1500, 3333]) {
      const cutTs = cached.candles.ts[cut] as number;
      const prefix = await decisions({
        ...full,
        candles: sliceIndex(cached.candles, 0, cut),
        window: { from: full.window.from, to: cutTs },
      });
      expect(prefix).toEqual(all.filter((d) => Number(d.split(' ')[0]) <= cutTs));
    }
  });
});
