/**
 * `coinbot health`'s judgement, pure: given log lines (journalctl output or a log file) and the
 * current time, is the bot healthy? The incident's symptoms each have a check: a `KeyError` or
 * any traceback, fatal errors, a restart loop, and — the real one — a bot that runs but no
 * longer consumes candles or decides.
 */
import { formatInstant } from '../time.js';

/** Thresholds of {@link checkHealth}. */
export interface HealthThresholds {
  /** Max age (ms) of the newest consumed candle's close before the bot counts as stale. */
  readonly staleAfterMs: number;
  /** Restarts in the scanned span above which it is a restart loop. */
  readonly maxRestarts: number;
}

/** Defaults: a 1m bot is stale when its last candle closed more than 3 minutes ago; more than 2 restarts in the span is a loop. */
export const DEFAULT_HEALTH: HealthThresholds = { staleAfterMs: 3 * 60_000, maxRestarts: 2 };

/** One check's outcome. */
export interface HealthCheck {
  readonly name: 'errors' | 'tracebacks' | 'restarts' | 'candles' | 'decisions';
  readonly ok: boolean;
  readonly detail: string;
}

/** The report `coinbot health` prints. */
export interface HealthReport {
  readonly healthy: boolean;
  readonly checks: readonly HealthCheck[];
  /** Open time of the newest consumed candle (ms UTC) or null. */
  readonly lastCandleTs: number | null;
  readonly lastDecisionTs: number | null;
  readonly restarts: number;
}

interface Parsed {
  event?: string;
  level?: string | number;
  candleTs?: number;
  msg?: string;
  error?: string;
}

function parseJson(line: string): Parsed | null {
  const i = line.indexOf('{');
  if (i < 0) return null;
  try {
    return JSON.parse(line.slice(i)) as Parsed;
  } catch {
    return null;
  }
}

/**
 * Judges health from `lines` at time `now` (ms UTC).
 * @param stepMs the bot's candle length (1m = 60,000 ms): a candle's close is its open + step.
 */
export function checkHealth(
  lines: readonly string[],
  now: number,
  stepMs = 60_000,
  t: HealthThresholds = DEFAULT_HEALTH,
): HealthReport {
  let keyErrors = 0;
  let tracebacks = 0;
  let fatals = 0;
  let restarts = 0;
  let starts = 0;
  let lastCandle: number | null = null;
  let lastDecision: number | null = null;
  let firstError = '';
  for (const line of lines) {
    if (/KeyError/.test(line)) {
      keyErrors += 1;
      firstError ||= line.trim();
    }
    if (/Traceback \(most recent call last\)|^\s+at .+\(.+:\d+:\d+\)$|internal error \(a bug/.test(line))
      tracebacks += 1;
    if (/Scheduled restart job, restart counter is at \d+/.test(line)) restarts += 1;
    const j = parseJson(line);
    if (j === null) continue;
    if (j.event === 'start') starts += 1;
    if (j.event === 'fatal' || j.level === 'fatal' || j.level === 60) {
      fatals += 1;
      firstError ||= j.error ?? j.msg ?? line.trim();
    }
    if (j.event === 'candle' && typeof j.candleTs === 'number') lastCandle = Math.max(lastCandle ?? 0, j.candleTs);
    if (j.event === 'decision' && typeof j.candleTs === 'number')
      lastDecision = Math.max(lastDecision ?? 0, j.candleTs);
  }
  // systemd's restart counter lines and the bot's own start lines both count; use the larger.
  const restartCount = Math.max(restarts, starts - 1, 0);
  const age = (ts: number | null) => (ts === null ? Infinity : now - (ts + stepMs));
  const describe = (ts: number | null) =>
    ts === null
      ? 'none in the scanned log'
      : `newest closed at ${formatInstant(ts + stepMs)}, ${Math.round(age(ts) / 1000)} s ago`;
  const checks: HealthCheck[] = [
    {
      name: 'errors',
      ok: keyErrors === 0 && fatals === 0,
      detail:
        keyErrors + fatals === 0
          ? 'no KeyError, no fatal error'
          : `${keyErrors} KeyError, ${fatals} fatal: ${firstError.slice(0, 200)}`,
    },
    {
      name: 'tracebacks',
      ok: tracebacks === 0,
      detail: tracebacks === 0 ? 'no traceback' : `${tracebacks} traceback line(s)`,
    },
    {
      name: 'restarts',
      ok: restartCount <= t.maxRestarts,
      detail: `${restartCount} restart(s) (limit ${t.maxRestarts})`,
    },
    {
      name: 'candles',
      ok: age(lastCandle) <= t.staleAfterMs,
      detail: `consumed candles: ${describe(lastCandle)} (stale after ${t.staleAfterMs / 1000} s)`,
    },
    { name: 'decisions', ok: age(lastDecision) <= t.staleAfterMs, detail: `decisions: ${describe(lastDecision)}` },
  ];
  return {
    healthy: checks.every((c) => c.ok),
    checks,
    lastCandleTs: lastCandle,
    lastDecisionTs: lastDecision,
    restarts: restartCount,
  };
}
