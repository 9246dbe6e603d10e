/**
 * The yargs program shared by both entry points (`main.ts` under tsx, `built-main.ts` from
 * `dist/`): usage, strictness, help, and the mapping of errors to exit codes (see
 * `engine/errors.ts`): a HarnessError prints one line `coinbot: <message>` and exits with its
 * code; anything else is a bug, printed with its stack, exit 70.
 */
import yargs, { type Argv, type CommandModule } from 'yargs';
import { EXIT_SOFTWARE, HarnessError } from '../engine/errors.js';
import { redact } from '../engine/redact.js';

/** A command module of any argument shape (the registry mixes them). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = CommandModule<any, any>;

/**
 * The strict yargs program over `argv` (without `node` and the script) with `commands`
 * registered in `--help` order; nothing parsed yet. `parse-only.ts` uses it to check command
 * lines without running their handlers.
 */
export function buildProgram(argv: readonly string[], commands: readonly AnyCommand[]): Argv {
  let cli = yargs([...argv])
    .scriptName('coinbot')
    .usage('$0 <command> [options]\n\nResearch harness for the ATR-breakout bot on Binance USDT-M perpetuals.')
    .strict()
    .demandCommand(1, 'name a command; see --help')
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version(false)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageFailure(msg);
    });
  for (const c of commands) cli = cli.command(c);
  return cli;
}

/**
 * Runs `argv` (without `node` and the script) against `commands`. Resolves to the exit code
 * instead of exiting, so tests can call it in-process.
 */
export async function runCommands(argv: readonly string[], commands: readonly AnyCommand[]): Promise<number> {
  const cli = buildProgram(argv, commands);
  try {
    await cli.parseAsync();
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (e) {
    return exitCodeOf(e);
  }
}

/** Prints the one-line message of a failed run and returns its exit code. */
export function exitCodeOf(e: unknown): number {
  if (e instanceof UsageFailure) {
    process.stderr.write(`coinbot: ${redact(e.message)} (see 'coinbot --help')\n`);
    return 2;
  }
  if (e instanceof HarnessError) {
    process.stderr.write(`coinbot: ${redact(e.message)}\n`);
    return e.exitCode;
  }
  const err = e as Error;
  process.stderr.write(`coinbot: internal error (a bug, please report): ${redact(err?.stack ?? String(e))}\n`);
  return EXIT_SOFTWARE;
}

/** A usage error from yargs (unknown option, missing argument): exit 2. */
export class UsageFailure extends Error {}
