/**
 * Writes one walk-forward run to `<out>/walkforward-<run-id>/`: `results.json` (deterministic),
 * `run.json` (what varies between runs: times, command line, workers, git revision) and
 * `index.html` (the page). Built under a temp name and renamed into place, so a killed run leaves
 * no half-written folder; every file is written atomically.
 */
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../data/atomic-write.js';
import type { RunInfo } from '../sweep/reeval-results.js';
import { freeRunId } from '../sweep/write-run.js';
import { renderWalkforwardHtml } from '../report/walkforward/render-walkforward-html.js';
import type { WalkforwardResults } from './walkforward-results.js';

/** Paths of a written walk-forward run. */
export interface WalkforwardPaths {
  readonly dir: string;
  readonly results: string;
  readonly run: string;
  readonly html: string;
}

/** The run folder name for a run started at `startedAt` (unique within `outDir`). */
export function walkforwardRunId(outDir: string, startedAt: number, fingerprint: string): string {
  return freeRunId(outDir, startedAt, fingerprint, 'walkforward-');
}

/** Writes the run. Side effects: creates `<outDir>/walkforward-<runId>/`. */
export function writeWalkforwardRun(outDir: string, results: WalkforwardResults, run: RunInfo): WalkforwardPaths {
  mkdirSync(outDir, { recursive: true });
  const name = `walkforward-${run.runId}`;
  const final = join(outDir, name);
  const tmp = join(outDir, `.${name}.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  writeFileAtomic(join(tmp, 'results.json'), `${JSON.stringify(results)}\n`);
  writeFileAtomic(join(tmp, 'run.json'), `${JSON.stringify(run, null, 2)}\n`);
  writeFileAtomic(join(tmp, 'index.html'), renderWalkforwardHtml(results, run));
  rmSync(final, { recursive: true, force: true });
  renameSync(tmp, final);
  return {
    dir: final,
    results: join(final, 'results.json'),
    run: join(final, 'run.json'),
    html: join(final, 'index.html'),
  };
}
