import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBacktest, type BacktestInput } from '../sim/backtest.js';
import { scenarioInput, type Ohlc } from '../sim/fixtures/scenario.js';
import { atrBreakout } from '../../strategies/atr-breakout/atr-breakout.js';
import { backtestFingerprint, dataDigest, stableJson } from './fingerprint.js';
import { HASHED_SOURCES, SRC_ROOT, sourceHash } from './source-hash.js';

const FLAT: Ohlc = [100, 101, 99, 100];
const CANDLES: Ohlc[] = [FLAT, FLAT, [100, 104, 100, 103.5], [103.5, 104, 103, 103.8], FLAT, FLAT];

async function fp(input: BacktestInput): Promise<string> {
  return backtestFingerprint(input, await runBacktest(input));
}

function base(): BacktestInput {
  const i = scenarioInput({ strategy: atrBreakout, candles: CANDLES, funding: [[4, 0.0001]] });
  return { ...i, window: { from: i.window.from, to: i.candles.ts[4] as number } };
}

function withCandle(input: BacktestInput, index: number, close: number): BacktestInput {
  const c = input.candles;
  const copy = { ...c, close: Float64Array.from(c.close), high: Float64Array.from(c.high) };
  copy.close[index] = close;
  copy.high[index] = Math.max(copy.high[index] as number, close);
  return { ...input, candles: copy };
}

describe('backtest fingerprint', () => {
  it('is a stable sha256 for identical inputs', async () => {
    const a = await fp(base());
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await fp(base())).toBe(a);
  });

  it('changes with a warm-up candle, a parameter, a funding rate, the market facts and the fees', async () => {
    const a = await fp(base());
    const b = base();
    const variants: BacktestInput[] = [
      withCandle(b, 0, 100.5),
      { ...b, params: { ...b.params, ATR_GATE_MULT: 1.01 } as BacktestInput['params'] },
      { ...b, funding: { ...(b.funding as NonNullable<BacktestInput['funding']>), rate: Float64Array.of(0.0002) } },
      { ...b, facts: { ...b.facts, minNotional: 6 } },
      { ...b, fees: { takerFeeRate: 0.0004, makerFeeRate: 0.0002 } },
    ];
    for (const v of variants) expect(await fp(v)).not.toBe(a);
  });

  it('ignores candles the run did not consume', async () => {
    expect(await fp(withCandle(base(), 5, 99.5))).toBe(await fp(base()));
  });
});

describe("data digest (the sweep's, over the rows a backtest consumes)", () => {
  it('changes with a consumed candle or funding rate, not with a candle past the window', async () => {
    const b = base();
    const consumed = (await runBacktest(b)).consumed;
    const a = dataDigest(b, consumed);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(dataDigest(withCandle(b, 5, 99.5), consumed)).toBe(a);
    expect(dataDigest(withCandle(b, 0, 100.5), consumed)).not.toBe(a);
    const f = b.funding as NonNullable<BacktestInput['funding']>;
    expect(dataDigest({ ...b, funding: { ...f, rate: Float64Array.of(0.0002) } }, consumed)).not.toBe(a);
  });
});

describe('source hash', () => {
  it('covers files that exist and is the same on every call', () => {
    for (const p of HASHED_SOURCES) expect(existsSync(join(SRC_ROOT, p))).toBe(true);
    expect(sourceHash('strategies/atr-breakout')).toMatch(/^[0-9a-f]{64}$/);
    expect(sourceHash('strategies/atr-breakout')).toBe(sourceHash('strategies/atr-breakout'));
  });
});

describe('stableJson', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(stableJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"e":0,"f":1}]},"b":1}',
    );
  });
});
