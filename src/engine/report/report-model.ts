/**
 * The view model of one re-evaluation report page: everything `render-html.ts` draws and
 * nothing it has to compute. It decouples the page from the sweep: the lead's mapper turns
 * `results.json` + `run.json` into a {@link ReportModel}; tests build one from the bundled
 * sample (`fixtures/sample-report-model.ts`).
 *
 * Conventions for every field below:
 * - times are integer **ms UTC** (the page converts them to the requested IANA zone);
 * - money is **USDT** (quote currency), signed so that a profit is positive;
 * - costs (`fees`, `funding`) are **paid** amounts: positive = paid, negative = received;
 *   `netPnl = grossPnl − fees − funding`;
 * - time series are columnar (`t[i]` pairs with `close[i]`), sorted by time.
 * Plain readonly data; no methods, so it serialises to JSON as is.
 */
import type { LiveRecord } from '../checks/live-record.js';
import type { TimeRange } from '../time.js';

/** Version of this model's shape; bump on a breaking change so a stale mapper is caught. */
export const REPORT_MODEL_VERSION = 1;

/** A parameter value as the env files and grids spell it (same as `sweep/grid.ts`). */
export type ReportParamValue = number | string;

/** Names of the scored windows: the two disjoint halves and the whole window. */
export type ReportWindowName = 'h1' | 'h2' | 'full';

/** The whole page: one run of `coinbot reeval` over one or more symbols. */
export interface ReportModel {
  readonly modelVersion: typeof REPORT_MODEL_VERSION;
  /** Page title, e.g. `Re-evaluation BTC, ETH — 48 h to 2025-06-24 10:33Z`. */
  readonly title: string;
  readonly runId: string;
  /** IANA zone the page displays times in (`UTC`, `Asia/Seoul`); `renderReportHtml`'s `tz` option overrides it. */
  readonly tz: string;
  /** When set, the page shows this text in a banner (fixtures, made-up or partial data). */
  readonly notice?: string;
  readonly provenance: Provenance;
  /** One entry per symbol, in the order the page shows them. */
  readonly symbols: readonly SymbolReport[];
}

/** Where the numbers come from: enough to reproduce the run. Shown in the page footer. */
export interface Provenance {
  readonly runId: string;
  /** Fingerprint of data + grid + code from `results.json`. */
  readonly fingerprint: string;
  /** Git revision of the code that ran (with `-dirty` when the tree had changes). */
  readonly codeRevision: string;
  /** Start of the run (ms UTC). */
  readonly createdAt: number;
  /** The exact command line, already free of secrets (it is redacted again on render). */
  readonly commandLine: string;
  /** Grid size: raw points and behaviourally distinct sets evaluated, per symbol. */
  readonly grid: { readonly rawPoints: number; readonly distinctSets: number };
  /** Candles used per symbol. */
  readonly data: readonly DataProvenance[];
}

/** The candles one symbol's evaluation used. */
export interface DataProvenance {
  /** Unified symbol, e.g. `BTC/USDT:USDT`. */
  readonly symbol: string;
  /** Candle open times covered, half-open `[from, to)` in ms UTC, warm-up included. */
  readonly range: TimeRange;
  /** Digest of those candles (hex), as stored in `results.json`. */
  readonly digest: string;
}

/** The verdict kinds (engine/verdict's labels). */
export type VerdictKind = 'KEEP' | 'STOP' | 'CANDIDATE' | 'INSUFFICIENT DATA' | 'NO EDGE';

/** One check behind a verdict, e.g. `{ check: 'trades in window', value: 41, threshold: '≥ 30', pass: true }`. */
export interface VerdictReason {
  readonly check: string;
  readonly value: number | string;
  /** The threshold as the reader should see it, with its comparator (`≥ 30`, `≤ 0.05`). */
  readonly threshold: number | string;
  readonly pass: boolean;
  /** Optional plain-words note. */
  readonly note?: string;
}

interface VerdictCommon {
  /** One plain sentence under the label, e.g. `no candidate beats the live set after correcting for 1,024 sets tried`. */
  readonly headline: string;
  readonly reasons: readonly VerdictReason[];
}

