/**
 * Runs `coinbot live` in-process against the loopback fake with accelerated time: the wiring
 * of the real command (cli/commands/live-wiring.ts) with a {@link FollowingClock}, so hours of
 * candles take well under a second and nothing races a real timer. Returns the log lines and
 * the journal.
 */
import { startLive } from '../src/cli/commands/live-wiring.js';
import { parseEnvFile } from '../src/engine/config/env-file.js';
import type { Fill } from '../src/engine/ports/venue.js';
import { readJournal, type JournalEntry } from '../src/engine/live/journal.js';
import { resolveLiveConfig } from '../src/engine/live/live-config.js';
import { createLiveLog } from '../src/engine/ops/live-logger.js';
import { LiveStateStore, type LiveMode } from '../src/engine/live/live-state.js';
import { SILENT_NOTIFIER, type Notifier } from '../src/engine/ops/webhook-notifier.js';
import { atrBreakout } from '../src/strategies/atr-breakout/atr-breakout.js';
import { FollowingClock, type FakeBinance } from './fake-binance/index.js';

/** Options of {@link runLiveInProcess}. */
export interface LiveRunSpec {
  readonly fake: FakeBinance;
  readonly dataDir: string;
  /** Parameter file text (KEY=VALUE lines). */
  readonly params: string;
  /** Fake time at start (ms UTC). */
  readonly start: number;
  /** The run is stopped (as by SIGTERM) once the fake time reaches this. */
  readonly stopAt: number;
  readonly mode?: LiveMode;
  readonly notifier?: Notifier;
  /** Request timeout (real ms), for hang faults. */
  readonly timeoutMs?: number;
  /** Aborting it stops the run early, as SIGTERM does (default: a private one). */
  readonly controller?: AbortController;
  /**
   * Longest wait between polls, fake ms (default 60 s: one sync per candle). `coinbot live`
   * defaults to 5 s (`--poll-ms`), which is what syncs an unprotected position between candles.
   */
  readonly pollSliceMs?: number;
  /** `--drain` from the start. */
  readonly drain?: boolean;
  /** `--instance` (e.g. `shadow`): its own state files. */
  readonly instance?: string;
}

/** What an in-process run left behind. */
export interface LiveRunResult {
  readonly candles: number;
  readonly decisions: number;
  readonly lines: readonly Record<string, unknown>[];
  readonly journal: readonly JournalEntry[];
  /** Fills journaled by this and earlier runs in the same data dir. */
  readonly fills: readonly Fill[];
}

/** Runs live paper (or real) mode in-process until the fake time reaches `stopAt`. */
export async function runLiveInProcess(s: LiveRunSpec): Promise<LiveRunResult> {
  const mode = s.mode ?? 'paper';
  s.fake.clock.set(s.start);
  const controller = s.controller ?? new AbortController();
  const clock = new FollowingClock(s.fake.clock, { stopAt: s.stopAt, controller });
  const lines: Record<string, unknown>[] = [];
  const log = createLiveLog({
    level: 'debug',
    write: (l) => void lines.push(JSON.parse(l) as Record<string, unknown>),
    now: () => clock.now(),
  });
  const cfg = resolveLiveConfig(atrBreakout, { env: {}, file: parseEnvFile(s.params, 'test.env') });
  const keys =
    mode === 'real'
      ? { apiKey: 'fake-api-key-0001', secret: 'fake-api-secret-0001', source: 'env' as const }
      : undefined;
  const out = await startLive({
    mode,
    strategy: atrBreakout,
    cfg,
    keys,
    clock,
    log,
    notifier: s.notifier ?? SILENT_NOTIFIER,
    signal: controller.signal,
    dataDir: s.dataDir,
    exchangeUrl: s.fake.url,
    timeoutMs: s.timeoutMs ?? 2_000,
    rateLimitMs: 0.001,
    retry: { attempts: 4, baseDelayMs: 10, maxDelayMs: 100, maxRetryAfterMs: 60_000 },
    startupBudgetMs: 60_000,
    drain: s.drain,
    instance: s.instance,
    timing: { pollSliceMs: s.pollSliceMs ?? 60_000, settleMs: 1_000, staleAfterMs: 120_000, maxBackoffMs: 1_000 },
  });
  const journal = readJournal(new LiveStateStore(s.dataDir, cfg.symbol, mode, s.instance).journalPath);
  const fills = journal
    .filter((e) => e.t === 'fill')
    .map((e) => {
      const { clientOrderId, side, price, amount, fee, liquidity, ts, reduceOnly } = e as unknown as Fill;
      return { clientOrderId, side, price, amount, fee, liquidity, ts, reduceOnly };
    });
  return { ...out, lines, journal, fills };
}
