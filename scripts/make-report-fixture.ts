/**
 * Rebuilds the report tests' real-run fixture, `src/engine/report/fixtures/sample-run/`:
 * `results.json.gz` and `run.json` of one `coinbot reeval` of the bundled sample (BTC + ETH,
 * the 36-set grid in `grid.json` beside them, 1 worker). The run info is pinned (run id, times,
 * revision `fixture`) so rebuilding with unchanged code and data reproduces the files byte for
 * byte. Rerun after a change to the results' shape or to a result:
 *   npx tsx scripts/make-report-fixture.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeFileAtomic } from '../src/engine/data/atomic-write.js';
import { runReeval } from '../src/engine/sweep/run-reeval.js';
import { readGridFile } from '../src/engine/sweep/grid-file.js';
import type { RunInfo } from '../src/engine/sweep/reeval-results.js';
import { parseVerdictConfig } from '../src/engine/verdict/verdict-config.js';
import { normaliseSymbol } from '../src/engine/symbols.js';
import { strategies, strategyModuleOf } from '../src/strategies/index.js';

const dir = 'src/engine/report/fixtures/sample-run';
const strategy = strategies.get('atr-breakout');
if (strategy === undefined) throw new Error('atr-breakout missing');
const results = await runReeval({
  strategy,
  strategyModule: strategyModuleOf(strategy.name),
  dataDir: 'data/sample',
  configDir: 'config/live',
  symbols: [normaliseSymbol('BTC'), normaliseSymbol('ETH')],
  hours: 48,
  end: 'latest',
  gridFile: readGridFile(join(dir, 'grid.json'), strategy),
  workers: 1,
  blockMs: 3_600_000,
  fees: { takerFeeRate: 0.0005, makerFeeRate: 0.0002 },
  verdict: parseVerdictConfig({}),
});
const end = results.window.full.to;
const run: RunInfo = {
  runId: `fixture-${results.fingerprint.slice(0, 8)}`,
  startedAt: end,
  finishedAt: end,
  durationMs: 0,
  commandLine: `coinbot reeval --data-dir data/sample --grid ${dir}/grid.json --workers 1 (report fixture)`,
  workers: 1,
  gitRevision: 'fixture',
  node: 'fixture',
  dataDir: 'data/sample',
  tz: 'UTC',
  fingerprint: results.fingerprint,
};
// mtime 0 and no file name in the gzip header: the same bytes on every machine.
writeFileAtomic(join(dir, 'results.json.gz'), gzipSync(`${JSON.stringify(results)}\n`, { level: 9 }));
writeFileAtomic(join(dir, 'run.json'), `${JSON.stringify(run, null, 2)}\n`);
process.stdout.write(
  `wrote ${dir}/results.json.gz (${readFileSync(join(dir, 'results.json.gz')).length} bytes) and run.json\n`,
);
