/**
 * `coinbot doctor [--symbol X ...] [--data-dir D] [--config-dir config/live] [--key-file F]
 * [--exchange-url URL | --testnet] [--json]`: the start-up guard plus environment checks as one check list.
 *
 * Exit codes: 0 only if every check passes; otherwise 78 (EX_CONFIG) when any failure is a
 * configuration error (wrong class, unknown or non-perpetual symbol, bad config file, key file
 * not 0600, unreadable dependencies, data dir not writable), else 75 (EX_TEMPFAIL) when the only
 * failures are transient (exchange unreachable, 5xx, timeouts while loading markets).
 * Symbols checked: `--symbol` only when given (a unit's readiness check must not fail because
 * another configured symbol is missing), else the SYMBOL of every `config/live/*.env`.
 */
import type { CommandModule } from 'yargs';
import { DEFAULT_DATA_DIR } from '../../engine/data/cache-layout.js';
import { ConfigError, TransientError } from '../../engine/errors.js';
import {
  checkApiKeys,
  checkConfigFiles,
  checkDataDirWritable,
  checkDependenciesReadable,
  checkNodeVersion,
  failedCheck,
  type CheckResult,
} from '../../engine/ops/environment-checks.js';
import { BINANCE_USDM } from '../../engine/exchange/capabilities.js';
import {
  checkTestnetFlags,
  createExchange,
  EXCHANGE_URL_ENV,
  resolveExchangeUrl,
} from '../../engine/exchange/exchange-factory.js';
import {
  checkExchangeClass,
  checkMarket,
  GUARD_RETRY,
  loadMarketsGuarded,
  type GuardExchange,
} from '../../engine/exchange/guard.js';
import type { RetryPolicy } from '../../engine/exchange/retry.js';
import { normaliseSymbol, type PerpSymbol } from '../../engine/symbols.js';
import { say, sayJson } from '../output.js';

interface Args {
  symbol: string[];
  'data-dir': string;
  'config-dir': string;
  'key-file'?: string;
  'exchange-url'?: string;
  testnet: boolean;
  'timeout-ms': number;
  retries: number;
  'retry-base-ms': number;
  json: boolean;
}

/** Runs the guard as separate checks; later ones are skipped when an earlier one fails. */
async function guardChecks(
  makeExchange: () => Promise<GuardExchange>,
  symbols: readonly PerpSymbol[],
  where: string,
  retry: RetryPolicy,
): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  const skipRest = (why: string) => {
    for (const s of symbols) out.push({ name: `guard ${s}`, ok: false, skipped: true, detail: `skipped: ${why}` });
  };
  let ex: GuardExchange;
  try {
    ex = await makeExchange();
    checkExchangeClass(ex);
    out.push({
      name: 'guard exchange class',
      ok: true,
      detail: `ccxt ${ex.id}, defaultType ${String(ex.options.defaultType)}`,
    });
  } catch (e) {
    out.push(failedCheck('guard exchange class', e));
    skipRest('the exchange class check failed');
    return out;
  }
  try {
    await loadMarketsGuarded(ex, retry);
    out.push({
      name: 'guard markets',
      ok: true,
      detail: `${Object.keys(ex.markets ?? {}).length} markets loaded from ${where}`,
    });
  } catch (e) {
    out.push(failedCheck('guard markets', e));
    skipRest('markets could not be loaded');
    return out;
  }
  for (const s of symbols) {
    try {
      const m = checkMarket(ex, s);
      out.push({ name: `guard ${s}`, ok: true, detail: `${m.id}: listed, linear, USDT-settled perpetual swap` });
    } catch (e) {
      out.push(failedCheck(`guard ${s}`, e));
    }
  }
  return out;
}

/** The doctor's exit code for a list: 0, 78 if any configuration failure, else 75. */
export function doctorExitCode(results: readonly CheckResult[]): number {
  const failed = results.filter((r) => !r.ok && !r.skipped);
  if (failed.length === 0) return 0;
  return failed.some((r) => r.exitCode !== 75) ? 78 : 75;
}

