/**
 * The built CLI's command table without the cost of importing it: every command comes from the
 * build manifest (name and description only, enough for `--help` and "did you mean"), and only
 * the commands the argument list names are imported for real (builder and handler).
 */
import type { CommandEntry } from '../build/build-manifest.js';
import type { AnyCommand } from './run-commands.js';

/** Every name a command answers to: the first word of each command string, and its aliases. */
export function commandNames(e: CommandEntry): string[] {
  const cmds = typeof e.command === 'string' ? [e.command] : [...e.command];
  return [...cmds.map((c) => c.trim().split(/\s+/)[0] as string), ...(e.aliases ?? [])];
}

/**
 * The command modules for `argv`: the real module of each entry whose name is one of the words
 * of `argv` (a superset of the command yargs will pick, whatever options come before it), a
 * stub with name and description for every other entry.
 * Side effect: dynamic imports from `commandsDir` (a `file:` URL ending in `/`).
 */
export async function lazyCommands(
  argv: readonly string[],
  entries: readonly CommandEntry[],
  commandsDir: URL,
): Promise<AnyCommand[]> {
  const words = new Set(argv.filter((a) => !a.startsWith('-')));
  return Promise.all(
    entries.map(async (e) => (commandNames(e).some((n) => words.has(n)) ? loadCommand(e, commandsDir) : stub(e))),
  );
}

async function loadCommand(e: CommandEntry, commandsDir: URL): Promise<AnyCommand> {
  const mod = (await import(new URL(e.module, commandsDir).href)) as Record<string, unknown>;
  const c = mod[e.exportName] as AnyCommand | undefined;
  if (c === undefined) throw new Error(`Invariant failed: ${e.module} has no export ${e.exportName}; rebuild dist/`);
  return c;
}

function stub(e: CommandEntry): AnyCommand {
  return {
    command: e.command as string | string[],
    ...(e.aliases ? { aliases: [...e.aliases] } : {}),
    describe: e.describe,
    ...(e.deprecated !== undefined ? { deprecated: e.deprecated } : {}),
    handler: () => {
      throw new Error(`Invariant failed: the stub of '${commandNames(e)[0]}' ran; its module was not loaded`);
    },
  };
}
