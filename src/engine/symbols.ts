/**
 * The one symbol normaliser. coinbot trades Binance USDT-M linear perpetuals only, whose ccxt
 * unified symbol is `BASE/USDT:USDT`. Every command, config file and cache path goes through
 * {@link normaliseSymbol}; nothing else parses symbols.
 */
import { UsageError } from './errors.js';

/** A normalised ccxt unified symbol of a USDT-M linear perpetual, e.g. `BTC/USDT:USDT`. */
export type PerpSymbol = string & { readonly __perp: unique symbol };

const BASE = /^[A-Z0-9]{2,20}$/;
const OTHER_QUOTES = ['BUSD', 'USDC', 'FDUSD', 'TUSD', 'USD', 'BTC', 'ETH', 'BNB', 'EUR'];

function fail(input: string, why: string): never {
  throw new UsageError(`symbol '${input}': ${why}`);
}

function checkBase(input: string, base: string): string {
  if (!BASE.test(base) || base === 'USDT') {
    fail(input, `'${base}' is not a coin name; write e.g. BTC, BTCUSDT or BTC/USDT:USDT`);
  }
  return base;
}

function checkQuote(input: string, quote: string): void {
  if (quote !== 'USDT') {
    fail(input, `quote '${quote}' is not USDT: coinbot trades USDT-M linear perpetuals only (write BASE/USDT:USDT)`);
  }
}

/**
 * Normalises any common spelling of a USDT-M perpetual to `BASE/USDT:USDT`.
 *
 * Accepts `BTCUSDT`, `btcusdt`, `BTC/USDT`, `BTC-USDT`, `BTC_USDT`, `btc`, ` BTC `,
 * `BTC/USDT:USDT`. Refuses other quotes (`BTC/BUSD`), inverse contracts (`BTC/USD:BTC`), dated
 * futures (`BTC/USDT:USDT-250926`, `BTCUSDT_250926`), empty and garbage input.
 * @throws UsageError (exit 2) with a one-line reason and the accepted forms.
 * @example normaliseSymbol('eth-usdt') // 'ETH/USDT:USDT'
 */
export function normaliseSymbol(input: string): PerpSymbol {
  const s = String(input ?? '')
    .trim()
    .toUpperCase();
  if (s === '') fail(String(input), 'empty; write e.g. BTC, BTCUSDT or BTC/USDT:USDT');

  if (s.includes(':')) {
    const m = /^([^/:]+)\/([^/:]+):([^/:]+)$/.exec(s);
    if (!m) fail(input, 'not of the form BASE/QUOTE:SETTLE; write e.g. BTC/USDT:USDT');
    const [, base = '', quote = '', settleAndExpiry = ''] = m;
    const [settle = '', expiry] = settleAndExpiry.split('-');
    if (expiry !== undefined)
      fail(input, `a dated future (expiry ${expiry}); coinbot trades perpetuals only: write ${base}/USDT:USDT`);
    if (settle !== quote)
      fail(
        input,
        `settled in ${settle}, quoted in ${quote}: an inverse contract; coinbot trades USDT-M linear perpetuals only`,
      );
    checkQuote(input, quote);
    return `${checkBase(input, base)}/USDT:USDT` as PerpSymbol;
  }

  const parts = s.split(/[/_-]/);
  if (parts.length === 2) {
    const [base = '', second = ''] = parts;
    if (/^\d{6}$/.test(second)) fail(input, `a dated future (expiry ${second}); coinbot trades perpetuals only`);
    checkQuote(input, second);
    return `${checkBase(input, base)}/USDT:USDT` as PerpSymbol;
  }
  if (parts.length !== 1) fail(input, 'too many separators; write e.g. BTC, BTCUSDT or BTC/USDT:USDT');

  if (s.endsWith('USDT') && s.length > 4) return `${checkBase(input, s.slice(0, -4))}/USDT:USDT` as PerpSymbol;
  for (const q of OTHER_QUOTES) {
    if (s.endsWith(q) && s.length > q.length + 1 && BASE.test(s.slice(0, -q.length))) {
      fail(
        input,
        `quote '${q}' is not USDT: coinbot trades USDT-M linear perpetuals only (write ${s.slice(0, -q.length)}/USDT:USDT)`,
      );
    }
  }
  return `${checkBase(input, s)}/USDT:USDT` as PerpSymbol;
}

/** The Binance market id of a normalised symbol: `BTC/USDT:USDT` → `BTCUSDT`. Used for cache paths. */
export function marketIdOf(symbol: PerpSymbol): string {
  return `${baseOf(symbol)}USDT`;
}

/** The base coin of a normalised symbol: `BTC/USDT:USDT` → `BTC`. */
export function baseOf(symbol: PerpSymbol): string {
  return symbol.slice(0, symbol.indexOf('/'));
}
