/**
 * The strategy registry: name → module. Add a strategy by adding one line here. Like the
 * strategies themselves, this file imports only `engine/strategy.ts`; callers turn an unknown
 * name into a ConfigError.
 */
import type { AnyStrategy } from '../engine/strategy.js';
import { atrBreakout } from './atr-breakout/atr-breakout.js';

/** Every registered strategy, by name. */
export const strategies: ReadonlyMap<string, AnyStrategy> = new Map<string, AnyStrategy>([
  [atrBreakout.name, atrBreakout],
]);

/** The default strategy of `coinbot backtest` and live mode. */
export const DEFAULT_STRATEGY = atrBreakout.name;
