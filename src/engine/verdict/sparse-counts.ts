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
  const offsets = new Int32Array(B + 1);
  let nz = 0;
  for (let i = 0; i < B * n; i++) if ((counts[i] as number) !== 0) nz++;
  const blocks = new Int32Array(nz);
  const weights = new Float64Array(nz);
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
  offsets[B] = j;
  return { offsets, blocks, weights };
}
