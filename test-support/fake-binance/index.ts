/**
 * The loopback fake Binance USDT-M exchange for tests (see `server.ts`): market data, plus an
 * account with positions, orders and conditional (algo) orders matched against the served
 * candles (`trading-book.ts`). Further endpoint groups are files under `routes/`.
 */
export { useFakeBinance } from './use-fake-binance.js';
export {
  startFakeBinance,
  MARKET_DATA_ROUTES,
  TRADING_ROUTES,
  SUBSET_EXCHANGE_INFO,
  FULL_EXCHANGE_INFO,
} from './server.js';
export { TradingBook } from './trading-book.js';
export type { FakeAlgoOrder, FakeOrder, FakeTrade } from './trading-book.js';
export type { FakeBinance, FakeBinanceOptions, RecordedRequest } from './server.js';
export { FakeClock } from './clock.js';
export { FollowingClock } from './following-clock.js';
export { FakeMarketData, loadSampleMarketData, pickWindow } from './market-data.js';
export { REPO_ROOT, SAMPLE_DATA_DIR } from '../repo-paths.js';
export { rateLimited, banned, serverError, hang, malformed, missingRange, delayed, lostAnswer } from './faults.js';
export type { Fault, FaultOptions, FaultRule } from './faults.js';
export { binanceError, Router } from './router.js';
export type { FakeContext, FakeReply, FakeRequest, Route, RouteGroup } from './router.js';