/** A symbol's verdict. `CANDIDATE` names the set it proposes. */
export type Verdict =
  | (VerdictCommon & { readonly kind: 'CANDIDATE'; readonly setId: string })
  | (VerdictCommon & { readonly kind: Exclude<VerdictKind, 'CANDIDATE'> });

/** The label the page prints: `KEEP`, `CANDIDATE s0123`, `NO EDGE`, … */
export function verdictLabel(v: Verdict): string {
  return v.kind === 'CANDIDATE' ? `CANDIDATE ${v.setId}` : v.kind;
}

/** What a row of the comparison table is. `flat` = not trading (all money figures 0 by definition, shown as the reference). */
export type SetRole = 'baseline' | 'candidate' | 'flat';

/** One row of the comparison table: a parameter set's result over the table's window. */
export interface SetRow {
  /** Set id from the grid (`s0042`), `baseline`'s own id, or `flat`. */
  readonly setId: string;
  readonly role: SetRole;
  /** Rank among all sets evaluated (1 = best), when ranked. */
  readonly rank?: number;
  /** Net PnL after fees and funding (USDT). */
  readonly netPnl: number;
  /** PnL before fees and funding (USDT). */
  readonly grossPnl: number;
  /** Trading fees paid (USDT, ≥ 0). */
  readonly fees: number;
  /** Funding paid (USDT; negative = received). */
  readonly funding: number;
  /** Round-trip trades (entries that were closed) in the window. */
  readonly trades: number;
  /** Confidence interval of the net PnL difference vs the baseline (USDT), when the verdict statistics computed one. */
  readonly ciLow?: number;
  readonly ciHigh?: number;
  /** Score of the set's grid neighbourhood (e.g. median net PnL of adjacent sets, USDT). */
  readonly neighbourhoodScore?: number;
  /** The set's full parameters (empty for `flat`). */
  readonly params: Readonly<Record<string, ReportParamValue>>;
}

/** The baseline vs top candidates vs not trading table. */
export interface ComparisonTable {
  /** Which window the figures cover (normally `full`). */
  readonly window: ReportWindowName;
  /** Confidence level of `ciLow`/`ciHigh`, e.g. 0.95, when present. */
  readonly ciLevel?: number;
  /** Parameters shown as columns, in order (others are in the tooltip of the set id). */
  readonly paramNames: readonly string[];
  /** Baseline first, then candidates by rank, then `flat`. */
  readonly rows: readonly SetRow[];
}

/** One heatmap cell: the score of the sets at (`x`, `y`) in one window. */
export interface HeatmapCell {
  readonly window: ReportWindowName;
  readonly x: ReportParamValue;
  readonly y: ReportParamValue;
  /** Score (unit in {@link Heatmap.score}); null when no set maps to the cell. */
  readonly score: number | null;
  /** How many sets the cell aggregates (1 for a plain slice). */
  readonly sets: number;
}

/** A score label with its unit, e.g. `{ label: 'net PnL', unit: 'USDT' }`. */
export interface ScoreDef {
  readonly label: string;
  readonly unit: string;
}

/** The score over two parameters, one panel per window, with the baseline's cell marked. */
export interface Heatmap {
  /** Stable id used in the page, e.g. `gate-cooldown`. */
  readonly id: string;
  readonly title: string;
  /** Parameter on the x axis and its values in display order. */
  readonly x: { readonly param: string; readonly values: readonly ReportParamValue[] };
  readonly y: { readonly param: string; readonly values: readonly ReportParamValue[] };
  readonly score: ScoreDef;
  /** How each cell aggregates the sets that differ in other parameters, e.g. `median over the other parameters`. */
  readonly aggregation: string;
  /** Windows shown, in panel order (`h1`, `h2`, maybe `full`). */
  readonly windows: readonly ReportWindowName[];
  readonly cells: readonly HeatmapCell[];
  /** The baseline's coordinates. */
  readonly baseline: { readonly x: ReportParamValue; readonly y: ReportParamValue };
}

