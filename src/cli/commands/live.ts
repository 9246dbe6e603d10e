/**
 * `coinbot live --symbol ETH [--mode paper|real] [--data-dir DIR] [--exchange-url URL | --testnet]
 * [--params FILE]`: the live trader, one process per symbol (systemd `coinbot@ETH`). Paper by
 * default: live candles, simulated fills (the backtest's venue). Real mode needs API keys and
 * an explicit `--mode real`.
 *
 * Start-up order: parameters from the environment (+ `--params`) validated (78) → keys (real,
 * 78) → the exchange guard (78 / 75) → account checks (real: one-way mode, margin type,
 * leverage, margin; 78) → state loaded → reconciliation with the exchange (real) → loop.
 * Transient failures while starting are retried in-process for `--startup-retry-s` before exit
 * 75. SIGTERM/SIGINT: the current step finishes and is saved, `stop` is logged, exit 0.
 * This file only wires adapters (sim venue for paper, ccxt venue for real); the loop is
 * engine/live/live-runner.ts.
 */
import type { CommandModule } from 'yargs';
import { readEnvFile } from '../../engine/config/env-file.js';
import { DEFAULT_DATA_DIR, stateDir } from '../../engine/data/cache-layout.js';
import { removeStaleTemps } from '../../engine/data/atomic-write.js';
import { ConfigError, EXIT_SOFTWARE, HarnessError } from '../../engine/errors.js';
import { gitRevision } from '../../engine/git-revision.js';
import { loadApiKeys } from '../../engine/exchange/api-keys.js';
import { BINANCE_USDM } from '../../engine/exchange/capabilities.js';
import { checkTestnetFlags, resolveExchangeUrl } from '../../engine/exchange/exchange-factory.js';
import { resolveLiveConfig } from '../../engine/live/live-config.js';
import { createLiveLog, errorText, logLevelFromEnv, type LogLevel } from '../../engine/ops/live-logger.js';
import type { LiveMode } from '../../engine/live/live-state.js';
import { shortMessage } from '../../engine/exchange/ccxt-errors.js';
import { WallClock } from '../../engine/exchange/wall-clock.js';
import { webhookNotifierFromEnv } from '../../engine/ops/webhook-notifier.js';
import { registerSecret } from '../../engine/redact.js';
import { normaliseSymbol } from '../../engine/symbols.js';
import { DEFAULT_STRATEGY } from '../../strategies/index.js';
import { instanceEnv, instanceNotifier, LIVE_INSTANCES, type LiveInstance } from './live-instance.js';
import { strategyOf } from '../strategy-of.js';
import { retryPolicyOf, withNetworkOptions, type NetworkArgs } from '../network-options.js';

interface Args extends NetworkArgs {
  symbol?: string;
  mode: LiveMode;
  'data-dir': string;
  'exchange-url'?: string;
  testnet: boolean;
  params?: string;
  'key-file'?: string;
  strategy: string;
  'poll-ms': number;
  'settle-ms': number;
  'stale-after-s': number;
  'startup-retry-s': number;
  drain: boolean;
  instance?: LiveInstance;
}

/** True when this process is the `coinbot` CLI itself (not a test calling runCli in-process). */
const RUN_AS_CLI = /(?:^|[\\/])(main\.ts|coinbot(\.js)?)$/.test(process.argv[1] ?? '');

/** The symbol for log lines before the configuration is validated: normalised when possible. */
function displaySymbol(raw: string): string {
  try {
    return normaliseSymbol(raw);
  } catch {
    return raw;
  }
}

/**
 * The `live` command. Side effects: network (the exchange), state and journal files under
 * `<data-dir>/state/`, JSON log lines on stdout, webhook posts; exits 0 on SIGTERM/SIGINT.
 */
