/**
 * The backtest input the benches time: a live set (`config/live/<COIN>.env`) over every cached
 * candle of `../shared/data` when present (read straight from its CSVs), else over the bundled
 * sample, with the strategy's warm-up before the window. Reads files; no clock.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnvFile } from '../src/engine/config/env-file.js';
import { resolveParams } from '../src/engine/config/resolve-params.js';
import type { BacktestInput } from '../src/engine/sim/backtest.js';
import {
  loadFactsFromExchangeInfo,
  loadSharedCandles,
  loadSharedFunding,
  loadSharedMark,
} from '../src/engine/sim/fixtures/shared-csv.js';
import { loadCachedInputs } from '../src/engine/sim/load-inputs.js';
import { normaliseSymbol } from '../src/engine/symbols.js';
import { atrBreakout } from '../src/strategies/atr-breakout/atr-breakout.js';
import type { AtrBreakoutParams } from '../src/strategies/atr-breakout/params.js';
import { REPO_ROOT, SAMPLE_DATA_DIR, SHARED_DATA } from '../test-support/repo-paths.js';

/** The live set of `coin` over the longest cached history, and where the candles came from. */
export function liveSetInput(coin: string): {
  input: BacktestInput;
  params: AtrBreakoutParams;
  source: '../shared/data' | 'data/sample';
} {
  const symbol = normaliseSymbol(coin);
  const params = resolveParams(atrBreakout, [
    parseEnvFile(readFileSync(resolve(REPO_ROOT, `config/live/${coin}.env`), 'utf8'), `${coin}.env`),
  ]).params as unknown as AtrBreakoutParams;
  let cached: Omit<BacktestInput, 'params' | 'window' | 'strategy'>;
  if (SHARED_DATA !== undefined) {
    const mark = loadSharedMark(SHARED_DATA, symbol);
    cached = {
      candles: loadSharedCandles(SHARED_DATA, symbol),
      funding: loadSharedFunding(SHARED_DATA, symbol),
      ...(mark ? { mark } : {}),
      facts: loadFactsFromExchangeInfo(
        resolve(SHARED_DATA, 'exchange_info/binance_fapi_v1_exchangeInfo_2025-11-26_BTC_ETH_SOL_subset.json'),
        symbol,
      ),
    };
  } else cached = loadCachedInputs(SAMPLE_DATA_DIR, symbol, '1m');
  const c = cached.candles;
  const window = {
    from: c.ts[atrBreakout.warmupCandles(params)] as number,
    to: (c.ts[c.length - 1] as number) + 60_000,
  };
  return {
    input: { ...cached, strategy: atrBreakout, params, window },
    params,
    source: SHARED_DATA !== undefined ? '../shared/data' : 'data/sample',
  };
}
