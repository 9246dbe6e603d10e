/**
 * A loopback fake of Binance USDT-M futures for tests: an HTTP server on 127.0.0.1 (port 0) that
 * the real `ccxt.binanceusdm` talks to through coinbot's `--exchange-url` override. It records
 * every request, applies injected faults before routing, and answers from real data.
 *
 * @example
 * const fake = await startFakeBinance();            // BTC/ETH/SOL 1m from data/sample
 * fake.inject('/fapi/v1/klines', rateLimited(1), { times: 2 });
 * fake.clock.set(Date.UTC(2025, 5, 24));
 * // ... run ccxt with exchange URL fake.url ...
 * expect(fake.paths()).toEqual(['/fapi/v1/exchangeInfo', ...]);
 * await fake.close();
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeClock } from './clock.js';
import { FaultBook, type Fault, type FaultOptions, type FaultRule } from './faults.js';
import { EXCHANGE_INFO_SUBSET, REPO_ROOT } from '../repo-paths.js';
import { FakeMarketData, loadSampleMarketData } from './market-data.js';
import { Router, type FakeContext, type FakeReply, type FakeRequest, type RouteGroup } from './router.js';
import { exchangeInfoRoutes } from './routes/exchange-info.js';
import { fundingRateRoutes } from './routes/funding-rate.js';
import { generalRoutes } from './routes/general.js';
import { klinesRoutes } from './routes/klines.js';
import { accountRoutes } from './routes/account.js';
import { algoOrderRoutes } from './routes/algo-orders.js';
import { orderRoutes } from './routes/orders.js';
import { bookOf } from './routes/private-request.js';
import type { FakeTrade, TradingBook } from './trading-book.js';
import { HARSH_KEY, HarshSettings, type HarshBehaviours } from './harsh-options.js';
import { HarshGate, TIMEOUT_1007 } from './harsh-gate.js';
import type { Violation } from './rule-checker.js';

/** The committed exchangeInfo capture with BTCUSDT, ETHUSDT and SOLUSDT. */
export const SUBSET_EXCHANGE_INFO = EXCHANGE_INFO_SUBSET;
/** The full 647-symbol capture, present only when `../shared/data` is. */
export const FULL_EXCHANGE_INFO = resolve(
  REPO_ROOT,
  '../shared/data/exchange_info/binance_fapi_v1_exchangeInfo_2025-11-26_full.json',
);

/** The market-data endpoint groups every fake serves. */
export const MARKET_DATA_ROUTES: readonly RouteGroup[] = [
  generalRoutes,
  exchangeInfoRoutes,
  klinesRoutes,
  fundingRateRoutes,
];

/**
 * The signed endpoint groups every fake serves too: account and positions, orders, conditional
 * (algo) orders, matched against the served candles by `trading-book.ts`.
 */
export const TRADING_ROUTES: readonly RouteGroup[] = [accountRoutes, orderRoutes, algoOrderRoutes];

/** Options of {@link startFakeBinance}. */
export interface FakeBinanceOptions {
  /** Served data (default: BTC/ETH/SOL 1m candles of `data/sample` plus real funding). */
  readonly data?: FakeMarketData;
  /** `'subset'` (default), `'full'`, or a document (object or JSON text) to serve as exchangeInfo. */
  readonly exchangeInfo?: 'subset' | 'full' | string | object;
  /** Initial fake time, ms UTC (default: 30 s into the newest served candle, which is thus forming). */
  readonly now?: number;
  /** TCP port on 127.0.0.1 (default 0: the OS picks one; scripts/fake-exchange.ts sets a fixed one). */
  readonly port?: number;
  /** Latency added to every answer, ms (default 0). */
  readonly latencyMs?: number;
  /** Extra endpoint groups (later: account, positions, orders), matched after the market-data ones. */
  readonly routes?: readonly RouteGroup[];
  /** Harsh behaviours switched on from the start (default: all off; see harsh-options.ts). */
  readonly harsh?: Partial<HarshBehaviours>;
  /** Called for every request after it is recorded (e.g. to kill a client mid-fetch). */
  readonly onRequest?: (req: RecordedRequest, index: number) => void;
}