export const liveCommand: CommandModule<object, Args> = {
  command: 'live',
  describe:
    'Run the live trader for one symbol on the shared runner: paper (default, simulated fills on live candles) or real (--mode real, API keys)',
  // Over 80 lines: the option table of `coinbot live`, one .option per flag.
  builder: (y) =>
    withNetworkOptions(y)
      .option('symbol', {
        type: 'string',
        describe: 'coin, e.g. ETH (default: SYMBOL from the environment / --params); must agree with SYMBOL',
      })
      .option('mode', {
        choices: ['paper', 'real'] as const,
        default: 'paper' as LiveMode,
        describe: 'paper: simulated fills on live candles; real: orders on Binance (needs keys)',
      })
      .option('data-dir', {
        type: 'string',
        default: DEFAULT_DATA_DIR,
        describe: 'state and journal go to <dir>/state/',
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
      .option('params', {
        type: 'string',
        describe: 'parameter file (KEY=VALUE); the environment (systemd EnvironmentFile) is read too and must agree',
      })
      .option('key-file', {
        type: 'string',
        describe: 'API key file (0600) with BINANCE_API_KEY/BINANCE_API_SECRET; or COINBOT_KEY_FILE',
      })
      .option('strategy', { type: 'string', default: DEFAULT_STRATEGY, describe: 'registered strategy' })
      .option('drain', {
        type: 'boolean',
        default: false,
        describe: 'no new entries (the open position and its bracket are still managed); see coinbot drain',
      })
      .option('instance', {
        choices: LIVE_INSTANCES,
        describe: 'shadow: paper only, parameters only from --params, files and alerts tagged shadow',
      })
      .option('poll-ms', {
        type: 'number',
        default: 5_000,
        group: 'Timing:',
        describe: 'longest single wait between polls',
      })
      .option('settle-ms', {
        type: 'number',
        default: 1_000,
        group: 'Timing:',
        describe: 'wait after a candle close before fetching it',
      })
      .option('stale-after-s', {
        type: 'number',
        default: 120,
        group: 'Timing:',
        describe: 'alert when a due candle is this late',
      })
      .option('startup-retry-s', {
        type: 'number',
        default: 120,
        group: 'Timing:',
        describe: 'retry transient start-up failures this long before exit 75',
      })
      .example('$0 live --symbol ETH', 'paper trading ETH with the parameters in the environment')
      .example(
        '$0 live --symbol ETH --params config/live/ETH.env --exchange-url http://127.0.0.1:8080',
        'paper trading against the loopback fake (scripts/fake-exchange.ts)',
      )
      .example(
        '$0 live --symbol ETH --params /etc/coinbot/ETH.candidate.env --instance shadow',
        'shadow run of a candidate set beside the live unit (paper, its own files)',
      ) as never,
  // Over 80 lines: flags → config → start-up → run → exit code, in the order the user sees them.
  handler: async (args) => {
    // The log exists before anything can fail, so every failure (configuration included) leaves
    // a `fatal` JSON line in the journal; an invalid COINBOT_LOG_LEVEL is reported at info.
    let level: LogLevel = 'info';
    let levelProblem: unknown;
    try {
      level = logLevelFromEnv();
    } catch (e) {
      levelProblem = e;
    }
    registerSecret(process.env.BINANCE_API_KEY);
    registerSecret(process.env.BINANCE_API_SECRET);
    const notifier = instanceNotifier(args.instance, webhookNotifierFromEnv());
    const clock = new WallClock();
    const named = args.symbol ?? process.env.SYMBOL ?? 'unknown';
    const log = createLiveLog({
      level,
      base: { symbol: displaySymbol(named), mode: args.mode, ...(args.instance ? { instance: args.instance } : {}) },
      now: () => clock.now(),
    });
    const controller = new AbortController();
    let stopSignal: string | null = null;
    const onSignal = (sig: NodeJS.Signals) => {
      stopSignal = sig;
      controller.abort();
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
    try {
      if (levelProblem !== undefined) throw levelProblem;
      checkTestnetFlags(args.testnet, resolveExchangeUrl(args['exchange-url']));
      const strategy = strategyOf(args.strategy);
      const cfg = resolveLiveConfig(strategy, {
        env: instanceEnv(args.instance, args.mode, args.params, process.env),
        file: args.params === undefined ? [] : readEnvFile(args.params),
        symbolFlag: args.symbol,
      });
      const keys = args.mode === 'real' ? loadApiKeys(process.env, { keyFile: args['key-file'] }) : undefined;
      if (args.mode === 'real' && keys === undefined) {
        throw new ConfigError(
          '--mode real needs API keys: set BINANCE_API_KEY and BINANCE_API_SECRET (e.g. in /etc/coinbot/secrets.env, mode 0600) or COINBOT_KEY_FILE',
        );
      }
      const retry = retryPolicyOf(args);
      log.event('info', 'start', `coinbot live ${args.mode} ${cfg.symbol} (${strategy.name})`, {
        version: gitRevision(),
      });
      // Heavy (ccxt) and mode-specific wiring is loaded only now.
      const { startLive } = await import('./live-wiring.js');
      const outcome = await startLive({
        mode: args.mode,
        strategy,
        cfg,
        keys,
        clock,
        log,
        notifier,
        signal: controller.signal,
        dataDir: args['data-dir'],
        // --testnet travels as its origin, which createExchange maps to ccxt enableDemoTrading(true).
        exchangeUrl: args.testnet ? BINANCE_USDM.testnetOrigin : args['exchange-url'],
        timeoutMs: args['timeout-ms'],
        rateLimitMs: args['rate-limit-ms'],
        retry,
        startupBudgetMs: args['startup-retry-s'] * 1000,
        drain: args.drain,
        instance: args.instance,
        timing: {
          pollSliceMs: args['poll-ms'],
          settleMs: args['settle-ms'],
          staleAfterMs: args['stale-after-s'] * 1000,
          maxBackoffMs: Math.max(args['retry-cap-ms'], args['poll-ms']),
        },
      });
      log.event(
        'info',
        'stop',
        `stopped on ${stopSignal ?? 'request'} after ${outcome.candles} candles, ${outcome.decisions} decisions`,
        { signal: stopSignal, candles: outcome.candles, decisions: outcome.decisions },
      );
    } catch (e) {
      const exitCode = e instanceof HarnessError ? e.exitCode : EXIT_SOFTWARE;
      const check = (e as { check?: unknown }).check;
      if (typeof check === 'string') log.event('error', 'guard', `guard ${check} failed`, { check, ok: false });
      log.event('fatal', 'fatal', errorText(e), {
        exitCode,
        error: errorText(e),
        ...(level === 'debug' || level === 'trace' ? { stack: (e as Error).stack ?? '' } : {}),
      });
      const failure = await notifier.notify(
        `coinbot ${displaySymbol(named)} ${args.mode}: fatal, exit ${exitCode}: ${shortMessage(errorText(e), 300)}`,
      );
      if (failure !== null) log.event('warn', 'alert', `webhook: ${failure}`, { error: failure });
      throw e;
    } finally {
      process.removeListener('SIGTERM', onSignal);
      process.removeListener('SIGINT', onSignal);
      log.flush();
      removeStaleTemps(stateDir(args['data-dir']));
      // Keep-alive sockets must not keep a stopped trader alive (systemd waits TimeoutStopSec).
      if (RUN_AS_CLI) setTimeout(() => process.exit(), 3_000).unref();
    }
  },
};
