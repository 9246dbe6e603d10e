/**
 * Reads `KEY=VALUE` files the way systemd's `EnvironmentFile=` does (the subset coinbot
 * documents): one assignment a line, `#` or `;` comments, blank lines ignored, optional single or
 * double quotes around the value, no `export`, no variable expansion. Used for `config/live/*.env`
 * and the API key file.
 */
import { ConfigError } from '../errors.js';

/** One parsed assignment with its 1-based line number. */
export interface EnvEntry {
  readonly key: string;
  readonly value: string;
  readonly line: number;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parses the text of an env file. Values are never echoed in errors (they may be secrets).
 * @param source names the file in error messages.
 * @throws ConfigError `<source> line <n>: ...` for a line that is not `KEY=VALUE`, a bad key, an
 *   unterminated quote or a duplicate key.
 */
export function parseEnvFile(text: string, source: string): EnvEntry[] {
  const out: EnvEntry[] = [];
  const seen = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const n = i + 1;
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const eq = line.indexOf('=');
    if (eq <= 0) throw new ConfigError(`${source} line ${n}: not a KEY=VALUE assignment; write e.g. SYMBOL=ETH (comments start with #)`);
    const key = line.slice(0, eq).trim();
    if (key.startsWith('export ')) throw new ConfigError(`${source} line ${n}: 'export' is not allowed in an EnvironmentFile; write ${key.slice(7).trim()}=...`);
    if (!KEY.test(key)) throw new ConfigError(`${source} line ${n}: '${key}' is not a valid variable name (letters, digits, _; not starting with a digit)`);
    let value = line.slice(eq + 1).trim();
    const q = value[0];
    if (q === '"' || q === "'") {
      if (value.length < 2 || value[value.length - 1] !== q) throw new ConfigError(`${source} line ${n}: the value of ${key} opens a ${q} quote that is not closed`);
      value = value.slice(1, -1);
    }
    const prev = seen.get(key);
    if (prev !== undefined) throw new ConfigError(`${source} line ${n}: ${key} is already set on line ${prev}; keep one`);
    seen.set(key, n);
    out.push({ key, value, line: n });
  });
  return out;
}

/** The entries as a plain object (last one wins; {@link parseEnvFile} already refuses duplicates). */
export function envRecord(entries: readonly EnvEntry[]): Record<string, string> {
  return Object.fromEntries(entries.map((e) => [e.key, e.value]));
}
