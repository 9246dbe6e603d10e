/**
 * Grid files for `coinbot reeval --grid FILE` (JSON). Top-level keys are parameter names and
 * apply to every symbol; `per_symbol` overrides them for one symbol:
 *
 * ```json
 * { "ATR_GATE_MULT": [1.0, 1.02, 1.04],
 *   "ENTRY_COOLDOWN_S": { "from": 300, "to": 900, "step": 60 },
 *   "per_symbol": { "ETH": { "ENTRY_RETEST_TOL_PCT": [0, 0.1] } } }
 * ```
 * A range is inclusive of `from` and of `to` when `to` lies on a step. Parameters the file does
 * not name keep the live set's value; the live set's own value is always added to every axis so
 * the baseline stays a grid point. Unknown parameters, empty ranges and values outside a
 * parameter's range are refused (exit 78) with the valid names or range.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { didYouMean } from '../config/did-you-mean.js';
import { describeRange, type ParamSpec } from '../config/param-spec.js';
import type { AnyStrategy } from '../strategy.js';
import { normaliseSymbol, type PerpSymbol } from '../symbols.js';
import type { Grid, ParamSet, ParamValue } from './grid.js';

/** A parsed grid file: axes for all symbols and per-symbol overrides. */
export interface GridFile {
  readonly path: string;
  readonly all: Readonly<Record<string, readonly ParamValue[]>>;
  readonly perSymbol: Readonly<Record<string, Readonly<Record<string, readonly ParamValue[]>>>>;
}

const MAX_AXIS = 1000;

function valuesOf(path: string, name: string, raw: unknown, spec: ParamSpec): ParamValue[] {
  const where = `${path}: ${name}`;
  let values: unknown[];
  if (Array.isArray(raw)) values = raw;
  else if (typeof raw === 'object' && raw !== null && 'from' in raw && 'to' in raw && 'step' in raw) {
    const { from, to, step } = raw as { from: unknown; to: unknown; step: unknown };
    if (typeof from !== 'number' || typeof to !== 'number' || typeof step !== 'number' || !(step > 0)) {
      throw new ConfigError(`${where}: a range needs numbers from, to and step > 0`);
    }
    if (to < from) throw new ConfigError(`${where}: empty range (from ${from} > to ${to}); swap them`);
    const n = Math.floor((to - from) / step + 1e-9) + 1;
    if (n > MAX_AXIS) throw new ConfigError(`${where}: ${n} values; at most ${MAX_AXIS} per parameter`);
    const dp = Math.max(0, ...[from, step].map((x) => (String(x).split('.')[1] ?? '').length));
    values = Array.from({ length: n }, (_, i) => Number((from + i * step).toFixed(dp)));
  } else {
    throw new ConfigError(`${where}: give a list of values or {"from", "to", "step"}`);
  }
  if (values.length === 0) throw new ConfigError(`${where}: empty list; give at least one value`);
  return values.map((v) => {
    const ok =
      spec.kind === 'enum'
        ? typeof v === 'string' && (spec.values as readonly string[]).includes(v)
        : typeof v === 'number' &&
          Number.isFinite(v) &&
          v >= spec.min &&
          v <= spec.max &&
          (spec.kind !== 'int' || Number.isInteger(v));
    if (!ok) throw new ConfigError(`${where}: value ${JSON.stringify(v)} is outside ${describeRange(spec)}`);
    return v as ParamValue;
  });
}

function axes(
  path: string,
  obj: Record<string, unknown>,
  strategy: AnyStrategy,
  ctx: string,
): Record<string, ParamValue[]> {
  const specs = strategy.params.specs as Record<string, ParamSpec>;
  const names = strategy.params.names as string[];
  const out: Record<string, ParamValue[]> = {};
  for (const [name, raw] of Object.entries(obj)) {
    const spec = specs[name];
    if (spec === undefined) {
      const hint = didYouMean(name, names);
      throw new ConfigError(
        `${path}: unknown parameter '${name}'${ctx}${hint ? ` (did you mean ${hint}?)` : ''}; valid: ${names.join(', ')}`,
      );
    }
    out[name] = valuesOf(path, name, raw, spec);
  }
  return out;
}

/**
 * Reads and validates a grid file against the strategy's parameters.
 * @throws ConfigError (exit 78) naming the file and the problem.
 */
export function readGridFile(path: string, strategy: AnyStrategy): GridFile {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError(
      `--grid ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not valid JSON (${(e as Error).message})`}`,
    );
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new ConfigError(`--grid ${path}: expected a JSON object of parameter → values`);
  const { per_symbol: per, ...rest } = doc as Record<string, unknown>;
  const perSymbol: Record<string, Record<string, ParamValue[]>> = {};
  if (per !== undefined) {
    if (typeof per !== 'object' || per === null)
      throw new ConfigError(`${path}: per_symbol must be an object of symbol → parameters`);
    for (const [sym, obj] of Object.entries(per as Record<string, unknown>)) {
      let symbol: PerpSymbol;
      try {
        symbol = normaliseSymbol(sym);
      } catch (e) {
        throw new ConfigError(`${path}: per_symbol: ${(e as Error).message}`);
      }
      perSymbol[symbol] = axes(path, obj as Record<string, unknown>, strategy, ` for ${symbol}`);
    }
  }
  return { path, all: axes(path, rest, strategy, ''), perSymbol };
}

/** The grid of one symbol from a grid file: file axes (per-symbol first) with the baseline's values added. */
export function gridFromFile(file: GridFile, symbol: PerpSymbol, baseline: ParamSet, strategy: AnyStrategy): Grid {
  const merged = { ...file.all, ...(file.perSymbol[symbol] ?? {}) };
  return (strategy.params.names as string[])
    .filter((n) => merged[n] !== undefined)
    .map((n) => {
      const vals = [...(merged[n] as ParamValue[]), baseline[n] as ParamValue];
      const uniq = [...new Set(vals)];
      const sorted = uniq.every((v) => typeof v === 'number') ? (uniq as number[]).sort((a, b) => a - b) : uniq;
      return [n, sorted] as const;
    });
}
