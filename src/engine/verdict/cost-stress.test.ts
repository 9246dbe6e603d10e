import { describe, expect, it } from 'vitest';
import { assessCostStress } from './cost-stress.js';
import { DataError } from '../errors.js';

const ids = ['base', 'a', 'b', 'c'];
const net = [-5, 20, 10, 1];

describe('cost stress', () => {
  it('reports that ranking and signs survive when stressed costs lower every set alike', () => {
    const r = assessCostStress(ids, net, 0, [
      { setIndex: 0, netPnl: -9 },
      { setIndex: 1, netPnl: 15 },
      { setIndex: 2, netPnl: 6 },
    ]);
    expect(r.rankingSurvives).toBe(true);
    expect(r.signsSurvive).toBe(true);
    expect(r.rows.map((x) => [x.setId, x.rank, x.stressedRank])).toEqual([
      ['base', 3, 3],
      ['a', 1, 1],
      ['b', 2, 2],
    ]);
  });

  it('reports a lost sign when a winner turns into a loser under stress', () => {
    const r = assessCostStress(ids, net, 0, [
      { setIndex: 0, netPnl: -9 },
      { setIndex: 3, netPnl: -2 },
    ]);
    expect(r.signsSurvive).toBe(false);
    expect(r.rows[1]?.signSurvives).toBe(false);
    expect(r.rankingSurvives).toBe(true);
  });

  it('reports a changed ranking when a high-turnover set falls below a low-turnover one', () => {
    const r = assessCostStress(ids, net, 0, [
      { setIndex: 0, netPnl: -9 },
      { setIndex: 1, netPnl: 2 },
      { setIndex: 2, netPnl: 8 },
    ]);
    expect(r.rankingSurvives).toBe(false);
    expect(r.signsSurvive).toBe(true);
  });

  it('refuses stress results without the baseline, with repeats or with unknown indices', () => {
    expect(() => assessCostStress(ids, net, 0, [{ setIndex: 1, netPnl: 1 }])).toThrow(/baseline/);
    expect(() =>
      assessCostStress(ids, net, 0, [
        { setIndex: 0, netPnl: 1 },
        { setIndex: 0, netPnl: 1 },
      ]),
    ).toThrow(/twice/);
    expect(() => assessCostStress(ids, net, 0, [{ setIndex: 9, netPnl: 1 }])).toThrow(DataError);
  });
});
