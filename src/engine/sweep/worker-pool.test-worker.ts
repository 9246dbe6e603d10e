// Worker module for worker-pool.test.ts: squares numbers, reads a shared buffer, fails on -1,
// ends its thread on -2, answers -3 with the `offset` the pool gave it at start (-100 when none).
import { workerData } from 'node:worker_threads';
import { serveWorker } from './worker-pool.js';
import { DataError } from '../errors.js';

serveWorker<{ shared: SharedArrayBuffer }, number, number>((task, init) => {
  if (task === -1) throw new DataError('task -1 is malformed; fix it');
  if (task === -2) process.exit(3);
  if (task === -3) return (workerData as { data?: { offset?: number } } | null)?.data?.offset ?? -100;
  const view = new Float64Array(init.shared);
  return task * task + (view[0] as number);
});
