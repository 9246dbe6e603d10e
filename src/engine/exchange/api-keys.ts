/**
 * Binance API keys: read only from the environment (`BINANCE_API_KEY`, `BINANCE_API_SECRET`) or
 * from a key file named by `COINBOT_KEY_FILE` (or `--key-file`) holding those two assignments,
 * with file mode 0600 or stricter. Never from the repository, a command-line value or a config
 * file. Each value is registered with `registerSecret` the moment it is read, so no log line or
 * error message can carry it.
 */
import { readFileSync, statSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { registerSecret } from '../redact.js';
import { envRecord, parseEnvFile } from '../config/env-file.js';

/** Environment variable names. */
export const KEY_ENV = { apiKey: 'BINANCE_API_KEY', secret: 'BINANCE_API_SECRET', file: 'COINBOT_KEY_FILE' } as const;

/** Loaded API credentials. */
export interface ApiKeys {
  readonly apiKey: string;
  readonly secret: string;
  /** Where they came from; `file` names the key file. */
  readonly source: 'env' | 'file';
  readonly file?: string;
}

/**
 * Checks that a key file is a regular file that only its owner can read or write.
 * @returns the file mode (permission bits).
 * @throws ConfigError when it is missing, not a file, or group/other have any access.
 */
export function checkKeyFileMode(path: string): number {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new ConfigError(
      `key file ${path} (${KEY_ENV.file}) does not exist or cannot be read; create it with ${KEY_ENV.apiKey}=... and ${KEY_ENV.secret}=... and chmod 600 it`,
    );
  }
  if (!st.isFile())
    throw new ConfigError(
      `key file ${path} is not a regular file; point ${KEY_ENV.file} at the file holding ${KEY_ENV.apiKey} and ${KEY_ENV.secret}`,
    );
  const mode = st.mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new ConfigError(
      `key file ${path} has mode ${mode.toString(8).padStart(4, '0')}, readable by others; run 'chmod 600 ${path}'`,
    );
  }
  return mode;
}

/**
 * Loads API keys, or undefined when none are configured (fine for paper mode, fetch, doctor).
 * Side effect: registers both values as secrets.
 * @param opts.keyFile overrides `COINBOT_KEY_FILE`.
 * @throws ConfigError (exit 78) when only one of key/secret is set, when both the environment and
 *   a key file set keys, or when the key file is missing, malformed or not 0600.
 */
export function loadApiKeys(
  env: NodeJS.ProcessEnv = process.env,
  opts: { keyFile?: string | undefined } = {},
): ApiKeys | undefined {
  const envKey = env[KEY_ENV.apiKey] || undefined;
  const envSecret = env[KEY_ENV.secret] || undefined;
  registerSecret(envKey);
  registerSecret(envSecret);
  const file = opts.keyFile ?? (env[KEY_ENV.file] || undefined);
  if (file !== undefined) {
    if (envKey !== undefined || envSecret !== undefined) {
      throw new ConfigError(
        `API keys are set both in the environment (${KEY_ENV.apiKey}/${KEY_ENV.secret}) and in the key file ${file}; keep one source`,
      );
    }
    checkKeyFileMode(file);
    const rec = envRecord(parseEnvFile(readFileSync(file, 'utf8'), file));
    const apiKey = rec[KEY_ENV.apiKey] || undefined;
    const secret = rec[KEY_ENV.secret] || undefined;
    registerSecret(apiKey);
    registerSecret(secret);
    if (apiKey === undefined || secret === undefined) {
      throw new ConfigError(
        `key file ${file} must set both ${KEY_ENV.apiKey} and ${KEY_ENV.secret}; ${apiKey === undefined ? KEY_ENV.apiKey : KEY_ENV.secret} is missing or empty`,
      );
    }
    return { apiKey, secret, source: 'file', file };
  }
  if (envKey === undefined && envSecret === undefined) return undefined;
  if (envKey === undefined || envSecret === undefined) {
    throw new ConfigError(
      `${envKey === undefined ? KEY_ENV.apiKey : KEY_ENV.secret} is not set but ${envKey === undefined ? KEY_ENV.secret : KEY_ENV.apiKey} is; set both, or neither for paper mode`,
    );
  }
  return { apiKey: envKey, secret: envSecret, source: 'env' };
}
