/**
 * A network-failure cell, in-process and in accelerated time: the request that marks the step
 * fails (an order POST is booked but its answer is lost; the first read after the entry fill
 * hangs until the client's timeout), the next two requests to that path answer 503 and the next
 * open-orders read answers 429 with `Retry-After`; 30 s of exchange time later the run is stopped
 * as by SIGTERM and restarted on the same data dir until the scenario's end.
 */
import { hang, lostAnswer, rateLimited, serverError, startFakeBinance } from '../fake-binance/index.js';
import type { FakeBinance, RecordedRequest } from '../fake-binance/index.js';
import { runLiveInProcess } from '../live-run.js';
import type { PerpSymbol } from '../../src/engine/symbols.js';
import type { MatrixBehaviour } from './behaviours.js';
import { cellProblems } from './cell-checks.js';
import type { CellOutcome } from './cell-outcome.js';
import { COOLDOWN_S, MAX_HOLD_S, SCENARIO_END, SCENARIO_PARAMS, SCENARIO_START, paramsText } from './scenario.js';
import type { MatrixStep } from './steps.js';

/** `coinbot live`'s default `--poll-ms`: how often an unprotected position is synced between candles. */
export const POLL_MS = 5_000;
/** Exchange time between the failure and the stop of the first run (ms). */
const RESTART_AFTER_MS = 30_000;

/** Registers the step's faults; returns a getter of the time the first one struck. */
function injectStepFaults(fake: FakeBinance, step: MatrixStep): () => number | null {
  let struckAt: number | null = null;
  const post = step.name !== 'entry filled';
  fake.inject(step.path, post ? lostAnswer() : hang(), {
    times: 1,
    when: (p) => {
      const hit = step.matches({ method: post ? 'POST' : 'GET', path: step.path, params: Object.fromEntries(p) }, fake);
      if (hit) struckAt = fake.clock.now();
      return hit;
    },
  });
  const after = () => struckAt !== null;
  fake.inject(step.path, serverError(503), { times: 2, when: after });
  fake.inject('/fapi/v1/openOrders', rateLimited(1), { times: 1, when: after });
  return () => struckAt;
}

/** Runs one network-failure cell and checks it. */
export async function runNetworkCell(b: MatrixBehaviour, step: MatrixStep, dataDir: string): Promise<CellOutcome> {
  let first: AbortController | null = new AbortController();
  let struckAt: () => number | null = () => null;
  const onRequest = (r: RecordedRequest) => {
    const t = struckAt();
    if (first !== null && t !== null && r.at >= t + RESTART_AFTER_MS) first.abort();
  };
  const fake = await startFakeBinance({ harsh: b.harsh, onRequest });
  try {
    struckAt = injectStepFaults(fake, step);
    const spec = { fake, dataDir, params: paramsText(), mode: 'real' as const, timeoutMs: 500, pollSliceMs: POLL_MS };
    await runLiveInProcess({ ...spec, start: SCENARIO_START, stopAt: SCENARIO_END, controller: first });
    first = null;
    if (fake.clock.now() < SCENARIO_END)
      await runLiveInProcess({ ...spec, start: fake.clock.now(), stopAt: SCENARIO_END });
    const symbol = SCENARIO_PARAMS.SYMBOL as PerpSymbol;
    return {
      struck: struckAt() !== null,
      problems: cellProblems(fake, dataDir, symbol, { cooldownS: COOLDOWN_S, maxHoldS: MAX_HOLD_S }),
      trades: fake.trades().length,
    };
  } finally {
    await fake.close();
  }
}
