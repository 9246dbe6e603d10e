/**
 * Walks every policy through the steps of one symbol: before each step, the set the `verdict`
 * policy's verdict must be judged against; after it, each policy's move and the out-of-sample
 * result of the set it then holds. The step records come from a callback (the cache or a fresh
 * sweep), so this loop is pure given them.
 */
import { invariant } from '../errors.js';
import { initialStates, judgedSetId, POLICY_NAMES, stepPolicy, type PolicyName } from './policies.js';
import type { StepRecord } from './run-step.js';
import type { WalkStep } from './step-plan.js';
import type { PolicyState } from './verdict-policy.js';
import type { PolicyStep, StepRow } from './walkforward-results.js';

/** Supplies a step's record, with its verdicts judged against `judged`. */
export type StepSource = (step: WalkStep, judged: readonly string[]) => Promise<StepRecord>;

/** One step's row from its record and the policies' states before it; returns the states after. */
export function advancePolicies(
  states: Readonly<Record<PolicyName, PolicyState>>,
  rec: StepRecord,
  step: WalkStep,
  judged: string,
  delayMs: number,
): { row: StepRow; states: Record<PolicyName, PolicyState> } {
  const verdict = rec.judged[judged];
  invariant(verdict !== undefined, `step ${step.index}: no verdict judged against ${judged}`);
  const obs = {
    rankingTopId: rec.rankingTop.id,
    outOfSampleBestId: rec.outOfSampleBest.netPnl > 0 ? rec.outOfSampleBest.id : null,
    verdict,
  };
  const next = {} as Record<PolicyName, PolicyState>;
  const policies = {} as Record<PolicyName, PolicyStep>;
  for (const name of POLICY_NAMES) {
    const tr = stepPolicy(name, states[name], obs, step.t, delayMs);
    next[name] = tr.state;
    const id = tr.state.trading;
    const pnl = id === null ? null : rec.outOfSample[id];
    invariant(pnl !== undefined, `step ${step.index}: no out-of-sample result of ${String(id)} (${name})`);
    policies[name] = { setId: id, event: tr.event, pnl };
  }
  const row: StepRow = {
    t: step.t,
    outOfSample: step.outOfSample,
    fingerprint: rec.fingerprint,
    sets: rec.sets,
    liveVerdict: rec.liveVerdict,
    verdict: { ...verdict, judgedSetId: judged },
    rankingTop: rec.rankingTop,
    outOfSampleBest: rec.outOfSampleBest,
    spearman: rec.spearman,
    pbo: rec.pbo,
    policies,
  };
  return { row, states: next };
}

/** Walks all steps in order. */
export async function walkPolicies(
  steps: readonly WalkStep[],
  liveSetId: string,
  delayMs: number,
  source: StepSource,
): Promise<StepRow[]> {
  let states: Record<PolicyName, PolicyState> = initialStates(liveSetId);
  const rows: StepRow[] = [];
  for (const step of steps) {
    const judged = judgedSetId(states.verdict, step.t);
    invariant(judged !== null, 'the verdict policy lost its own set');
    const rec = await source(step, [judged]);
    const out = advancePolicies(states, rec, step, judged, delayMs);
    rows.push(out.row);
    states = out.states;
  }
  return rows;
}