/** A request as recorded by the fake. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** The query and the form-encoded body merged (ccxt signs POST parameters in the body). */
  readonly params: Readonly<Record<string, string>>;
  /** Fake-clock time when it arrived. */
  readonly at: number;
  /** The fault applied, if any. */
  readonly fault?: Fault['kind'];
  /** Status answered (undefined for a hang). */
  status?: number;
}

/** A running fake exchange. */
export interface FakeBinance {
  /** Base URL, `http://127.0.0.1:<port>`: pass it as `--exchange-url`. */
  readonly url: string;
  readonly port: number;
  readonly clock: FakeClock;
  readonly data: FakeMarketData;
  /** The account: positions, orders, conditional orders, trades (settled lazily on requests). */
  readonly book: TradingBook;
  /** Every request in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /** The distinct paths called, in first-call order. */
  paths(): string[];
  /** Requests to one path. */
  requestsTo(path: string): RecordedRequest[];
  /** Injects a fault on `path` for the next `opts.times` (default 1) matching requests. */
  inject(path: string, fault: Fault, opts?: FaultOptions): FaultRule;
  /** Removes every injected fault. */
  clearFaults(): void;
  /** Forgets the recorded requests. */
  clearRequests(): void;
  /** The harsh behaviours in force. */
  harsh(): HarshBehaviours;
  /** Changes some harsh behaviours at run time, keeping the others. */
  setHarsh(patch: Partial<HarshBehaviours>): void;
  /** Bans the IP for `seconds` of fake-clock time: every path answers `status` with `Retry-After`. */
  ban(seconds: number, status?: 418 | 429): void;
  /** Lifts a ban. */
  unban(): void;
  /** Requests that arrived during a ban. */
  requestsDuringBan(): number;
  /**
   * The next `n` (default 1) requests to `path` take effect but their answer is lost: dropped
   * (`'drop'`, default) or HTTP 408 -1007 (`'timeout'`).
   */
  loseNext(path: string, n?: number, kind?: 'drop' | 'timeout'): FaultRule;
  /** Safety-rule violations found in the book so far (settles the book to the fake clock first). */
  violations(): Violation[];
  /** Throws an Error listing the violations, if any. */
  assertNoViolations(): void;
  /** The account's executions (`/fapi/v1/userTrades`), in execution order. */
  trades(): readonly FakeTrade[];
  /** Stops listening and destroys every connection (including hung ones). */
  close(): Promise<void>;
}

function exchangeInfoText(opt: FakeBinanceOptions['exchangeInfo']): string {
  if (opt === undefined || opt === 'subset') return readFileSync(SUBSET_EXCHANGE_INFO, 'utf8');
  if (opt === 'full') return readFileSync(FULL_EXCHANGE_INFO, 'utf8');
  return typeof opt === 'string' ? opt : JSON.stringify(opt);
}

function faultReply(fault: Fault): FakeReply | undefined {
  switch (fault.kind) {
    case 'status': {
      const headers: Record<string, string> =
        fault.retryAfterS === undefined ? {} : { 'retry-after': String(fault.retryAfterS) };
      if (fault.status === 429)
        return {
          status: 429,
          headers,
          json: {
            code: -1003,
            msg: 'Too many requests; current limit is 2400 requests per minute. Please use the websocket for live updates to avoid polling the API.',
          },
        };
      if (fault.status === 418)
        return {
          status: 418,
          headers,
          json: {
            code: -1003,
            msg: 'Way too many requests; IP banned until further notice. Please use the websocket for live updates to avoid bans.',
          },
        };
      return {
        status: fault.status,
        headers,
        raw: `<html><body><h1>${fault.status} Service Unavailable</h1></body></html>`,
      };
    }
    case 'malformed':
      return { status: 200, raw: '[[1750500000000,"2440.1","2441.0"', headers: { 'content-type': 'application/json' } };
    case 'empty':
      return { status: 200, json: [] };
    default:
      return undefined;
  }
}

