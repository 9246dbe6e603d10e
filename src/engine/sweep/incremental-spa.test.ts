import { describe, expect, it } from 'vitest';
import { parseVerdictConfig, superiorAbility, windowDraws, type SymbolSweep } from '../verdict/index.js';
import { syntheticSweep } from '../verdict/synthetic-sweep.js';
import { IncrementalSpa } from './incremental-spa.js';
import type { SetRunner } from './set-runner.js';
import { runSharedSpa } from './shared-spa.js';
import type { SetOutcome } from './sweep-context.js';

const config = parseVerdictConfig({ bootstrapReps: 199 });

/** A part as sent: its range, its repeat marks when it was sent, and the marks as they are now. */
interface Sent {
  readonly from: number;
  readonly to: number;
  readonly atSend: Uint8Array;
  readonly live: Uint8Array;
}

/** A runner that runs the tests' parts in this thread and counts them. */
function partsRunner(): SetRunner & { parts: number; sent: Sent[] } {
  const none = () => Promise.reject(new Error('not used'));
  const r = {
    parts: 0,
    sent: [] as Sent[],
    threads: 2,
    stress: none,
    detail: none,
    spa: async (_: number, input: Parameters<SetRunner['spa']>[1], range: Parameters<SetRunner['spa']>[2]) => {
      r.parts += 1;
      const live = new Uint8Array(input.skipDraws as SharedArrayBuffer);
      r.sent.push({ from: range.from, to: range.to, atSend: live.slice(), live });
      return runSharedSpa(input, range);
    },
  };
  return r;
}

/** What the tests read of a set's outcome: its block PnL per window. */
function outcomeOf(s: SymbolSweep['sets'][number]): SetOutcome {
  return {
    full: { blockPnl: s.windows.full.blockPnl },
    h1: { blockPnl: s.windows.h1.blockPnl },
  } as unknown as SetOutcome;
}

/** Chunks of `size` sets in a shuffled order (deterministic). */
function shuffledChunks(n: number, size: number, seed: number): number[] {
  const starts = Array.from({ length: Math.ceil(n / size) }, (_, i) => i * size);
  for (let i = starts.length - 1; i > 0; i--) {
    const j = (seed * 7919 + i * 104729) % (i + 1);
    [starts[i], starts[j]] = [starts[j] as number, starts[i] as number];
  }
  return starts;
}

describe('the best-of-N tests started while the sets are simulated', () => {
  it('equal one pass over all sets bit for bit, whatever the order the chunks arrive in and wherever the baseline is', async () => {
    for (const seed of [1, 2, 3, 4]) {
      const base = syntheticSweep({ seed, axisSizes: { A: 8, B: 7 }, commonShare: 0.4, baselineIndex: seed * 13 });
      // A repeat of an earlier set, in another group: one of the two is marked and not resampled.
      const sets = base.sets.map((s, i) => (i === 50 ? { ...s, windows: base.sets[2]!.windows } : s));
      const sweep = { ...base, sets };
      const runner = partsRunner();
      const spa = new IncrementalSpa({
        runner,
        symbol: 0,
        symbolName: sweep.symbol,
        blockMs: sweep.blockMs,
        verdict: config,
        sets: sets.length,
        baselineIndex: sweep.baselineIndex,
      });
      const size = 1 + seed;
      for (const from of shuffledChunks(sets.length, size, seed))
        spa.add(from, sets.slice(from, from + size).map(outcomeOf));
      const tests = spa.results();
      for (const w of ['full', 'h1'] as const) {
        const whole = superiorAbility(
          sets.map((s) => s.windows[w].blockPnl),
          sweep.baselineIndex,
          windowDraws(sweep, config, w),
        );
        expect(await tests[w]).toEqual(whole);
      }
      expect(runner.parts).toBe(16); // 8 groups × 2 windows
      // Set 50 repeats set 2 in another group: one of the two is marked (whichever group started
      // later), and the part holding it had the mark when it was sent.
      for (const p of runner.sent) {
        expect((p.live[2] as number) + (p.live[50] as number)).toBe(1);
        for (const k of [2, 50]) if (k >= p.from && k < p.to) expect(p.atSend[k]).toBe(p.live[k]);
      }
    }
  });

  it('refuses to give results before every set is in', () => {
    const sweep = syntheticSweep({ seed: 1, axisSizes: { A: 4, B: 4 }, commonShare: 0.4, baselineIndex: 0 });
    const spa = new IncrementalSpa({
      runner: partsRunner(),
      symbol: 0,
      symbolName: sweep.symbol,
      blockMs: sweep.blockMs,
      verdict: config,
      sets: sweep.sets.length,
      baselineIndex: 0,
    });
    spa.add(0, sweep.sets.slice(0, 15).map(outcomeOf));
    expect(() => spa.results()).toThrow(/best-of-N tests asked before every set was in/);
  });
});
