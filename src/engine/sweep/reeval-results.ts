/**
 * `results.json` of a re-evaluation: only what the inputs determine (data, grid, code,
 * settings), so the same inputs give the same bytes whatever the worker count or the clock.
 * What varies between runs (run id, times, command line, workers, git revision) is in `run.json`.
 */
import type { LiveRecord } from '../checks/live-record.js';
import type { FactsSource } from '../data/bundled-facts.js';
import type { Metrics } from '../stats/summary.js';
import type { Trade } from '../stats/trades.js';
import type { TimeRange } from '../time.js';
import type { MarketFacts } from '../types.js';
import type { SymbolAnalysis, Verdict, VerdictConfig } from '../verdict/index.js';
import type { DataQuality } from './data-quality.js';
import type { ParamSet, ParamValue } from './grid.js';
import type { RegimeContext } from './regime-context.js';
import type { FeeRates } from './sweep-context.js';
import type { SetTableJson } from './set-table.js';
import type { ShardProvenance } from './shard-file.js';
import type { StressRun } from './sweep-symbol.js';

/** Bump on any breaking change of the shape below. */
export const RESULTS_SCHEMA_VERSION = 1;

/** Trades and equity of a set chosen for the report (baseline, top of the ranking, the candidate). */
export interface SetDetail {
  readonly id: string;
  /** Round trips on the full window. */
  readonly trades: readonly Trade[];
  /** Equity (USDT, relative to the start) at candle closes, every 5 minutes and at the end. */
  readonly equity: { readonly t: readonly number[]; readonly equity: readonly number[] };
}

/** A row of the plain ranking (by full-window net PnL; not a verdict). */
export interface RankRow {
  readonly rank: number;
  readonly id: string;
  readonly netPnl: number;
  readonly trades: number;
}

/** Everything about one symbol. */
export interface SymbolResults {
  readonly symbol: string;
  readonly baseline: { readonly id: string; readonly params: ParamSet; readonly source: string };
  readonly grid: {
    readonly axes: ReadonlyArray<readonly [string, readonly ParamValue[]]>;
    readonly rawPoints: number;
    readonly distinctSets: number;
    readonly invalidSets: number;
    readonly warmupCandles: number;
  };
  readonly data: {
    /** Candle open times consumed, warm-up included, half-open. */
    readonly range: TimeRange;
    readonly candles: number;
    readonly digest: string;
    readonly facts: MarketFacts;
    /** The data dir's own facts, or the bundled capture's (`coinbot promote` refuses those unless forced). */
    readonly factsSource?: FactsSource;
  };
  readonly dataQuality: DataQuality;
  readonly regime: RegimeContext;
  /** Not trading at all, per window (every figure 0): the reference "beats the baseline" must not hide. */
  readonly flat: Readonly<Record<'full' | 'h1' | 'h2', Metrics>>;
  readonly ranking: { readonly basis: string; readonly top: readonly RankRow[]; readonly baselineRank: number };
  readonly analysis: SymbolAnalysis;
  readonly stress: readonly StressRun[];
  readonly verdict: Verdict;
  readonly detail: readonly SetDetail[];
  /** 1m closes of the full window, for the price chart. */
  readonly price: { readonly t: readonly number[]; readonly close: readonly number[] };
  /** Every distinct set's metrics per window, by column (see set-table.ts). */
  readonly sets: SetTableJson;
  /** With `reeval --journal`: the unit's live record over the window beside the simulated live set. */
  readonly liveRecord?: LiveRecord;
}

/** The whole `results.json`. */
export interface ReevalResults {
  readonly schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  readonly kind: 'coinbot.reeval.results';
  /** sha256 over the parts below. */
  readonly fingerprint: string;
  readonly fingerprintParts: {
    readonly data: string;
    readonly grid: string;
    readonly code: string;
    readonly settings: string;
  };
  readonly strategy: { readonly name: string; readonly apiVersion: number };
  readonly window: {
    readonly hours: number;
    readonly end: number;
    readonly full: TimeRange;
    readonly h1: TimeRange;
    readonly h2: TimeRange;
  };
  readonly settings: { readonly blockMs: number; readonly fees: FeeRates; readonly verdict: VerdictConfig };
  readonly symbols: readonly SymbolResults[];
}

/** `run.json`: what differs between two runs of the same inputs. */
export interface RunInfo {
  readonly runId: string;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly durationMs: number;
  readonly commandLine: string;
  readonly workers: number;
  readonly gitRevision: string;
  readonly node: string;
  readonly dataDir: string;
  readonly tz: string;
  readonly fingerprint: string;
  /** A run made by `coinbot merge`: the shards it merged, in index order, and how each ran. */
  readonly shards?: readonly ShardRunInfo[];
}

/** One merged shard in `run.json` (see shard-file.ts). */
export interface ShardRunInfo extends ShardProvenance {
  /** `K/N`, K 0-based. */
  readonly shard: string;
  /** The shard file as the merge was given it. */
  readonly file: string;
}
