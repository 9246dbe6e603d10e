/**
 * The end of `coinbot reeval` and of `coinbot merge`, shared so both write and print a run the
 * same way: write `<out>/<run-id>/` (write-run.ts), notify, then print the summary (JSON) or the
 * per-symbol tables.
 */
import { factsSourceLine } from '../engine/data/bundled-facts.js';
import type { ReevalResults, RunInfo } from '../engine/sweep/reeval-results.js';
import { NOTIFY_MODES, type NotifyMode } from '../engine/sweep/reeval-notify.js';
import type { Argv } from 'yargs';
import { writeRun } from '../engine/sweep/write-run.js';
import { formatRange } from '../engine/time.js';
import { notifyReeval } from './commands/reeval-notify.js';
import { say, sayJson } from './output.js';
import { reevalTable } from './reeval-table.js';
import { colourWanted } from './verdict-colour.js';

/** The flags both commands share for their output. */
export interface FinishArgs {
  readonly out: string;
  readonly json: boolean;
  readonly notify: NotifyMode;
}

/** The output options both commands share: `--tz`, `--json`, `--journal` (repeatable), `--notify`. */
export function withRunOutputOptions<T>(y: Argv<T>): Argv<T> {
  return y
    .option('tz', {
      type: 'string',
      default: 'UTC',
      describe: 'IANA zone the HTML report shows times in, e.g. Asia/Seoul',
    })
    .option('json', {
      type: 'boolean',
      default: false,
      describe: 'print run id, paths and a per-symbol summary as JSON',
    })
    .option('journal', {
      type: 'string',
      array: true,
      default: [],
      describe: "a live unit's journal: its record over the window beside the simulated live set (repeatable)",
    })
    .option('notify', {
      choices: NOTIFY_MODES,
      default: 'never' as NotifyMode,
      describe:
        'webhook (COINBOT_WEBHOOK_URL) with each verdict and the report path: when a verdict changed, always, or never',
    }) as unknown as Argv<T>;
}

/** Writes the run, notifies when asked, prints. Side effects: files under `out`, stdout, webhook. */
export async function finishReevalRun(args: FinishArgs, results: ReevalResults, run: RunInfo): Promise<void> {
  const paths = await writeRun(args.out, results, run);
  await notifyReeval(args.notify, args.out, run.runId, paths.html);
  if (args.json) {
    sayJson({
      runId: run.runId,
      fingerprint: results.fingerprint,
      paths,
      symbols: results.symbols.map((s) => ({
        symbol: s.symbol,
        verdict: s.verdict.label,
        liveLoses: s.verdict.liveLoses,
        sets: s.grid.distinctSets,
        baseline: {
          id: s.baseline.id,
          netPnl: s.sets.windows.full.netPnl?.[s.sets.baselineIndex] ?? null,
          trades: s.sets.windows.full.trades?.[s.sets.baselineIndex] ?? null,
          rank: s.ranking.baselineRank,
        },
        best: s.ranking.top[0] ?? null,
      })),
    });
    return;
  }
  say(
    `re-evaluation ${formatRange(results.window.full)} (${results.window.hours} h, halves of ${results.window.hours / 2} h), fingerprint ${results.fingerprint.slice(0, 16)}…`,
  );
  for (const s of results.symbols) {
    const note = s.data.factsSource === undefined ? null : factsSourceLine(s.symbol, s.data.factsSource);
    if (note !== null) say(note);
    say(reevalTable(s, colourWanted()));
  }
  say(`report: ${paths.html}\nresults: ${paths.results}\nall runs: ${paths.index}`);
}
