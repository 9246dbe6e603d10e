/**
 * `coinbot` from the build in `dist/` (started by `bin/coinbot.js`): first checks that `dist/`
 * was built from the sources now in `src/` (else exit 72 naming `npm run build`), then runs the
 * command table from the build manifest, importing only the command the arguments name, so
 * `coinbot --help` loads no command module and no TypeScript is compiled at start.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertDistFresh } from '../build/dist-freshness.js';
import { exitCodeOf, runCommands, type AnyCommand } from './run-commands.js';
import { lazyCommands } from './lazy-commands.js';

/** Root of the build this module belongs to (`dist/` when built). */
const DIST_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Runs the built CLI with `argv` (without `node` and the script) and resolves to its exit code.
 * @param srcRoot the sources the build must match (default: `src/` beside `dist/`).
 */
export async function runBuiltCli(argv: readonly string[], srcRoot = resolve(DIST_ROOT, '../src')): Promise<number> {
  let commands: AnyCommand[];
  try {
    const manifest = assertDistFresh(DIST_ROOT, srcRoot);
    commands = await lazyCommands(argv, manifest.commands, new URL('./commands/', import.meta.url));
  } catch (e) {
    return exitCodeOf(e);
  }
  return runCommands(argv, commands);
}
