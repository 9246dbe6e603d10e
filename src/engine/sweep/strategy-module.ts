/**
 * How a worker thread finds the strategy of a sweep without the engine importing
 * `src/strategies`: the caller (the CLI, from the registry) names the module and its export,
 * and the worker imports it. The main thread passes the strategy object itself.
 */
import { ConfigError } from '../errors.js';
import type { AnyStrategy, StrategyModuleRef } from '../strategy.js';

/**
 * Imports the strategy named by `ref`. Side effect: a dynamic import (once per worker).
 * @throws ConfigError when the module has no such export or it is not the expected strategy.
 */
export async function loadStrategyModule(ref: StrategyModuleRef, expectedName: string): Promise<AnyStrategy> {
  const mod = (await import(ref.url)) as Record<string, unknown>;
  const s = mod[ref.exportName] as AnyStrategy | undefined;
  if (s === undefined || typeof s !== 'object' || s.name !== expectedName) {
    throw new ConfigError(
      `${ref.url} does not export strategy '${expectedName}' as ${ref.exportName}: fix the strategy registry`,
    );
  }
  return s;
}
