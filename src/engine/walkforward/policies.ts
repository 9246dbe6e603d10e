/**
 * The walk-forward's policies, side by side, as pure state machines over set ids:
 * - `keep`: the live set throughout;
 * - `verdict`: follows the verdicts (verdict-policy.ts);
 * - `chase`: switches every step to the top of the plain ranking (in-sample net PnL);
 * - `flat`: never trades;
 * - `hindsight`: each step's best set on that step's own out-of-sample window, or flat when no
 *   set makes money there — an upper bound of every other policy that nobody can attain, since
 *   it reads the future.
 */
import {
  applyVerdict,
  maturePromotion,
  type PolicyState,
  type Transition,
  type VerdictSignal,
} from './verdict-policy.js';

/** Policy names in report order. */
export const POLICY_NAMES = ['keep', 'verdict', 'chase', 'flat', 'hindsight'] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];

/** What one step's sweep tells the policies (set ids of the step's grid). */
export interface StepObservation {
  /** Top of the plain ranking by in-sample (whole window) net PnL. */
  readonly rankingTopId: string;
  /** Best set on the step's own out-of-sample window, null when none makes money (read by `hindsight` only). */
  readonly outOfSampleBestId: string | null;
  /** The verdict judged against the `verdict` policy's own set. */
  readonly verdict: VerdictSignal;
}

/** Every policy's state at the start, all holding (or, for `flat`, not trading) the live set. */
export function initialStates(liveSetId: string): Record<PolicyName, PolicyState> {
  const live: PolicyState = { trading: liveSetId, own: liveSetId, pending: null };
  return {
    keep: live,
    verdict: live,
    chase: live,
    flat: { trading: null, own: null, pending: null },
    hindsight: live,
  };
}

/** The set each policy's verdict is judged against at step time `t` (after due promotions). */
export function judgedSetId(verdictState: PolicyState, t: number): string | null {
  return maturePromotion(verdictState, t).state.own;
}

function holdSet(s: PolicyState, id: string | null): Transition {
  if (id === null) return { state: { ...s, trading: null }, event: s.trading === null ? null : 'pause' };
  return { state: { trading: id, own: id, pending: null }, event: s.trading === id ? null : 'switch' };
}

/**
 * One step of one policy at step time `t`; the returned state's `trading` set trades
 * `[t, t + every)`.
 * @param delayMs promotion delay of the `verdict` policy (ms).
 */
export function stepPolicy(
  name: PolicyName,
  s: PolicyState,
  obs: StepObservation,
  t: number,
  delayMs: number,
): Transition {
  switch (name) {
    case 'keep':
    case 'flat':
      return { state: s, event: null };
    case 'chase':
      return holdSet(s, obs.rankingTopId);
    case 'hindsight':
      return holdSet(s, obs.outOfSampleBestId);
    case 'verdict': {
      const matured = maturePromotion(s, t);
      const next = applyVerdict(matured.state, obs.verdict, t, delayMs);
      return { state: next.state, event: next.event ?? matured.event };
    }
  }
}
