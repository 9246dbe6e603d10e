/**
 * `coinbot` command line from the TypeScript sources (tsx: `npm run coinbot`, tests, and
 * `bin/coinbot.js` when there is no `dist/`): registers every command module (commands/index.ts)
 * on the shared yargs program (run-commands.ts). The built CLI starts from `built-main.ts`.
 * Heavy libraries (ccxt, danfo, vega) are imported inside the command handlers that need them.
 */
import type { Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { commands } from './commands/index.js';
import { buildProgram, runCommands } from './run-commands.js';

/**
 * Runs the CLI with `argv` (without `node` and the script). Resolves to the exit code instead of
 * exiting, so tests can call it in-process.
 */
export function runCli(argv: readonly string[]): Promise<number> {
  return runCommands(argv, commands);
}

/** The strict parser of `argv` with every command registered (nothing parsed yet); see parse-only.ts. */
export function buildCli(argv: readonly string[]): Argv {
  return buildProgram(argv, commands);
}

export { UsageFailure } from './run-commands.js';

const isMain = process.argv[1] !== undefined && /(?:^|[\\/])(main\.ts|coinbot(\.js)?)$/.test(process.argv[1]);
if (isMain) {
  const code = await runCli(hideBin(process.argv));
  process.exitCode = code;
}
