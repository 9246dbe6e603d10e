/**
 * `npm run soak`: real mode against the fake with ALL_HARSH over two simulated days of the
 * sample candles, in-process, with seeded random faults (at most 2 per simulated hour among
 * 503, 429 with Retry-After, lost answer, hang, on signed paths) and 4 restarts (the run is
 * aborted and restarted on the same data dir). Asserts no violation and journal fills == fake
 * trades; prints a summary. Bounded by the simulated window.
 */
import { expect, it } from 'vitest';
import {
  hang,
  lostAnswer,
  rateLimited,
  serverError,
  startFakeBinance,
} from '../../../test-support/fake-binance/index.js';
import type { Fault } from '../../../test-support/fake-binance/index.js';
import { ALL_HARSH_BEHAVIOUR } from '../../../test-support/live-matrix/behaviours.js';
import { cellProblems } from '../../../test-support/live-matrix/cell-checks.js';
import { COOLDOWN_S, MAX_HOLD_S, SCENARIO_PARAMS, paramsText } from '../../../test-support/live-matrix/scenario.js';
import { runLiveInProcess } from '../../../test-support/live-run.js';
import { tempDir } from '../../../test-support/temp-dir.js';
import type { PerpSymbol } from '../../engine/symbols.js';

const HOUR = 3_600_000;
// The sample starts 2025-06-21 10:33; the warm-up (281 candles) must fit before the first decision.
const START = Date.UTC(2025, 5, 21, 16);
const HOURS = 48;
const PATHS = ['/fapi/v1/order', '/fapi/v1/algoOrder', '/fapi/v2/positionRisk', '/fapi/v1/openOrders'];

/** mulberry32: a small seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

it('soaks real mode for two simulated days under ALL_HARSH with seeded faults and restarts', async () => {
  const rnd = prng(20250621);
  const fake = await startFakeBinance({ harsh: ALL_HARSH_BEHAVIOUR.harsh, now: START });
  const kinds: (() => Fault)[] = [() => serverError(503), () => rateLimited(2), () => lostAnswer(), () => hang()];
  let faults = 0;
  for (let h = 0; h < HOURS; h++) {
    const n = Math.floor(rnd() * 3);
    for (let i = 0; i < n; i++) {
      const at = START + h * HOUR + Math.floor(rnd() * HOUR);
      const path = PATHS[Math.floor(rnd() * PATHS.length)] as string;
      fake.inject(path, (kinds[Math.floor(rnd() * kinds.length)] as () => Fault)(), {
        when: () => fake.clock.now() >= at,
      });
      faults += 1;
    }
  }
  const dir = tempDir('soak');
  const ends = [8, 17, 26, 35, 48].map((h) => START + h * HOUR + Math.floor(rnd() * 20) * 60_000);
  ends[ends.length - 1] = START + HOURS * HOUR;
  const t0 = Date.now();
  let previous: number | null = null;
  for (const stopAt of ends) {
    // Restarted a few minutes after the previous run stopped (the fake's clock stands where it ended).
    const start = previous === null ? START : previous + 3 * 60_000;
    previous = stopAt;
    await runLiveInProcess({
      fake,
      dataDir: dir,
      params: paramsText(),
      mode: 'real',
      start,
      stopAt,
      timeoutMs: 500,
      pollSliceMs: 5_000,
    });
  }
  const problems = cellProblems(fake, dir, SCENARIO_PARAMS.SYMBOL as PerpSymbol, {
    cooldownS: COOLDOWN_S,
    // While the bot is down between runs (3 min) nothing enforces the max hold; the stop still rests.
    maxHoldS: MAX_HOLD_S + 180,
  });
  const hit = fake.requests.filter((r) => r.fault !== undefined).length;
  process.stdout.write(
    `soak: ${HOURS} simulated hours, ${fake.trades().length} trades, ${hit}/${faults} faults injected/scheduled, ${ends.length - 1} restarts, ${fake.violations().length} violations, ${problems.length} problems, ${Date.now() - t0} ms wall\n`,
  );
  expect(fake.trades().length, 'the soak traded').toBeGreaterThan(10);
  expect(problems).toEqual([]);
});
