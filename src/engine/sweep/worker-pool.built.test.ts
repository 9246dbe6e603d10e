import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test-support/temp-dir.js';
import { runPool } from './worker-pool.js';

/**
 * A plain-JS worker speaking the pool's protocol by hand (as a built `dist/` worker does through
 * serveWorker). Each result says whether the worker can import TypeScript, i.e. whether tsx was
 * registered in it.
 */
const WORKER_JS = `import { parentPort } from 'node:worker_threads';
import { writeFileSync } from 'node:fs';
const ts = new URL('./probe.ts', import.meta.url);
writeFileSync(ts, 'export const x: number = 1;\\n');
const tsLoads = await import(ts.href).then(() => true, () => false);
parentPort.on('message', (m) => {
  if (m.type !== 'begin') return;
  const claim = new Int32Array(m.claim);
  for (let i = Atomics.add(claim, 0, 1); i < m.queue.length; i = Atomics.add(claim, 0, 1))
    parentPort.postMessage({ type: 'result', queued: true, segment: m.segment, index: i, result: { task: m.queue[i] * m.init.k, tsLoads } });
});
`;

describe('worker pool with a built (.js) worker module', () => {
  it('starts the module directly, without the tsx loader, and returns results in task order', async () => {
    const dir = tempDir('worker-pool-built');
    writeFileSync(join(dir, 'worker.js'), WORKER_JS);
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    const results = await runPool<{ k: number }, number, { task: number; tsLoads: boolean }>({
      workers: 2,
      workerUrl: pathToFileURL(join(dir, 'worker.js')),
      init: { k: 3 },
      tasks: [1, 2, 3, 4],
    });
    expect(results.map((r) => r.task)).toEqual([3, 6, 9, 12]);
    expect(results.every((r) => !r.tsLoads)).toBe(true);
  });
});
