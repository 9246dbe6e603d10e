/**
 * Live mode's structured log: one JSON object per line on stdout (journald keeps it), built with
 * pino, with the vocabulary of `log-events.ts` (`level`, `time`, `event`, `msg`, fields). Every
 * line passes through `redact` on its way out (pino's `streamWrite` hook), so API keys, webhook
 * URLs and signatures are scrubbed from messages, error texts and stack traces alike.
 */
import { pino, type Logger } from 'pino';
import { ConfigError } from '../errors.js';
import { redact } from '../redact.js';
import type { LiveEvent } from './log-events.js';

/** Log levels, lowest first; `COINBOT_LOG_LEVEL` takes one of them (default `info`). */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** One log level. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Reads `COINBOT_LOG_LEVEL`.
 * @throws ConfigError (exit 78) for an unknown level.
 */
export function logLevelFromEnv(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const v = (env.COINBOT_LOG_LEVEL ?? '').trim().toLowerCase();
  if (v === '') return 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(v))
    throw new ConfigError(
      `COINBOT_LOG_LEVEL='${env.COINBOT_LOG_LEVEL}' is not a level: use one of ${LOG_LEVELS.join(', ')}`,
    );
  return v as LogLevel;
}

/** Writes live events. */
export interface LiveLog {
  /** Logs `event` at `level` with a one-line `msg` and fields (numbers, strings, plain objects). */
  event(
    level: Exclude<LogLevel, 'silent'>,
    event: LiveEvent,
    msg: string,
    fields?: Readonly<Record<string, unknown>>,
  ): void;
  /** Flushes buffered output (pino writes synchronously here; kept for callers that exit). */
  flush(): void;
}

/** Options of {@link createLiveLog}. */
export interface LiveLogOptions {
  readonly level: LogLevel;
  /** Fields on every line, e.g. `{ symbol, mode }`. */
  readonly base?: Readonly<Record<string, unknown>>;
  /** Where lines go (default: stdout). Receives redacted lines with their newline. */
  readonly write?: (line: string) => void;
  /** Time source for the `time` field (default: the wall clock). */
  readonly now?: () => number;
}

/** A pino-backed {@link LiveLog}. */
export function createLiveLog(o: LiveLogOptions): LiveLog {
  const write = o.write ?? ((line: string) => void process.stdout.write(line));
  const now = o.now ?? (() => Date.now());
  const logger: Logger = pino(
    {
      level: o.level,
      base: o.base === undefined ? null : { ...o.base },
      messageKey: 'msg',
      timestamp: () => `,"time":"${new Date(now()).toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      hooks: { streamWrite: (s) => redact(s) },
    },
    { write },
  );
  return {
    event(level, event, msg, fields = {}) {
      logger[level]({ event, ...fields }, msg);
    },
    flush() {
      logger.flush();
    },
  };
}

/** The one-line, redacted text of an error for a log field (the stack only at debug level). */
export function errorText(e: unknown): string {
  return redact(e instanceof Error ? e.message : String(e))
    .replace(/\s+/g, ' ')
    .slice(0, 500);
}
