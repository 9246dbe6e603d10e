/**
 * Maps a re-evaluation's `results.json` + `run.json` to the page's {@link ReportModel}.
 * Heatmaps are slices through the live set: every parameter other than the two on the axes
 * keeps the baseline's value, so a cell is one simulated set (none when the grid has no such
 * set, e.g. a retest window with retest off collapses into the retest-off cell).
 */
import type { ReevalResults, RunInfo, SymbolResults } from '../sweep/reeval-results.js';
import { setRecordAt, type SetRecord, type SetTableJson } from '../sweep/set-table.js';
import { liveVsFlat } from '../sweep/live-vs-flat.js';
import type { ParamValue } from '../sweep/grid.js';
import { formatInstant } from '../time.js';
import {
  REPORT_MODEL_VERSION,
  type ComparisonTable,
  type EquityChart,
  type Heatmap,
  type HeatmapCell,
  type ReportModel,
  type SetRow,
  type SymbolReport,
  type TradeMarker,
  type Verdict,
  type VerdictReason,
} from './report-model.js';

const HEATMAPS = [
  { id: 'gate-cooldown', x: 'ATR_GATE_MULT', y: 'ENTRY_COOLDOWN_S' },
  { id: 'retest', x: 'ENTRY_RETEST_TOL_PCT', y: 'ENTRY_RETEST_WINDOW_S' },
] as const;
const OPS: Record<string, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<' };
const TABLE_CANDIDATES = 4;

/** The verdict card; a CANDIDATE's headline ends with the exact promote command. */
function verdictOf(s: SymbolResults, runId: string): Verdict {
  const v = s.verdict;
  const reasons: VerdictReason[] = v.checks.map((c) => ({
    check: `${c.description}${c.window ? ` (${c.window})` : ''}`,
    value: c.value ?? 'n/a',
    threshold: `${OPS[c.op] ?? c.op} ${c.threshold}${c.unit ? ` ${c.unit}` : ''}`,
    pass: c.pass,
  }));
  const promote =
    v.kind === 'CANDIDATE' && v.candidateSetId !== null
      ? ` Promote: coinbot promote --run ${runId} --symbol ${s.symbol.split('/')[0] ?? s.symbol} --set ${v.candidateSetId} --dry-run (then without --dry-run).`
      : '';
  const headline = `${v.summary} The ${liveVsFlat(s).sentence}.${promote}`;
  return v.kind === 'CANDIDATE' && v.candidateSetId !== null
    ? { kind: 'CANDIDATE', setId: v.candidateSetId, headline, reasons }
    : { kind: v.kind === 'CANDIDATE' ? 'KEEP' : v.kind, headline, reasons };
}

function row(set: SetRecord, role: SetRow['role'], s: SymbolResults, rank?: number): SetRow {
  const m = set.full.metrics;
  const idx = s.analysis.sets.id.indexOf(set.id);
  const cand = s.analysis.candidates.find((c) => c.setId === set.id);
  return {
    setId: set.id,
    role,
    ...(rank !== undefined ? { rank } : {}),
    netPnl: m.netPnl,
    grossPnl: m.grossPnl,
    fees: m.fees,
    funding: m.funding,
    trades: m.trades,
    ...(cand ? { ciLow: cand.paired.full.lower, ciHigh: cand.paired.full.upper } : {}),
    ...(idx >= 0 ? { neighbourhoodScore: s.analysis.sets.neighbourhoodScoreH1[idx] as number } : {}),
    params: set.params,
  };
}

function comparison(s: SymbolResults, recordOf: (id: string) => SetRecord): ComparisonTable {
  const baseline = recordOf(s.baseline.id);
  const ids = [...(s.verdict.candidateSetId ? [s.verdict.candidateSetId] : []), ...s.ranking.top.map((r) => r.id)]
    .filter((id, i, a) => id !== baseline.id && a.indexOf(id) === i)
    .slice(0, TABLE_CANDIDATES);
  const rankOf = new Map(s.ranking.top.map((r) => [r.id, r.rank]));
  const flat: SetRow = {
    setId: 'flat',
    role: 'flat',
    netPnl: 0,
    grossPnl: 0,
    fees: 0,
    funding: 0,
    trades: 0,
    params: {},
  };
  return {
    window: 'full',
    ciLevel: s.analysis.candidates[0]?.paired.full.level ?? 0.95,
    paramNames: s.grid.axes.map(([n]) => n),
    rows: [
      row(baseline, 'baseline', s, s.ranking.baselineRank),
      ...ids.map((id) => row(recordOf(id), 'candidate', s, rankOf.get(id))),
      flat,
    ],
  };
}

/** Set i's net PnL on window `w` (null when the column has none), read from the column table. */
function netPnlAt(t: SetTableJson, w: 'full' | 'h1' | 'h2', i: number): number | null {
  return t.windows[w].netPnl?.[i] ?? null;
}

