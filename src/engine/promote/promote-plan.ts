/**
 * The guard of `coinbot promote`: every reason to refuse, each its own one-line ConfigError
 * (exit 78) naming the fix, then the line edits that write only the run's grid axes. Pure apart
 * from what it is given (no clock, no files).
 */
import { parseEnvFile } from '../config/env-file.js';
import { resolveParams } from '../config/resolve-params.js';
import { ConfigError } from '../errors.js';
import { resolveLiveConfig } from '../live/live-config.js';
import type { AnyStrategy } from '../strategy.js';
import type { ParamValue } from '../sweep/grid.js';
import { formatInstant, HOUR_MS } from '../time.js';
import { applyLineEdits, editsSetting, type LineEdit } from './env-edit.js';
import { setValues, type PromoteRun } from './promote-run.js';

/** What the caller asks for. */
export interface PromoteRequest {
  readonly target: string;
  readonly targetText: string;
  readonly setId?: string | undefined;
  readonly force: boolean;
  readonly reason?: string | undefined;
  /** Longest accepted age of the run's data end, ms. */
  readonly maxAgeMs: number;
  /** Now, ms UTC. */
  readonly now: number;
  /** The current code's fingerprint part (see reevalCodeHash). */
  readonly currentCodeHash: string;
}

/** The accepted change. */
export interface PromotePlan {
  readonly setId: string;
  readonly forced: boolean;
  readonly edits: readonly LineEdit[];
  readonly newText: string;
  readonly from: Readonly<Record<string, string | null>>;
  readonly to: Readonly<Record<string, string | null>>;
  /** Things the guard could not check and assumed, in plain words. */
  readonly notes: readonly string[];
}

const refuse = (why: string): never => {
  throw new ConfigError(`promote refused: ${why}`);
};

const same = (a: unknown, b: unknown) =>
  typeof a === 'number' || typeof b === 'number' ? Number(a) === Number(b) : String(a) === String(b);

function chosenSet(run: PromoteRun, q: PromoteRequest): { setId: string; forced: boolean } {
  const v = run.symbol.verdict;
  const sym = run.symbol.symbol;
  if (v.kind === 'CANDIDATE' && v.candidateSetId !== null && (q.setId === undefined || q.setId === v.candidateSetId))
    return { setId: v.candidateSetId, forced: false };
  const what = v.kind === 'CANDIDATE' ? `names ${v.candidateSetId ?? '?'}, not ${q.setId ?? '?'}` : `is ${v.label}`;
  if (!q.force)
    return refuse(
      `run ${run.runId}'s verdict for ${sym} ${what}: promote a CANDIDATE's own set, or --force --reason "..."`,
    );
  if (q.reason === undefined || q.reason.trim() === '')
    return refuse('--force needs --reason "why", which goes into HISTORY.jsonl');
  const setId = q.setId ?? v.candidateSetId;
  if (setId === null) return refuse(`run ${run.runId}'s verdict for ${sym} ${what}: --force needs --set <id>`);
  return { setId, forced: true };
}

function checkRunJudgedTarget(run: PromoteRun, q: PromoteRequest, strategy: AnyStrategy): void {
  const current = resolveParams(strategy, [parseEnvFile(q.targetText, q.target)]).params as Record<string, unknown>;
  for (const a of run.axes) {
    const judged = run.symbol.baseline.params[a];
    if (!same(judged, current[a]))
      refuse(
        `run ${run.runId} judged ${a}=${String(judged)} but ${q.target} has ${a}=${String(current[a])}: re-run coinbot reeval on the set that is running`,
      );
  }
}

function checkFresh(run: PromoteRun, q: PromoteRequest): void {
  const age = q.now - run.dataEnd;
  if (age > q.maxAgeMs)
    refuse(
      `run ${run.runId}'s data ends ${formatInstant(run.dataEnd)}, ${(age / HOUR_MS).toFixed(1)} h ago (> --max-age ${(q.maxAgeMs / HOUR_MS).toFixed(1)} h): re-run coinbot reeval --end latest`,
    );
}

function checkCode(run: PromoteRun, q: PromoteRequest): void {
  if (run.codeHash !== q.currentCodeHash)
    refuse(
      `run ${run.runId} was made by other code (fingerprint code part ${run.codeHash.slice(0, 12)}…, this code ${q.currentCodeHash.slice(0, 12)}…): re-run coinbot reeval with this version`,
    );
}

function checkSchema(text: string, target: string, strategy: AnyStrategy): void {
  try {
    resolveLiveConfig(strategy, { env: {}, file: parseEnvFile(text, target) });
  } catch (e) {
    refuse(`the promoted file would fail the live parameter schema: ${(e as Error).message}`);
  }
}

const text = (v: ParamValue) => String(v);

/**
 * Checks a promotion and plans its edits.
 * @throws ConfigError (78) `promote refused: <reason>: <fix>` for the first check that fails.
 */
export function planPromote(run: PromoteRun, q: PromoteRequest, strategy: AnyStrategy): PromotePlan {
  const { setId, forced } = chosenSet(run, q);
  const values = setValues(run, setId);
  if (values === null) return refuse(`run ${run.runId} has no set ${setId} for ${run.symbol.symbol}`);
  checkRunJudgedTarget(run, q, strategy);
  checkFresh(run, q);
  checkCode(run, q);
  if (run.factsFallback === true && !forced)
    refuse(
      `run ${run.runId} used the bundled market facts capture, not the exchange's: run coinbot fetch (exchangeInfo), then coinbot reeval (or --force --reason)`,
    );
  const notes =
    run.factsFallback === null
      ? ['results.json does not record where its market facts came from: treated as not a fallback']
      : [];
  const edits = editsSetting(q.targetText, Object.fromEntries(run.axes.map((a) => [a, text(values[a] as ParamValue)])));
  const newText = applyLineEdits(q.targetText, edits);
  checkSchema(newText, q.target, strategy);
  const val = (l: string | null) => (l === null ? null : l.slice(l.indexOf('=') + 1).replace(/\r$/, ''));
  return {
    setId,
    forced,
    edits,
    newText,
    from: Object.fromEntries(edits.map((e) => [e.key, val(e.fromLine)])),
    to: Object.fromEntries(edits.map((e) => [e.key, val(e.toLine)])),
    notes,
  };
}
