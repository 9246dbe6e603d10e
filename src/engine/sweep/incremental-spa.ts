/**
 * A symbol's best-of-N tests (SPA/RC on the full window and on h1, verdict/superior-ability.ts)
 * started while its sets are still simulated, so that they are not left for the end of the
 * sweep. The sets are cut into a few contiguous groups; as soon as every set of a group and the
 * baseline are in, the group's block PnL is on shared memory and its two tests (one per window)
 * are queued on the runner, which runs such single tasks before its next chunk of sets. The parts
 * are combined in set order ({@link combineSuperiorAbility}), which is exact: the result is
 * bit-identical to one pass over all sets (the merge of shards, which runs the whole pass in one
 * thread, is compared with a pooled run byte for byte in the tests).
 *
 * Repeated sets: a set whose block PnL repeats one already in a started group is marked, and its
 * part does not resample it (`skipDraws`): its null draws would be those of the earlier set, and a
 * maximum does not change by taking an element twice. Within a group the part's own check does
 * the same. So about as many sets are resampled as in one pass (on the sample 13.4 k of 26.9 k
 * set-windows; 17.4 k without the marks).
 */
import {
  combineSuperiorAbility,
  drawsOf,
  type SuperiorAbility,
  type SuperiorAbilityPart,
  type VerdictConfig,
} from '../verdict/index.js';
import { invariant } from '../errors.js';
import type { SetRunner } from './set-runner.js';
import { shareDraws, type SharedSpaInput } from './shared-spa.js';
import { sharedFloat64 } from './shared-series.js';
import { SeenDifferences } from '../verdict/seen-differences.js';
import type { SetOutcome } from './sweep-context.js';

/** The windows the best-of-N tests run on. */
const TESTED = ['full', 'h1'] as const;
type Tested = (typeof TESTED)[number];

/**
 * Groups a symbol's sets are cut into: the last group's tests are what is left after the last
 * set (≈ 1/GROUPS of the tests' time); more groups skip fewer repeated sets.
 */
const GROUPS = 8;

/** What the tests of one symbol need besides the outcomes. */
export interface IncrementalSpaSpec {
  readonly runner: SetRunner;
  /** The symbol's index on `runner`. */
  readonly symbol: number;
  /** The symbol (seeds the draws, as `windowDraws` does). */
  readonly symbolName: string;
  readonly blockMs: number;
  readonly verdict: VerdictConfig;
  readonly sets: number;
  readonly baselineIndex: number;
}

/** One window's packed block PnL and draws, allocated when the first outcome tells the block count. */
interface WindowInput {
  readonly packed: Float64Array;
  /** Block PnL vectors of the started groups' sets (one representative each). */
  readonly seen: SeenDifferences;
  /** `input.skipDraws` as written here. */
  readonly skip: Uint8Array;
  readonly input: SharedSpaInput;
  /** The tests' parts by group (set order). */
  readonly parts: Promise<SuperiorAbilityPart>[];
}

/** The tests of one symbol, fed chunk by chunk (see the module comment). */
export class IncrementalSpa {
  private windows: Readonly<Record<Tested, WindowInput>> | undefined;
  /** Sets arrived per group. */
  private readonly arrived: Int32Array;
  private readonly started: Uint8Array;
  private readonly groupSize: number;
  private baselineIn = false;

  constructor(private readonly spec: IncrementalSpaSpec) {
    this.groupSize = Math.max(1, Math.ceil(spec.sets / GROUPS));
    const groups = Math.ceil(spec.sets / this.groupSize);
    this.arrived = new Int32Array(groups);
    this.started = new Uint8Array(groups);
  }

  /**
   * Takes the outcomes of sets `from … from + outcomes.length - 1` (each set once, any order)
   * and queues the tests of every group that is now complete. Side effect: tasks on the runner.
   */
  add(from: number, outcomes: readonly SetOutcome[]): void {
    const w = (this.windows ??= this.allocate(outcomes[0] as SetOutcome));
    const n = w.full.input.blocks;
    const nh = w.h1.input.blocks;
    outcomes.forEach((o, i) => {
      const k = from + i;
      w.full.packed.set(o.full.blockPnl, k * n);
      w.h1.packed.set(o.h1.blockPnl, k * nh);
      const g = Math.floor(k / this.groupSize);
      this.arrived[g] = (this.arrived[g] as number) + 1;
      if (k === this.spec.baselineIndex) this.baselineIn = true;
    });
    if (this.baselineIn) this.startComplete(w);
  }

  /**
   * Both windows' tests, once every set has been added.
   * @throws Error (a bug) when a set is missing.
   */
  results(): Readonly<Record<Tested, Promise<SuperiorAbility>>> {
    const w = this.windows;
    invariant(w !== undefined && this.started.every((s) => s === 1), 'best-of-N tests asked before every set was in');
    const combined = (t: Tested) =>
      Promise.all(w[t].parts).then((parts) => combineSuperiorAbility(parts, w[t].input.draws));
    return { full: combined('full'), h1: combined('h1') };
  }

  private allocate(first: SetOutcome): Record<Tested, WindowInput> {
    const { spec } = this;
    const one = (t: Tested): WindowInput => {
      const blocks = first[t].blockPnl.length;
      const draws = drawsOf({ symbol: spec.symbolName, blockMs: spec.blockMs, blocks }, spec.verdict, t);
      const packed = sharedFloat64(spec.sets * blocks);
      const skip = new Uint8Array(new SharedArrayBuffer(spec.sets));
      const input = {
        series: packed.buffer as SharedArrayBuffer,
        sets: spec.sets,
        blocks,
        baselineIndex: spec.baselineIndex,
        draws: shareDraws(draws),
        skipDraws: skip.buffer as SharedArrayBuffer,
      };
      const seen = new SeenDifferences(blocks, spec.sets);
      return { packed, seen, skip, input, parts: new Array<Promise<SuperiorAbilityPart>>(this.arrived.length) };
    };
    return { full: one('full'), h1: one('h1') };
  }

  private startComplete(w: Readonly<Record<Tested, WindowInput>>): void {
    const { runner, symbol, sets } = this.spec;
    for (let g = 0; g < this.arrived.length; g++) {
      const from = g * this.groupSize;
      const to = Math.min(sets, from + this.groupSize);
      if (this.started[g] === 1 || this.arrived[g] !== to - from) continue;
      this.started[g] = 1;
      for (const t of TESTED) {
        markRepeats(w[t], from, to);
        const part = runner.spa(symbol, w[t].input, { from, to });
        // Awaited by results(); a failure before then is not an unhandled rejection.
        part.catch(() => undefined);
        w[t].parts[g] = part;
      }
    }
  }
}

/**
 * Marks the sets `from … to - 1` of `w` whose block PnL repeats one of an earlier started group's
 * sets or an earlier set of this group (SameValueZero per block, as the part's own check: equal
 * block PnL gives equal differences from the baseline). The first of each is remembered.
 */
function markRepeats(w: WindowInput, from: number, to: number): void {
  const n = w.input.blocks;
  for (let k = from; k < to; k++) if (!w.seen.addIfNew(w.packed.subarray(k * n, (k + 1) * n))) w.skip[k] = 1;
}
