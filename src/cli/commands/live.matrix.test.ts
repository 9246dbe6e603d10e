/**
 * The fault matrix of real mode (deterministic subset; `npm run soak` runs the full product):
 * harsh exchange behaviour × trade step × failure at that step, then a restart. Every cell must
 * leave no rule violation on the fake's book, honour the cooldown and the max hold on the
 * exchange's trade list, and leave a journal and a state that agree with that trade list.
 * Here: every behaviour × every step with a network failure (in-process, ~1 s a cell), and
 * ALL_HARSH × every step with SIGKILL and SIGTERM (child processes, ~11 s a cell).
 */
import { describe, expect, it } from 'vitest';
import { ALL_BEHAVIOURS, ALL_HARSH_BEHAVIOUR } from '../../../test-support/live-matrix/behaviours.js';
import { runChildCell } from '../../../test-support/live-matrix/child-cell.js';
import { runNetworkCell } from '../../../test-support/live-matrix/network-cell.js';
import { STEPS } from '../../../test-support/live-matrix/steps.js';
import { tempDir } from '../../../test-support/temp-dir.js';

const NETWORK_CELLS = ALL_BEHAVIOURS.flatMap((b) => STEPS.map((s) => ({ b, s, label: `${b.name}: ${s.name}` })));

describe('real mode fault matrix: a network failure at each step, then a restart (in-process)', () => {
  it.each(NETWORK_CELLS)(
    'under $label, keeps every position protected, honours cooldown and max hold, journals every fill once',
    async ({ b, s }) => {
      const out = await runNetworkCell(b, s, tempDir('matrix-net'));
      expect(out.struck, 'the failure struck at the step').toBe(true);
      expect(out.problems).toEqual([]);
      expect(out.trades).toBeGreaterThanOrEqual(2);
    },
  );
});

const SIGNAL_CELLS = (['SIGKILL', 'SIGTERM'] as const).flatMap((sig) =>
  STEPS.map((s) => ({ sig, s, label: `${sig} at ${s.name}` })),
);
describe('real mode fault matrix under ALL_HARSH: a signal at each step, then a restart (child process)', () => {
  it.each(SIGNAL_CELLS)(
    'after $label, keeps every position protected, honours cooldown and max hold, journals every fill once',
    async ({ sig, s }) => {
      const out = await runChildCell(ALL_HARSH_BEHAVIOUR, s, sig, tempDir('matrix-sig'));
      expect(out.struck, 'the signal struck at the step').toBe(true);
      expect(out.problems).toEqual([]);
      expect(out.trades).toBeGreaterThanOrEqual(2);
    },
    90_000,
  );
});
