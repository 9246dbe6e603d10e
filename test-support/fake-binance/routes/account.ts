/**
 * Account endpoints of the fake: `GET /fapi/v2/balance`, `GET /fapi/v2/positionRisk`,
 * `GET|POST /fapi/v1/positionSide/dual`, `POST /fapi/v1/marginType`, `POST /fapi/v1/leverage`.
 * Shapes follow Binance's documented responses (fields coinbot does not read are included with
 * plausible values so ccxt's parsers are happy).
 */
import { binanceError, type FakeReply, type RouteGroup } from '../router.js';
import { readPosition } from '../position-lag.js';
import { dec, isErrorReply, privateCall, required } from './private-request.js';

const OK: FakeReply = { status: 200, json: { code: 200, msg: 'success' } };

/** The account endpoint group. */
export const accountRoutes: RouteGroup = [
  {
    method: 'GET',
    path: '/fapi/v2/balance',
    handle: (req, ctx) => {
      const c = privateCall(req, ctx);
      if (isErrorReply(c)) return c;
      const balance = c.book.walletUsdt + c.book.realised();
      return {
        status: 200,
        json: [
          {
            accountAlias: 'SgsR',
            asset: 'USDT',
            balance: dec(balance),
            crossWalletBalance: dec(balance),
            crossUnPnl: '0',
            availableBalance: dec(balance),
            maxWithdrawAmount: dec(balance),
            marginAvailable: true,
            updateTime: c.now,
          },
        ],
      };
    },
  },
  {
    method: 'GET',
    path: '/fapi/v2/positionRisk',
    handle: (req, ctx) => {
      const c = privateCall(req, ctx);
      if (isErrorReply(c)) return c;
      const symbol = c.params.get('symbol');
      const symbols = symbol !== null ? [symbol] : ctx.data.marketIds();
      return {
        status: 200,
        json: symbols.map((s) => {
          const p = readPosition(ctx, c.book, s);
          const set = c.book.settings(s);
          const mark = ctx.data.closeAt(s, c.now - 60_000) ?? p.entryPrice;
          return {
            symbol: s,
            positionAmt: dec(p.amount),
            entryPrice: dec(p.entryPrice),
            breakEvenPrice: dec(p.entryPrice),
            markPrice: dec(mark),
            unRealizedProfit: dec(p.amount * (mark - p.entryPrice)),
            liquidationPrice: '0',
            leverage: String(set.leverage),
            maxNotionalValue: '1000000',
            marginType: set.marginType,
            isolatedMargin: '0',
            isAutoAddMargin: 'false',
            positionSide: 'BOTH',
            notional: dec(p.amount * mark),
            isolatedWallet: '0',
            updateTime: c.now,
          };
        }),
      };
    },
  },
  {
    method: 'GET',
    path: '/fapi/v1/positionSide/dual',
    handle: (req, ctx) => {
      const c = privateCall(req, ctx);
      return isErrorReply(c) ? c : { status: 200, json: { dualSidePosition: c.book.dualSidePosition } };
    },
  },
  {
    method: 'POST',
    path: '/fapi/v1/positionSide/dual',
    handle: (req, ctx) => {
      const c = privateCall(req, ctx);
      if (isErrorReply(c)) return c;
      const want = c.params.get('dualSidePosition') === 'true';
      if (want === c.book.dualSidePosition) return binanceError(400, -4059, 'No need to change position side.');
      c.book.dualSidePosition = want;
      return OK;
    },
  },
  {
    method: 'POST',
    path: '/fapi/v1/marginType',
    handle: (req, ctx) => {
      const c = privateCall(req, ctx);
      if (isErrorReply(c)) return c;
      const symbol = required(c.params, 'symbol');
      const type = required(c.params, 'marginType');
      if (typeof symbol !== 'string') return symbol;
      if (typeof type !== 'string') return type;
      if (type !== 'ISOLATED' && type !== 'CROSSED') return binanceError(400, -1116, 'Invalid marginType.');
      const set = c.book.settings(symbol);
      const want = type === 'ISOLATED' ? 'isolated' : 'cross';
      if (set.marginType === want) return binanceError(400, -4046, 'No need to change margin type.');
      if (c.book.position(symbol).amount !== 0 || c.book.openOrders(symbol).length > 0) {
        return binanceError(400, -4048, 'Margin type cannot be changed if there exists position.');
      }
      set.marginType = want;
      return OK;
    },
  },
  {
    method: 'POST',
    path: '/fapi/v1/leverage',
    handle: (req, ctx) => {
      const c = privateCall(req, ctx);
      if (isErrorReply(c)) return c;
      const symbol = required(c.params, 'symbol');
      const lev = required(c.params, 'leverage');
      if (typeof symbol !== 'string') return symbol;
      if (typeof lev !== 'string') return lev;
      const n = Number(lev);
      if (!Number.isInteger(n) || n < 1 || n > 125) return binanceError(400, -4028, `Leverage ${lev} is not valid`);
      c.book.settings(symbol).leverage = n;
      return { status: 200, json: { leverage: n, maxNotionalValue: '1000000', symbol } };
    },
  },
];
