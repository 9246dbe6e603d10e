/**
 * Live mode's configuration: the strategy's parameters and the live settings, read from the
 * process environment (systemd's `EnvironmentFile=/etc/coinbot/<SYM>.env`) and optionally a
 * `--params` file, validated at the boundary before anything touches the network.
 *
 * Which environment variables count (the rule, also in docs/live-trading.md):
 * - a variable named exactly like a parameter of the strategy (`ATR_GATE_MULT`, …), a live
 *   setting (`LEVERAGE`, `MARGIN_TYPE`) or `SYMBOL` is read and validated (range, type);
 * - a variable that is not one of those (nor a known runtime variable such as
 *   `COINBOT_LOG_LEVEL` or `BINANCE_API_KEY`) but looks like one is refused, exit 78, with "did
 *   you mean": its name starts, in any case, with one of {@link LOOKALIKE_PREFIXES}
 *   (`ATR_`, `ENTRY_`, `SL_`, `TP_`, `MAX_HOLD`, `ORDER_`, `SLIPPAGE`, `BREAKOUT_`, `LEVERAGE`,
 *   `MARGIN_`, `COINBOT_`, `BINANCE_`), or, ignoring case, it is one edit from a known name of up
 *   to 6 characters or two edits from a longer one ({@link looksLike}: `side`, `SYMBL`,
 *   `TIMEFRAMES`, `ATR_PERIDO`);
 * - every other variable (`PATH`, `HOME`, `INVOCATION_ID`, …) is ignored.
 * A key set both in `--params` and in the environment must have the same value.
 */
import { ConfigError } from '../errors.js';
import { didYouMean, editDistance } from '../config/did-you-mean.js';
import type { EnvEntry } from '../config/env-file.js';
import { defineParams, describeRange, enumParam, intParam, numberParam, type ParamSpec } from '../config/param-spec.js';
import { resolveParams } from '../config/resolve-params.js';
import type { AnyStrategy, ExecutionParams } from '../strategy.js';
import { normaliseSymbol, type PerpSymbol } from '../symbols.js';

/** Live-only settings (not strategy parameters; the simulator ignores them). */
export interface LiveSettings {
  /** Leverage set on the symbol at start-up (×). */
  readonly LEVERAGE: number;
  /** Margin mode set on the symbol at start-up. */
  readonly MARGIN_TYPE: 'ISOLATED' | 'CROSSED';
  /** Daily loss limit (USDT, realised + unrealised per UTC day and unit); 0 = off. */
  readonly MAX_DAILY_LOSS_USDT: number;
}

/**
 * The live settings' table. Defaults: ISOLATED margin and leverage 1. Isolated caps a loss at
 * the position's own margin, so a bug or a gap can never eat the rest of the wallet; leverage 1
 * puts the liquidation price far beyond any stop the strategy sets (a 1x isolated long is
 * liquidated only near zero), so the stop, not the liquidation engine, closes losers. Leverage
 * changes only how much margin a position ties up, not its PnL; raise it when the wallet is
 * smaller than ORDER_NOTIONAL_USDT.
 */
export const LIVE_SETTINGS = defineParams<LiveSettings>({
  LEVERAGE: intParam(
    1,
    20,
    1,
    '×',
    'leverage set on the symbol at start-up; margin per position = ORDER_NOTIONAL_USDT / LEVERAGE',
  ),
  MARGIN_TYPE: enumParam(['ISOLATED', 'CROSSED'] as const, 'ISOLATED', 'margin mode set on the symbol at start-up'),
  MAX_DAILY_LOSS_USDT: numberParam(
    0,
    1_000_000,
    0,
    'USDT',
    'daily loss limit (realised + unrealised, per UTC day and unit): past it no new entries until the next UTC day, exits still managed; 0 = off',
  ),
});

/** Environment variables coinbot reads for itself (never parameters). */
export const RUNTIME_ENV_KEYS: readonly string[] = [
  'COINBOT_LOG_LEVEL',
  'COINBOT_KEY_FILE',
  'COINBOT_WEBHOOK_URL',
  'COINBOT_EXCHANGE_URL',
  'BINANCE_API_KEY',
  'BINANCE_API_SECRET',
];

/** Name prefixes (case-insensitive) of variables that must be known names; see the file comment. */
export const LOOKALIKE_PREFIXES: readonly string[] = [
  'ATR_',
  'ENTRY_',
  'SL_',
  'TP_',
  'MAX_HOLD',
  'ORDER_',
  'SLIPPAGE',
  'BREAKOUT_',
  'LEVERAGE',
  'MARGIN_',
  'COINBOT_',
  'BINANCE_',
];

/**
 * True when `upper` is a near miss of one of `names` (ignoring case): at most one edit from a
 * name of up to 6 characters, two from a longer one. Tighter than the parameter files'
 * did-you-mean, because the environment also holds every other program's variables (`NODE`
 * is two edits from `SIDE`, and must pass).
 */
