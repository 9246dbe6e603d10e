/**
 * Reads parameter files in the format of systemd's `EnvironmentFile=` (what the live units
 * load): one `KEY=VALUE` per line, blank lines and lines starting with `#` or `;` ignored,
 * values optionally in single or double quotes. As in systemd, a `#` after a value is part of
 * the value (it then fails validation with a clear message). Stricter than systemd: a key set
 * twice, an unclosed quote and `export KEY=…` are refused. Used for parameter files
 * (`config/live/*.env`, `--params`) and the API key file.
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
 * Parses env-file text. Errors name the file and line but never echo a value: the same parser
 * reads the API key file.
 * @param name the file name used in messages.
 * @throws ConfigError `<name> line <n>: <problem>; <fix>` for a line that is not `KEY=VALUE`, an
 *   `export`, a bad variable name, an unclosed quote or a key set twice.
 */
export function parseEnvFile(text: string, name: string): EnvEntry[] {
  const out: EnvEntry[] = [];
  const seen = new Map<string, number>();
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = raw.trim();
      const n = i + 1;
      const at = `${name} line ${n}`;
      if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
      const eq = line.indexOf('=');
      if (/^export\s/.test(line))
        throw new ConfigError(`${at}: 'export' is not allowed in an EnvironmentFile; write KEY=VALUE`);
      if (eq <= 0)
        throw new ConfigError(
          `${at}: not a KEY=VALUE assignment; write e.g. SYMBOL=ETH or comment the line out with #`,
        );
      const key = line.slice(0, eq).trim();
      if (!KEY.test(key))
        throw new ConfigError(
          `${at}: '${key}' is not a valid variable name; use letters, digits and _ (not starting with a digit)`,
        );
      let value = line.slice(eq + 1).trim();
      const q = value[0];
      if (q === '"' || q === "'") {
        if (value.length < 2 || !value.endsWith(q))
          throw new ConfigError(`${at}: the value of ${key} opens a ${q} quote that is not closed`);
        value = value.slice(1, -1);
      }
      const before = seen.get(key);
      if (before !== undefined)
        throw new ConfigError(`${at}: ${key} is already set on line ${before}; keep one of them`);
      seen.set(key, n);
      out.push({ key, value, where: `${name}:${n}` });
    });
  return out;
}

/** The entries as a plain object ({@link parseEnvFile} already refuses duplicates). */
export function envRecord(entries: readonly EnvEntry[]): Record<string, string> {
  return Object.fromEntries(entries.map((e) => [e.key, e.value]));
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
    throw new ConfigError(
      `cannot read parameter file ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); check the --params path`,
    );
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
