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
export type { FakeAlgoOrder, FakeOrder, FakeTrade } from './book-types.js';
export type { FakeBinance, FakeBinanceOptions, RecordedRequest } from './server.js';
export { FakeClock } from './clock.js';
export { FollowingClock } from './following-clock.js';
export { FakeMarketData, loadSampleMarketData, pickWindow } from './market-data.js';
export { REPO_ROOT, SAMPLE_DATA_DIR } from '../repo-paths.js';
export {
  rateLimited,
  banned,
  serverError,
  hang,
  malformed,
  missingRange,
  delayed,
  lostAnswer,
  timeoutAfterBooking,
} from './faults.js';
export { ALL_HARSH, NO_HARSH, HarshSettings } from './harsh-options.js';
export type { HarshBehaviours } from './harsh-options.js';
export { UNPROTECTED_LIMIT_MS } from './rule-checker.js';
export type { Violation } from './rule-checker.js';
export { ORDER_POST_PATHS, TIMEOUT_1007 } from './harsh-gate.js';
export type { Fault, FaultOptions, FaultRule } from './faults.js';
export { binanceError, Router } from './router.js';
export type { FakeContext, FakeReply, FakeRequest, Route, RouteGroup } from './router.js';