export function looksLike(upper: string, names: readonly string[]): boolean {
  return names.some((n) => editDistance(upper, n) <= (n.length <= 6 ? 1 : 2));
}

/** A validated live configuration. */
export interface LiveConfig {
  readonly symbol: PerpSymbol;
  readonly params: ExecutionParams & Record<string, unknown>;
  readonly settings: LiveSettings;
}

/**
 * Picks the parameter entries out of an environment, refusing look-alikes (see the file
 * comment). Entries come out sorted by name, `where` = `environment`.
 * @throws ConfigError (exit 78) naming the variable and the closest valid name.
 */
export function envParamEntries(env: NodeJS.ProcessEnv, strategy: AnyStrategy): EnvEntry[] {
  const params = strategy.params.names as readonly string[];
  const live = LIVE_SETTINGS.names as readonly string[];
  const known = [...params, ...live, 'SYMBOL'];
  const all = [...known, ...RUNTIME_ENV_KEYS];
  const out: EnvEntry[] = [];
  for (const key of Object.keys(env).sort()) {
    const value = env[key];
    if (value === undefined) continue;
    if (known.includes(key)) {
      out.push({ key, value: value.trim(), where: 'environment' });
      continue;
    }
    if (RUNTIME_ENV_KEYS.includes(key)) continue;
    const upper = key.toUpperCase();
    const guess = didYouMean(key, all);
    if (LOOKALIKE_PREFIXES.some((p) => upper.startsWith(p)) || looksLike(upper, all)) {
      throw new ConfigError(
        `environment: unknown variable '${key}'${guess ? `; did you mean ${guess}?` : ''} coinbot live reads ${known.join(', ')} (and ${RUNTIME_ENV_KEYS.join(', ')}); fix or remove it in the EnvironmentFile`,
      );
    }
  }
  return out;
}

function mergeLayers(file: readonly EnvEntry[], env: readonly EnvEntry[]): EnvEntry[] {
  const fromFile = new Map(file.map((e) => [e.key, e]));
  for (const e of env) {
    const f = fromFile.get(e.key);
    if (f !== undefined && f.value !== e.value) {
      throw new ConfigError(
        `${e.key} is '${f.value}' in ${f.where} but '${e.value}' in the environment; keep one source or make them agree`,
      );
    }
  }
  return [...file, ...env];
}

/**
 * Resolves the live configuration from an optional parameter file's entries and the
 * environment. SYMBOL (file or environment) must name the same market as `symbolFlag` after
 * normalisation; one of them must be given.
 * @throws ConfigError (exit 78) for unknown or misspelled keys, bad values and contradictions.
 */
export function resolveLiveConfig(
  strategy: AnyStrategy,
  opts: { env: NodeJS.ProcessEnv; file?: readonly EnvEntry[]; symbolFlag?: string | undefined },
): LiveConfig {
  const entries = mergeLayers(opts.file ?? [], envParamEntries(opts.env, strategy));
  const liveNames = LIVE_SETTINGS.names as readonly string[];
  const { params, extras } = resolveParams(strategy, [entries.filter((e) => !liveNames.includes(e.key))]);
  const settings: Record<string, unknown> = { ...LIVE_SETTINGS.defaults };
  const specs = LIVE_SETTINGS.specs as Readonly<Record<string, ParamSpec>>;
  for (const e of entries) {
    const spec = specs[e.key];
    if (spec === undefined) continue;
    const v =
      spec.kind === 'enum'
        ? spec.values.find((x) => x === e.value.toUpperCase())
        : /^\d+$/.test(e.value)
          ? Number(e.value)
          : undefined;
    if (v === undefined || !LIVE_SETTINGS.zod.safeParse({ ...settings, [e.key]: v }).success) {
      throw new ConfigError(`${e.where}: ${e.key}='${e.value}' is not valid: ${describeRange(spec)}`);
    }
    settings[e.key] = v;
  }
  const flag = opts.symbolFlag === undefined ? undefined : normaliseSymbol(opts.symbolFlag);
  let fromEnv: PerpSymbol | undefined;
  if (extras.SYMBOL !== undefined) {
    try {
      fromEnv = normaliseSymbol(extras.SYMBOL);
    } catch (e) {
      throw new ConfigError(`SYMBOL='${extras.SYMBOL}': ${(e as Error).message}`);
    }
  }
  if (flag !== undefined && fromEnv !== undefined && flag !== fromEnv) {
    throw new ConfigError(
      `--symbol ${flag} contradicts SYMBOL=${fromEnv} in the environment/parameter file: run the unit of ${fromEnv} (coinbot@${fromEnv.split('/')[0]}) or fix SYMBOL`,
    );
  }
  const symbol = flag ?? fromEnv;
  if (symbol === undefined)
    throw new ConfigError('no symbol: pass --symbol ETH or set SYMBOL=ETH/USDT:USDT in the EnvironmentFile');
  return { symbol, params, settings: settings as unknown as LiveSettings };
}
