/**
 * A signal cell: `coinbot live --mode real` in a child process, killed (SIGKILL or SIGTERM) on
 * the request that marks the step, then restarted until the scenario's end and stopped with
 * SIGTERM. The fake clock runs at real speed and jumps 5 s whenever the bot idles (two time
 * polls in a row), so restarts and retries take their real time while the waits between candles
 * take almost none.
 */
import { startFakeBinance, type RecordedRequest } from '../fake-binance/index.js';
import { childEnv, startLiveChild, type LiveChild } from '../live-child.js';
import type { PerpSymbol } from '../../src/engine/symbols.js';
import type { MatrixBehaviour } from './behaviours.js';
import { cellProblems } from './cell-checks.js';
import type { CellOutcome } from './cell-outcome.js';
import { COOLDOWN_S, MAX_HOLD_S, SCENARIO_END, SCENARIO_PARAMS, SCENARIO_SIGNAL } from './scenario.js';
import type { MatrixStep } from './steps.js';

const IDLE_JUMP_MS = 5_000;
const TICK_MS = 10;
const ARGS = ['--poll-ms', '30', '--retries', '3', '--retry-base-ms', '5', '--retry-cap-ms', '50'];
const MORE_ARGS = ['--timeout-ms', '1000', '--rate-limit-ms', '0.001', '--startup-retry-s', '20'];
const ENV = { ...SCENARIO_PARAMS, BINANCE_API_KEY: 'fake-api-key-0001', BINANCE_API_SECRET: 'fake-api-secret-0001' };

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Runs one signal cell and checks it. */
export async function runChildCell(
  b: MatrixBehaviour,
  step: MatrixStep,
  signal: 'SIGKILL' | 'SIGTERM',
  dataDir: string,
): Promise<CellOutcome> {
  let victim: LiveChild | null = null;
  let struck = false;
  let lastPath = '';
  const onRequest = (r: RecordedRequest) => {
    if (r.path === '/fapi/v1/time' && lastPath === '/fapi/v1/time') fake.clock.advance(IDLE_JUMP_MS);
    lastPath = r.path;
    if (!struck && victim !== null && step.matches(r, fake)) {
      struck = true;
      victim.child.kill(signal);
    }
  };
  const fake = await startFakeBinance({ harsh: b.harsh, now: SCENARIO_SIGNAL, onRequest });
  const ticker = setInterval(() => fake.clock.advance(TICK_MS), TICK_MS);
  const start = () =>
    startLiveChild(
      [
        'live',
        '--symbol',
        'ETH',
        '--mode',
        'real',
        '--exchange-url',
        fake.url,
        '--data-dir',
        dataDir,
        ...ARGS,
        ...MORE_ARGS,
      ],
      childEnv(ENV),
    );
  try {
    victim = start();
    // Once struck, the signal is on its way: a second SIGTERM would kill the child outright.
    await runUntil(
      victim,
      () => struck || fake.clock.now() >= SCENARIO_END,
      () => !struck,
    );
    const first = await victim.exited;
    victim = null;
    if (struck && signal === 'SIGTERM' && first.code !== 0) throw new Error(`SIGTERM exit ${JSON.stringify(first)}`);
    const second = start();
    await runUntil(
      second,
      () => fake.clock.now() >= SCENARIO_END,
      () => true,
    );
    const end = await second.exited;
    if (end.code !== 0) throw new Error(`restarted child ended ${JSON.stringify(end)}: ${second.stderr().slice(-800)}`);
    const symbol = SCENARIO_PARAMS.SYMBOL as PerpSymbol;
    return {
      struck,
      problems: cellProblems(fake, dataDir, symbol, { cooldownS: COOLDOWN_S, maxHoldS: MAX_HOLD_S }),
      trades: fake.trades().length,
    };
  } finally {
    clearInterval(ticker);
    await fake.close();
  }
}

/** Waits until `done()` (then SIGTERMs the child if `stop()` and it has not exited) or the child exits. */
async function runUntil(c: LiveChild, done: () => boolean, stop: () => boolean, budgetMs = 60_000): Promise<void> {
  let exited = false;
  void c.exited.then(() => (exited = true));
  const t0 = Date.now();
  while (!exited && !done()) {
    if (Date.now() - t0 > budgetMs)
      throw new Error(`cell over its ${budgetMs} ms budget; stderr: ${c.stderr().slice(-500)}`);
    await realSleep(20);
  }
  if (!exited && stop()) c.child.kill('SIGTERM');
}
