/**
 * The harsh behaviours of the fake exchange the matrix runs each cell under: one switch at a
 * time, plus {@link ALL_HARSH} with them all. The clock skew puts the bot's clock 3 s ahead of
 * the exchange's (`clockSkewMs: -3000`); a skew the other way makes the fake claim a server time
 * whose candles it does not serve yet (its candles follow the fake clock).
 *
 * Every cell has `marketFillOnArrival` on, as Binance fills a market order on arrival: without it
 * the fake settles a market entry only when its candle closes yet stamps the trade with that
 * candle's open, before the order even arrived, so no bot could cover it within 10 s.
 */
import { ALL_HARSH, type HarshBehaviours } from '../fake-binance/index.js';

/** A named set of harsh switches. */
export interface MatrixBehaviour {
  readonly name: string;
  readonly harsh: Partial<HarshBehaviours>;
}

/** The skew of the `timestampCheck` cells (ms, server minus bot clock). */
export const SKEW_MS = -3_000;

const BASE = { marketFillOnArrival: true } as const;

/** Every single behaviour (on top of market fills on arrival), in the order of harsh-options.ts. */
export const SINGLE_BEHAVIOURS: readonly MatrixBehaviour[] = [
  { name: 'marketFillOnArrival', harsh: {} },
  { name: 'partialFills', harsh: { partialFills: true } },
  { name: 'marketFillsInTrades', harsh: { marketFillsInTrades: true } },
  { name: 'rejectImmediateTrigger', harsh: { rejectImmediateTrigger: true } },
  { name: 'timestampCheck (bot clock 3 s ahead)', harsh: { timestampCheck: true, clockSkewMs: SKEW_MS } },
  { name: 'lostAnswers', harsh: { lostAnswers: true } },
  { name: 'lostCancelAnswers (every cancel)', harsh: { lostCancelAnswers: true, lostCancelEvery: 1 } },
  { name: 'positionLag', harsh: { positionLag: true } },
  { name: 'lookupLag', harsh: { lookupLag: true } },
  { name: 'openOrdersLag', harsh: { openOrdersLag: true } },
  { name: 'bans', harsh: { bans: true } },
].map((b) => ({ name: b.name, harsh: { ...BASE, ...b.harsh } }));

/** All behaviours at once. */
export const ALL_HARSH_BEHAVIOUR: MatrixBehaviour = {
  name: 'ALL_HARSH',
  harsh: { ...ALL_HARSH, clockSkewMs: SKEW_MS },
};

/** The single behaviours and ALL_HARSH. */
export const ALL_BEHAVIOURS: readonly MatrixBehaviour[] = [...SINGLE_BEHAVIOURS, ALL_HARSH_BEHAVIOUR];
