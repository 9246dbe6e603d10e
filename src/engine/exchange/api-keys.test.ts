import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../../test-support/temp-dir.js';
import { ConfigError } from '../errors.js';
import { clearSecretsForTests, redact } from '../redact.js';
import { checkKeyFileMode, loadApiKeys } from './api-keys.js';

const KEY = 'AbCdEf0123456789AbCdEf0123456789';
const SECRET = 'ZyXwVu9876543210ZyXwVu9876543210';
const dir = tempDir('keys');

function keyFile(name: string, text: string, mode: number): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  chmodSync(p, mode);
  return p;
}

afterEach(() => clearSecretsForTests());

describe('loadApiKeys', () => {
  it('returns undefined when no keys are configured', () => {
    expect(loadApiKeys({})).toBeUndefined();
  });

  it('reads both keys from the environment and registers them as secrets', () => {
    const k = loadApiKeys({ BINANCE_API_KEY: KEY, BINANCE_API_SECRET: SECRET });
    expect(k).toEqual({ apiKey: KEY, secret: SECRET, source: 'env' });
    expect(redact(`key=${KEY} secret=${SECRET}`)).toBe('key=[REDACTED] secret=[REDACTED]');
  });

  it('refuses only one of key and secret in the environment', () => {
    expect(() => loadApiKeys({ BINANCE_API_KEY: KEY })).toThrow(/BINANCE_API_SECRET is not set but BINANCE_API_KEY is/);
  });

  it('reads a 0600 key file named by COINBOT_KEY_FILE', () => {
    const p = keyFile('ok.env', `BINANCE_API_KEY=${KEY}\nBINANCE_API_SECRET="${SECRET}"\n`, 0o600);
    expect(loadApiKeys({ COINBOT_KEY_FILE: p })).toEqual({ apiKey: KEY, secret: SECRET, source: 'file', file: p });
    expect(redact(SECRET)).toBe('[REDACTED]');
  });

  it('refuses a key file readable by group or others (exit 78), naming chmod 600', () => {
    const p = keyFile('open.env', `BINANCE_API_KEY=${KEY}\nBINANCE_API_SECRET=${SECRET}\n`, 0o644);
    const err = (() => {
      try {
        loadApiKeys({}, { keyFile: p });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).exitCode).toBe(78);
    expect((err as Error).message).toContain(`mode 0644, readable by others; run 'chmod 600 ${p}'`);
  });

  it('refuses a missing key file and a key file lacking the secret', () => {
    expect(() => loadApiKeys({}, { keyFile: join(dir, 'nope.env') })).toThrow(/does not exist/);
    const p = keyFile('half.env', `BINANCE_API_KEY=${KEY}\n`, 0o600);
    expect(() => loadApiKeys({}, { keyFile: p })).toThrow(/BINANCE_API_SECRET is missing/);
  });

  it('refuses keys in both the environment and a key file', () => {
    const p = keyFile('both.env', `BINANCE_API_KEY=${KEY}\nBINANCE_API_SECRET=${SECRET}\n`, 0o600);
    expect(() => loadApiKeys({ BINANCE_API_KEY: KEY, BINANCE_API_SECRET: SECRET }, { keyFile: p })).toThrow(
      /keep one source/,
    );
  });

  it('never puts a key value in an error message', () => {
    const p = keyFile('bad.env', `BINANCE_API_KEY=${KEY}\nBINANCE_API_SECRET=${SECRET}\n`, 0o640);
    expect(() => loadApiKeys({}, { keyFile: p })).toThrow(/^(?!.*(AbCdEf0123|ZyXwVu9876)).*$/);
  });
});

describe('checkKeyFileMode', () => {
  it('accepts 0600 and 0400', () => {
    expect(checkKeyFileMode(keyFile('a', 'x', 0o600))).toBe(0o600);
    expect(checkKeyFileMode(keyFile('b', 'x', 0o400))).toBe(0o400);
  });
  it('refuses a folder', () => {
    expect(() => checkKeyFileMode(dir)).toThrow(/not a regular file/);
  });
});
