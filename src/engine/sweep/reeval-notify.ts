/**
 * `coinbot reeval --notify changed|always|never`: the scheduled re-evaluation's webhook message.
 * `changed` (the timer unit's setting) sends one when a symbol's verdict label differs from the
 * previous run's (read from that run's `summary.json` in the same reports folder; a symbol the
 * previous run did not judge, or no previous run, counts as changed); `always` sends every time.
 * The message lists each symbol's verdict (with the previous one when it changed) and the report
 * path. It only informs: nothing here promotes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunSummary } from '../report/render-index.js';

/** When to post. */
export type NotifyMode = 'never' | 'changed' | 'always';

/** The modes `--notify` accepts. */
export const NOTIFY_MODES: readonly NotifyMode[] = ['never', 'changed', 'always'];

/** The decision: whether to post, and the text. */
export interface NotifyDecision {
  readonly send: boolean;
  /** Symbols whose verdict differs from the previous run's. */
  readonly changed: readonly string[];
  readonly text: string;
}

/** Decides whether and what to post for `current`, given the `previous` run (null: none). Pure. */
export function decideNotify(
  mode: NotifyMode,
  previous: Pick<RunSummary, 'runId' | 'symbols'> | null,
  current: Pick<RunSummary, 'runId' | 'symbols'>,
  reportPath: string,
): NotifyDecision {
  const before = new Map((previous?.symbols ?? []).map((s) => [s.symbol, s.label]));
  const changed = current.symbols.filter((s) => before.get(s.symbol) !== s.label).map((s) => s.symbol);
  const parts = current.symbols.map((s) => {
    const was = before.get(s.symbol);
    return was !== undefined && was !== s.label ? `${s.symbol} ${s.label} (was ${was})` : `${s.symbol} ${s.label}`;
  });
  const head = changed.length > 0 ? 'verdict changed' : 'verdicts unchanged';
  return {
    send: mode === 'always' || (mode === 'changed' && changed.length > 0),
    changed,
    text: `coinbot reeval ${current.runId}: ${head}: ${parts.join('; ')}; report ${reportPath}`,
  };
}

/** The newest run in `outDir` other than `runId`, by its summary's `createdAt` (null: none readable). */
export function previousRunSummary(outDir: string, runId: string): RunSummary | null {
  let best: RunSummary | null = null;
  if (!existsSync(outDir)) return null;
  for (const name of readdirSync(outDir)) {
    const file = join(outDir, name, 'summary.json');
    if (name === runId || name.startsWith('.') || !existsSync(file)) continue;
    try {
      const s = JSON.parse(readFileSync(file, 'utf8')) as RunSummary;
      if (best === null || s.createdAt > best.createdAt || (s.createdAt === best.createdAt && s.runId > best.runId))
        best = s;
    } catch {
      // A damaged folder is not a previous run.
    }
  }
  return best;
}
