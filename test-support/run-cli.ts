/**
 * Runs the real `coinbot` CLI in a child process — `node bin/coinbot.js`, the built CLI in
 * `dist/`, exactly as a user or systemd runs it — so tests see true exit codes, stdout and
 * stderr. The suite's global setup builds `dist/` when it does not match `src/`
 * (`build-dist.global-setup.ts`); `tsxCliArgv` runs the sources through tsx instead.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { REPO_ROOT } from './repo-paths.js';

/** Outcome of a finished CLI run. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const BIN = resolve(REPO_ROOT, 'bin/coinbot.js');
const MAIN = resolve(REPO_ROOT, 'src/cli/main.ts');

/** Arguments for node to run the built CLI (`bin/coinbot.js`). */
export function cliArgv(args: readonly string[]): string[] {
  return [BIN, ...args];
}

/** Arguments for node to run the CLI from the sources through tsx (no build). */
export function tsxCliArgv(args: readonly string[]): string[] {
  return ['--import', 'tsx', MAIN, ...args];
}

/** Runs `coinbot <args>` to completion (synchronously). */
export function runCliSync(args: readonly string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const r = spawnSync(process.execPath, cliArgv(args), {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `coinbot <args>` in the background (for kill tests). */
export function spawnCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, cliArgv(args), {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs `coinbot <args>` asynchronously and resolves with its outcome. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((done) => {
    const child = spawnCli(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (b) => (stdout += String(b)));
    child.stderr?.on('data', (b) => (stderr += String(b)));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
