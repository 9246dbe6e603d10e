/**
 * Every benchmark figure as data, for `npm run bench -- --json` (a script reads them):
 * `{ name, value, unit }` each. `quick` only proves the harness works (CI): one run each, the
 * bundled sample, a 2 h window of one symbol for the main job. Figures are wall-clock on the
 * machine at hand; `machine` says which. The CLI figures time the built CLI (`bin/coinbot.js` on
 * `dist/`, built first when stale), as `npm start` runs it; `coldStart.help.tsxMs` is tsx on `src/`.
 * The single backtests run on the build too, in a plain Node child (backtest-timing.ts). The main
 * job's seconds are the median of 3 runs (1 with `quick`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSampleReportModel } from '../src/engine/report/fixtures/sample-report-model.js';
import { renderReportHtml } from '../src/engine/report/render-html.js';
import { readVegaBundles } from '../src/engine/report/vega-bundles.js';
import { tsxCliArgv } from '../test-support/run-cli.js';
import { ensureBuilt } from './ensure-built.js';
import { measureBacktests } from './backtest-timing.js';
import { bestMs } from './best-ms.js';
import { kbPerSetOf, measureSweepAllocations } from './sweep-allocations.js';
import { REPO_ROOT } from '../test-support/repo-paths.js';

/** One named figure. */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

/** What `--json` prints. */
export interface BenchReport {
  readonly kind: 'coinbot.bench';
  readonly quick: boolean;
  readonly machine: {
    readonly cpus: number;
    readonly model: string;
    readonly node: string;
    /** `os.loadavg()` (1, 5 and 15 min) before and after the figures. */
    readonly loadAverage: { readonly atStart: readonly number[]; readonly atEnd: readonly number[] };
  };
  /** Where the backtest candles came from (`../shared/data` or the bundled sample). */
  readonly backtestData: string;
  readonly figures: readonly Figure[];
}

/** Main-job runs per worker count (the figure is their median). */
const MAIN_JOB_RUNS = 3;

/** The median of `xs` (non-empty). */
function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** `node` arguments for the built CLI (`bin/coinbot.js` → `dist/`), as `npm start` and systemd run it. */
const builtArgv = (args: readonly string[]) => [resolve(REPO_ROOT, 'bin/coinbot.js'), ...args];

/**
 * Runs `coinbot <args>` in a child process: wall seconds and its peak RSS (MB, worker threads
 * included). `argv` picks the entry: the built CLI (default) or tsx on the sources (`tsxCliArgv`).
 */
