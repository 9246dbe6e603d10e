/**
 * Reads parameter files in the format of systemd's `EnvironmentFile=` (what the live units
 * load): one `KEY=VALUE` per line, blank lines and lines starting with `#` or `;` ignored,
 * values optionally in single or double quotes. As in systemd, a `#` after a value is part of
 * the value (it then fails validation with a clear message). Stricter than systemd: a key set
 * twice and `export KEY=…` are refused.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';

/** One assignment with where it came from. */
export interface EnvEntry {
  readonly key: string;
  readonly value: string;
  /** Where, for messages: `file:line` or `--set`. */
  readonly where: string;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parses env-file text.
 * @param name the file name used in messages.
 * @throws ConfigError `<name>:<line>: <problem>; <fix>`.
 */
export function parseEnvFile(text: string, name: string): EnvEntry[] {
  const out: EnvEntry[] = [];
  const seen = new Map<string, number>();
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    const where = `${name}:${i + 1}`;
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    if (/^export\s/.test(line)) throw new ConfigError(`${where}: 'export' is not understood by systemd's EnvironmentFile; write KEY=VALUE`);
    const eq = line.indexOf('=');
    if (eq <= 0) throw new ConfigError(`${where}: '${line}' is not KEY=VALUE; fix the line or comment it out with #`);
    const key = line.slice(0, eq).trim();
    if (!KEY.test(key)) throw new ConfigError(`${where}: '${key}' is not a valid variable name; use letters, digits and _`);
    let value = line.slice(eq + 1).trim();
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0] as string)) value = value.slice(1, -1);
    const before = seen.get(key);
    if (before !== undefined) throw new ConfigError(`${where}: ${key} is already set on line ${before}; keep one of them`);
    seen.set(key, i + 1);
    out.push({ key, value, where });
  });
  return out;
}

/**
 * Reads and parses an env file.
 * @throws ConfigError when the file cannot be read or is malformed.
 */
export function readEnvFile(path: string): EnvEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read parameter file ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); check the --params path`);
  }
  return parseEnvFile(text, path);
}

/**
 * Parses `--set KEY=VALUE` arguments.
 * @throws ConfigError for an argument without `=`.
 */
export function parseSetArgs(args: readonly string[]): EnvEntry[] {
  return args.map((a) => {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new ConfigError(`--set '${a}' is not KEY=VALUE; write e.g. --set ATR_GATE_MULT=1.05`);
    return { key: a.slice(0, eq).trim(), value: a.slice(eq + 1).trim(), where: '--set' };
  });
}
