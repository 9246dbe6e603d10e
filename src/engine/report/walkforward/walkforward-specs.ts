/**
 * The walk-forward page's vega-lite specs, pure functions of the results (plain JSON out):
 * cumulative out-of-sample net PnL per policy, the verdict timeline with the `verdict` policy's
 * switches and pauses, and the predictive check (per-step Spearman correlation and PBO). Times
 * are zone-shifted like every other chart (see ../time-zone.ts). Verdict colours are the report's.
 */
import type { StepRow, SymbolWalkResults } from '../../walkforward/walkforward-results.js';
import { POLICY_NAMES } from '../../walkforward/policies.js';
import { BASE_CONFIG, chartTime, roundTo, timeX, VL_SCHEMA, type ChartSpec } from '../specs/spec-common.js';

/** Colour per policy, the same on every chart. */
export const POLICY_COLOURS: Readonly<Record<string, string>> = {
  keep: '#111111',
  verdict: '#1565c0',
  chase: '#e6550d',
  flat: '#9e9e9e',
  hindsight: '#31a354',
};

/** Verdict colours of the reports (CANDIDATE blue, STOP and NO EDGE red, KEEP green, INSUFFICIENT DATA grey). */
export const VERDICT_COLOURS: Readonly<Record<string, string>> = {
  CANDIDATE: '#1565c0',
  STOP: '#c62828',
  'NO EDGE': '#8e0000',
  KEEP: '#2e7d32',
  'INSUFFICIENT DATA': '#757575',
};

const WIDTH = 760;

/** Cumulative out-of-sample net PnL per policy at each step's end (0 at the first step time). */
export function cumulativeSpec(s: SymbolWalkResults, tz: string): ChartSpec {
  const first = s.steps[0] as StepRow;
  const values: { t: number; policy: string; net: number }[] = [];
  for (const p of POLICY_NAMES) {
    let cum = 0;
    values.push({ t: chartTime(first.t, tz), policy: p, net: 0 });
    for (const r of s.steps) {
      cum += r.policies[p].pnl?.netPnl ?? 0;
      values.push({ t: chartTime(r.outOfSample.to, tz), policy: p, net: roundTo(cum, 2) });
    }
  }
  return {
    $schema: VL_SCHEMA,
    title: {
      text: `${s.symbol}: cumulative out-of-sample net PnL per policy`,
      subtitle: 'hindsight is unattainable (it reads each window before trading it)',
    },
    width: WIDTH,
    height: 260,
    config: BASE_CONFIG,
    data: { values },
    mark: { type: 'line', point: true, interpolate: 'linear' },
    encoding: {
      x: timeX('t', tz, first.t),
      y: { field: 'net', type: 'quantitative', title: 'cumulative net PnL (USDT)' },
      color: {
        field: 'policy',
        type: 'nominal',
        scale: { domain: [...POLICY_NAMES], range: POLICY_NAMES.map((p) => POLICY_COLOURS[p] as string) },
        title: 'policy',
      },
      tooltip: [
        { field: 'policy', type: 'nominal' },
        { field: 'net', type: 'quantitative', title: 'USDT' },
      ],
    },
  } as ChartSpec;
}

