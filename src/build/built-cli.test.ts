/**
 * The built CLI end to end, in a throw-away copy of the project (its own src/ and dist/, the
 * real node_modules, data and config by symlink): `npm run build`'s script builds it, `bin/coinbot.js`
 * runs it, and it is compared with the TypeScript CLI run in this process.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliInProcess } from '../../test-support/cli-in-process.js';
import { runCliSync } from '../../test-support/run-cli.js';
import { REPO_ROOT, SAMPLE_DATA_DIR } from '../../test-support/repo-paths.js';
import { tempDir } from '../../test-support/temp-dir.js';

const root = join(tempDir('built-cli'), 'coinbot');
const ETH_PARAMS = join(REPO_ROOT, 'config/live/ETH.env');

function run(args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const build = () => run(['--import', 'tsx', 'src/build/build-dist.ts']);
const buildIfStale = () => run(['scripts/build-if-stale.mjs']);
const coinbot = (...args: string[]) => run(['bin/coinbot.js', ...args]);

function fingerprintOf(json: string): string {
  return (JSON.parse(json) as { fingerprint: string }).fingerprint;
}

function resultsOf(out: string): string {
  const [runId] = readdirSync(out).filter((d) => d !== 'index.html');
  return readFileSync(join(out, runId as string, 'results.json'), 'utf8');
}

beforeAll(() => {
  mkdirSync(root, { recursive: true });
  for (const f of ['src', 'bin', 'scripts', 'package.json', 'tsconfig.json'])
    cpSync(join(REPO_ROOT, f), join(root, f), { recursive: true });
  for (const d of ['node_modules', 'data', 'config']) symlinkSync(join(REPO_ROOT, d), join(root, d));
  const b = build();
  expect(b.stderr).toMatch(/^coinbot build: dist\/ from \d+ sources in \d+ ms\n$/);
  expect(b.code).toBe(0);
}, 180_000);

describe('the built CLI (dist/ via bin/coinbot.js)', () => {
  it('prints the same --help as the TypeScript CLI, listing every command', () => {
    const built = coinbot('--help');
    expect(built.code).toBe(0);
    expect(built.stdout).toBe(runCliSync(['--help']).stdout);
    expect(built.stdout).toMatch(/coinbot symbols <inputs\.\.\.>/);
    expect(built.stdout).toMatch(/coinbot reeval/);
  }, 60_000);

  it('runs a command: symbols btc', () => {
    expect(coinbot('symbols', 'btc')).toEqual({ code: 0, stdout: 'btc\tBTC/USDT:USDT\n', stderr: '' });
  });

  it('imports zod and apache-arrow from its own bundles in dist/vendor, recording their versions', () => {
    const read = (f: string) => readFileSync(join(root, 'dist', f), 'utf8');
    expect(read('engine/config/param-spec.js')).toMatch(/from "\.\.\/\.\.\/vendor\/zod\.js"/);
    expect(read('engine/data/arrow-columns.js')).toMatch(/from "\.\.\/\.\.\/vendor\/apache-arrow\.js"/);
    const manifest = JSON.parse(read('build-manifest.json')) as { vendored: Record<string, string> };
    const version = (p: string) =>
      (JSON.parse(readFileSync(join(root, 'node_modules', p, 'package.json'), 'utf8')) as { version: string }).version;
    expect(manifest.vendored).toEqual({ zod: version('zod'), 'apache-arrow': version('apache-arrow') });
  });

  it('maps errors to the same one-line messages and exit codes', async () => {
    const built = coinbot('symbols', 'BTC/BUSD');
    const ts = await cliInProcess(['symbols', 'BTC/BUSD']);
    expect([built.code, built.stderr]).toEqual([ts.code, ts.stderr]);
    expect(built.code).toBe(2);
  });

  it('reports the same backtest fingerprint as the TypeScript CLI for the same sources', async () => {
    const args = ['backtest', '--params', ETH_PARAMS, '--data-dir', SAMPLE_DATA_DIR, '--json'];
    const built = coinbot(...args);
    expect(built.code).toBe(0);
    const ts = await cliInProcess(args);
    expect(ts.code).toBe(0);
    expect(fingerprintOf(built.stdout)).toBe(fingerprintOf(ts.stdout));
  }, 120_000);

  it('sweeps on 2 worker threads of built code with results.json byte-identical to the TypeScript run', async () => {
    const dir = tempDir('built-cli-reeval');
    const grid = join(dir, 'grid.json');
    writeFileSync(grid, JSON.stringify({ ATR_GATE_MULT: [1.0, 1.1, 1.2], BREAKOUT_LOOKBACK: [10, 20, 30] }));
    const args = ['reeval', '--data-dir', SAMPLE_DATA_DIR, '--symbols', 'ETH', '--grid', grid, '--workers', '2'];
    const built = coinbot(...args, '--out', join(dir, 'built'));
    expect(built.code, built.stderr).toBe(0);
    const ts = await cliInProcess([...args, '--out', join(dir, 'ts')]);
    expect(ts.code, ts.stderr).toBe(0);
    expect(resultsOf(join(dir, 'built'))).toBe(resultsOf(join(dir, 'ts')));
  }, 300_000);

  it('walks forward on 2 worker threads of built code (its out-of-sample workers too) with results.json byte-identical to the TypeScript run', async () => {
    const dir = tempDir('built-cli-walkforward');
    const grid = join(dir, 'grid.json');
    writeFileSync(grid, JSON.stringify({ ATR_GATE_MULT: [1.0, 1.5] }));
    const args = ['walkforward', '--data-dir', SAMPLE_DATA_DIR, '--symbols', 'ETH', '--grid', grid];
    const more = ['--hours', '12', '--every', '6h', '--workers', '2', '--no-cache'];
    const built = coinbot(...args, ...more, '--out', join(dir, 'built'));
    expect(built.code, built.stderr).toBe(0);
    const ts = await cliInProcess([...args, ...more, '--out', join(dir, 'ts')]);
    expect(ts.code, ts.stderr).toBe(0);
    const results = (out: string) => {
      const [run] = readdirSync(out).filter((d) => d.startsWith('walkforward-'));
      return readFileSync(join(out, run as string, 'results.json'), 'utf8');
    };
    expect(results(join(dir, 'built'))).toBe(results(join(dir, 'ts')));
  }, 300_000);

  it('refuses to start when src/ changed since the build (exit 72, naming the fix), and runs again once rebuilt with a new fingerprint', () => {
    const args = ['backtest', '--params', ETH_PARAMS, '--data-dir', SAMPLE_DATA_DIR, '--json'];
    const before = fingerprintOf(coinbot(...args).stdout);
    appendFileSync(join(root, 'src/engine/runner.ts'), '\n// an edit after the build\n');
    for (const argv of [['--help'], ['symbols', 'btc'], args]) {
      const stale = coinbot(...argv);
      expect(stale.code).toBe(72);
      expect(stale.stdout).toBe('');
      expect(stale.stderr).toBe(
        'coinbot: dist/ is older than src/: run `npm run build` (changed since the build: engine/runner.ts)\n',
      );
    }
    expect(buildIfStale().stderr).toMatch(/^coinbot build: dist\/ from \d+ sources in \d+ ms\n$/);
    expect(buildIfStale()).toMatchObject({ code: 0, stderr: 'coinbot build: dist/ matches src/, nothing to do\n' });
    const after = coinbot(...args);
    expect(after.code).toBe(0);
    expect(fingerprintOf(after.stdout)).not.toBe(before);
  }, 180_000);
});
