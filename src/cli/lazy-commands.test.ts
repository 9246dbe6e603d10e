import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test-support/temp-dir.js';
import type { CommandEntry } from '../build/build-manifest.js';
import { commandNames, lazyCommands } from './lazy-commands.js';

/** Two command modules on disk; importing `heavy.js` records itself in globalThis. */
function commandsDir(): URL {
  const dir = join(tempDir('lazy-commands'), 'commands');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'light.js'),
    "export const lightCommand = { command: 'light <x>', describe: 'light one', handler: () => {} };\n",
  );
  writeFileSync(
    join(dir, 'heavy.js'),
    "globalThis.__heavyLoaded = true;\nexport const heavyCommand = { command: 'heavy', aliases: ['hv'], describe: 'heavy one', builder: (y) => y, handler: () => {} };\n",
  );
  return pathToFileURL(`${dir}/`);
}

const ENTRIES: CommandEntry[] = [
  { command: 'light <x>', describe: 'light one', module: 'light.js', exportName: 'lightCommand' },
  { command: 'heavy', aliases: ['hv'], describe: 'heavy one', module: 'heavy.js', exportName: 'heavyCommand' },
];

describe('commandNames', () => {
  it('is the first word of each command string plus the aliases', () => {
    expect(commandNames(ENTRIES[1] as CommandEntry)).toEqual(['heavy', 'hv']);
    expect(commandNames({ ...(ENTRIES[0] as CommandEntry), command: ['light <x>', 'lt'] })).toEqual(['light', 'lt']);
  });
});

describe('lazyCommands', () => {
  it('imports no command module for --help: every command is a stub with its name and description', async () => {
    const g = globalThis as { __heavyLoaded?: boolean };
    delete g.__heavyLoaded;
    const cmds = await lazyCommands(['--help'], ENTRIES, commandsDir());
    expect(g.__heavyLoaded).toBeUndefined();
    expect(cmds.map((c) => [c.command, c.describe])).toEqual([
      ['light <x>', 'light one'],
      ['heavy', 'heavy one'],
    ]);
    expect(cmds[1]?.aliases).toEqual(['hv']);
    expect(cmds[1]?.builder).toBeUndefined();
    expect(() => (cmds[0]?.handler as (a: unknown) => void)({})).toThrow(/stub of 'light' ran/);
  });

  it('imports the real module of a command named anywhere in the arguments, by name or alias', async () => {
    const dir = commandsDir();
    const byName = await lazyCommands(['--verbose', 'heavy', 'x'], ENTRIES, dir);
    expect(typeof byName[1]?.builder).toBe('function');
    expect(byName[0]?.builder).toBeUndefined();
    const byAlias = await lazyCommands(['hv'], ENTRIES, dir);
    expect(typeof byAlias[1]?.builder).toBe('function');
  });
});
