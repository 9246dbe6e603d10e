/**
 * The four-lane null-draw sums of null-draws.ts as a WebAssembly SIMD kernel: for every
 * replication b, Σ_j c_j·d[t_j·4 + l] and Σ_j c_j·q[t_j·4 + l] for lanes l = 0…3 over the
 * replication's sparse counts (sparse-counts.ts), in the same order of terms as the JavaScript
 * loop. `f64x2.mul` and `f64x2.add` round each lane exactly as scalar `*` and `+` do (IEEE 754
 * binary64, round to nearest, no fused multiply-add), so the sums are bit-identical to the
 * JavaScript loop's (`simd-lane-sums.test.ts`; `superior-ability.property.test.ts` compares the
 * whole test with the step-by-step path). Measured on the 2-core dev machine: ≈ 3.5× faster
 * than the JavaScript loop for B = 1000, n = 48.
 *
 * The module is assembled here from its instructions (no toolchain, no binary file in the
 * repository): {@link KERNEL_WAT} is the same program as text, for the reader.
 */

/** The kernel in WebAssembly text form (documentation of {@link kernelBytes}). */
export const KERNEL_WAT = `
(func (export "k") (param $off i32) (param $blk i32) (param $w i32) (param $d i32) (param $q i32)
      (param $out i32) (param $B i32)
  (local $b i32) (local $j i32) (local $e i32) (local $i i32)
  (local $c v128) (local $a01 v128) (local $a23 v128) (local $q01 v128) (local $q23 v128)
  loop over $b < $B:
    $a01 = $a23 = $q01 = $q23 = f64x2(+0, +0)
    $j = i32[$off + 4b]; $e = i32[$off + 4b + 4]
    loop over $j < $e:
      $i = i32[$blk + 4j] * 32;  $c = f64x2.splat(f64[$w + 8j])
      $a01 = f64x2.add($a01, f64x2.mul($c, v128[$d + $i]))
      $a23 = f64x2.add($a23, f64x2.mul($c, v128[$d + $i + 16]))
      $q01 = f64x2.add($q01, f64x2.mul($c, v128[$q + $i]))
      $q23 = f64x2.add($q23, f64x2.mul($c, v128[$q + $i + 16]))
    v128[$out + 64b] = $a01; … + 16 = $a23; … + 32 = $q01; … + 48 = $q23)`;

const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
};
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
};
const vec = (items: readonly number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, bytes: readonly number[]): number[] => [id, ...uleb(bytes.length), ...bytes];
const name = (s: string): number[] => [...uleb(s.length), ...[...s].map((ch) => ch.charCodeAt(0))];

// Opcodes (WebAssembly core 2.0 and its fixed-width SIMD proposal).
const GET = 0x20;
const SET = 0x21;
const ADD = 0x6a;
const MUL = 0x6c;
const GE_S = 0x4e;
const i32 = (n: number) => [0x41, ...sleb(n)];
const i32Load = (offset: number) => [0x28, 2, ...uleb(offset)];
const f64Load = (offset: number) => [0x2b, 3, ...uleb(offset)];
const simd = (op: number) => [0xfd, ...uleb(op)];
const v128Load = (offset: number) => [...simd(0x00), 3, ...uleb(offset)];
const v128Store = (offset: number) => [...simd(0x0b), 3, ...uleb(offset)];
const V128_ZERO = [...simd(0x0c), ...new Array<number>(16).fill(0)];
const F64X2_SPLAT = simd(0x14);
const F64X2_ADD = simd(0xf0);
const F64X2_MUL = simd(0xf2);

// Locals: params 0 off, 1 blk, 2 w, 3 d, 4 q, 5 out, 6 B; then 7 b, 8 j, 9 e, 10 i (i32) and
// 11 c, 12 a01, 13 a23, 14 q01, 15 q23 (v128).
const accumulate = (acc: number, base: number, offset: number) => [
  ...[GET, acc, GET, 11, GET, base, GET, 10, ADD, ...v128Load(offset)],
  ...[...F64X2_MUL, ...F64X2_ADD, SET, acc],
];
const store = (acc: number, offset: number) => [GET, 5, GET, 7, ...i32(64), MUL, ADD, GET, acc, ...v128Store(offset)];

/** The kernel's instructions. */
function kernelCode(): number[] {
  const inner = [
    ...[0x02, 0x40, 0x03, 0x40, GET, 8, GET, 9, GE_S, 0x0d, 1],
    ...[GET, 1, GET, 8, ...i32(4), MUL, ADD, ...i32Load(0), ...i32(32), MUL, SET, 10],
    ...[GET, 2, GET, 8, ...i32(8), MUL, ADD, ...f64Load(0), ...F64X2_SPLAT, SET, 11],
    ...accumulate(12, 3, 0),
    ...accumulate(13, 3, 16),
    ...accumulate(14, 4, 0),
    ...accumulate(15, 4, 16),
    ...[GET, 8, ...i32(1), ADD, SET, 8, 0x0c, 0, 0x0b, 0x0b],
  ];
  return [
    ...[...i32(0), SET, 7, 0x02, 0x40, 0x03, 0x40, GET, 7, GET, 6, GE_S, 0x0d, 1],
    ...[...V128_ZERO, SET, 12, ...V128_ZERO, SET, 13, ...V128_ZERO, SET, 14, ...V128_ZERO, SET, 15],
    ...[GET, 0, GET, 7, ...i32(4), MUL, ADD, ...i32Load(0), SET, 8],
    ...[GET, 0, GET, 7, ...i32(4), MUL, ADD, ...i32Load(4), SET, 9],
    ...inner,
    ...[...store(12, 0), ...store(13, 16), ...store(14, 32), ...store(15, 48)],
    ...[GET, 7, ...i32(1), ADD, SET, 7, 0x0c, 0, 0x0b, 0x0b, 0x0b],
  ];
}

