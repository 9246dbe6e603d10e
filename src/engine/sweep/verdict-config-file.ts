/** Reads `--verdict-config FILE` (JSON thresholds) into a validated verdict config; defaults without a file. */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { parseVerdictConfig, type VerdictConfig } from '../verdict/index.js';

/** @throws ConfigError (exit 78) for a missing/unreadable file or an invalid/unknown key. */
export function readVerdictConfigFile(path: string | undefined): VerdictConfig {
  if (path === undefined) return parseVerdictConfig({});
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError(
      `--verdict-config ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not valid JSON (${(e as Error).message})`}`,
    );
  }
  return parseVerdictConfig(doc);
}
