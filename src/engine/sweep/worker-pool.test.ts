import { describe, expect, it } from 'vitest';
import { runPool, WorkerTaskError } from './worker-pool.js';

const workerUrl = new URL('./worker-pool.test-worker.ts', import.meta.url);

function shared(value: number): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(8);
  new Float64Array(sab)[0] = value;
  return sab;
}

describe('worker pool', () => {
  it('returns results in task order whatever the worker count', async () => {
    const tasks = Array.from({ length: 40 }, (_, i) => i);
    const one = await runPool<{ shared: SharedArrayBuffer }, number, number>({
      workers: 1,
      workerUrl,
      init: { shared: shared(0.5) },
      tasks,
    });
    const three = await runPool<{ shared: SharedArrayBuffer }, number, number>({
      workers: 3,
      workerUrl,
      init: { shared: shared(0.5) },
      tasks,
    });
    expect(one).toEqual(tasks.map((t) => t * t + 0.5));
    expect(three).toEqual(one);
  });

  it('re-raises a worker failure with its message and exit code', async () => {
    const run = runPool({ workers: 2, workerUrl, init: { shared: shared(0) }, tasks: [1, 2, -1, 3] });
    await expect(run).rejects.toBeInstanceOf(WorkerTaskError);
    await expect(runPool({ workers: 2, workerUrl, init: { shared: shared(0) }, tasks: [-1] })).rejects.toMatchObject({
      exitCode: 65,
      message: 'task -1 is malformed; fix it',
    });
  });

  it('reports progress once per finished task', async () => {
    const seen: number[] = [];
    await runPool({
      workers: 2,
      workerUrl,
      init: { shared: shared(0) },
      tasks: [1, 2, 3],
      onProgress: (d) => seen.push(d),
    });
    expect(seen).toEqual([1, 2, 3]);
  });
});
