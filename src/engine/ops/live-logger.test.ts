import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { clearSecretsForTests, registerSecret } from '../redact.js';
import { LIVE_EVENTS } from './log-events.js';
import { createLiveLog, errorText, logLevelFromEnv } from './live-logger.js';

afterEach(() => clearSecretsForTests());

function capture(level: 'debug' | 'info' | 'warn') {
  const lines: string[] = [];
  const log = createLiveLog({
    level,
    base: { symbol: 'ETH/USDT:USDT', mode: 'real' },
    write: (l) => void lines.push(l),
    now: () => Date.UTC(2025, 5, 22, 12),
  });
  return { log, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('live log', () => {
  it('writes one JSON line per event with level, time, event, msg and the fields', () => {
    const { log, parsed } = capture('info');
    log.event('info', 'candle', 'candle closed', { candleTs: 60_000 });
    expect(parsed()).toEqual([
      {
        level: 'info',
        time: '2025-06-22T12:00:00.000Z',
        symbol: 'ETH/USDT:USDT',
        mode: 'real',
        event: 'candle',
        candleTs: 60_000,
        msg: 'candle closed',
      },
    ]);
  });

  it('drops events below the level from COINBOT_LOG_LEVEL', () => {
    const { log, lines } = capture('warn');
    log.event('info', 'decision', 'no action');
    log.event('warn', 'stale', 'late', { lastCandleTs: 1 });
    expect(lines).toHaveLength(1);
    expect(logLevelFromEnv({ COINBOT_LOG_LEVEL: 'DEBUG' })).toBe('debug');
    expect(() => logLevelFromEnv({ COINBOT_LOG_LEVEL: 'loud' })).toThrow(ConfigError);
  });

  it('redacts API keys and webhook URLs in messages, error texts and stack traces', () => {
    const key = 'AbCdEfGh1234567890KEY';
    // Built at run time so no webhook-shaped literal sits in the repository.
    const hook = ['https://hooks.slack.com', 'services', 'T000', 'B000', 'XXXXSECRET'].join('/');
    registerSecret(key);
    const err = new Error(`request with apiKey ${key} to ${hook} failed`);
    err.stack = `Error: boom ${key}\n    at post (${hook}:1:1)`;
    const { log, lines } = capture('debug');
    log.event('fatal', 'fatal', `failed: ${key}`, { exitCode: 75, error: err.message, stack: err.stack });
    log.event('error', 'fatal', errorText(err), { exitCode: 75 });
    const text = lines.join('');
    expect(text).not.toContain(key);
    expect(text).not.toContain('XXXXSECRET');
    expect(text).toContain('[REDACTED]');
  });

  it('speaks only the vocabulary coinbot health reads', () => {
    expect(LIVE_EVENTS).toEqual(
      expect.arrayContaining([
        'start',
        'guard',
        'candle',
        'decision',
        'order',
        'fill',
        'retry',
        'stale',
        'fatal',
        'stop',
      ]),
    );
  });
});
