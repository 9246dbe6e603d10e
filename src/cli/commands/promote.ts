/**
 * `coinbot promote --run <run-id|latest> --symbol ETH [--reports DIR] [--set <id>] [--to FILE]
 * [--max-age 24h] [--dry-run] [--restart [--when-flat]] [--force --reason "..."] [--rollback]`:
 * writes a re-evaluation's CANDIDATE into the live EnvironmentFile, only the run's grid axes,
 * atomically, with a chained line in `HISTORY.jsonl` beside it; `--rollback` undoes the last
 * promotion byte for byte. Every refusal is one line and exit 78 (engine/promote/promote-plan.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { writeFileAtomic } from '../../engine/data/atomic-write.js';
import { ConfigError, NoDataError, UsageError } from '../../engine/errors.js';
import type { LiveMode } from '../../engine/live/live-state.js';
import { parseDurationMs } from '../../engine/promote/duration.js';
import { applyLineEdits, inverseEdits, type LineEdit } from '../../engine/promote/env-edit.js';
import {
  appendHistory,
  historyPathOf,
  promoteToUndo,
  readHistory,
  sha256,
} from '../../engine/promote/promote-history.js';
import { planPromote } from '../../engine/promote/promote-plan.js';
import { readPromoteRun } from '../../engine/promote/promote-run.js';
import { reevalCodeHash } from '../../engine/sweep/run-reeval.js';
import { baseOf, normaliseSymbol, type PerpSymbol } from '../../engine/symbols.js';
import { parseInstant } from '../../engine/time.js';
import { DEFAULT_STRATEGY, strategies } from '../../strategies/index.js';
import { say } from '../output.js';
import { restartUnit } from './promote-restart.js';
import { requireShadow } from './promote-shadow.js';

interface Args {
  run?: string;
  symbol: string;
  reports: string;
  set?: string;
  to?: string;
  'max-age': string;
  'dry-run': boolean;
  restart: boolean;
  'when-flat': boolean;
  force: boolean;
  reason?: string;
  rollback: boolean;
  'etc-dir': string;
  'data-dir': string;
  mode: LiveMode;
  'require-shadow'?: string;
  now?: string;
}

/** `--to`, else `<etc-dir>/<BASE>.env` when it exists (the unit's EnvironmentFile), else config/live/<BASE>.env. */
export function promoteTarget(to: string | undefined, etcDir: string, symbol: PerpSymbol): string {
  if (to !== undefined) return to;
  const unitFile = join(etcDir, `${baseOf(symbol)}.env`);
  return existsSync(unitFile) ? unitFile : join('config', 'live', `${baseOf(symbol)}.env`);
}

function diffLines(edits: readonly LineEdit[]): string {
  return edits
    .map((e) => `${e.fromLine === null ? '' : `- ${e.fromLine}\n`}${e.toLine === null ? '' : `+ ${e.toLine}`}`)
    .join('\n');
}

function rollback(target: string, text: string, symbol: string, dryRun: boolean, reason?: string): void {
  const hist = historyPathOf(target);
  const last = promoteToUndo(readHistory(hist).entries, target);
  if (last === null) throw new ConfigError(`rollback refused: ${hist} has no promotion of ${target} to undo`);
  if (sha256(text) !== last.fileAfter)
    throw new ConfigError(
      `rollback refused: ${target} changed since the promotion of ${last.time} (sha256 differs); edit it back by hand`,
    );
  const edits = inverseEdits(last.edits);
  const back = applyLineEdits(text, edits);
  say(diffLines(edits));
  if (dryRun) return void say('dry run: nothing written');
  writeFileAtomic(target, back);
  appendHistory(hist, {
    action: 'rollback',
    time: new Date().toISOString(),
    target,
    symbol,
    runId: last.runId,
    fingerprint: last.fingerprint,
    setId: last.setId,
    from: last.to,
    to: last.from,
    edits,
    evidence: null,
    reason: reason ?? null,
    forced: false,
    fileBefore: sha256(text),
    fileAfter: sha256(back),
  });
  say(`rolled back ${target} to before the promotion of ${last.time} (history: ${hist})`);
}

