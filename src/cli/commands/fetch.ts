/**
 * `coinbot fetch --symbol ETH --since 2025-06-20 [--until ...] [--timeframe 1m] [--data-dir D]
 * [--exchange-url URL | --testnet] [--json]` (`--since cached`: incremental, see fetch-cached.ts): downloads closed candles, funding events and market facts of
 * Binance USDT-M perpetuals into the cache, through the guarded `binanceusdm` (see
 * `engine/exchange/fetch-history.ts`). Resumable: rerun the same command after any interruption.
 *
 * Exit codes: 0 done (gaps on the exchange side are reported, not errors); 2 bad argument;
 * 65 the exchange sent invalid candles; 75 (EX_TEMPFAIL) the exchange or network kept failing
 * after retries (rerun later; fetch resumes); 78 (EX_CONFIG) wrong exchange setup or a symbol
 * that is not a USDT-M perpetual.
 */
import type { CommandModule } from 'yargs';
import { DEFAULT_DATA_DIR } from '../../engine/data/cache-layout.js';
import { checkTestnetFlags, createExchange, resolveExchangeUrl } from '../../engine/exchange/exchange-factory.js';
import { fetchHistory, type FetchProgress, type FetchSummary } from '../../engine/exchange/fetch-history.js';
import { runStartupGuard } from '../../engine/exchange/guard.js';
import { shortMessage } from '../../engine/exchange/ccxt-errors.js';
import { normaliseSymbol } from '../../engine/symbols.js';
import { formatInstant, formatRange, makeRange, parseInstant, timeframeMs } from '../../engine/time.js';
import { note, say, sayJson } from '../output.js';
import { SINCE_CACHED, sinceFor, stopAtFirstBan } from './fetch-cached.js';
import { retryPolicyOf, withNetworkOptions, type NetworkArgs } from '../network-options.js';

interface Args extends NetworkArgs {
  symbol: string[];
  since: string;
  until?: string;
  timeframe: string;
  'data-dir': string;
  'exchange-url'?: string;
  testnet: boolean;
  funding: boolean;
  json: boolean;
  'page-size'?: number;
}

function summaryLine(s: FetchSummary, elapsedMs: number): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const gaps = s.gaps.length === 0 ? '' : ` (${s.gaps.length} gap(s), first at ${formatInstant(s.gaps[0]?.from ?? 0)})`;
  const funding =
    s.funding === undefined
      ? 'funding skipped'
      : `funding ${n(s.funding.added)} added (${n(s.funding.events)} in range)`;
  return `${s.symbol} ${s.timeframe} ${formatRange(s.range)}: ${n(s.added)} candles added, ${n(s.alreadyCached)} already cached, ${n(s.missing)} missing on the exchange${gaps}; ${funding}; market facts as of ${formatInstant(s.marketFacts.asOf)}; ${s.requests} requests, ${s.retries} retries, ${(elapsedMs / 1000).toFixed(1)} s`;
}

function jsonOf(s: FetchSummary, elapsedMs: number) {
  return {
    ...s,
    funding: s.funding ?? null,
    from: formatInstant(s.range.from),
    to: formatInstant(s.range.to),
    serverTimeIso: formatInstant(s.serverTime),
    gaps: s.gaps.map((g) => ({ ...g, fromIso: formatInstant(g.from), toIso: formatInstant(g.to) })),
    elapsedMs: Math.round(elapsedMs),
  };
}

