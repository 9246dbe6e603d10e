/**
 * `coinbot` command line: builds yargs, registers one module per command, and maps errors to
 * exit codes (see `engine/errors.ts`): a HarnessError prints one line `coinbot: <message>` and
 * exits with its code; anything else is a bug, printed with its stack, exit 70.
 * Heavy libraries (ccxt, danfo, vega) are imported inside the command handlers that need them.
 */
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { EXIT_SOFTWARE, HarnessError } from '../engine/errors.js';
import { redact } from '../engine/redact.js';
import { commands } from './commands/index.js';

/**
 * Runs the CLI with `argv` (without `node` and the script). Resolves to the exit code instead of
 * exiting, so tests can call it in-process.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  try {
    await buildCli(argv).parseAsync();
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (e) {
    return reportFailure(e);
  }
}

/**
 * The strict yargs parser of `argv` with every command registered (nothing parsed yet).
 * `parse-only.ts` uses it to check command lines without running their handlers.
 */
export function buildCli(argv: readonly string[]): Argv {
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

/** Prints a failure as one line and returns its exit code (2 usage, the error's own, 70 a bug). */
function reportFailure(e: unknown): number {
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

const isMain = process.argv[1] !== undefined && /(?:^|[\\/])(main\.ts|coinbot(\.js)?)$/.test(process.argv[1]);
if (isMain) {
  const code = await runCli(hideBin(process.argv));
  process.exitCode = code;
}
