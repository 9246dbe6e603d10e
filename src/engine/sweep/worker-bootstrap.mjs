// Loads a TypeScript worker module in a worker thread: registers tsx's loader for this
// thread, then imports the module named in workerData.__module.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.__module);
