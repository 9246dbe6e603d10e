/**
 * The bootstrap counts (stationary-bootstrap.ts) of each replication without its zeros: a
 * replication of n blocks draws only about two thirds of them at least once, and a block drawn
 * zero times adds c·x = ±0 to a resampled sum, which leaves a finite sum unchanged. Sums over the
 * sparse form take the same non-zero terms in the same (block) order, so they are bit-identical.
 */

/** Replication b's non-zero counts are `weights[offsets[b] … offsets[b+1])`, of blocks `blocks[…]`. */
export interface SparseCounts {
  /** B + 1 start offsets into `blocks` and `weights`. */
  readonly offsets: Int32Array;
  /** Block index t of each non-zero count, ascending within a replication. */
  readonly blocks: Int32Array;
  /** The count c > 0 (times drawn). */
  readonly weights: Float64Array;
}

/**
 * The non-zero counts of each replication, in block order.
 * @param counts `counts[b·n + t]`, B rows of n (as in `BootstrapDraws`).
 */
export function sparseCounts(counts: Float64Array, B: number, n: number): SparseCounts {
  // Each loop is a function of its own: one function with both loops was optimised on the stack
  // in its first loop, then left that code on reaching the second (no type feedback there yet)
  // and ran it in the interpreter, on every call (≈ 30 times per main job).
  const nz = nonZeros(counts, B * n);
  const sparse = { offsets: new Int32Array(B + 1), blocks: new Int32Array(nz), weights: new Float64Array(nz) };
  fillSparse(counts, B, n, sparse);
  return sparse;
}

/** How many of `counts[0 … len)` are non-zero. */
function nonZeros(counts: Float64Array, len: number): number {
  let nz = 0;
  for (let i = 0; i < len; i++) if ((counts[i] as number) !== 0) nz++;
  return nz;
}

/** Writes the non-zero counts of `counts` (B rows of n) into `out`, sized by {@link nonZeros}. */
function fillSparse(counts: Float64Array, B: number, n: number, out: SparseCounts): void {
  const { offsets, blocks, weights } = out;
  // The end offset first: a store after the loop had no type feedback when the loop was
  // optimised on the stack, and left the optimised code on every call.
  offsets[B] = blocks.length;
  let j = 0;
  for (let b = 0, row = 0; b < B; b++, row += n) {
    offsets[b] = j;
    for (let t = 0; t < n; t++) {
      const c = counts[row + t] as number;
      if (c !== 0) {
        blocks[j] = t;
        weights[j++] = c;
      }
    }
  }
}
