/**
 * The full fault matrix (`npm run soak`, not `npm test`): every harsh behaviour and ALL_HARSH ×
 * every step × SIGKILL, SIGTERM (child processes) — the network-failure product already runs in
 * `npm test` (live.matrix.test.ts). About 11 s a cell.
 */
import { describe, expect, it } from 'vitest';
import { ALL_BEHAVIOURS } from '../../../test-support/live-matrix/behaviours.js';
import { runChildCell } from '../../../test-support/live-matrix/child-cell.js';
import { STEPS } from '../../../test-support/live-matrix/steps.js';
import { tempDir } from '../../../test-support/temp-dir.js';

const CELLS = ALL_BEHAVIOURS.flatMap((b) =>
  (['SIGKILL', 'SIGTERM'] as const).flatMap((sig) =>
    STEPS.map((s) => ({ b, sig, s, label: `${b.name}: ${sig} at ${s.name}` })),
  ),
);

describe('real mode full fault matrix: behaviour × step × signal, then a restart (child process)', () => {
  it.each(CELLS)(
    'under $label, keeps every position protected, honours cooldown and max hold, journals every fill once',
    async ({ b, sig, s }) => {
      const out = await runChildCell(b, s, sig, tempDir('matrix-full'));
      expect(out.struck, 'the signal struck at the step').toBe(true);
      expect(out.problems).toEqual([]);
      expect(out.trades).toBeGreaterThanOrEqual(2);
    },
    90_000,
  );
});
