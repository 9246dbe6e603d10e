/**
 * Parses a `coinbot` command line with the CLI's own strict parser — every command, option
 * type, choice and `check` — without running the command: a global middleware, which yargs
 * runs after validation and before the handler, stops the parse. Used by the docs test that
 * checks every `coinbot …` line of README.md and docs/.
 */
import { buildCli, UsageFailure } from './main.js';

/** What {@link parseOnly} found. */
export type ParseOutcome =
  { readonly ok: true; readonly command: string } | { readonly ok: false; readonly error: string };

class Parsed extends Error {
  constructor(readonly command: string) {
    super('parsed');
  }
}

/**
 * Parses `argv` (without `coinbot`). `--help` counts as valid without printing.
 * Side effects: none (handlers never run; yargs output is captured and dropped).
 */
export async function parseOnly(argv: readonly string[]): Promise<ParseOutcome> {
  const cli = buildCli(argv)
    .middleware((a) => {
      throw new Parsed(a._.map(String).join(' '));
    })
    .help(false);
  try {
    await cli.parseAsync([...argv], {}, () => undefined);
    return { ok: true, command: '(help)' };
  } catch (e) {
    if (e instanceof Parsed) return { ok: true, command: e.command };
    if (e instanceof UsageFailure) return { ok: false, error: e.message };
    return { ok: false, error: (e as Error).message };
  }
}
