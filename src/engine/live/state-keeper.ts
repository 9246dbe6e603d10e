/**
 * The latest consistent state document of a live run and its two ways to disk: after every
 * decision (runner + venue at that decision), and in between, when the venue learns a fill
 * (the venue's part replaced, the runner's part kept as of the last decision, so a fill is on
 * disk before the runner acts on it and is delivered again after a crash). Side effect: writes
 * through {@link LiveStateStore} (atomic, fsynced).
 */
import type { RunnerState } from '../runner.js';
import type { LiveMode, LiveStateDoc, LiveStateStore } from './live-state.js';
import type { PerpSymbol } from '../symbols.js';

/** Keeps and saves the state document. */
export class StateKeeper {
  private doc: LiveStateDoc | null;

  constructor(
    private readonly store: LiveStateStore,
    private readonly who: { readonly symbol: PerpSymbol; readonly mode: LiveMode; readonly strategy: string },
    restored: LiveStateDoc | null,
    private readonly initialRunner: () => RunnerState,
    private readonly now: () => number,
  ) {
    this.doc = restored;
  }

  /** Saves the state after the decision on the candle opening at `lastCandleTs` (ms). */
  saveDecision(runner: RunnerState, venue: unknown, lastCandleTs: number): void {
    this.write({ runner, venue, lastCandleTs });
  }

  /** Saves the venue's state between decisions; `fallbackCandleTs` stands in before the first decision. */
  saveVenue(venue: unknown, fallbackCandleTs: number): void {
    this.write({
      runner: this.doc?.runner ?? this.initialRunner(),
      venue,
      lastCandleTs: this.doc?.lastCandleTs ?? fallbackCandleTs,
    });
  }

  private write(p: { runner: RunnerState; venue: unknown; lastCandleTs: number }): void {
    const doc: LiveStateDoc = { version: 1, ...this.who, ...p, savedAt: this.now() };
    this.store.save(doc);
    this.doc = doc;
  }
}
