/**
 * The null draws of the best-of-N test (superior-ability.ts) and their maxima per replication:
 * for set k and replication b, from the resampled sums Σ_t c_bt·d_kt and Σ_t c_bt·d_kt²,
 *
 *   T*_kb = √n·(w·(m − d̄_k) + offset_k)/s*,  s* = √max(floorVar_k, Σc·d²/n − m²),  m = Σc·d/n,
 *   V*_kb = (m − d̄_k)·√n·w,
 *
 * and spaMax[b] / rcMax[b] keep the largest (`if (z > max) max = z`, so NaN never enters and the
 * first of equal values stays).
 *
 * **Several sets per pass.** {@link NullDrawLanes} resamples {@link LANES} sets in one walk over
 * the sparse counts (sparse-counts.ts): the block index and count are loaded once for all of them
 * and their sums are independent chains the CPU adds in parallel. Each set's sums still take the
 * same terms in the same order, so they are bit-identical to one set at a time; and within each
 * replication b the maxima see the sets in set order, so even which of +0 and −0 is kept is the
 * same. (Across parts whose repeats are marked, sweep/incremental-spa.ts, which copy of a repeated
 * set enters may change, and with it the sign of an `rcMax` entry exactly at zero: no result reads
 * that sign, since the maxima are only compared. `spaMax` starts at +0, so −0 never enters it.)
 * A set whose differences are not all finite must see every block ({@link denseNullDraws}):
 * the caller flushes the lanes first, which keeps the set order.
 */
import type { BootstrapDraws } from './stationary-bootstrap.js';
import { laneSums, type LaneSums } from './simd-lane-sums.js';
import { sparseCounts, type SparseCounts } from './sparse-counts.js';

/**
 * Sets resampled together in one pass over the counts. In a micro-benchmark of the loop (n = 48,
 * B = 1000) the time per set fell from 1 lane to 2 and 4 and no further at 6 or 8.
 */
export const LANES = 4;

/** The maxima over sets of one window's null draws, and what every set's draws share. */
export interface NullMaxima {
  /** Blocks n. */
  readonly n: number;
  /** Replications B. */
  readonly B: number;
  readonly sqrtN: number;
  /** Widening w of bootstrap deviations. */
  readonly w: number;
  /** √n·w, the RC draw's scale. */
  readonly rcScale: number;
  /** Dense counts `counts[b·n + t]`. */
  readonly counts: Float64Array;
  readonly sparse: SparseCounts;
  /** Per replication, max(0, max_k T*_kb). */
  readonly spaMax: Float64Array;
  /** Per replication, max_k V*_kb (−∞ with no set). */
  readonly rcMax: Float64Array;
}

/** Empty maxima for `draws` with widening `w`. Side effect: allocates O(B·n). */
export function nullMaxima(draws: BootstrapDraws, w: number): NullMaxima {
  const { blocks: n, reps: B, counts } = draws;
  const sqrtN = Math.sqrt(n);
  return {
    n,
    B,
    sqrtN,
    w,
    rcScale: sqrtN * w,
    counts,
    sparse: sparseCounts(counts, B, n),
    spaMax: new Float64Array(B), // floor at 0
    rcMax: new Float64Array(B).fill(Number.NEGATIVE_INFINITY),
  };
}

/** One set's constants: mean difference d̄, recentring offset, and the floor of s*². */
export interface NullDrawSet {
  readonly dbar: number;
  readonly offset: number;
  readonly floorVar: number;
}

/** Enters one set's draws for replication b, from its sums Σc·d and Σc·d², into the maxima. */
function enterDraw(
  mx: NullMaxima,
  b: number,
  acc: number,
  acc2: number,
  dbar: number,
  offset: number,
  floorVar: number,
): void {
  const m = acc / mx.n;
  const sStar = Math.sqrt(Math.max(floorVar, acc2 / mx.n - m * m));
  const dev = m - dbar;
  const zs = (mx.sqrtN * (mx.w * dev + offset)) / sStar;
  if (zs > (mx.spaMax[b] as number)) mx.spaMax[b] = zs;
  const zr = dev * mx.rcScale;
  if (zr > (mx.rcMax[b] as number)) mx.rcMax[b] = zr;
}

/**
 * One set's draws over every block of every replication, zero counts included (the step-by-step
 * reference, and the rule for differences that are not all finite: 0·∞ is NaN).
 * @param d the set's differences from the baseline; `d2` their squares.
 */
export function denseNullDraws(mx: NullMaxima, d: Float64Array, d2: Float64Array, set: NullDrawSet): void {
  const { n, B, counts } = mx;
  const { dbar, offset, floorVar } = set;
  for (let b = 0, row = 0; b < B; b++, row += n) {
    let acc = 0;
    let acc2 = 0;
    for (let t = 0; t < n; t++) {
      const c = counts[row + t] as number;
      acc += c * (d[t] as number);
      acc2 += c * (d2[t] as number);
    }
    enterDraw(mx, b, acc, acc2, dbar, offset, floorVar);
  }
}

/**
 * Up to {@link LANES} sets with finite differences waiting for their draws, in set order; a full
 * batch is resampled at once. Call {@link flush} before any other set's draws enter the same
 * maxima, and at the end.
 */