function heatmap(s: SymbolResults, spec: (typeof HEATMAPS)[number]): Heatmap | null {
  const axes = new Map(s.grid.axes.map(([n, v]) => [n, v]));
  const xs = axes.get(spec.x);
  const ys = axes.get(spec.y);
  if (!xs || !ys) return null;
  const base = s.baseline.params;
  const t = s.sets;
  // Grid axes only (the table's parameter columns): every other parameter is the baseline's.
  const column = (n: string) => t.params[n] as readonly ParamValue[];
  const others = s.grid.axes.map(([n]) => n).filter((n) => n !== spec.x && n !== spec.y);
  const otherCols = others.map((n) => [column(n), base[n]] as const);
  const slice = t.ids.map((_, i) => i).filter((i) => otherCols.every(([col, v]) => col[i] === v));
  const [xCol, yCol] = [column(spec.x), column(spec.y)];
  const cells: HeatmapCell[] = [];
  for (const window of ['h1', 'h2', 'full'] as const) {
    for (const x of xs) {
      for (const y of ys) {
        const hit = slice.filter((i) => xCol[i] === x && yCol[i] === y);
        cells.push({
          window,
          x,
          y,
          score: hit.length > 0 ? netPnlAt(t, window, hit[0] as number) : null,
          sets: hit.length,
        });
      }
    }
  }
  return {
    id: spec.id,
    title: `Net PnL over ${spec.x} × ${spec.y}`,
    x: { param: spec.x, values: xs },
    y: { param: spec.y, values: ys },
    score: { label: 'net PnL', unit: 'USDT' },
    aggregation:
      'slice through the live set: other parameters at the baseline values (empty cell = no such distinct set)',
    windows: ['h1', 'h2', 'full'],
    cells,
    baseline: { x: base[spec.x] as ParamValue, y: base[spec.y] as ParamValue },
  };
}

function equity(s: SymbolResults): EquityChart {
  return {
    window: 'full',
    startEquity: 0,
    series: s.detail.map((d, i) => ({
      setId: d.id,
      role: d.id === s.baseline.id ? 'baseline' : 'candidate',
      label:
        d.id === s.baseline.id
          ? `baseline ${d.id} (live set)`
          : d.id === s.verdict.candidateSetId
            ? `${d.id} (verdict candidate)`
            : `#${s.ranking.top.find((r) => r.id === d.id)?.rank ?? i} ${d.id}`,
      t: d.equity.t,
      equity: d.equity.equity,
    })),
  };
}

function markers(s: SymbolResults): TradeMarker[] {
  const best = s.verdict.candidateSetId ?? s.ranking.top.find((r) => r.id !== s.baseline.id)?.id;
  return s.detail
    .filter((d) => d.id === s.baseline.id || d.id === best)
    .flatMap((d) => {
      const role = d.id === s.baseline.id ? ('baseline' as const) : ('candidate' as const);
      return d.trades.flatMap((t) => [
        { setId: d.id, role, t: t.entryTs, price: t.entryPrice, kind: 'entry' as const, side: t.side },
        { setId: d.id, role, t: t.exitTs, price: t.exitPrice, kind: 'exit' as const, side: t.side, pnl: t.netPnl },
      ]);
    });
}

function symbolReport(s: SymbolResults, r: ReevalResults, runId: string): SymbolReport {
  // Sets are read from the column table; only the few table rows are built as records.
  const t = s.sets;
  const indexOf = new Map(t.ids.map((id, i) => [id, i]));
  const recordOf = (id: string) => setRecordAt(t, indexOf.get(id) as number, s.baseline.params);
  const candidate = s.verdict.candidateSetId;
  return {
    symbol: s.symbol,
    windows: { full: r.window.full, h1: r.window.h1, h2: r.window.h2 },
    setsEvaluated: s.grid.distinctSets,
    verdict: verdictOf(s, runId),
    comparison: comparison(s, recordOf),
    heatmaps: HEATMAPS.map((h) => heatmap(s, h)).filter((h): h is Heatmap => h !== null),
    equity: equity(s),
    price: { timeframe: '1m', t: s.price.t, close: s.price.close, markers: markers(s) },
    halves: {
      score: { label: 'net PnL', unit: 'USDT' },
      points: t.ids.map((id, i) => ({
        setId: id,
        h1: netPnlAt(t, 'h1', i) as number,
        h2: netPnlAt(t, 'h2', i) as number,
        role: id === s.baseline.id ? 'baseline' : id === candidate ? 'candidate' : 'other',
      })),
      rankCorrelation: s.analysis.rankCorrelationH1H2,
    },
    dataQuality: s.dataQuality,
    regime: s.regime,
    ...(s.liveRecord === undefined ? {} : { liveRecord: s.liveRecord }),
  };
}

/** Builds the page model of one run. */
export function reportModelFromResults(r: ReevalResults, run: RunInfo, tz = run.tz): ReportModel {
  const bases = r.symbols.map((s) => s.symbol.split('/')[0]).join(', ');
  return {
    modelVersion: REPORT_MODEL_VERSION,
    title: `Re-evaluation ${bases} — ${r.window.hours} h to ${formatInstant(r.window.end)}`,
    runId: run.runId,
    tz,
    provenance: {
      runId: run.runId,
      fingerprint: r.fingerprint,
      codeRevision: run.gitRevision,
      createdAt: run.startedAt,
      commandLine: run.commandLine,
      grid: {
        rawPoints: r.symbols.reduce((n, s) => n + s.grid.rawPoints, 0),
        distinctSets: r.symbols.reduce((n, s) => n + s.grid.distinctSets, 0),
      },
      data: r.symbols.map((s) => ({ symbol: s.symbol, range: s.data.range, digest: s.data.digest })),
    },
    symbols: r.symbols.map((s) => symbolReport(s, r, run.runId)),
  };
}
