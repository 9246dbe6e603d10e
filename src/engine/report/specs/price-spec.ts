/**
 * Price (candle closes) with the entries and exits of the baseline and the best candidate:
 * entries are triangles pointing in the trade's direction, exits are crosses; colour names the
 * set. The price line is thinned only beyond `maxPoints` (48 h of 1m candles = 2,880 points
 * stays whole). Pure: model → vega-lite JSON.
 */
import type { PriceChart } from '../report-model.js';
import { bucketToFit, lastPerBucket } from '../downsample.js';
import {
  BASE_CONFIG,
  BASELINE_COLOUR,
  CANDIDATE_COLOURS,
  chartTime,
  roundSig,
  roundTo,
  timeTooltip,
  timeX,
  VL_SCHEMA,
  type ChartSpec,
  type SpecOptions,
} from './spec-common.js';

/** Options of {@link buildPriceSpec}. */
export interface PriceSpecOptions extends SpecOptions {
  /** Symbol shown in the title. */
  readonly symbol: string;
  /** Most price points kept (default 3,000). */
  readonly maxPoints?: number;
  readonly width?: number;
}

const MARKER_KINDS = ['entry long', 'entry short', 'exit'] as const;
const MARKER_SHAPES = ['triangle-up', 'triangle-down', 'cross'] as const;

/** Candle length of the chart's series in ms (1m when the series is too short to tell). */
function stepOf(t: readonly number[]): number {
  return t.length >= 2 ? Math.max(1, (t[1] as number) - (t[0] as number)) : 60_000;
}

/**
 * Builds the price chart. Prices are rounded to 7 significant digits; marker PnL to 0.01 USDT.
 */
export function buildPriceSpec(chart: PriceChart, opts: PriceSpecOptions): ChartSpec {
  const n = chart.t.length;
  const span = n > 0 ? (chart.t[n - 1] as number) - (chart.t[0] as number) : 0;
  const bucket = bucketToFit(span, stepOf(chart.t), opts.maxPoints ?? 3000);
  const thin =
    bucket > stepOf(chart.t) ? lastPerBucket(chart.t, chart.close, bucket) : { t: [...chart.t], v: [...chart.close] };
  const price = thin.t.map((t, i) => ({ t: chartTime(t, opts.tz), p: roundSig(thin.v[i] as number, 7) }));
  const setOrder: string[] = [];
  for (const m of chart.markers) {
    const label = m.role === 'baseline' ? `baseline ${m.setId}` : `best candidate ${m.setId}`;
    if (!setOrder.includes(label)) setOrder.push(label);
  }
  setOrder.sort((a, b) => Number(b.startsWith('baseline')) - Number(a.startsWith('baseline')));
  // Candidates take the candidate colours in order, so the best one matches `#1` on the equity chart.
  let c = 0;
  const colours = setOrder.map((l) =>
    l.startsWith('baseline') ? BASELINE_COLOUR : (CANDIDATE_COLOURS[c++ % CANDIDATE_COLOURS.length] as string),
  );
  const markers = chart.markers.map((m) => ({
    t: chartTime(m.t, opts.tz),
    p: roundSig(m.price, 7),
    s: m.role === 'baseline' ? `baseline ${m.setId}` : `best candidate ${m.setId}`,
    m: m.kind === 'exit' ? 'exit' : `entry ${m.side}`,
    pnl: m.pnl === undefined ? null : roundTo(m.pnl, 2),
  }));
  const x = timeX('t', opts.tz, chart.t[0] ?? 0);
  const y = { field: 'p', type: 'quantitative' as const, scale: { zero: false }, title: 'price (USDT)' };
  const thinned = bucket > stepOf(chart.t) ? `, thinned to ${bucket / 60_000} min` : '';
  const spec: ChartSpec = {
    $schema: VL_SCHEMA,
    title: {
      text: `Price and trades — ${opts.symbol}`,
      subtitle: `${chart.timeframe} closes${thinned}; ▲ long entry, ▼ short entry, ✚ exit; ${chart.markers.length} fills`,
    },
    width: opts.width ?? 900,
    height: 280,
    layer: [
      {
        data: { values: price },
        mark: { type: 'line', color: '#8da0cb', strokeWidth: 1 },
        encoding: {
          x,
          y,
          tooltip: [
            timeTooltip('t', opts.tz),
            { field: 'p', type: 'quantitative', title: 'close (USDT)', format: ',.2f' },
          ],
        },
      },
      {
        data: { values: markers },
        mark: { type: 'point', filled: true, size: 70, opacity: 0.9, stroke: '#ffffff', strokeWidth: 0.6 },
        encoding: {
          x,
          y,
          shape: {
            field: 'm',
            type: 'nominal',
            title: 'fill',
            scale: { domain: [...MARKER_KINDS], range: [...MARKER_SHAPES] },
          },
          color: { field: 's', type: 'nominal', title: 'set', scale: { domain: setOrder, range: colours } },
          tooltip: [
            { field: 's', type: 'nominal', title: 'set' },
            { field: 'm', type: 'nominal', title: 'fill' },
            timeTooltip('t', opts.tz),
            { field: 'p', type: 'quantitative', title: 'price (USDT)', format: ',.2f' },
            { field: 'pnl', type: 'quantitative', title: 'trade net PnL (USDT)', format: ',.2f' },
          ],
        },
      },
    ],
    resolve: { scale: { color: 'independent' } },
    config: BASE_CONFIG,
  };
  return spec;
}
