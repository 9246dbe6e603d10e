import { describe, expect, it } from 'vitest';
import type { GridPoint } from './grid.js';
import { buildSetTable, setRecordAt } from './set-table.js';
import type { SetOutcome, WindowOutcome } from './sweep-context.js';

const metrics = (net: number, trades: number) => ({ trades, netPnl: net, sharpe: net > 0 ? 1.5 : null });
const win = (m: Record<string, number | null>, refused = 0): WindowOutcome =>
  ({ metrics: m, refusedSignals: refused, blockPnl: [] }) as unknown as WindowOutcome;
const outcome = (m: Record<string, number | null>, refused = 0): SetOutcome => ({
  full: win(m, refused),
  h1: win(m),
  h2: win(m),
});
const point = (id: string, gate: number): GridPoint =>
  ({ id, members: 1, isBaseline: id === 'a', params: { ATR_GATE_MULT: gate } }) as unknown as GridPoint;

describe('buildSetTable', () => {
  it('stores each metric as a column in set order, whatever the key order of an outcome', () => {
    const reordered = { sharpe: null, netPnl: -2, trades: 4 };
    const missing = { trades: 1, netPnl: 3 };
    const outcomes = [outcome(metrics(5, 2), 1), outcome(reordered), outcome(missing, 2)];
    const t = buildSetTable([point('a', 1), point('b', 1.5), point('c', 2)], outcomes, ['ATR_GATE_MULT'], 0);
    expect(t.windows.full).toEqual({
      trades: [2, 4, 1],
      netPnl: [5, -2, 3],
      sharpe: [1.5, null, null],
      refusedSignals: [1, 0, 2],
    });
    expect(Object.keys(t.windows.full)).toEqual(['trades', 'netPnl', 'sharpe', 'refusedSignals']);
    expect(t.params).toEqual({ ATR_GATE_MULT: [1, 1.5, 2] });
    expect(setRecordAt(t, 1, { ATR_GATE_MULT: 1, SL_ATR_MULT: 2 }).full.metrics).toEqual({
      trades: 4,
      netPnl: -2,
      sharpe: null,
    });
  });
});