function send(res: ServerResponse, reply: FakeReply): void {
  const body = reply.raw ?? JSON.stringify(reply.json ?? null);
  res.writeHead(reply.status, {
    'content-type': 'application/json',
    ...reply.headers,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

/**
 * Starts a fake on 127.0.0.1 with an OS-assigned port. Side effect: a listening socket until
 * {@link FakeBinance.close}.
 */
// Over 80 lines: the fake's routes and socket lifecycle in one closure over the fake's state.
export async function startFakeBinance(opts: FakeBinanceOptions = {}): Promise<FakeBinance> {
  const data = opts.data ?? loadSampleMarketData();
  const last = data.lastOpenTime();
  const clock = new FakeClock(opts.now ?? (last === undefined ? Date.UTC(2025, 5, 24) : last + 30_000));
  const ctx: FakeContext = { clock, data, exchangeInfoText: exchangeInfoText(opts.exchangeInfo), state: new Map() };
  const harsh = new HarshSettings(opts.harsh);
  ctx.state.set(HARSH_KEY, harsh);
  const gate = new HarshGate(harsh, clock);
  const book = bookOf(ctx);
  const router = new Router([...MARKET_DATA_ROUTES, ...TRADING_ROUTES, ...(opts.routes ?? [])]);
  const faults = new FaultBook();
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = await readBody(req);
      const params = new URLSearchParams(url.searchParams);
      for (const [k, v] of new URLSearchParams(body)) params.set(k, v);
      const fault = faults.take(url.pathname, params);
      const rec: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        params: Object.fromEntries(params),
        at: clock.now(),
        ...(fault === undefined ? {} : { fault: fault.kind }),
      };
      requests.push(rec);
      opts.onRequest?.(rec, requests.length - 1);
      if (fault?.kind === 'hang') return;
      const request: FakeRequest = {
        method: rec.method,
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
      };
      const answer = () => {
        let reply = gate.admit() ?? (fault === undefined ? undefined : faultReply(fault));
        if (reply === undefined) {
          const route = router.match(rec.method, url.pathname);
          reply =
            route === undefined
              ? {
                  status: 404,
                  raw: `<html><body>fake binance: no route for ${rec.method} ${url.pathname}</body></html>`,
                }
              : route.handle(request, ctx);
        }
        book.rules.evaluate(book, clock.now());
        const loss = fault?.kind === 'lost' ? 'drop' : gate.loss(rec.method, rec.path, reply.status);
        if (fault?.kind === 'lost-timeout' || loss === 'timeout') reply = TIMEOUT_1007;
        rec.status = reply.status;
        gate.noteReply(reply);
        if (loss === 'drop') res.destroy();
        else if (!res.destroyed) send(res, reply);
      };
      const wait = (opts.latencyMs ?? 0) + (fault?.kind === 'delay' ? fault.ms : 0);
      if (wait > 0) later(wait, answer);
      else answer();
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    clock,
    data,
    book,
    requests,
    paths: () => [...new Set(requests.map((r) => r.path))],
    requestsTo: (path) => requests.filter((r) => r.path === path),
    inject: (path, fault, o) => faults.add(path, fault, o),
    clearFaults: () => faults.clear(),
    harsh: () => harsh.current,
    setHarsh: (patch) => harsh.set(patch),
    ban: (seconds, status) => gate.ban(seconds, status),
    unban: () => gate.unban(),
    requestsDuringBan: () => gate.requestsDuringBan,
    loseNext: (path, n = 1, kind = 'drop') =>
      faults.add(path, kind === 'drop' ? { kind: 'lost' } : { kind: 'lost-timeout' }, { times: n }),
    violations: () => {
      book.catchUp(clock.now());
      return book.rules.violations();
    },
    assertNoViolations: () => {
      book.catchUp(clock.now());
      const v = book.rules.violations();
      if (v.length > 0) throw new Error(`fake exchange: ${v.length} rule violation(s):\n${JSON.stringify(v, null, 1)}`);
    },
    trades: () => book.trades,
    clearRequests: () => {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
