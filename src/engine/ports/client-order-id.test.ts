import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CLIENT_ORDER_ID_PATTERN, clientOrderId, legOf, parseClientOrderId } from './client-order-id.js';

describe('client order ids', () => {
  it('are deterministic, short enough for Binance, and parse back', () => {
    const id = clientOrderId('1000SHIB', 1750000000000, 'take_profit');
    expect(id).toBe(clientOrderId('1000SHIB', 1750000000000, 'take_profit'));
    expect(id).toMatch(/^[.A-Za-z0-9:/_-]{1,36}$/);
    expect(parseClientOrderId(id)).toEqual({ base: '1000SHIB', decisionTs: 1750000000000, leg: 'take_profit' });
    expect(legOf(id)).toBe('take_profit');
  });

  it('differ per leg and per decision time', () => {
    const ids = new Set([
      clientOrderId('ETH', 1, 'entry'),
      clientOrderId('ETH', 1, 'stop'),
      clientOrderId('ETH', 2, 'entry'),
      clientOrderId('BTC', 1, 'entry'),
    ]);
    expect(ids.size).toBe(4);
  });

  it('reject ids from other software', () => {
    expect(parseClientOrderId('web_abc123')).toBeNull();
    expect(legOf('web_abc123')).toBeUndefined();
  });
});

describe('parseClientOrderId without a regular expression', () => {
  const chars = fc.constantFrom(...'cb-ABZ09az-e_.'.split(''));
  const near = fc.oneof(
    fc.array(chars, { maxLength: 24 }).map((a) => a.join('')),
    fc
      .tuple(fc.array(chars, { maxLength: 6 }), fc.array(chars, { maxLength: 9 }), chars)
      .map(([b, t, l]) => `cb-${b.join('')}-${t.join('')}-${l}`),
  );

  it('accepts exactly the ids the pattern matches, with the same parts', () => {
    fc.assert(
      fc.property(near, (id) => {
        const m = CLIENT_ORDER_ID_PATTERN.exec(id);
        const p = parseClientOrderId(id);
        if (m === null) expect(p).toBeNull();
        else if (p !== null) expect([p.base, p.decisionTs]).toEqual([m[1], parseInt(m[2] as string, 36)]);
        else expect(legOf(id)).toBeUndefined();
      }),
      { numRuns: 3000 },
    );
  });
});