/** The `doctor` command module (see the file header for exit codes). */
export const doctorCommand: CommandModule<object, Args> = {
  command: 'doctor',
  describe:
    'Check the environment and the exchange path (guard) before going live; exit 0 only if all pass, 78 config, 75 transient',
  builder: (y) =>
    y
      .option('symbol', {
        type: 'string',
        array: true,
        default: [],
        describe: 'symbol(s) to run the guard on (default: the SYMBOL of each config file)',
      })
      .option('data-dir', { type: 'string', default: DEFAULT_DATA_DIR })
      .option('config-dir', { type: 'string', default: 'config/live', describe: 'folder of the live *.env files' })
      .option('key-file', { type: 'string', describe: 'API key file (mode 0600); default COINBOT_KEY_FILE' })
      .option('exchange-url', {
        type: 'string',
        describe: 'base URL replacing https://fapi.binance.com; or COINBOT_EXCHANGE_URL',
      })
      .option('testnet', {
        type: 'boolean',
        default: false,
        describe:
          'Binance USDT-M futures demo trading (demo-fapi.binance.com, ccxt enableDemoTrading); not with --exchange-url',
      })
      .option('timeout-ms', { type: 'number', default: 10_000, group: 'Network:' })
      .option('retries', {
        type: 'number',
        default: GUARD_RETRY.attempts - 1,
        group: 'Network:',
        describe: 'retries of loading markets',
      })
      .option('retry-base-ms', {
        type: 'number',
        default: GUARD_RETRY.baseDelayMs,
        group: 'Network:',
        describe: 'first backoff; doubles each retry',
      })
      .option('json', { type: 'boolean', default: false })
      .example('$0 doctor --symbol ETH', 'check everything coinbot live needs for ETH') as never,
  handler: async (args) => {
    checkTestnetFlags(args.testnet, args['exchange-url'] ?? (process.env[EXCHANGE_URL_ENV] || undefined));
    const results: CheckResult[] = [
      checkNodeVersion(),
      checkDependenciesReadable(),
      checkDataDirWritable(args['data-dir']),
    ];
    const config = checkConfigFiles(args['config-dir']);
    results.push(...config.results, checkApiKeys(process.env, args['key-file']));
    const symbols: PerpSymbol[] = [];
    for (const s of args.symbol) {
      try {
        symbols.push(normaliseSymbol(String(s)));
      } catch (e) {
        results.push(failedCheck(`symbol ${String(s)}`, new ConfigError((e as Error).message)));
      }
    }
    // `--symbol X` checks X only (the unit's readiness check); without it, every configured symbol.
    if (args.symbol.length === 0) for (const s of config.symbols) if (!symbols.includes(s)) symbols.push(s);
    let url: string | undefined;
    try {
      url = resolveExchangeUrl(args['exchange-url']);
    } catch (e) {
      results.push(failedCheck('exchange url', e));
    }
    if (results.every((r) => r.name !== 'exchange url')) {
      const retry: RetryPolicy = {
        ...GUARD_RETRY,
        attempts: Math.max(1, args.retries + 1),
        baseDelayMs: args['retry-base-ms'],
      };
      results.push(
        ...(await guardChecks(
          () => createExchange({ exchangeUrl: url, testnet: args.testnet, timeoutMs: args['timeout-ms'] }),
          symbols,
          url ?? (args.testnet ? BINANCE_USDM.testnetOrigin : 'https://fapi.binance.com'),
          retry,
        )),
      );
    }
    const code = doctorExitCode(results);
    if (args.json) sayJson({ ok: code === 0, exitCode: code, checks: results });
    else
      for (const r of results) say(`${r.ok ? 'PASS' : r.skipped ? 'SKIP' : 'FAIL'}  ${r.name.padEnd(22)} ${r.detail}`);
    const failed = results.filter((r) => !r.ok && !r.skipped);
    if (code === 0) {
      if (!args.json) say(`doctor: all ${results.length} checks passed`);
      return;
    }
    const msg = `doctor: ${failed.length} of ${results.length} checks failed (${failed.map((r) => r.name).join(', ')}); fix them as the list says`;
    throw code === 75 ? new TransientError(msg) : new ConfigError(msg);
  },
};