function timeCli(args: readonly string[], argv = builtArgv): { s: number; rssMb: number } {
  const dir = mkdtempSync(join(tmpdir(), 'coinbot-bench-'));
  const rssFile = join(dir, 'rss');
  const hook = join(dir, 'rss.mjs');
  writeFileSync(
    hook,
    `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`,
  );
  try {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--import', hook, ...argv(args)], { cwd: REPO_ROOT, encoding: 'utf8' });
    const s = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`coinbot ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return { s, rssMb: Number(readFileSync(rssFile, 'utf8')) / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs `coinbot <args>` once with V8's `--trace-deopt` (threads included) and counts what it
 * prints: optimised code left on the stack (eager and lazy bailouts) and optimised code thrown
 * away because an assumption it was built on broke (a field type, a protector). A jump in either
 * is a V8 pathology costing recompilation, e.g. one detached ArrayBuffer in a sweep worker.
 */
function deoptCounts(args: readonly string[]): { bailouts: number; invalidated: number } {
  const r = spawnSync(process.execPath, ['--trace-deopt', ...builtArgv(args)], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`coinbot ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const count = (re: RegExp) => (r.stdout.match(re) ?? []).length;
  return { bailouts: count(/^\[bailout \(kind/gm), invalidated: count(/^\[marking dependent code/gm) };
}

/**
 * The main job's figures: the median of MAIN_JOB_RUNS runs each on 1 and 2 workers, alternating
 * (one run is one sample of a machine whose speed drifts), the fastest and slowest 2-worker run,
 * the peak RSS (the highest of the 2-worker runs) and one `--trace-deopt` run's counts.
 * Side effects: child processes, a temporary reports folder (removed).
 */
function mainJobFigures(quick: boolean, add: (name: string, value: number, unit: string) => void): void {
  const out = mkdtempSync(join(tmpdir(), 'coinbot-bench-reports-'));
  try {
    const job = ['reeval', '--data-dir', 'data/sample', '--out', out];
    if (quick) job.push('--symbols', 'ETH', '--hours', '2');
    const one: number[] = [];
    const two: { s: number; rssMb: number }[] = [];
    for (let r = 0; r < (quick ? 1 : MAIN_JOB_RUNS); r++) {
      one.push(timeCli([...job, '--workers', '1']).s);
      two.push(timeCli([...job, '--workers', '2']));
    }
    const twoS = two.map((t) => t.s);
    add('mainJob.workers1.seconds', median(one), 's');
    add('mainJob.workers2.seconds', median(twoS), 's');
    add('mainJob.workers2.fastestSeconds', Math.min(...twoS), 's');
    add('mainJob.workers2.slowestSeconds', Math.max(...twoS), 's');
    add('mainJob.runs', two.length, 'runs');
    add('mainJob.speedup', median(one) / median(twoS), 'x');
    add('mainJob.workers2.peakRss', Math.max(...two.map((t) => t.rssMb)), 'MB');
    const deopt = deoptCounts([...job, '--workers', '2']);
    add('mainJob.workers2.deoptimizations', deopt.bailouts, 'bailouts');
    add('mainJob.workers2.codeInvalidations', deopt.invalidated, 'functions');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * Collects every figure, and the machine's load average at the start and the end (other load
 * on the host moves every wall-time figure). Side effects: builds `dist/` when stale, child
 * processes, temporary files.
 */
export async function collectFigures(quick: boolean): Promise<BenchReport> {
  const figures: Figure[] = [];
  const add = (name: string, value: number, unit: string) =>
    figures.push({ name, value: Number(value.toPrecision(6)), unit });
  const runs = quick ? 1 : 10;
  const loadAtStart = loadavg();
  ensureBuilt();
  let source = 'data/sample';
  for (const bt of measureBacktests(runs)) {
    source = bt.source;
    add(`backtest.${bt.coin}.candles`, bt.candles, 'candles');
    add(`backtest.${bt.coin}.ms`, bt.ms, 'ms');
    add(`backtest.${bt.coin}.candlesPerSecond`, (bt.candles / bt.ms) * 1000, 'candles/s');
    add(`backtest.${bt.coin}.floorMs`, bt.floorMs, 'ms');
    add(`backtest.${bt.coin}.floorRatio`, bt.ms / bt.floorMs, 'x');
  }
  mainJobFigures(quick, add);
  // Cold start of the built CLI, best of `runs` (the minimum is the least disturbed by other load).
  const coldMs = (args: string[], argv = builtArgv) =>
    Math.min(...Array.from({ length: runs }, () => timeCli(args, argv).s * 1000));
  add('coldStart.help.ms', coldMs(['--help']), 'ms');
  add('coldStart.symbols.ms', coldMs(['symbols', 'btc']), 'ms');
  add('coldStart.help.tsxMs', quick ? timeCli(['--help'], tsxCliArgv).s * 1000 : coldMs(['--help'], tsxCliArgv), 'ms');
  // Allocation of the sweep, a count the machine's load does not change (sweep-allocations.bench.ts).
  const alloc = measureSweepAllocations(quick ? 300 : undefined);
  add('sweep.ETH.warmPassScavenges', alloc.scavenges, 'scavenges');
  add('sweep.ETH.allocatedPerSet', kbPerSetOf(alloc), 'KB');
  const model = buildSampleReportModel({ tz: 'UTC' });
  const bundles = readVegaBundles();
  let html = '';
  const reportMs = await bestMs(quick ? 1 : 3, () => (html = renderReportHtml(model, { bundles })));
  add('report.buildMs', reportMs, 'ms');
  add('report.pageBytes', Buffer.byteLength(html, 'utf8'), 'bytes');
  const cpu = cpus();
  return {
    kind: 'coinbot.bench',
    quick,
    machine: {
      cpus: cpu.length,
      model: cpu[0]?.model ?? 'unknown',
      node: process.version,
      loadAverage: { atStart: loadAtStart, atEnd: loadavg() },
    },
    backtestData: source,
    figures,
  };
}
