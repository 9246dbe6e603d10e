/**
 * Parameter specifications: each strategy parameter is data (name, type, unit, range, default,
 * description) from which a strict zod schema is built. The CLI prints the table, the config
 * loader validates with the schema, and a sweep reads the ranges. Names are the live units'
 * `UPPER_SNAKE` environment names.
 */
import { z } from 'zod';

/** An integer parameter within `[min, max]`. */
export interface IntParamSpec {
  readonly kind: 'int';
  readonly min: number;
  readonly max: number;
  readonly default: number;
  /** Unit as shown to users, e.g. `candles`, `s`, `USDT`. */
  readonly unit: string;
  readonly description: string;
}

/** A real-valued parameter within `[min, max]`. */
export interface NumberParamSpec {
  readonly kind: 'number';
  readonly min: number;
  readonly max: number;
  readonly default: number;
  readonly unit: string;
  readonly description: string;
}

/** A parameter that takes one of a fixed list of strings. */
export interface EnumParamSpec<V extends string = string> {
  readonly kind: 'enum';
  readonly values: readonly V[];
  readonly default: V;
  readonly unit: string;
  readonly description: string;
}

/** Any parameter specification. */
export type ParamSpec = IntParamSpec | NumberParamSpec | EnumParamSpec;

/** The spec of each field of a parameter object `P`: numbers get int/number specs, strings enum specs. */
export type ParamSpecs<P> = {
  readonly [K in keyof P]: P[K] extends number ? IntParamSpec | NumberParamSpec : EnumParamSpec<Extract<P[K], string>>;
};

/** A strategy's parameter definition: the specs, their names in declaration order, and the strict zod schema. */
export interface ParamSchema<P> {
  readonly specs: ParamSpecs<P>;
  /** Parameter names in declaration order. */
  readonly names: readonly (keyof P & string)[];
  /** Strict zod object: unknown keys, wrong types and out-of-range values fail. */
  readonly zod: z.ZodType<P>;
  /** The default value of every parameter. */
  readonly defaults: P;
}

/** Declares an integer parameter. */
export function intParam(min: number, max: number, dflt: number, unit: string, description: string): IntParamSpec {
  return { kind: 'int', min, max, default: dflt, unit, description };
}

/** Declares a real-valued parameter. */
export function numberParam(
  min: number,
  max: number,
  dflt: number,
  unit: string,
  description: string,
): NumberParamSpec {
  return { kind: 'number', min, max, default: dflt, unit, description };
}

/** Declares a parameter taking one of `values`. */
export function enumParam<V extends string>(values: readonly V[], dflt: V, description: string): EnumParamSpec<V> {
  return { kind: 'enum', values, default: dflt, unit: '', description };
}

function zodOf(spec: ParamSpec): z.ZodType {
  if (spec.kind === 'enum') return z.enum(spec.values as [string, ...string[]]);
  const n = spec.kind === 'int' ? z.number().int() : z.number();
  return n.min(spec.min).max(spec.max);
}

/**
 * Builds a {@link ParamSchema} from specs. Every default is checked against its own range.
 * @example
 * const schema = defineParams<{ ATR_PERIOD: number }>({ ATR_PERIOD: intParam(1, 500, 14, 'candles', 'Wilder ATR period') });
 */
export function defineParams<P>(specs: ParamSpecs<P>): ParamSchema<P> {
  const names = Object.keys(specs) as (keyof P & string)[];
  const shape: Record<string, z.ZodType> = {};
  const defaults: Record<string, unknown> = {};
  for (const name of names) {
    const spec = specs[name] as ParamSpec;
    shape[name] = zodOf(spec);
    defaults[name] = spec.default;
  }
  const zod = z.strictObject(shape) as unknown as z.ZodType<P>;
  const checked = zod.safeParse(defaults);
  if (!checked.success)
    throw new Error(`Invariant failed: a parameter default is outside its own range: ${checked.error.message}`);
  return { specs, names, zod, defaults: checked.data };
}

/** Describes a spec's accepted values for messages and help, e.g. `integer 1…500 candles (default 14)`. */
export function describeRange(spec: ParamSpec): string {
  if (spec.kind === 'enum') return `one of ${spec.values.join(', ')} (default ${spec.default})`;
  const unit = spec.unit ? ` ${spec.unit}` : '';
  return `${spec.kind === 'int' ? 'integer' : 'number'} ${spec.min}…${spec.max}${unit} (default ${spec.default})`;
}