/** Verdict timeline: per step, the live set's verdict and the verdict the `verdict` policy acted on, with its moves. */
export function timelineSpec(s: SymbolWalkResults, tz: string): ChartSpec {
  const first = s.steps[0] as StepRow;
  const rows: { t: number; t2: number; lane: string; label: string; kind: string }[] = [];
  const events: { t: number; lane: string; event: string }[] = [];
  for (const r of s.steps) {
    const t = chartTime(r.t, tz);
    const t2 = chartTime(r.outOfSample.to, tz);
    rows.push({ t, t2, lane: 'verdict on the live set', label: r.liveVerdict.label, kind: r.liveVerdict.kind });
    rows.push({ t, t2, lane: 'verdict on the policy’s own set', label: r.verdict.label, kind: r.verdict.kind });
    const v = r.policies.verdict;
    rows.push({
      t,
      t2,
      lane: 'verdict policy holds',
      label: v.setId ?? 'flat',
      kind: v.setId === null ? 'flat' : v.setId === s.live.id ? 'live set' : 'other set',
    });
    if (v.event !== null) events.push({ t, lane: 'verdict policy holds', event: v.event });
  }
  const kinds = [...Object.keys(VERDICT_COLOURS), 'live set', 'other set', 'flat'];
  const colours = [...Object.values(VERDICT_COLOURS), '#111111', '#64b5f6', '#e0e0e0'];
  return {
    $schema: VL_SCHEMA,
    title: {
      text: `${s.symbol}: verdicts and the verdict policy’s switches and pauses`,
      subtitle: 'each bar is one out-of-sample window',
    },
    width: WIDTH,
    height: 120,
    config: BASE_CONFIG,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 1 },
        encoding: {
          x: timeX('t', tz, first.t),
          x2: { field: 't2' },
          y: { field: 'lane', type: 'nominal', title: null, sort: null },
          color: {
            field: 'kind',
            type: 'nominal',
            scale: { domain: kinds, range: colours },
            title: 'verdict / holding',
          },
          tooltip: [
            { field: 'lane', type: 'nominal' },
            { field: 'label', type: 'nominal' },
          ],
        },
      },
      // vega cannot scale an empty temporal layer: the moves layer is left out when nothing moved.
      ...(events.length === 0
        ? []
        : [
            {
              data: { values: events },
              mark: { type: 'text', dy: -2, fontSize: 10, align: 'left', dx: 2, color: '#000000' },
              encoding: {
                x: { field: 't', type: 'temporal', scale: { type: 'utc' } },
                y: { field: 'lane', type: 'nominal', sort: null },
                text: { field: 'event', type: 'nominal' },
              },
            },
          ]),
    ],
  } as ChartSpec;
}

/** Per step: Spearman correlation of in-sample vs next-window net PnL, and the PBO of the in-sample pick. */
export function predictiveSpec(s: SymbolWalkResults, tz: string): ChartSpec {
  const first = s.steps[0] as StepRow;
  const values: { t: number; measure: string; value: number }[] = [];
  for (const r of s.steps) {
    if (r.spearman !== null)
      values.push({
        t: chartTime(r.t, tz),
        measure: 'Spearman in-sample vs next window',
        value: roundTo(r.spearman, 4),
      });
    if (r.pbo !== null)
      values.push({
        t: chartTime(r.t, tz),
        measure: 'probability of backtest overfitting',
        value: roundTo(r.pbo.pbo, 4),
      });
  }
  const mean = s.predictive.spearman;
  const rules =
    mean === null ? [] : [{ y: roundTo(mean.estimate, 4), lo: roundTo(mean.lower, 4), hi: roundTo(mean.upper, 4) }];
  return {
    $schema: VL_SCHEMA,
    title: {
      text: `${s.symbol}: does the in-sample rank predict the next window?`,
      subtitle: 'band: 95 % interval of the mean Spearman correlation; 0 = no information',
    },
    width: WIDTH,
    height: 220,
    config: BASE_CONFIG,
    layer: [
      {
        data: { values: rules },
        mark: { type: 'rect', opacity: 0.15, color: '#1565c0' },
        encoding: { y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } },
      },
      {
        data: { values: [{ y: 0 }] },
        mark: { type: 'rule', color: '#555555' },
        encoding: { y: { field: 'y', type: 'quantitative' } },
      },
      {
        data: { values },
        mark: { type: 'line', point: true },
        encoding: {
          x: timeX('t', tz, first.t),
          y: { field: 'value', type: 'quantitative', title: 'correlation / probability', scale: { domain: [-1, 1] } },
          color: { field: 'measure', type: 'nominal', scale: { range: ['#1565c0', '#c62828'] }, title: null },
          tooltip: [
            { field: 'measure', type: 'nominal' },
            { field: 'value', type: 'quantitative' },
          ],
        },
      },
    ],
  } as ChartSpec;
}