/**
 * The module's bytes: one function `k` and one memory `m` of `pages` 64 KiB pages. The memory is
 * never grown: growing detaches its old buffer, and the first detached buffer of a thread makes
 * V8 drop every optimised function that reads a typed array and recompile it with detach checks
 * (measured: ≈ 70 functions per sweep worker, the runner loop among them). A larger memory is a
 * new instance instead.
 */
export function kernelBytes(pages = 1): Uint8Array {
  const body = [
    ...vec([
      [4, 0x7f],
      [5, 0x7b],
    ]),
    ...kernelCode(),
  ];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
    ...section(1, vec([[0x60, ...vec(new Array<number[]>(7).fill([0x7f])), 0]])),
    ...section(3, vec([[0]])),
    ...section(5, vec([[0, ...uleb(pages)]])),
    ...section(
      7,
      vec([
        [...name('k'), 0, 0],
        [...name('m'), 2, 0],
      ]),
    ),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ]);
}

/** Sums of up to four lanes for one window's sparse counts, in WebAssembly memory. */
export interface LaneSums {
  /**
   * Writes into `out[b·8 + l]` (Σ c·d, lane l) and `out[b·8 + 4 + l]` (Σ c·q) for every
   * replication b, from lane-interleaved `d` and `q` (`[t·4 + l]`). `out` is a view into the
   * module's memory, valid until the next call of {@link laneSums}.
   */
  sum(d: Float64Array, q: Float64Array): Float64Array;
}

/** The part of the WebAssembly JavaScript API used here (the project's TypeScript libs omit it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object) => { readonly exports: Readonly<Record<string, unknown>> };
}

type Kernel = { readonly k: (...args: number[]) => void; readonly m: WasmMemory; readonly pages: number };

/** The most 64 KiB pages a WebAssembly memory may have. */
const MAX_PAGES = 65_536;

/** This thread's kernel: undefined before the first use, null where WebAssembly SIMD is unavailable. */
let kernel: Kernel | null | undefined;

/**
 * The instantiated kernel with at least `pages` pages of memory, or null where WebAssembly SIMD
 * is unavailable. The first instance has exactly the pages needed; a later, larger need gets a
 * new instance of max(need, twice the current) pages, at most the 65,536 pages WebAssembly allows.
 */
function instance(pages: number): Kernel | null {
  if (kernel === null || (kernel !== undefined && kernel.pages >= pages)) return kernel;
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  const size = kernel === undefined ? pages : Math.min(MAX_PAGES, Math.max(pages, kernel.pages * 2));
  const bytes = kernelBytes(size);
  if (wasm === undefined || !wasm.validate(bytes)) return (kernel = null);
  const exports = new wasm.Instance(new wasm.Module(bytes)).exports;
  return (kernel = { k: exports.k as (...args: number[]) => void, m: exports.m as WasmMemory, pages: size });
}

/**
 * The kernel loaded with one window's sparse counts (`offsets`, `blocks`, `weights`, B
 * replications, n blocks), or null where WebAssembly SIMD is unavailable. One loaded window per
 * thread at a time: loading another overwrites the memory when it fits, else moves to a larger
 * instance (the best-of-N pass loads its window at its start and runs to its end without
 * yielding). Side effect: may replace the thread's instance by one with a larger memory (never
 * grown in place: see {@link kernelBytes}); views of an earlier memory stay readable.
 */
export function laneSums(
  counts: { readonly offsets: Int32Array; readonly blocks: Int32Array; readonly weights: Float64Array },
  B: number,
  n: number,
): LaneSums | null {
  const nnz = counts.blocks.length;
  let at = 0;
  const take = (bytes: number) => {
    const p = at;
    at += Math.ceil(bytes / 16) * 16;
    return p;
  };
  const off = take((B + 1) * 4);
  const blk = take(nnz * 4);
  const w = take(nnz * 8);
  const d = take(n * 32);
  const q = take(n * 32);
  const out = take(B * 64);
  const kx = instance(Math.max(1, Math.ceil(at / 65536)));
  if (kx === null) return null;
  const mem = kx.m.buffer;
  new Int32Array(mem, off, B + 1).set(counts.offsets);
  new Int32Array(mem, blk, nnz).set(counts.blocks);
  new Float64Array(mem, w, nnz).set(counts.weights);
  const dv = new Float64Array(mem, d, n * 4);
  const qv = new Float64Array(mem, q, n * 4);
  const sums = new Float64Array(mem, out, B * 8);
  return {
    sum(dIn, qIn) {
      dv.set(dIn);
      qv.set(qIn);
      kx.k(off, blk, w, d, q, out, B);
      return sums;
    },
  };
}
