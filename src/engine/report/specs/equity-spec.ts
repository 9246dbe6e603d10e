/**
 * Equity curves of the baseline and the top candidates over one window, with the not-trading
 * reference (flat start equity) and the boundary between the halves. Equity is thinned to the
 * last value per bucket (default 5 min). Pure: model → vega-lite JSON.
 */
import type { EquityChart } from '../report-model.js';
import { lastPerBucket } from '../downsample.js';
import {
  BASE_CONFIG,
  BASELINE_COLOUR,
  CANDIDATE_COLOURS,
  chartTime,
  roundTo,
  timeTooltip,
  timeX,
  VL_SCHEMA,
  type ChartSpec,
  type SpecOptions,
} from './spec-common.js';

/** Options of {@link buildEquitySpec}. */
export interface EquitySpecOptions extends SpecOptions {
  /** Where the first half ends (ms UTC); draws a vertical rule. */
  readonly halfBoundary?: number;
  /** Bucket for thinning (ms, default 5 min). */
  readonly bucketMs?: number;
  readonly width?: number;
}

/**
 * Builds the equity chart: one line per series (baseline black and thicker), a dashed grey
 * rule at the start equity labelled `not trading`. Equity is rounded to 0.01 USDT.
 */
export function buildEquitySpec(chart: EquityChart, opts: EquitySpecOptions): ChartSpec {
  const bucket = opts.bucketMs ?? 5 * 60_000;
  const values: { t: number; e: number; k: string; r: string }[] = [];
  for (const s of chart.series) {
    const thin = lastPerBucket(s.t, s.equity, bucket);
    thin.t.forEach((t, i) =>
      values.push({ t: chartTime(t, opts.tz), e: roundTo(thin.v[i] as number, 2), k: s.label, r: s.role }),
    );
  }
  const labels = chart.series.map((s) => s.label);
  let c = 0;
  const colours = chart.series.map((s) =>
    s.role === 'baseline' ? BASELINE_COLOUR : (CANDIDATE_COLOURS[c++ % CANDIDATE_COLOURS.length] as string),
  );
  const at = chart.series[0]?.t[0] ?? 0;
  const x = timeX('t', opts.tz, at);
  const flat = { values: [{ e: roundTo(chart.startEquity, 2), label: 'not trading' }] };
  const spec: ChartSpec = {
    $schema: VL_SCHEMA,
    title: {
      text: 'Equity: baseline vs top candidates',
      subtitle: `USDT, marked to market; dashed grey line = not trading (${roundTo(chart.startEquity, 2)} USDT)${opts.halfBoundary === undefined ? '' : '; thin vertical line = split between the halves'}`,
    },
    width: opts.width ?? 900,
    height: 260,
    layer: [
      {
        data: { values },
        mark: { type: 'line' as const, interpolate: 'step-after' as const },
        encoding: {
          x,
          y: { field: 'e', type: 'quantitative' as const, scale: { zero: false }, title: 'equity (USDT)' },
          color: {
            field: 'k',
            type: 'nominal' as const,
            title: 'set',
            scale: { domain: labels, range: colours },
            sort: labels,
          },
          strokeWidth: { condition: { test: "datum.r === 'baseline'", value: 2.6 }, value: 1.4 },
          tooltip: [
            { field: 'k', type: 'nominal' as const, title: 'set' },
            timeTooltip('t', opts.tz),
            { field: 'e', type: 'quantitative' as const, title: 'equity (USDT)', format: ',.2f' },
          ],
        },
      },
      {
        data: flat,
        mark: { type: 'rule' as const, color: '#777777', strokeDash: [6, 4] },
        encoding: { y: { field: 'e', type: 'quantitative' as const } },
      },
      ...(opts.halfBoundary === undefined
        ? []
        : [
            {
              data: { values: [{ t: chartTime(opts.halfBoundary, opts.tz), label: 'halves split' }] },
              mark: { type: 'rule' as const, color: '#bbbbbb' },
              encoding: { x: { field: 't', type: 'temporal' as const, scale: { type: 'utc' as const } } },
            },
          ]),
    ],
    config: BASE_CONFIG,
  };
  return spec;
}
