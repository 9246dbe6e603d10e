/**
 * The verdict of a re-evaluation sweep (issue 6): public entry points for `coinbot reeval` and the
 * HTML report. Pure and deterministic; no I/O, no clock, no `Math.random`.
 *
 * @example
 * import { analyseSymbol, decideVerdict, parseVerdictConfig } from '../engine/verdict/index.js';
 * const config = parseVerdictConfig(fileConfig.verdict ?? {});      // thresholds → results.json
 * const analysis = analyseSymbol(sweep, config);                     // statistics → results.json
 * const stressed = rerun(analysis.stressSetIndices, { feeMultiplier: config.stressFeeMultiplier,
 *   extraSlippageBp: config.stressExtraSlippageBp });                // the caller's simulator
 * const verdict = decideVerdict(analysis, stressed, config);         // verdict → results.json
 */
export {
  analyseSymbol,
  analysisBasis,
  analysisWithTests,
  drawsOf,
  windowDraws,
  type AnalysisBasis,
} from './analyse-symbol.js';
export {
  decideVerdict,
  VERDICT_ORDER,
  type CheckOp,
  type Verdict,
  type VerdictCheck,
  type VerdictKind,
} from './decide-verdict.js';
export {
  parseVerdictConfig,
  VERDICT_CONFIG_DOCS,
  VerdictConfigSchema,
  type ConfigDoc,
  type VerdictConfig,
} from './verdict-config.js';
export {
  validateSweep,
  WINDOW_NAMES,
  type SetResult,
  type SymbolSweep,
  type WindowName,
  type WindowResult,
} from './sweep-input.js';
export type {
  CandidateEvidence,
  DsrSummary,
  NoEdgeEvidence,
  SetTable,
  SpaSummary,
  SymbolAnalysis,
  WindowTriple,
} from './symbol-analysis.js';
export { assessCostStress, type CostStressReport, type StressedResult, type StressRow } from './cost-stress.js';
export { gridNeighbours, neighbourhoodScores, type GridAxes, type ParamValue } from './grid-neighbourhood.js';
export {
  differenceSeries,
  pairedComparison,
  pairedInterval,
  upperBoundOfTotal,
  type PairedInterval,
} from './paired-difference.js';
export {
  drawStationaryBootstrap,
  meanBlockLengthFor,
  resampledTotals,
  type BootstrapDraws,
} from './stationary-bootstrap.js';
export {
  adjustedPValue,
  combineSuperiorAbility,
  superiorAbility,
  superiorAbilityPart,
  type SuperiorAbility,
  type SuperiorAbilityPart,
} from './superior-ability.js';
export {
  deflatedSharpe,
  expectedMaxSharpe,
  probabilisticSharpe,
  type DsrInput,
  type DsrResult,
  type PsrInput,
} from './deflated-sharpe.js';
export { effectiveTrials, type EffectiveTrials } from './effective-trials.js';
export { descendingRanks, spearman } from './rank-correlation.js';
export { normCdf, normInv, normPdf } from './normal.js';
export { deriveSeed, Xoshiro128 } from './prng.js';
