/**
 * The `verdict` policy: what the team would do if it followed every re-evaluation's verdict,
 * judged against the policy's *own* current set. A pure state machine (no clock, no I/O).
 *
 * Rules, applied at each step time t (the scenario table in verdict-policy.test.ts lists them):
 * - a promotion that is due (decided at t₀ with t₀ + delay ≤ t) happens first: the candidate
 *   becomes the policy's own set and trades;
 * - `INSUFFICIENT DATA`: nothing changes (trading stays trading, paused stays paused);
 * - `STOP` (the own set loses with evidence) and `NO EDGE`: go flat now; the own set is kept to
 *   resume later, and a pending promotion is cancelled;
 * - `KEEP`: trade the own set (a paused policy resumes it); a pending promotion stays pending;
 * - `CANDIDATE c`: with no delay, switch to c now. With a delay, c is promoted at the first step
 *   time ≥ t + delay (a shadow run in between); a later `CANDIDATE` of another set replaces it
 *   (and restarts the delay), the same set keeps its due time. Meanwhile the own set trades on,
 *   unless the verdict says the own set loses with evidence (`liveLoses`): then it is drained
 *   and the policy waits flat for the promotion.
 */
import type { VerdictKind } from '../verdict/index.js';

/** What a verdict says, as the policy needs it. */
export interface VerdictSignal {
  readonly kind: VerdictKind;
  readonly candidateSetId: string | null;
  /** The judged (own) set loses money against not trading with evidence. */
  readonly liveLoses: boolean;
}

/** A promotion decided but not yet made. */
export interface PendingPromotion {
  readonly setId: string;
  /** Step time (ms UTC) at or after which the promotion happens. */
  readonly dueAt: number;
}

/** State of a policy between steps. */
export interface PolicyState {
  /** The set trading the next out-of-sample window, or null when flat. */
  readonly trading: string | null;
  /** The policy's own set: what its verdict is judged against and what it resumes. */
  readonly own: string | null;
  readonly pending: PendingPromotion | null;
}

/** What changed at a step, for the timeline. */
export type PolicyEvent = 'switch' | 'pause' | 'resume' | 'pending' | 'promote' | null;

/** A state and what changed to reach it. */
export interface Transition {
  readonly state: PolicyState;
  readonly event: PolicyEvent;
}

/** Makes a due promotion at step time `t` (before the step's verdict is judged). */
export function maturePromotion(s: PolicyState, t: number): Transition {
  if (s.pending === null || s.pending.dueAt > t) return { state: s, event: null };
  const id = s.pending.setId;
  return { state: { trading: id, own: id, pending: null }, event: 'promote' };
}

function pendOn(s: PolicyState, v: VerdictSignal, id: string, dueAt: number): Transition {
  const pending = s.pending !== null && s.pending.setId === id ? s.pending : { setId: id, dueAt };
  const trading = v.liveLoses ? null : s.trading;
  const event: PolicyEvent = trading === null && s.trading !== null ? 'pause' : 'pending';
  return { state: { ...s, trading, pending }, event };
}

/**
 * Applies the step's verdict (judged against `s.own`) at step time `t`.
 * @param delayMs promotion delay (ms); 0 switches at once.
 */
export function applyVerdict(s: PolicyState, v: VerdictSignal, t: number, delayMs: number): Transition {
  switch (v.kind) {
    case 'INSUFFICIENT DATA':
      return { state: s, event: null };
    case 'STOP':
    case 'NO EDGE':
      return { state: { ...s, trading: null, pending: null }, event: s.trading === null ? null : 'pause' };
    case 'KEEP':
      return { state: { ...s, trading: s.own }, event: s.trading === null && s.own !== null ? 'resume' : null };
    case 'CANDIDATE': {
      const id = v.candidateSetId;
      if (id === null || id === s.own) return { state: { ...s, trading: s.own }, event: null };
      if (delayMs <= 0) return { state: { trading: id, own: id, pending: null }, event: 'switch' };
      return pendOn(s, v, id, t + delayMs);
    }
  }
}
