/**
 * The `--notify` step of `coinbot reeval`, after the run is written: decides with
 * engine/sweep/reeval-notify.ts and posts through the webhook notifier (COINBOT_WEBHOOK_URL).
 * A failed post or a missing URL is reported on stderr and never fails the run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunSummary } from '../../engine/report/render-index.js';
import { webhookNotifierFromEnv } from '../../engine/ops/webhook-notifier.js';
import { decideNotify, previousRunSummary, type NotifyMode } from '../../engine/sweep/reeval-notify.js';
import { note } from '../output.js';

/** Posts the run's verdicts when `mode` says so; see the file comment. */
export async function notifyReeval(mode: NotifyMode, outDir: string, runId: string, reportPath: string): Promise<void> {
  if (mode === 'never') return;
  const current = JSON.parse(readFileSync(join(outDir, runId, 'summary.json'), 'utf8')) as RunSummary;
  const d = decideNotify(mode, previousRunSummary(outDir, runId), current, reportPath);
  if (!d.send) return void note(`notify: verdicts unchanged since the previous run, no message`);
  if (process.env.COINBOT_WEBHOOK_URL?.trim() === undefined || process.env.COINBOT_WEBHOOK_URL.trim() === '')
    return void note('notify: COINBOT_WEBHOOK_URL is not set: no message sent (set it in /etc/coinbot/secrets.env)');
  const failure = await webhookNotifierFromEnv().notify(d.text);
  note(failure === null ? `notify: sent (${d.changed.length} verdict(s) changed)` : `notify: ${failure}`);
}
