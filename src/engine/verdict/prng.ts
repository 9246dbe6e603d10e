/**
 * The verdict's only source of randomness: a seeded xoshiro128** generator (Blackman & Vigna,
 * 2018) whose 128-bit state is filled by a "splitmix32" stream (a Weyl sequence with step
 * 0x9e3779b9 passed through the MurmurHash3 `fmix32` finaliser). Everything is 32-bit integer
 * arithmetic (`Math.imul`, shifts), so the stream is identical on every machine and Node version.
 * `Math.random` is never used anywhere in `engine/verdict/`.
 *
 * Known-answer tests (`prng.test.ts`) compare the first outputs with a C reference compiled from
 * the algorithm description.
 */

const WEYL = 0x9e3779b9 | 0;

/** MurmurHash3's 32-bit finaliser: a bijective avalanche mix of one uint32. */
export function fmix32(x: number): number {
  let z = x | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * The splitmix32 stream starting at `seed`: each call advances a Weyl counter by 0x9e3779b9 and
 * returns its `fmix32` mix. Used only to expand one 32-bit seed into xoshiro's four state words.
 */
export function splitmix32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + WEYL) | 0;
    return fmix32(state);
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * A xoshiro128** generator: period 2^128 − 1, 32-bit outputs, fast enough to draw all bootstrap
 * indices for a sweep in well under a millisecond per thousand replications.
 *
 * @example
 * const rng = Xoshiro128.fromSeed(42);
 * rng.nextUint32(); // 2837322924, the same on every machine
 */
export class Xoshiro128 {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** Starts from an explicit state (four uint32 words, not all zero). */
  constructor(s0: number, s1: number, s2: number, s3: number) {
    if ((s0 | s1 | s2 | s3) === 0) throw new Error('Invariant failed: xoshiro128** state must not be all zero');
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
  }

  /** A generator whose state is the first four outputs of {@link splitmix32}(`seed`). */
  static fromSeed(seed: number): Xoshiro128 {
    const sm = splitmix32(seed);
    const a = sm();
    const b = sm();
    const c = sm();
    const d = sm();
    // splitmix32 never returns four zeros in a row (fmix32 is a bijection of distinct inputs).
    return new Xoshiro128(a, b, c, d);
  }

  /** The next output as an unsigned 32-bit integer in [0, 2^32). */
  nextUint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result >>> 0;
  }

  /** A uniform double in [0, 1) with 53 random bits (two outputs). */
  nextFloat(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /**
   * A uniform integer in [0, n) for 1 ≤ n ≤ 2^32, as ⌊u·n⌋ of a 53-bit uniform; the bias is at
   * most n / 2^53, far below anything a bootstrap of 1,000 replications can see.
   */
  nextInt(n: number): number {
    return Math.floor(this.nextFloat() * n);
  }
}

/**
 * Derives an independent 32-bit seed for one purpose (e.g. `"BTC/USDT:USDT|h1|spa"`) from the
 * configured seed: FNV-1a over the label's UTF-16 code units, mixed with the seed by `fmix32`.
 * Different labels give unrelated streams; the same label always gives the same stream.
 */
export function deriveSeed(seed: number, label: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h ^ fmix32(seed));
}
