/**
 * The messages between the worker pool (worker-pool.ts) and a worker (serve-worker.ts).
 * `begin` adds a segment: an init and a queue of tasks on it, which the workers claim
 * themselves, in order, through an atomic counter on `claim` (so a busy main thread never
 * leaves a worker waiting); segments are claimed one after the other. `task` is one task on a
 * segment's init sent to one worker, which runs it before its next claim.
 */

/** Main thread → worker. */
export type ToWorker<I, T> =
  | {
      readonly type: 'begin';
      readonly segment: number;
      readonly init: I;
      readonly queue: readonly T[];
      /** One Int32 on a SharedArrayBuffer: the index of the segment's next queued task to claim. */
      readonly claim: SharedArrayBuffer;
    }
  | { readonly type: 'task'; readonly segment: number; readonly index: number; readonly task: T };

/** Worker → main thread: the answer to queued task `index` of `segment` (`queued`) or to sent task `index`. */
export type FromWorker<R> =
  | {
      readonly type: 'result';
      readonly queued: boolean;
      readonly segment: number;
      readonly index: number;
      readonly result: R;
    }
  | {
      readonly type: 'error';
      readonly queued: boolean;
      readonly segment: number;
      readonly index: number;
      readonly message: string;
      readonly kind: string;
      readonly exitCode: number;
      readonly stack?: string;
    };