export class NullDrawLanes {
  private readonly mx: NullMaxima;
  /** Lane l's d_t at `[t·LANES + l]`, d_t² likewise. */
  private readonly d: Float64Array;
  private readonly d2: Float64Array;
  private readonly sets: NullDrawSet[] = [];
  /** The WebAssembly SIMD sums of a full batch (simd-lane-sums.ts), or null: {@link fourLanes}. */
  private readonly simd: LaneSums | null;

  /**
   * Side effect: loads the window's sparse counts into the SIMD kernel's memory.
   * @param opts.simd false to sum in JavaScript (tests compare both; default: SIMD where available).
   */
  constructor(mx: NullMaxima, opts: { readonly simd?: boolean } = {}) {
    this.mx = mx;
    this.d = new Float64Array(mx.n * LANES);
    this.d2 = new Float64Array(mx.n * LANES);
    this.simd = opts.simd === false ? null : laneSums(mx.sparse, mx.B, mx.n);
  }

  /** Queues a set (its differences copied); resamples the batch when it is full. */
  add(d: Float64Array, d2: Float64Array, set: NullDrawSet): void {
    const l = this.sets.length;
    for (let t = 0, i = l; t < this.mx.n; t++, i += LANES) {
      this.d[i] = d[t] as number;
      this.d2[i] = d2[t] as number;
    }
    this.sets.push(set);
    if (this.sets.length === LANES) {
      if (this.simd === null) fourLanes(this.mx, this.d, this.d2, this.sets);
      else enterLaneSums(this.mx, this.simd.sum(this.d, this.d2), this.sets);
      this.sets.length = 0;
    }
  }

  /** Resamples the queued sets one at a time, in order. */
  flush(): void {
    this.sets.forEach((set, l) => oneLane(this.mx, this.d, this.d2, l, set));
    this.sets.length = 0;
  }
}

/** Lane l's draws over the sparse counts (a batch that did not fill up). */
function oneLane(mx: NullMaxima, dv: Float64Array, qv: Float64Array, l: number, set: NullDrawSet): void {
  const { offsets, blocks: at, weights } = mx.sparse;
  const { dbar, offset, floorVar } = set;
  for (let b = 0; b < mx.B; b++) {
    let acc = 0;
    let acc2 = 0;
    for (let j = offsets[b] as number, e = offsets[b + 1] as number; j < e; j++) {
      const i = (at[j] as number) * LANES + l;
      const c = weights[j] as number;
      acc += c * (dv[i] as number);
      acc2 += c * (qv[i] as number);
    }
    enterDraw(mx, b, acc, acc2, dbar, offset, floorVar);
  }
}

/** Enters four lanes' draws from their sums (`sums[b·8 + l]`, `sums[b·8 + 4 + l]`); per replication, lanes in set order. */
function enterLaneSums(mx: NullMaxima, sums: Float64Array, sets: readonly NullDrawSet[]): void {
  const [s0, s1, s2, s3] = sets as [NullDrawSet, NullDrawSet, NullDrawSet, NullDrawSet];
  for (let b = 0, o = 0; b < mx.B; b++, o += 8) {
    enterDraw(mx, b, sums[o] as number, sums[o + 4] as number, s0.dbar, s0.offset, s0.floorVar);
    enterDraw(mx, b, sums[o + 1] as number, sums[o + 5] as number, s1.dbar, s1.offset, s1.floorVar);
    enterDraw(mx, b, sums[o + 2] as number, sums[o + 6] as number, s2.dbar, s2.offset, s2.floorVar);
    enterDraw(mx, b, sums[o + 3] as number, sums[o + 7] as number, s3.dbar, s3.offset, s3.floorVar);
  }
}

/** Four lanes' draws in one pass over the sparse counts; per replication, lanes in set order. */
function fourLanes(mx: NullMaxima, dv: Float64Array, qv: Float64Array, sets: readonly NullDrawSet[]): void {
  const { offsets, blocks: at, weights } = mx.sparse;
  const [s0, s1, s2, s3] = sets as [NullDrawSet, NullDrawSet, NullDrawSet, NullDrawSet];
  for (let b = 0; b < mx.B; b++) {
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let q0 = 0;
    let q1 = 0;
    let q2 = 0;
    let q3 = 0;
    for (let j = offsets[b] as number, e = offsets[b + 1] as number; j < e; j++) {
      const i = (at[j] as number) * LANES;
      const c = weights[j] as number;
      a0 += c * (dv[i] as number);
      q0 += c * (qv[i] as number);
      a1 += c * (dv[i + 1] as number);
      q1 += c * (qv[i + 1] as number);
      a2 += c * (dv[i + 2] as number);
      q2 += c * (qv[i + 2] as number);
      a3 += c * (dv[i + 3] as number);
      q3 += c * (qv[i + 3] as number);
    }
    enterDraw(mx, b, a0, q0, s0.dbar, s0.offset, s0.floorVar);
    enterDraw(mx, b, a1, q1, s1.dbar, s1.offset, s1.floorVar);
    enterDraw(mx, b, a2, q2, s2.dbar, s2.offset, s2.floorVar);
    enterDraw(mx, b, a3, q3, s3.dbar, s3.offset, s3.floorVar);
  }
}
