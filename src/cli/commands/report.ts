/** `coinbot report <run-id> [--out reports] [--tz ZONE]`: rebuild a run's HTML from its results.json and run.json. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { NoDataError } from '../../engine/errors.js';
import { refreshRunsIndex, renderRunHtml } from '../../engine/sweep/write-run.js';
import { say } from '../output.js';

interface Args {
  'run-id': string;
  out: string;
  tz?: string;
}

/** The newest run folder (run ids sort by start time). */
function latestRun(out: string): string {
  const runs = existsSync(out)
    ? readdirSync(out)
        .filter((n) => !n.startsWith('.') && existsSync(join(out, n, 'results.json')))
        .sort()
    : [];
  const last = runs[runs.length - 1];
  if (last === undefined) throw new NoDataError(`no runs in ${out}: run 'coinbot reeval' first`);
  return last;
}

export const reportCommand: CommandModule<object, Args> = {
  command: 'report <run-id>',
  describe: "Rebuild reports/<run-id>/index.html (and reports/index.html) from the run's results.json and run.json",
  builder: (y) =>
    y
      .positional('run-id', { type: 'string', demandOption: true, describe: "a folder name under --out, or 'latest'" })
      .option('out', { type: 'string', default: 'reports' })
      .option('tz', {
        type: 'string',
        describe: 'IANA zone for times (default: the zone the run was made with)',
      }) as never,
  handler: (args) => {
    const id = args['run-id'] === 'latest' ? latestRun(args.out) : args['run-id'];
    const dir = join(args.out, id);
    if (!existsSync(join(dir, 'results.json')) || !existsSync(join(dir, 'run.json'))) {
      throw new NoDataError(
        `no run '${args['run-id']}' in ${args.out} (results.json and run.json needed): list runs in ${join(args.out, 'index.html')}`,
      );
    }
    const html = renderRunHtml(dir, args.tz);
    const index = refreshRunsIndex(args.out, args.tz ?? 'UTC');
    say(`report: ${html}\nall runs: ${index}`);
  },
};