/** A progress bar on a TTY (stderr), nothing otherwise. cli-progress is loaded only when shown. */
async function progressBar(show: boolean, label: string): Promise<{ update(p: FetchProgress): void; stop(): void }> {
  if (!show) return { update: () => undefined, stop: () => undefined };
  const mod = await import('cli-progress');
  const cp = (mod as unknown as { default?: typeof mod }).default ?? mod;
  const bar = new cp.SingleBar(
    { format: `${label} [{bar}] {percentage}% {value}/{total} candles`, stream: process.stderr, hideCursor: true },
    cp.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (p) => {
      if (!started) {
        bar.start(p.total, p.done);
        started = true;
      } else bar.update(p.done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

/** The `fetch` command module (see the file header for exit codes). */
export const fetchCommand: CommandModule<object, Args> = {
  command: 'fetch',
  describe: 'Download closed candles, funding events and market facts from Binance USDT-M into the cache (resumable)',
  builder: (y) =>
    withNetworkOptions(y)
      .option('symbol', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'coin(s), e.g. ETH or BTC/USDT:USDT; several: --symbol BTC ETH or BTC,ETH',
      })
      .option('since', {
        type: 'string',
        demandOption: true,
        describe:
          "first candle: date (00:00Z), ISO with Z/offset, or epoch ms; 'cached': from each symbol's last cached candle, stopping at the first 418/429",
      })
      .option('until', {
        type: 'string',
        describe: 'end, exclusive (default: now by the exchange clock; the forming candle is never stored)',
      })
      .option('timeframe', { type: 'string', default: '1m' })
      .option('data-dir', {
        type: 'string',
        default: DEFAULT_DATA_DIR,
        describe: 'data directory (cache in <dir>/cache)',
      })
      .option('exchange-url', {
        type: 'string',
        describe: 'base URL replacing https://fapi.binance.com (testnet, proxy, local fake); or COINBOT_EXCHANGE_URL',
      })
      .option('testnet', {
        type: 'boolean',
        default: false,
        describe:
          'Binance USDT-M futures demo trading (demo-fapi.binance.com, ccxt enableDemoTrading); not with --exchange-url',
      })
      .option('funding', {
        type: 'boolean',
        default: true,
        describe: 'also fetch funding events (--no-funding to skip)',
      })
      .option('json', { type: 'boolean', default: false, describe: 'print the summary as JSON' })
      .option('page-size', { type: 'number', group: 'Network:', describe: 'candles per request (max 1500)' })
      .example(
        '$0 fetch --symbol ETH --since 2025-06-20',
        'ETH 1m candles and funding since 2025-06-20 up to the last closed minute',
      ) as never,
  handler: async (args) => {
    const symbols = [
      ...new Set(
        args.symbol
          .flatMap((s) => String(s).split(','))
          .filter((s) => s.trim() !== '')
          .map((s) => normaliseSymbol(s)),
      ),
    ];
    const cached = args.since === SINCE_CACHED;
    const until = args.until === undefined ? undefined : parseInstant(args.until, '--until');
    const since = cached ? undefined : parseInstant(args.since, '--since');
    if (since !== undefined && until !== undefined) makeRange(since, until, '--since/--until');
    timeframeMs(args.timeframe);
    const retry = retryPolicyOf(args);
    const exchangeUrl = resolveExchangeUrl(args['exchange-url']);
    checkTestnetFlags(args.testnet, exchangeUrl);
    const ex = await createExchange({
      exchangeUrl,
      testnet: args.testnet,
      timeoutMs: args['timeout-ms'],
      rateLimitMs: args['rate-limit-ms'],
    });
    const noteRetry = (e: { what: string; attempt: number; delayMs: number; error: unknown }) =>
      note(`retry ${e.attempt}/${retry.attempts - 1} of ${e.what} in ${e.delayMs} ms: ${shortMessage(e.error, 160)}`);
    const onRetry = cached ? stopAtFirstBan(noteRetry) : noteRetry;
    const markets = await runStartupGuard(ex, symbols, { retry, hooks: { onRetry } });
    const out: ReturnType<typeof jsonOf>[] = [];
    for (const market of markets) {
      const t0 = performance.now();
      const bar = await progressBar(!args.json && process.stderr.isTTY === true, market.symbol);
      let summary: FetchSummary;
      try {
        summary = await fetchHistory(ex, market, {
          dataDir: args['data-dir'],
          timeframe: args.timeframe,
          since: since ?? sinceFor(args.since, args['data-dir'], market.symbol, args.timeframe),
          until,
          pageSize: args['page-size'],
          funding: args.funding,
          retry,
          hooks: { onRetry },
          onProgress: (p) => bar.update(p),
        });
      } finally {
        bar.stop();
      }
      const elapsed = performance.now() - t0;
      if (args.json) out.push(jsonOf(summary, elapsed));
      else say(summaryLine(summary, elapsed));
    }
    if (args.json) sayJson(out);
  },
};
