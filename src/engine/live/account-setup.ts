/**
 * Real mode's account checks at start-up, after the guard: what the strategy and the simulator
 * assume about the account is checked or set. The position mode is checked before start-up
 * reconciliation ({@link checkOneWayMode}); the rest runs after it ({@link prepareAccount}), so
 * a position found at start-up has its stop before a refused setting stops the bot.
 *
 * | check | action | failure |
 * |---|---|---|
 * | position mode | read `GET /fapi/v1/positionSide/dual`; one-way required (the venue nets one position per symbol) | hedge mode: exit 78, never switched silently (the setting is account-wide and refused while any position is open) |
 * | margin type | `POST /fapi/v1/marginType` = MARGIN_TYPE (default ISOLATED); -4046 "no need to change" is fine | -4048 (a position or order exists in the other mode): exit 78 |
 * | leverage | `POST /fapi/v1/leverage` = LEVERAGE (default 1) | refused: exit 78 |
 * | margin | `GET /fapi/v2/balance`: when flat, available USDT ≥ ORDER_NOTIONAL_USDT / LEVERAGE | too little: exit 78 |
 *
 * Stop orders trigger on the last price (`workingType=CONTRACT_PRICE`, set per order in
 * binance-orders.ts), the price series the simulator was tested on.
 */
import { ConfigError, TransientError } from '../errors.js';
import type { MarketFacts } from '../types.js';
import { binanceCode, isTransientBinance, parsePosition, type BinanceRest } from '../exchange/binance-orders.js';
import { shortMessage } from '../exchange/ccxt-errors.js';
import type { LiveSettings } from './live-config.js';
import { withRetry, type RetryHooks, type RetryPolicy } from '../exchange/retry.js';

/** What the checks found. */
export interface AccountReport {
  readonly marginType: LiveSettings['MARGIN_TYPE'];
  readonly leverage: number;
  /** Available USDT balance. */
  readonly availableUsdt: number;
}

/** The retrying call of the checks (signed: a Binance code is transient only when listed). */
function caller(retry?: { policy?: RetryPolicy; hooks?: RetryHooks }) {
  return <T>(what: string, fn: () => Promise<T>) =>
    withRetry(what, fn, retry?.policy, { ...retry?.hooks, isTransient: isTransientBinance });
}

/**
 * The position-mode check (see the table above), before anything reads or protects a position:
 * the venue nets one position per symbol.
 * @throws ConfigError (exit 78) in hedge mode; TransientError (75) when the exchange keeps failing.
 */
export async function checkOneWayMode(
  rest: BinanceRest,
  retry?: { policy?: RetryPolicy; hooks?: RetryHooks },
): Promise<void> {
  const dual = (await caller(retry)('GET /fapi/v1/positionSide/dual', () =>
    rest.fapiPrivateGetPositionSideDual({}),
  )) as {
    dualSidePosition?: unknown;
  };
  if (dual.dualSidePosition === true || dual.dualSidePosition === 'true') {
    throw new ConfigError(
      'account is in hedge mode (dualSidePosition=true); coinbot needs one-way mode: switch Binance Futures → Preferences → Position Mode → One-way (no open positions or orders allowed), then start again',
    );
  }
}

/**
 * Sets margin type and leverage for `facts.symbol` and checks the margin (the rest of the table
 * above). Runs after start-up reconciliation, so a refused setting (exit 78, which systemd does
 * not restart) never leaves a position it found without its stop.
 * @throws ConfigError (exit 78) for a margin type that cannot be set, a refused leverage or too
 *   little margin; TransientError (75) when the exchange keeps failing.
 */
export async function prepareAccount(
  rest: BinanceRest,
  facts: MarketFacts,
  settings: LiveSettings,
  notionalUsdt: number,
  retry?: { policy?: RetryPolicy; hooks?: RetryHooks },
): Promise<AccountReport> {
  const call = caller(retry);
  try {
    await call(`POST /fapi/v1/marginType ${settings.MARGIN_TYPE}`, () =>
      rest.fapiPrivatePostMarginType({ symbol: facts.id, marginType: settings.MARGIN_TYPE }),
    );
  } catch (e) {
    const code = binanceCode(e);
    if (code === -4048 || code === -4047) {
      throw new ConfigError(
        `cannot set ${facts.id} margin type to ${settings.MARGIN_TYPE}: a position or open order exists in the other mode (${shortMessage(e, 120)}); close them or set MARGIN_TYPE to the current mode`,
      );
    }
    if (code !== -4046) throw e; // -4046: already in that mode
  }
  try {
    await call(`POST /fapi/v1/leverage ${settings.LEVERAGE}`, () =>
      rest.fapiPrivatePostLeverage({ symbol: facts.id, leverage: settings.LEVERAGE }),
    );
  } catch (e) {
    // Retries used up on a transient answer (its message may carry a code such as -1001) is an
    // outage, not a refusal: exit 75, restarted.
    if (e instanceof TransientError || binanceCode(e) === undefined) throw e;
    throw new ConfigError(
      `Binance refused leverage ${settings.LEVERAGE} for ${facts.id} (${shortMessage(e, 120)}); choose a LEVERAGE the symbol allows`,
    );
  }
  const balances = (await call('GET /fapi/v2/balance', () => rest.fapiPrivateV2GetBalance({}))) as {
    asset?: string;
    availableBalance?: string;
  }[];
  const usdt = Array.isArray(balances) ? balances.find((b) => b.asset === 'USDT') : undefined;
  const availableUsdt = Number(usdt?.availableBalance ?? 0);
  const pos = parsePosition(
    await call('GET /fapi/v2/positionRisk', () => rest.fapiPrivateV2GetPositionRisk({ symbol: facts.id })),
    facts.id,
  );
  const needed = notionalUsdt / settings.LEVERAGE;
  if (pos === null && !(availableUsdt >= needed)) {
    throw new ConfigError(
      `available ${availableUsdt.toFixed(2)} USDT is less than the ${needed.toFixed(2)} USDT margin one entry needs (ORDER_NOTIONAL_USDT ${notionalUsdt} / LEVERAGE ${settings.LEVERAGE}); deposit, lower ORDER_NOTIONAL_USDT or raise LEVERAGE`,
    );
  }
  return { marginType: settings.MARGIN_TYPE, leverage: settings.LEVERAGE, availableUsdt };
}