/** One set's equity over time (USDT). */
export interface EquitySeries {
  readonly setId: string;
  readonly role: Exclude<SetRole, 'flat'>;
  /** Legend label, e.g. `baseline (live set)` or `#1 s0042`. */
  readonly label: string;
  /** Times (ms UTC) and equity (USDT, start equity + realised + unrealised PnL). Any resolution; the chart downsamples. */
  readonly t: readonly number[];
  readonly equity: readonly number[];
}

/** Equity curves of the baseline and the top candidates over one window. */
export interface EquityChart {
  readonly window: ReportWindowName;
  /** Equity at the start (USDT) = the not-trading reference line. */
  readonly startEquity: number;
  readonly series: readonly EquitySeries[];
}

/** One fill drawn on the price chart. */
export interface TradeMarker {
  readonly setId: string;
  readonly role: Exclude<SetRole, 'flat'>;
  /** Fill time (ms UTC). */
  readonly t: number;
  /** Fill price (USDT). */
  readonly price: number;
  readonly kind: 'entry' | 'exit';
  readonly side: 'long' | 'short';
  /** Net PnL of the round trip (USDT), on exits. */
  readonly pnl?: number;
}

/** Price with the entries and exits of the baseline and the best candidate. */
export interface PriceChart {
  /** Candle timeframe of the series, e.g. `1m`. */
  readonly timeframe: string;
  /** Candle open times (ms UTC) and closes (USDT). */
  readonly t: readonly number[];
  readonly close: readonly number[];
  readonly markers: readonly TradeMarker[];
}

/** One set's score in the first and the second half. */
export interface HalfPoint {
  readonly setId: string;
  readonly h1: number;
  readonly h2: number;
  readonly role: 'baseline' | 'candidate' | 'other';
}

/** First-half vs second-half scores of every set, with their rank correlation. */
export interface HalvesChart {
  readonly score: ScoreDef;
  readonly points: readonly HalfPoint[];
  /** Spearman rank correlation between the halves' scores over all sets, or null when undefined (fewer than 3 sets, constant scores). */
  readonly rankCorrelation: number | null;
}

/** Data-quality facts of the window (same field names as `sweep/data-quality.ts`, which is assignable to this). */
export interface DataQualityView {
  readonly expectedCandles: number;
  readonly candles: number;
  /** Missing spans, half-open over candle open times (ms UTC). */
  readonly gaps: readonly { readonly from: number; readonly to: number; readonly missing: number }[];
  readonly missingCandles: number;
  readonly zeroVolumeCandles: number;
  readonly fundingEvents: number;
  readonly fundingModelled: boolean;
}

/** Regime context (same field names as `sweep/regime-context.ts`, which is assignable to this). Percentages in % of the mean close. */
export interface RegimeView {
  readonly window: { readonly meanTrueRangePct: number; readonly rangePct: number };
  readonly historyDays: number;
  readonly historyMedianTrueRangePct: number | null;
  /** Share of history days quieter than the window (0–1). */
  readonly trueRangePercentile: number | null;
  readonly historyMedianDailyRangePct: number | null;
  readonly summary: string;
}

/** Everything the page shows for one symbol. */
export interface SymbolReport {
  /** Unified symbol, e.g. `BTC/USDT:USDT`. */
  readonly symbol: string;
  /** The evaluation window and its halves (ms UTC, half-open). */
  readonly windows: { readonly full: TimeRange; readonly h1: TimeRange; readonly h2: TimeRange };
  /** Distinct parameter sets evaluated for this symbol. */
  readonly setsEvaluated: number;
  readonly verdict: Verdict;
  readonly comparison: ComparisonTable;
  readonly heatmaps: readonly Heatmap[];
  readonly equity: EquityChart;
  readonly price: PriceChart;
  readonly halves: HalvesChart;
  readonly dataQuality: DataQualityView;
  readonly regime: RegimeView;
  /** With `reeval --journal`: the live unit's record beside the simulated live set. */
  readonly liveRecord?: LiveRecord;
}
