import { describe, expect, it } from 'vitest';
import { denseNullDraws, NullDrawLanes, nullMaxima } from './null-draws.js';
import { Xoshiro128 } from './prng.js';
import { laneSums } from './simd-lane-sums.js';
import { sparseCounts } from './sparse-counts.js';
import { drawStationaryBootstrap } from './stationary-bootstrap.js';

/** The four lanes' sums by the JavaScript loop of null-draws.ts (fourLanes), per replication. */
function jsSums(sp: ReturnType<typeof sparseCounts>, B: number, d: Float64Array, q: Float64Array): Float64Array {
  const out = new Float64Array(B * 8);
  for (let b = 0; b < B; b++) {
    const acc = [0, 0, 0, 0, 0, 0, 0, 0];
    for (let j = sp.offsets[b] as number; j < (sp.offsets[b + 1] as number); j++) {
      const i = (sp.blocks[j] as number) * 4;
      const c = sp.weights[j] as number;
      for (let l = 0; l < 4; l++) {
        acc[l] = (acc[l] as number) + c * (d[i + l] as number);
        acc[4 + l] = (acc[4 + l] as number) + c * (q[i + l] as number);
      }
    }
    out.set(acc, b * 8);
  }
  return out;
}

/** Values that stress rounding: ±0, subnormals, huge and tiny magnitudes, ties. */
function awkward(rng: Xoshiro128, k: number): number {
  const pick = k % 7;
  if (pick === 0) return k % 2 === 0 ? 0 : -0;
  if (pick === 1) return (rng.nextFloat() - 0.5) * 1e-310;
  if (pick === 2) return (rng.nextFloat() - 0.5) * 1e300;
  if (pick === 3) return 0.1 * (k % 11);
  return (rng.nextFloat() - 0.5) * 2 ** ((k % 40) - 20);
}

describe('the WebAssembly SIMD lane sums', () => {
  it('are available on Node 20 (else the JavaScript loop runs and this fails loudly)', () => {
    const draws = drawStationaryBootstrap(24, 10, 3, 1);
    expect(laneSums(sparseCounts(draws.counts, 10, 24), 10, 24)).not.toBeNull();
  });

  it('never detach a buffer: a window larger than the memory gets a new instance, earlier views stay readable', () => {
    // A grown WebAssembly memory detaches its old buffer, and V8 then deoptimises every function
    // of the thread that reads typed arrays (the sweep worker's runner loop among them).
    const small = drawStationaryBootstrap(24, 10, 3, 1);
    const first = (
      laneSums(sparseCounts(small.counts, 10, 24), 10, 24) as NonNullable<ReturnType<typeof laneSums>>
    ).sum(new Float64Array(96).fill(1), new Float64Array(96).fill(2));
    const before = Array.from(first);
    // 40,000 replications: ≈ 2.6 MB of output alone, larger than any other test's window.
    const B = 40_000;
    const n = 48;
    const big = drawStationaryBootstrap(n, B, 4, 2);
    const sp = sparseCounts(big.counts, B, n);
    const rng = Xoshiro128.fromSeed(9);
    const d = Float64Array.from({ length: n * 4 }, (_, k) => awkward(rng, k));
    const q = d.map((x) => x * x);
    const sums = (laneSums(sp, B, n) as NonNullable<ReturnType<typeof laneSums>>).sum(d, q);
    const want = jsSums(sp, B, d, q);
    let same = 0;
    for (let i = 0; i < want.length; i++) if (Object.is(sums[i], want[i])) same += 1;
    expect(same).toBe(want.length);
    expect(first.buffer.byteLength).toBeGreaterThan(0);
    expect(Array.from(first)).toEqual(before);
  });

  it('equal the JavaScript loop bit for bit, ±0, subnormals and huge values included', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const n = [1, 5, 24, 48, 97][seed % 5] as number;
      const B = 1 + seed * 37;
      const draws = drawStationaryBootstrap(n, B, 1 + (seed % 6), seed);
      const sp = sparseCounts(draws.counts, B, n);
      const rng = Xoshiro128.fromSeed(seed);
      const d = Float64Array.from({ length: n * 4 }, (_, k) => awkward(rng, k + seed));
      const q = d.map((x) => x * x);
      const sums = (laneSums(sp, B, n) as NonNullable<ReturnType<typeof laneSums>>).sum(d, q);
      const want = jsSums(sp, B, d, q);
      for (let i = 0; i < want.length; i++) expect(Object.is(sums[i], want[i])).toBe(true);
    }
  });

  it('give the null maxima of the JavaScript lanes and of the step-by-step draws bit for bit', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const n = 24 * (1 + (seed % 2));
      const draws = drawStationaryBootstrap(n, 199, 4, seed);
      const rng = Xoshiro128.fromSeed(100 + seed);
      const sets = Array.from({ length: 9 }, (_, k) => {
        const d = Float64Array.from({ length: n }, () => (rng.nextFloat() - 0.45) * (k + 1));
        return {
          d,
          d2: d.map((x) => x * x),
          set: { dbar: 0.05 * k, offset: k % 3 === 0 ? 0.05 * k : 0, floorVar: 0.01 },
        };
      });
      const run = (how: 'simd' | 'js' | 'dense') => {
        const mx = nullMaxima(draws, 1.1);
        const lanes = new NullDrawLanes(mx, { simd: how === 'simd' });
        for (const s of sets) {
          if (how === 'dense') denseNullDraws(mx, s.d, s.d2, s.set);
          else lanes.add(s.d, s.d2, s.set);
        }
        lanes.flush();
        return { spa: [...mx.spaMax], rc: [...mx.rcMax] };
      };
      const simd = run('simd');
      expect(simd).toEqual(run('js'));
      expect(simd).toEqual(run('dense'));
    }
  });
});