export const promoteCommand: CommandModule<object, Args> = {
  command: 'promote',
  describe:
    "Write a re-evaluation's CANDIDATE into the live EnvironmentFile (guarded, atomic, recorded); --rollback undoes it",
  builder: (y) =>
    y
      .option('run', { type: 'string', describe: "run id under --reports, or 'latest'" })
      .option('symbol', { type: 'string', demandOption: true, describe: 'e.g. ETH' })
      .option('reports', { type: 'string', default: 'reports', describe: 'reports folder of coinbot reeval' })
      .option('set', { type: 'string', describe: "set id (default: the verdict's CANDIDATE)" })
      .option('to', {
        type: 'string',
        describe: 'target file (default /etc/coinbot/<SYM>.env if it exists, else config/live/<SYM>.env)',
      })
      .option('max-age', {
        type: 'string',
        default: '24h',
        describe: 'refuse a run whose data ends longer ago than this',
      })
      .option('dry-run', { type: 'boolean', default: false, describe: 'print the diff only' })
      .option('restart', {
        type: 'boolean',
        default: false,
        describe: 'systemctl restart coinbot@<SYM> when it is flat',
      })
      .option('when-flat', {
        type: 'boolean',
        default: false,
        describe: 'with --restart: drain first, restart once flat',
      })
      .option('force', {
        type: 'boolean',
        default: false,
        describe: 'promote a set the verdict did not name (needs --reason)',
      })
      .option('reason', { type: 'string', describe: 'why (recorded in HISTORY.jsonl)' })
      .option('rollback', { type: 'boolean', default: false, describe: 'restore the values before the last promotion' })
      .option('etc-dir', { type: 'string', default: '/etc/coinbot', describe: "where the units' EnvironmentFiles are" })
      .option('data-dir', {
        type: 'string',
        default: '/var/lib/coinbot',
        describe: "the unit's data dir (state, for --restart)",
      })
      .option('mode', { choices: ['paper', 'real'] as const, default: 'real' as LiveMode, describe: "the unit's mode" })
      .option('now', { type: 'string', describe: 'judge as of this time (ISO/ms; default: the wall clock)' })
      .option('require-shadow', {
        type: 'string',
        describe:
          'refuse unless coinbot-shadow@<SYM> ran this set healthily this long (e.g. 24h; see coinbot shadow report)',
      })
      .example('$0 promote --run latest --symbol ETH --dry-run', 'show what would change')
      .example('$0 promote --run latest --symbol ETH --restart', 'promote and restart coinbot@ETH when flat') as never,
  handler: async (args) => {
    const symbol = normaliseSymbol(args.symbol);
    const target = promoteTarget(args.to, args['etc-dir'], symbol);
    say(`target: ${target}`);
    if (!existsSync(target)) throw new NoDataError(`${target}: no such file; pass --to FILE`);
    const text = readFileSync(target, 'utf8');
    const unit = {
      symbol,
      envFile: join(args['etc-dir'], `${baseOf(symbol)}.env`),
      dataDir: args['data-dir'],
      mode: args.mode,
    };
    if (args.rollback) {
      rollback(target, text, symbol, args['dry-run'], args.reason);
      if (args.restart && !args['dry-run']) await restartUnit(target, unit, args['when-flat']);
      return;
    }
    if (args.run === undefined) throw new UsageError("--run: name a run id or 'latest' (or use --rollback)");
    const strategy = strategies.get(DEFAULT_STRATEGY);
    if (strategy === undefined) throw new Error('Invariant failed: default strategy missing');
    const run = readPromoteRun(args.reports, args.run, symbol);
    const now = args.now === undefined ? Date.now() : parseInstant(args.now, '--now');
    const plan = planPromote(
      run,
      {
        target,
        targetText: text,
        setId: args.set,
        force: args.force,
        reason: args.reason,
        maxAgeMs: parseDurationMs(args['max-age'], '--max-age'),
        now,
        currentCodeHash: reevalCodeHash(strategy.name),
      },
      strategy,
    );
    if (args['require-shadow'] !== undefined)
      say(
        await requireShadow({
          within: args['require-shadow'],
          plan,
          symbol,
          strategy,
          dataDir: args['data-dir'],
          target,
          now,
        }),
      );
    for (const n of plan.notes) say(`note: ${n}`);
    say(`run ${run.runId}: ${run.symbol.verdict.label}; promoting ${plan.setId}${plan.forced ? ' (forced)' : ''}`);
    if (plan.edits.length === 0) return void say(`${target} already holds ${plan.setId}'s values: nothing to do`);
    say(diffLines(plan.edits));
    if (args['dry-run']) return void say('dry run: nothing written');
    writeFileAtomic(target, plan.newText);
    const v = run.symbol.verdict;
    appendHistory(historyPathOf(target), {
      action: 'promote',
      time: new Date().toISOString(),
      target,
      symbol,
      runId: run.runId,
      fingerprint: run.fingerprint,
      setId: plan.setId,
      from: plan.from,
      to: plan.to,
      edits: plan.edits,
      evidence: { label: v.label, summary: v.summary, checks: v.checks },
      reason: args.reason ?? null,
      forced: plan.forced,
      fileBefore: sha256(text),
      fileAfter: sha256(plan.newText),
    });
    say(
      `wrote ${target} (history: ${historyPathOf(target)}); undo: coinbot promote --symbol ${baseOf(symbol)} --to ${target} --rollback`,
    );
    if (args.restart) await restartUnit(target, unit, args['when-flat']);
    else say(`next: coinbot promote ... --restart, or systemctl restart coinbot@${baseOf(symbol)} once it is flat`);
  },
};
