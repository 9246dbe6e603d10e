/** The benchmarks' timing rule: the fastest of several runs, the least disturbed by other load. */

/** Wall milliseconds of the fastest of `runs` calls of `fn` (awaited when it returns a promise). */
export async function bestMs(runs: number, fn: () => unknown): Promise<number> {
  let ms = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    await fn();
    ms = Math.min(ms, performance.now() - t0);
  }
  return ms;
}
