/**
 * The strategy registry: name → module. Add a strategy by adding one line here. Like the
 * strategies themselves, this file imports only `engine/strategy.ts`; callers turn an unknown
 * name into a ConfigError.
 */
import type { AnyStrategy, StrategyModuleRef } from '../engine/strategy.js';
import { atrBreakout } from './atr-breakout/atr-breakout.js';

/** Every registered strategy, by name. */
export const strategies: ReadonlyMap<string, AnyStrategy> = new Map<string, AnyStrategy>([
  [atrBreakout.name, atrBreakout],
]);

/** The default strategy of `coinbot backtest` and live mode. */
export const DEFAULT_STRATEGY = atrBreakout.name;

/** Under tsx the sources are `.ts`; a build would run `.js` beside this file. */
const EXT = import.meta.url.endsWith('.ts') ? 'ts' : 'js';

/** Each registered strategy's module, for the sweep's worker threads (which import it themselves). */
export const strategyModules: ReadonlyMap<string, StrategyModuleRef> = new Map([
  [
    atrBreakout.name,
    { url: new URL(`./atr-breakout/atr-breakout.${EXT}`, import.meta.url).href, exportName: 'atrBreakout' },
  ],
]);

/**
 * The module of a registered strategy.
 * @throws Error when `name` is not registered (callers check the name against `strategies` first).
 */
export function strategyModuleOf(name: string): StrategyModuleRef {
  const ref = strategyModules.get(name);
  if (ref === undefined) throw new Error(`Invariant failed: strategy '${name}' has no registered module`);
  return ref;
}
