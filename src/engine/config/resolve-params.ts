/**
 * Turns layers of `KEY=VALUE` entries (env file, then `--set`) into one validated parameter
 * set of a strategy: defaults, overridden in order, parsed by each parameter's kind, validated
 * by the strategy's strict zod schema and cross-field checks. Unknown keys are refused with the
 * valid names and the closest one; out-of-range values with the range.
 */
import { ConfigError } from '../errors.js';
import type { AnyStrategy, ExecutionParams } from '../strategy.js';
import { didYouMean } from './did-you-mean.js';
import type { EnvEntry } from './env-file.js';
import { describeRange, type ParamSpec } from './param-spec.js';

/** A validated parameter set and the non-parameter keys that were allowed through (e.g. SYMBOL). */
export interface ResolvedParams {
  /** Validated against the strategy's schema, which includes the execution parameters. */
  readonly params: ExecutionParams & Record<string, unknown>;
  readonly extras: Readonly<Record<string, string>>;
}

function parseValue(spec: ParamSpec, e: EnvEntry): unknown {
  const bad = (what: string): never => {
    throw new ConfigError(`${e.where}: ${e.key}='${e.value}' is not ${what}: ${describeRange(spec)}`);
  };
  if (spec.kind === 'enum') {
    const v = spec.values.find((x) => x.toLowerCase() === e.value.toLowerCase());
    return v ?? bad(`a valid choice`);
  }
  if (spec.kind === 'int') return /^[+-]?\d+$/.test(e.value) ? Number(e.value) : bad('an integer');
  const n = e.value === '' ? Number.NaN : Number(e.value);
  return Number.isFinite(n) ? n : bad('a number');
}

/**
 * Resolves parameters for `strategy` from `layers` (later layers win).
 * @param allowedExtraKeys keys that are not parameters but may appear (default `SYMBOL`).
 * @throws ConfigError (exit 78) naming the source, the key, and the valid names or range.
 */
export function resolveParams(
  strategy: AnyStrategy,
  layers: readonly (readonly EnvEntry[])[],
  allowedExtraKeys: readonly string[] = ['SYMBOL'],
): ResolvedParams {
  const schema = strategy.params;
  const names = schema.names as readonly string[];
  const specs = schema.specs as Readonly<Record<string, ParamSpec>>;
  const values: Record<string, unknown> = { ...(schema.defaults as Record<string, unknown>) };
  const origin = new Map<string, string>();
  const extras: Record<string, string> = {};
  for (const layer of layers) {
    for (const e of layer) {
      if (allowedExtraKeys.includes(e.key)) {
        extras[e.key] = e.value;
        continue;
      }
      const spec = specs[e.key];
      if (spec === undefined) {
        const guess = didYouMean(e.key, names);
        throw new ConfigError(
          `${e.where}: unknown parameter '${e.key}'${guess ? `; did you mean ${guess}?` : ''} Valid names for ${strategy.name}: ${names.join(', ')}`,
        );
      }
      values[e.key] = parseValue(spec, e);
      origin.set(e.key, e.where);
    }
  }
  const parsed = schema.zod.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue?.path[0] ?? '');
    const spec = specs[key];
    const where = origin.get(key) ?? 'defaults';
    throw new ConfigError(
      spec
        ? `${where}: ${key}=${String(values[key])} is out of range: ${describeRange(spec)}`
        : `${where}: invalid parameters (${issue?.message ?? 'unknown problem'})`,
    );
  }
  const params = parsed.data as ExecutionParams & Record<string, unknown>;
  for (const check of strategy.checks) {
    const problem = check(params);
    if (problem !== null) throw new ConfigError(problem);
  }
  return { params, extras };
}
