/**
 * First-half vs second-half score of every set: a set whose first-half rank holds up in the
 * second half sits along the diagonal; the title gives the rank correlation. Baseline black and
 * labelled, top candidates in colour, the rest grey. Pure: model → vega-lite JSON.
 */
import type { HalvesChart } from '../report-model.js';
import {
  BASE_CONFIG,
  BASELINE_COLOUR,
  CANDIDATE_COLOURS,
  OTHER_COLOUR,
  roundTo,
  VL_SCHEMA,
  type ChartSpec,
  type SpecOptions,
} from './spec-common.js';

/** Options of {@link buildHalvesSpec}. */
export interface HalvesSpecOptions extends SpecOptions {
  readonly width?: number;
}

const ROLE_ORDER = ['other', 'candidate', 'baseline'] as const;
const ROLE_NAMES = { other: 'other sets', candidate: 'top candidates', baseline: 'baseline' } as const;

/** Formats a rank correlation for the subtitle. */
function rho(r: number | null): string {
  return r === null ? 'undefined (too few sets or constant scores)' : r.toFixed(2);
}

/** Builds the scatter. Scores are rounded to 0.01 (of the score's unit). */
export function buildHalvesSpec(chart: HalvesChart, opts: HalvesSpecOptions): ChartSpec {
  // Draw order: grey first so the baseline and candidates stay on top.
  const points = [...chart.points]
    .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role))
    .map((p) => ({ a: roundTo(p.h1, 2), b: roundTo(p.h2, 2), id: p.setId, r: ROLE_NAMES[p.role] }));
  const unit = `${chart.score.label} (${chart.score.unit})`;
  const roles = ROLE_ORDER.map((r) => ROLE_NAMES[r]);
  const zero = { values: [{ z: 0 }] };
  const spec: ChartSpec = {
    $schema: VL_SCHEMA,
    title: {
      text: 'First half vs second half',
      subtitle: `${unit} per set; Spearman rank correlation between halves ρ = ${rho(chart.rankCorrelation)} over ${chart.points.length} sets`,
    },
    width: opts.width ?? 420,
    height: 320,
    layer: [
      { data: zero, mark: { type: 'rule', color: '#cccccc' }, encoding: { x: { field: 'z', type: 'quantitative' } } },
      { data: zero, mark: { type: 'rule', color: '#cccccc' }, encoding: { y: { field: 'z', type: 'quantitative' } } },
      {
        data: { values: points },
        mark: { type: 'circle' },
        encoding: {
          x: { field: 'a', type: 'quantitative', title: `first half: ${unit}` },
          y: { field: 'b', type: 'quantitative', title: `second half: ${unit}` },
          color: {
            field: 'r',
            type: 'nominal',
            title: 'set',
            scale: { domain: roles, range: [OTHER_COLOUR, CANDIDATE_COLOURS[0], BASELINE_COLOUR] },
          },
          size: {
            condition: [
              { test: `datum.r === '${ROLE_NAMES.baseline}'`, value: 110 },
              { test: `datum.r === '${ROLE_NAMES.candidate}'`, value: 70 },
            ],
            value: 14,
          },
          opacity: { condition: { test: `datum.r === '${ROLE_NAMES.other}'`, value: 0.45 }, value: 1 },
          tooltip: [
            { field: 'id', type: 'nominal', title: 'set' },
            { field: 'a', type: 'quantitative', title: `first half (${chart.score.unit})`, format: ',.2f' },
            { field: 'b', type: 'quantitative', title: `second half (${chart.score.unit})`, format: ',.2f' },
          ],
        },
      },
      {
        data: { values: points.filter((p) => p.r === ROLE_NAMES.baseline) },
        mark: { type: 'text', align: 'left', dx: 8, dy: -8, fontWeight: 'bold' },
        encoding: {
          x: { field: 'a', type: 'quantitative' },
          y: { field: 'b', type: 'quantitative' },
          text: { value: 'baseline' },
        },
      },
    ],
    config: BASE_CONFIG,
  };
  return spec;
}
