/**
 * The error taxonomy. Every error the harness raises on purpose is a {@link HarnessError} with a
 * one-line message that names the problem and the fix, and a process exit code that tells the
 * caller (a shell, systemd) whether retrying can help.
 *
 * | exit | class | meaning |
 * |---|---|---|
 * | 2 | {@link UsageError} | a command-line argument is malformed (bad symbol, bad time) |
 * | 65 | {@link DataError} | input data is malformed (NaN, unsorted, duplicate, OHLC violation) |
 * | 66 | {@link NoDataError} | the data needed is not in the cache (import or fetch it first) |
 * | 75 | {@link TransientError} | EX_TEMPFAIL: network, 5xx, timeouts; a restart may fix it |
 * | 78 | {@link ConfigError} | EX_CONFIG: wrong exchange class, unknown parameter, missing key; a restart cannot fix it |
 * | 72 | {@link StaleBuildError} | the built CLI in `dist/` was built from other sources than `src/` |
 * | 70 | anything else | EX_SOFTWARE: a bug; the stack trace is printed |
 */
export abstract class HarnessError extends Error {
  /** Process exit code used by the CLI for this error. */
  abstract readonly exitCode: number;
  /** Short machine-readable kind, e.g. `config`, `data`. */
  abstract readonly kind: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A malformed command-line argument. Exit 2. */
export class UsageError extends HarnessError {
  readonly exitCode = 2;
  readonly kind = 'usage';
}

/** A configuration that can never work (wrong class, unknown parameter, missing key). Exit 78. */
export class ConfigError extends HarnessError {
  readonly exitCode = 78;
  readonly kind = 'config';
}

/** Malformed input data; names the file and row where known. Exit 65. */
export class DataError extends HarnessError {
  readonly exitCode = 65;
  readonly kind = 'data';
}

/** The requested data is not cached. Exit 66. */
export class NoDataError extends HarnessError {
  readonly exitCode = 66;
  readonly kind = 'no-data';
}

/** A failure that may pass (network, rate limit, 5xx, timeout). Exit 75. */
export class TransientError extends HarnessError {
  readonly exitCode = 75;
  readonly kind = 'transient';
}

/**
 * A wait for the exchange (e.g. out an IP ban) was cut short by an AbortSignal (SIGTERM while
 * waiting). A TransientError (exit 75) so loops that retry transient failures stop on their own
 * abort check; callers that shut down on the signal can test `instanceof AbortedError`.
 */
export class AbortedError extends TransientError {}

/**
 * The built CLI (`dist/`) does not match `src/`: it was built from other sources, so running it
 * would run other code than the checkout holds. Exit 72 (EX_OSFILE: the program's own files are
 * out of date); rebuilding (`npm run build`) fixes it, a restart does not.
 */
export class StaleBuildError extends HarnessError {
  readonly exitCode = 72;
  readonly kind = 'stale-build';
}

/** Exit code for a bug (an error that is not a {@link HarnessError}). */
export const EXIT_SOFTWARE = 70;

/**
 * Asserts an internal invariant. A failure is a bug in coinbot, never a user error.
 * @throws Error with `Invariant failed: <msg>`.
 */
export function invariant(cond: unknown, msg: string): asserts cond {
  if (!cond) throw new Error(`Invariant failed: ${msg}`);
}
