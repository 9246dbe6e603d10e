/**
 * The loopback fake Binance USDT-M exchange for tests (see `server.ts`). Later issues add
 * endpoint groups (account, positions, orders) as files under `routes/` and pass them as
 * `routes` to {@link startFakeBinance}.
 */
export { startFakeBinance, MARKET_DATA_ROUTES, SUBSET_EXCHANGE_INFO, FULL_EXCHANGE_INFO } from './server.js';
export type { FakeBinance, FakeBinanceOptions, RecordedRequest } from './server.js';
export { FakeClock } from './clock.js';
export { FakeMarketData, loadSampleMarketData, pickWindow } from './market-data.js';
export { REPO_ROOT, SAMPLE_DATA_DIR } from '../repo-paths.js';
export { rateLimited, banned, serverError, hang, malformed, missingRange, delayed } from './faults.js';
export type { Fault, FaultOptions, FaultRule } from './faults.js';
export { binanceError, Router } from './router.js';
export type { FakeContext, FakeReply, FakeRequest, Route, RouteGroup } from './router.js';
