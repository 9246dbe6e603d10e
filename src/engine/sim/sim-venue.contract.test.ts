/** SimVenue against the shared Venue contract, with BTC's and SOL's real market facts. */
import { resolve } from 'node:path';
import { runVenueContract } from '../ports/venue.contract.js';
import { normaliseSymbol } from '../symbols.js';
import { loadFactsFromExchangeInfo } from './fixtures/shared-csv.js';
import { SimVenue } from './sim-venue.js';
import { BINANCE_USDM_FEES } from './sim-settings.js';

const EXCHANGE_INFO = resolve(
  import.meta.dirname,
  '../../../data/fixtures/exchange_info/binance_fapi_v1_exchangeInfo_2025-11-26_BTC_ETH_SOL_subset.json',
);

for (const coin of ['BTC', 'SOL']) {
  runVenueContract(`SimVenue (${coin} facts)`, async () => {
    const facts = loadFactsFromExchangeInfo(EXCHANGE_INFO, normaliseSymbol(coin));
    const venue = new SimVenue(facts, { ...BINANCE_USDM_FEES, slippageBps: 2 });
    return { venue, facts, advance: async (c) => venue.processCandle(c) };
  });
}
