import { describe, expect, it } from 'vitest';
import { TransientError } from '../errors.js';
import { parseAlgoOrder, parseOrder, parsePosition, parseTrades } from './binance-orders.js';
import { ExchangeResponseError, toHarnessError } from './ccxt-errors.js';

describe('parsers of order replies', () => {
  it.each([
    ['an order reply that is null', () => parseOrder(null)],
    ['an order reply without a status', () => parseOrder({ clientOrderId: 'x' })],
    ['a proxy page instead of an order', () => parseOrder('<html>502</html>')],
    ['an algo reply without clientAlgoId', () => parseAlgoOrder({ algoStatus: 'NEW' })],
    ['a positionRisk reply that is an object', () => parsePosition({}, 'ETHUSDT')],
    ['a positionRisk row that is null', () => parsePosition([null], 'ETHUSDT')],
    ['a userTrades reply that is a string', () => parseTrades('oops')],
  ])('throws ExchangeResponseError (transient, exit 75) for %s', (_what, parse) => {
    expect(parse).toThrow(ExchangeResponseError);
    let caught: unknown;
    try {
      parse();
    } catch (e) {
      caught = e;
    }
    const mapped = toHarnessError(caught, 'GET /fapi/v1/order');
    expect(mapped).toBeInstanceOf(TransientError);
    expect((mapped as TransientError).exitCode).toBe(75);
  });

  it('still parses a well-formed order', () => {
    const o = parseOrder({ clientOrderId: 'c1', orderId: 7, status: 'FILLED', executedQty: '0.1', avgPrice: '2500' });
    expect(o).toMatchObject({
      clientOrderId: 'c1',
      exchangeId: '7',
      status: 'filled',
      filled: 0.1,
      averagePrice: 2500,
    });
  });
});
