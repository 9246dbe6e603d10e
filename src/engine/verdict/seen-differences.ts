/**
 * The difference vectors the best-of-N test (superior-ability.ts) has already resampled, so a set
 * that repeats one exactly is not resampled again (its null draws would be the same, and a maximum
 * does not change by taking an element twice).
 *
 * "The same" is SameValueZero per block — equal numbers, +0 equal to −0, NaN equal to NaN —
 * which is exactly what the earlier key `d.join(',')` compared (ToString is one-to-one on doubles
 * apart from "0" for ±0 and "NaN" for every NaN). Lookup is by a 32-bit hash of the normalised
 * bits and then a full comparison of every block, so a hash collision can never skip a set.
 */

/** A growing set of equal-length Float64 vectors under SameValueZero per element. */
export class SeenDifferences {
  private readonly n: number;
  private pool: Float64Array;
  private hashes: Uint32Array;
  private slots: Int32Array; // open addressing: 0 empty, else 1 + index into the pool
  private size = 0;
  private readonly scratch = new Float64Array(1);
  private readonly bits = new Uint32Array(this.scratch.buffer);

  /**
   * @param blocks length n of every vector.
   * @param expected vectors expected (a capacity hint; the set grows beyond it).
   */
  constructor(blocks: number, expected: number) {
    this.n = blocks;
    const cap = Math.max(4, expected);
    this.pool = new Float64Array(cap * blocks);
    this.hashes = new Uint32Array(cap);
    this.slots = new Int32Array(tableSizeFor(cap));
  }

  /**
   * Remembers `d` (first `blocks` entries, copied) and returns true when no equal vector was
   * remembered before; returns false, and changes nothing, when one was.
   */
  addIfNew(d: Float64Array): boolean {
    const h = this.hashOf(d);
    const mask = this.slots.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const slot = this.slots[i] as number;
      if (slot === 0) {
        this.insert(i, h, d);
        return true;
      }
      if (this.hashes[slot - 1] === h && this.equals(slot - 1, d)) return false;
    }
  }

  private insert(slotIndex: number, h: number, d: Float64Array): void {
    if (this.size === this.hashes.length) this.grow();
    this.pool.set(d.subarray(0, this.n), this.size * this.n);
    this.hashes[this.size] = h;
    this.size++;
    if (2 * this.size > this.slots.length) this.rehash();
    else this.slots[slotIndex] = this.size;
  }

  /** SameValueZero of pooled vector `index` and `d`, block by block. */
  private equals(index: number, d: Float64Array): boolean {
    const { n, pool } = this;
    for (let t = 0, o = index * n; t < n; t++, o++) {
      const a = pool[o] as number;
      const b = d[t] as number;
      if (a !== b && !(a !== a && b !== b)) return false;
    }
    return true;
  }

  /** A 32-bit hash of the bits of each block, with −0 read as +0 and every NaN as one NaN. */
  private hashOf(d: Float64Array): number {
    const { scratch, bits } = this;
    let h = 0x811c9dc5;
    for (let t = 0; t < this.n; t++) {
      const v = d[t] as number;
      scratch[0] = v === 0 ? 0 : v !== v ? Number.NaN : v;
      h = Math.imul(h ^ (bits[0] as number), 0x01000193);
      h = Math.imul(h ^ (bits[1] as number), 0x01000193);
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    return (h ^ (h >>> 13)) >>> 0;
  }

  private grow(): void {
    const pool = new Float64Array(this.pool.length * 2);
    pool.set(this.pool);
    this.pool = pool;
    const hashes = new Uint32Array(this.hashes.length * 2);
    hashes.set(this.hashes);
    this.hashes = hashes;
  }

  /** Rebuilds the table at twice the size from the pooled vectors' hashes. */
  private rehash(): void {
    this.slots = new Int32Array(tableSizeFor(this.size));
    const mask = this.slots.length - 1;
    for (let k = 0; k < this.size; k++) {
      let i = (this.hashes[k] as number) & mask;
      while (this.slots[i] !== 0) i = (i + 1) & mask;
      this.slots[i] = k + 1;
    }
  }
}

/** The power of two ≥ 2·count (load factor ≤ ½). */
function tableSizeFor(count: number): number {
  let size = 8;
  while (size < 2 * count) size *= 2;
  return size;
}
