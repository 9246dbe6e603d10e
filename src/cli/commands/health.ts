/**
 * `coinbot health [--unit coinbot@ETH] [--since 3m] [--file LOG] [--notify] [--json]`: the
 * incident's verification as a command. Exit 0 healthy, 1 unhealthy.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { checkHealth, DEFAULT_HEALTH, type HealthReport } from '../../engine/ops/health-check.js';
import { webhookNotifierFromEnv } from '../../engine/ops/webhook-notifier.js';
import { ConfigError, TransientError, UsageError } from '../../engine/errors.js';
import { parseInstant } from '../../engine/time.js';
import { note, say, sayJson } from '../output.js';

interface Args {
  unit?: string;
  since: string;
  file?: string;
  now?: string;
  'stale-after': number;
  'max-restarts': number;
  notify: boolean;
  json: boolean;
}

function journal(unit: string, since: string): string[] {
  if (!/^[A-Za-z0-9@._-]+$/.test(unit))
    throw new UsageError(`--unit '${unit}': not a unit name; write e.g. coinbot@ETH`);
  const r = spawnSync('journalctl', ['-u', unit, '--since', `-${since}`, '-o', 'short-iso', '--no-pager'], {
    encoding: 'utf8',
  });
  if (r.error) throw new ConfigError(`cannot run journalctl (${r.error.message}); pass --file LOG instead`);
  if (r.status !== 0) throw new TransientError(`journalctl failed: ${r.stderr.trim().split('\n')[0] ?? ''}`);
  return r.stdout.split('\n');
}

function render(r: HealthReport, source: string): string {
  const lines = [`${r.healthy ? 'HEALTHY' : 'UNHEALTHY'}: ${source}`];
  for (const c of r.checks) lines.push(`  [${c.ok ? 'ok' : 'FAIL'}] ${c.name}: ${c.detail}`);
  return lines.join('\n');
}

export const healthCommand: CommandModule<object, Args> = {
  command: 'health',
  describe:
    'Check a live unit from its journal (or a log file): KeyError/tracebacks, fatal errors, restart loop, stale candles and decisions. Exit 1 when unhealthy',
  builder: (y) =>
    y
      .option('unit', { type: 'string', describe: 'systemd unit, e.g. coinbot@ETH (reads journalctl)' })
      .option('since', {
        type: 'string',
        default: '3m',
        describe: 'how far back to scan the journal (journalctl syntax: 3m, 1h)',
      })
      .option('file', { type: 'string', describe: 'scan this log file instead of the journal' })
      .option('now', { type: 'string', describe: 'judge as of this time (ISO/ms; default: the wall clock)' })
      .option('stale-after', {
        type: 'number',
        default: DEFAULT_HEALTH.staleAfterMs / 1000,
        describe: 'seconds after a candle close without a newer one before the bot is stale',
      })
      .option('max-restarts', {
        type: 'number',
        default: DEFAULT_HEALTH.maxRestarts,
        describe: 'restarts in the span that make a restart loop',
      })
      .option('notify', {
        type: 'boolean',
        default: false,
        describe: 'post the report to COINBOT_WEBHOOK_URL when unhealthy',
      })
      .option('json', { type: 'boolean', default: false })
      .check(
        (a) => (a.unit === undefined) !== (a.file === undefined) || 'give exactly one of --unit or --file',
      ) as never,
  handler: async (args) => {
    const source = args.file ?? (args.unit as string);
    const lines = args.file !== undefined ? readLog(args.file) : journal(args.unit as string, args.since);
    const now = args.now !== undefined ? parseInstant(args.now, '--now') : Date.now();
    const report = checkHealth(lines, now, 60_000, {
      staleAfterMs: args['stale-after'] * 1000,
      maxRestarts: args['max-restarts'],
    });
    if (args.json) sayJson({ source, ...report });
    else say(render(report, source));
    if (!report.healthy && args.notify) {
      const failure = await webhookNotifierFromEnv().notify(`coinbot ${render(report, source)}`);
      if (failure !== null) note(`coinbot: ${failure}`);
    }
    if (!report.healthy) process.exitCode = 1;
  },
};

function readLog(path: string): string[] {
  try {
    return readFileSync(path, 'utf8').split('\n');
  } catch (e) {
    throw new UsageError(`cannot read --file '${path}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
