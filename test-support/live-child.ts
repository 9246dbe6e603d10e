/**
 * `coinbot live` in a child process (as systemd runs it) for exit-code, signal and SIGKILL
 * tests: its stdout JSON lines are parsed as they arrive, and a test can wait for a line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from './repo-paths.js';
import { cliArgv } from './run-cli.js';

/** A running live child. */
export interface LiveChild {
  readonly child: ChildProcess;
  /** Parsed stdout JSON lines so far. */
  readonly lines: Record<string, unknown>[];
  stderr(): string;
  /** Resolves with the first line matching `pred` (rejects after `timeoutMs` or when the child exits first). */
  waitFor(pred: (l: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Environment of a child: only what the test gives plus PATH/HOME (no stray parameters). */
export function childEnv(extra: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...extra };
}

/** Starts `coinbot <args>` with exactly `env` (see {@link childEnv}). */
export function startLiveChild(args: readonly string[], env: NodeJS.ProcessEnv): LiveChild {
  const child = spawn(process.execPath, cliArgv(args), { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Record<string, unknown>[] = [];
  let err = '';
  let buf = '';
  const waiters: { pred: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }[] =
    [];
  child.stdout?.on('data', (b) => {
    buf += String(b);
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      try {
        const l = JSON.parse(line) as Record<string, unknown>;
        lines.push(l);
        for (const w of [...waiters])
          if (w.pred(l)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(l);
          }
      } catch {
        // not a JSON line
      }
    }
  });
  child.stderr?.on('data', (b) => (err += String(b)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    lines,
    exited,
    stderr: () => err,
    waitFor(pred, timeoutMs = 20_000) {
      const hit = lines.find(pred);
      if (hit !== undefined) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const t = setTimeout(
          () =>
            reject(
              new Error(
                `timed out waiting for a log line; stderr: ${err.slice(0, 500)}; last lines: ${JSON.stringify(lines.slice(-3))}`,
              ),
            ),
          timeoutMs,
        );
        void exited.then((x) =>
          setTimeout(
            () =>
              reject(new Error(`child exited (${JSON.stringify(x)}) before the line; stderr: ${err.slice(0, 800)}`)),
            50,
          ),
        );
        waiters.push({ pred, resolve: (l) => (clearTimeout(t), resolve(l)) });
      });
    },
  };
}
