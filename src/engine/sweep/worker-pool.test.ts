import { describe, expect, it } from 'vitest';
import { runPool, startPool, WorkerTaskError } from './worker-pool.js';

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

  it('gives every thread the data it was started with', async () => {
    const withData = startPool<{ shared: SharedArrayBuffer }, number, number>({
      workers: 2,
      workerUrl,
      data: { offset: 7 },
    });
    const without = startPool<{ shared: SharedArrayBuffer }, number, number>({ workers: 1, workerUrl });
    try {
      expect(await Promise.all(withData.enqueue({ shared: shared(0) }, [-3, -3, -3, -3]))).toEqual([7, 7, 7, 7]);
      expect(await Promise.all(without.enqueue({ shared: shared(0) }, [-3]))).toEqual([-100]);
    } finally {
      await Promise.all([withData.close(), without.close()]);
    }
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

  it('runs single tasks beside the queues and keeps every result at its segment and index', async () => {
    const pool = startPool<{ shared: SharedArrayBuffer }, number, number>({ workers: 2, workerUrl });
    try {
      const queue = Array.from({ length: 30 }, (_, i) => i);
      const first = pool.enqueue({ shared: shared(0.25) }, queue);
      const early = pool.run(0, 3);
      const second = pool.enqueue({ shared: shared(0.5) }, queue.slice(0, 5));
      const late = pool.run(1, 4);
      expect(await Promise.all(first)).toEqual(queue.map((t) => t * t + 0.25));
      expect(await Promise.all(second)).toEqual([0.5, 1.5, 4.5, 9.5, 16.5]);
      expect([await early, await late, await pool.run(0, 5)]).toEqual([9.25, 16.5, 25.25]);
    } finally {
      await pool.close();
    }
  });

  it('rejects only the failed task when a task fails, and the pool goes on', async () => {
    const pool = startPool<{ shared: SharedArrayBuffer }, number, number>({ workers: 2, workerUrl });
    try {
      const [a, bad, c] = pool.enqueue({ shared: shared(0) }, [2, -1, 3]);
      await expect(bad).rejects.toMatchObject({ exitCode: 65, message: 'task -1 is malformed; fix it' });
      expect([await a, await c, await pool.run(0, 6)]).toEqual([4, 9, 36]);
    } finally {
      await pool.close();
    }
  });

  it('rejects every unfinished and later task when a worker thread dies', async () => {
    const pool = startPool<{ shared: SharedArrayBuffer }, number, number>({ workers: 1, workerUrl });
    try {
      const [, dead, after] = pool.enqueue({ shared: shared(0) }, [1, -2, 2]);
      await expect(dead).rejects.toThrow(/sweep worker exited with code 3/);
      await expect(after).rejects.toThrow(/exited with code 3/);
      await expect(pool.run(0, 1)).rejects.toThrow(/exited with code 3/);
      await expect(pool.enqueue({ shared: shared(0) }, [1])[0]).rejects.toThrow(/exited with code 3/);
    } finally {
      await pool.close();
    }
  });
});
