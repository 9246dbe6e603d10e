/**
 * The records of the fake's trading book: regular orders, conditional (algo) orders, trades, per
 * symbol settings and refusals. Prices in USDT, quantities in base units, times in ms exchange time.
 */
/** A regular order as Binance reports it (numbers kept as numbers; routes format them). */
export interface FakeOrder {
  readonly orderId: number;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: 'BUY' | 'SELL';
  readonly type: 'MARKET' | 'LIMIT';
  readonly origQty: number;
  readonly price: number;
  readonly reduceOnly: boolean;
  readonly time: number;
  /** First candle open time the order takes part in. */
  readonly from: number;
  readonly marketable: boolean;
  status: 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'EXPIRED';
  executedQty: number;
  avgPrice: number;
  updateTime: number;
}

/** A conditional (algo) order. */
export interface FakeAlgoOrder {
  readonly algoId: number;
  readonly clientAlgoId: string;
  readonly symbol: string;
  readonly side: 'BUY' | 'SELL';
  readonly orderType: 'STOP_MARKET' | 'TAKE_PROFIT_MARKET';
  readonly quantity: number;
  readonly triggerPrice: number;
  readonly workingType: string;
  readonly reduceOnly: boolean;
  /** Closes the whole position when it triggers (no quantity; `quantity` is 0). */
  readonly closePosition: boolean;
  readonly createTime: number;
  readonly from: number;
  algoStatus: 'NEW' | 'CANCELED' | 'FINISHED' | 'EXPIRED';
  actualOrderId: string;
  actualPrice: number;
  updateTime: number;
}

/** One execution (`/fapi/v1/userTrades`). */
export interface FakeTrade {
  readonly id: number;
  readonly orderId: number;
  readonly symbol: string;
  readonly side: 'BUY' | 'SELL';
  readonly price: number;
  readonly qty: number;
  readonly commission: number;
  readonly realizedPnl: number;
  readonly time: number;
  /**
   * Fake time (ms) at which the trade became visible to the client: the fake matches resting
   * orders candle by candle once a candle has closed, so a fill stamped at a candle's open is
   * only visible after its close (on Binance it would be visible at once).
   */
  readonly visibleAt: number;
  readonly maker: boolean;
}

/** Per-symbol account settings. */
export interface SymbolSettings {
  leverage: number;
  marginType: 'cross' | 'isolated';
}

/** Why an order was refused: Binance code and message. */
export interface Refusal {
  readonly code: number;
  readonly msg: string;
}

/** True while a regular order can still fill (NEW or PARTIALLY_FILLED). */
export function isOpenOrder(o: FakeOrder): boolean {
  return o.status === 'NEW' || o.status === 'PARTIALLY_FILLED';
}
