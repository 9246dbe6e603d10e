/**
 * The architecture's import boundaries are lint rules (eslint.config.js), and `npm test` runs
 * `npm run lint` first. These tests show each boundary failing on a deliberately bad import (as
 * virtual files at the paths where they would break it, never written into the tree), and the
 * lint script itself failing in a throw-away copy on a formatting error, a lint error and a
 * broken boundary.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './repo-paths.js';
import { tempDir } from './temp-dir.js';

const eslint = new ESLint({ cwd: REPO_ROOT });

/** The ids of the rules `code` breaks when it stands at `file` (repo-relative). */
async function brokenRules(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(REPO_ROOT, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe('import boundaries', () => {
  it('lets a strategy import the strategy interface, types and indicators', async () => {
    const code = [
      "import type { Candle } from '../../engine/types.js';",
      "import { defineStrategy } from '../../engine/strategy.js';",
      "import { atr } from '../../engine/indicators/atr.js';",
      "import { helper } from './helper.js';",
      'export const x = [defineStrategy, atr, helper] as const;',
      'export type C = Candle;',
    ].join('\n');
    expect(await brokenRules('src/strategies/leaky/leaky.ts', code)).toEqual([]);
  });

  it.each([
    ['the simulator', "import { SimVenue } from '../../engine/sim/sim-venue.js';\nexport const v = SimVenue;"],
    ['a node built-in', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;"],
    ['a package', "import ccxt from 'ccxt';\nexport const c = ccxt;"],
    ['the runner', "import { runStrategy } from '../../engine/runner.js';\nexport const r = runStrategy;"],
    ['the CLI', "import { runCli } from '../../cli/main.js';\nexport const r = runCli;"],
  ])('refuses a strategy that imports %s', async (_what, code) => {
    expect(await brokenRules('src/strategies/leaky/leaky.ts', code)).toContain('no-restricted-imports');
  });

  it.each([
    ['a dynamic import', "export const m = () => import('./x.js');"],
    ['the wall clock', 'export const t = () => Date.now();'],
    ['randomness', 'export const r = () => Math.random();'],
  ])('refuses a strategy that uses %s', async (_what, code) => {
    expect(await brokenRules('src/strategies/leaky/leaky.ts', code)).toContain('no-restricted-syntax');
  });

  it('refuses a literal .ts worker URL, which the built CLI cannot load', async () => {
    const bad = "export const u = new URL('./some-worker.ts', import.meta.url);";
    const good =
      "import { siblingWorkerUrl } from './worker-pool.js';\nexport const u = siblingWorkerUrl('some-worker', import.meta.url);";
    expect(await brokenRules('src/engine/walkforward/bad.ts', bad)).toEqual(['no-restricted-syntax']);
    expect(await brokenRules('src/engine/sweep/good.ts', good)).toEqual([]);
  });

  it('refuses exchange access or operations importing the live loop', async () => {
    const live = "import { LiveRunner } from '../live/live-runner.js';\nexport const v = LiveRunner;";
    expect(await brokenRules('src/engine/exchange/bad.ts', live)).toEqual(['no-restricted-imports']);
    expect(await brokenRules('src/engine/ops/bad.ts', live)).toEqual(['no-restricted-imports']);
    expect(await brokenRules('src/engine/live/ok.ts', live)).toEqual([]);
  });

  it('refuses the simulator importing the live code, and the live code importing the simulator', async () => {
    const live = "import { CcxtVenue } from '../live/ccxt-venue.js';\nexport const v = CcxtVenue;";
    const sim = "import { SimVenue } from '../sim/sim-venue.js';\nexport const v = SimVenue;";
    expect(await brokenRules('src/engine/sim/bad.ts', live)).toEqual(['no-restricted-imports']);
    expect(await brokenRules('src/engine/live/bad.ts', sim)).toEqual(['no-restricted-imports']);
    expect(await brokenRules('src/engine/exchange/bad.ts', sim)).toEqual(['no-restricted-imports']);
    expect(await brokenRules('src/engine/ops/bad.ts', sim)).toEqual(['no-restricted-imports']);
  });

  it('refuses the simulator importing the exchange or operations code', async () => {
    const exchange =
      "import { createExchange } from '../exchange/exchange-factory.js';\nexport const e = createExchange;";
    const ops = "import { LiveLogger } from '../ops/live-logger.js';\nexport const l = LiveLogger;";
    expect(await brokenRules('src/engine/sim/bad.ts', exchange)).toEqual(['no-restricted-imports']);
    expect(await brokenRules('src/engine/sim/bad.ts', ops)).toEqual(['no-restricted-imports']);
  });

  it('refuses engine code that imports src/cli or src/strategies', async () => {
    const cli = "import { runCli } from '../../cli/main.js';\nexport const r = runCli;";
    const reg = "import { strategies } from '../../strategies/index.js';\nexport const s = strategies;";
    expect(await brokenRules('src/engine/sweep/bad.ts', cli)).toEqual(['no-restricted-imports']);
    expect(await brokenRules('src/engine/sweep/bad.ts', reg)).toEqual(['no-restricted-imports']);
    expect(
      await brokenRules(
        'src/engine/bad.ts',
        "import { strategies } from '../strategies/index.js';\nexport const s = strategies;",
      ),
    ).toEqual(['no-restricted-imports']);
  });

  it('lets tests compare both sides', async () => {
    const both =
      "import { SimVenue } from '../sim/sim-venue.js';\nimport { strategies } from '../../strategies/index.js';\nexport const v = [SimVenue, strategies];";
    expect(await brokenRules('src/engine/live/bad.test.ts', both)).toEqual([]);
  });
});

describe('npm run lint in a throw-away copy', () => {
  const root = tempDir('lint-copy');
  /** A copy of the lint set-up with one source file; returns the lint script's exit code and output. */
  function lintCopy(name: string, file: string, code: string): { status: number | null; out: string } {
    const dir = join(root, name);
    mkdirSync(join(dir, file, '..'), { recursive: true });
    for (const f of ['package.json', 'eslint.config.js', '.prettierrc.json', '.prettierignore'])
      copyFileSync(join(REPO_ROOT, f), join(dir, f));
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
    writeFileSync(join(dir, file), code);
    const r = spawnSync('npm', ['run', '-s', 'lint'], { cwd: dir, encoding: 'utf8' });
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
  }

  it('passes a clean file', () => {
    expect(lintCopy('clean', 'src/engine/ok.ts', "export const ok = 'yes';\n").status).toBe(0);
  });

  it('fails on a formatting error', () => {
    const r = lintCopy('format', 'src/engine/ugly.ts', 'export const ugly   =  {a:1};\n');
    expect(r.status).not.toBe(0);
    expect(r.out).toContain('src/engine/ugly.ts');
  });

  it('fails on a lint error', () => {
    const r = lintCopy('lint', 'src/engine/unused.ts', 'const unused = 1;\nexport const ok = 2;\n');
    expect(r.status).not.toBe(0);
    expect(r.out).toContain('no-unused-vars');
  });

  it('fails on a broken boundary', () => {
    const r = lintCopy(
      'boundary',
      'src/engine/sweep/bad.ts',
      "import { strategies } from '../../strategies/index.js';\n\nexport const s = strategies;\n",
    );
    expect(r.status).not.toBe(0);
    expect(r.out).toContain('engine code never imports src/strategies');
  });
});
