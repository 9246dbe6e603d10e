/**
 * What `coinbot promote` reads from a re-evaluation run: `reports/<run-id>/results.json`
 * narrowed to one symbol — the verdict, the live set the run judged, the grid axes, the sets'
 * values on them, the window end and the fingerprint parts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, NoDataError } from '../errors.js';
import type { ParamValue } from '../sweep/grid.js';
import type { ReevalResults, SymbolResults } from '../sweep/reeval-results.js';

/** One symbol of one run, as promote needs it. */
export interface PromoteRun {
  readonly runId: string;
  readonly dir: string;
  readonly fingerprint: string;
  /** The code part of the fingerprint (sha256 hex). */
  readonly codeHash: string;
  /** The window's end (exclusive), ms UTC: the data the verdict saw ends here. */
  readonly dataEnd: number;
  readonly symbol: SymbolResults;
  /** Names of the grid axes, in grid order: the only keys promote writes. */
  readonly axes: readonly string[];
  /** Whether the run's market facts came from a fallback (null: results.json does not say). */
  readonly factsFallback: boolean | null;
}

/** The newest run folder under `reportsDir` (run ids sort by start time). */
export function latestRunId(reportsDir: string): string {
  const runs = existsSync(reportsDir)
    ? readdirSync(reportsDir)
        .filter((n) => !n.startsWith('.') && existsSync(join(reportsDir, n, 'results.json')))
        .sort()
    : [];
  const last = runs[runs.length - 1];
  if (last === undefined) throw new NoDataError(`no runs in ${reportsDir}: run 'coinbot reeval' first`);
  return last;
}

/**
 * Reads one symbol of a run.
 * @param run a run id or `latest`.
 * @throws NoDataError (66) when the run or symbol is missing; ConfigError (78) for another file kind.
 */
export function readPromoteRun(reportsDir: string, run: string, symbol: string): PromoteRun {
  const runId = run === 'latest' ? latestRunId(reportsDir) : run;
  const dir = join(reportsDir, runId);
  const path = join(dir, 'results.json');
  if (!existsSync(path)) throw new NoDataError(`${path}: no such run; list the runs in ${reportsDir}/index.html`);
  const r = JSON.parse(readFileSync(path, 'utf8')) as ReevalResults;
  if (r.kind !== 'coinbot.reeval.results')
    throw new ConfigError(`${path}: not a coinbot reeval results file; pass a reeval run id`);
  const s = r.symbols.find((x) => x.symbol === symbol);
  if (s === undefined)
    throw new NoDataError(
      `run ${runId} has no ${symbol} (it has ${r.symbols.map((x) => x.symbol).join(', ')}); run coinbot reeval --symbols with it`,
    );
  const facts = s.data.facts as unknown as { source?: unknown; fallback?: unknown };
  const factsFallback =
    s.data.factsSource !== undefined
      ? s.data.factsSource.kind === 'bundled'
      : typeof facts.fallback === 'boolean'
        ? facts.fallback
        : typeof facts.source === 'string'
          ? facts.source === 'fallback'
          : null;
  return {
    runId,
    dir,
    fingerprint: r.fingerprint,
    codeHash: r.fingerprintParts.code,
    dataEnd: r.window.end,
    symbol: s,
    axes: s.grid.axes.map(([n]) => n),
    factsFallback,
  };
}

/** A set's values on the run's grid axes, or null when the run has no such set. */
export function setValues(run: PromoteRun, setId: string): Record<string, ParamValue> | null {
  const i = run.symbol.sets.ids.indexOf(setId);
  if (i < 0) return null;
  const out: Record<string, ParamValue> = {};
  for (const a of run.axes) {
    const col = run.symbol.sets.params[a];
    out[a] = (col === undefined ? run.symbol.baseline.params[a] : col[i]) as ParamValue;
  }
  return out;
}
