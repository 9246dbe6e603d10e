/**
 * The child process of backtest-timing.ts: times one backtest of each live set (BTC, ETH) over
 * the longest cached history on the build in `dist/` (what `npm start` and live mode run), and
 * the floor loop in the same process. Argument: runs (best of `runs` backtests after `runs`
 * untimed ones, of 3 × `runs` floors). Prints one JSON line per coin. Run bundled
 * (bundle-child.ts), not under tsx. The input is loaded by the sources' loaders inlined in the
 * bundle; it must be plain data apart from its strategy, which is replaced by the build's, so
 * that every function the timed run calls is the build's ({@link codeIn} checks).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../test-support/repo-paths.js';
import { floorLoop } from './floor-loop.js';
import { bestMs } from './best-ms.js';
import { liveSetInput } from './live-set-input.js';

const at = (p: string) => pathToFileURL(join(REPO_ROOT, 'dist', p)).href;
const { runBacktest } = (await import(at('engine/sim/backtest.js'))) as typeof import('../src/engine/sim/backtest.js');
const { atrBreakout } = (await import(
  at('strategies/atr-breakout/atr-breakout.js')
)) as typeof import('../src/strategies/atr-breakout/atr-breakout.js');

/** The paths of the functions inside `v` (own enumerable properties, recursively), e.g. `['hooks.onFill']`. */
function codeIn(v: unknown, path = 'input', seen = new Set<unknown>()): string[] {
  if (typeof v === 'function') return [path];
  if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v) || seen.has(v)) return [];
  seen.add(v);
  return Object.entries(v).flatMap(([k, x]) => codeIn(x, `${path}.${k}`, seen));
}

const runs = Number(process.argv[2] ?? 10);
for (const coin of ['BTC', 'ETH']) {
  const live = liveSetInput(coin);
  // The build's strategy, so the timed run is the build's code from end to end.
  const input = { ...live.input, strategy: atrBreakout };
  const code = codeIn({ ...live.input, strategy: undefined });
  if (code.length > 0) throw new Error(`the timed input carries the sources' code: ${code.join(', ')}`);
  // As many untimed runs first: the first coin's runs also warm the code up (best of 10 cold
  // runs was once 38 ms against 30 ms warm).
  await bestMs(runs, () => runBacktest(input));
  const ms = await bestMs(runs, () => runBacktest(input));
  const floorMs = await bestMs(runs * 3, () => floorLoop(input));
  console.log(JSON.stringify({ coin, candles: input.candles.length, ms, floorMs, source: live.source }));
}
