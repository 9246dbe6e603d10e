/**
 * Scenario tables of the policies' switching rules on hand-built sequences of sweeps: each row is
 * one step (what the sweep said) and what every policy then holds. Set ids: L = the live set,
 * A/B = other grid points. Steps are 24 h apart (t = 0, 1, 2, … days).
 */
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../time.js';
import {
  initialStates,
  judgedSetId,
  POLICY_NAMES,
  stepPolicy,
  type PolicyName,
  type StepObservation,
} from './policies.js';
import type { PolicyState, VerdictSignal } from './verdict-policy.js';

type Kind = VerdictSignal['kind'];
interface Row {
  /** The verdict judged against the verdict policy's own set. */
  readonly verdict: Kind | `CANDIDATE ${string}`;
  readonly liveLoses?: boolean;
  readonly top?: string;
  readonly best?: string;
  /** What the verdict policy then trades (null = flat), its own set and its move. */
  readonly expect: { trading: string | null; own: string; event?: string | null; judged?: string };
}

function signal(r: Row): VerdictSignal {
  if (r.verdict.startsWith('CANDIDATE ')) {
    return { kind: 'CANDIDATE', candidateSetId: r.verdict.slice(10), liveLoses: r.liveLoses ?? false };
  }
  const kind = r.verdict as Kind;
  return { kind, candidateSetId: null, liveLoses: r.liveLoses ?? (kind === 'STOP' || kind === 'NO EDGE') };
}

/** Plays the rows through every policy; returns the states after each step. */
function play(rows: readonly Row[], delayMs: number) {
  let s: Record<PolicyName, PolicyState> = initialStates('L');
  const out: {
    states: Record<PolicyName, PolicyState>;
    events: Record<PolicyName, string | null>;
    judged: string | null;
  }[] = [];
  rows.forEach((r, k) => {
    const t = k * DAY_MS;
    const judged = judgedSetId(s.verdict, t);
    const obs: StepObservation = { rankingTopId: r.top ?? 'L', outOfSampleBestId: r.best ?? 'L', verdict: signal(r) };
    const next = {} as Record<PolicyName, PolicyState>;
    const events = {} as Record<PolicyName, string | null>;
    for (const p of POLICY_NAMES) {
      const tr = stepPolicy(p, s[p], obs, t, delayMs);
      next[p] = tr.state;
      events[p] = tr.event;
    }
    out.push({ states: next, events, judged });
    s = next;
  });
  return out;
}

function expectVerdictPolicy(rows: readonly Row[], delayMs: number): void {
  const out = play(rows, delayMs);
  rows.forEach((r, k) => {
    const o = out[k] as (typeof out)[number];
    const label = `step ${k}: ${r.verdict}`;
    expect(o.states.verdict.trading, label).toBe(r.expect.trading);
    expect(o.states.verdict.own, label).toBe(r.expect.own);
    if (r.expect.event !== undefined) expect(o.events.verdict, label).toBe(r.expect.event);
    if (r.expect.judged !== undefined) expect(o.judged, label).toBe(r.expect.judged);
  });
}

describe('verdict policy, no promotion delay', () => {
  it('keeps on KEEP, switches on CANDIDATE, pauses on STOP and NO EDGE, resumes its own set on KEEP, holds on INSUFFICIENT DATA', () => {
    expectVerdictPolicy(
      [
        { verdict: 'KEEP', expect: { trading: 'L', own: 'L', event: null, judged: 'L' } },
        { verdict: 'CANDIDATE A', expect: { trading: 'A', own: 'A', event: 'switch', judged: 'L' } },
        { verdict: 'KEEP', expect: { trading: 'A', own: 'A', event: null, judged: 'A' } },
        { verdict: 'STOP', expect: { trading: null, own: 'A', event: 'pause', judged: 'A' } },
        { verdict: 'INSUFFICIENT DATA', expect: { trading: null, own: 'A', event: null, judged: 'A' } },
        { verdict: 'STOP', expect: { trading: null, own: 'A', event: null } },
        { verdict: 'KEEP', expect: { trading: 'A', own: 'A', event: 'resume', judged: 'A' } },
        { verdict: 'INSUFFICIENT DATA', expect: { trading: 'A', own: 'A', event: null } },
        { verdict: 'NO EDGE', expect: { trading: null, own: 'A', event: 'pause' } },
        { verdict: 'CANDIDATE B', liveLoses: true, expect: { trading: 'B', own: 'B', event: 'switch', judged: 'A' } },
      ],
      0,
    );
  });
});

describe('verdict policy, 24 h promotion delay (daily steps)', () => {
  it('promotes a candidate at the next step and trades the old set meanwhile', () => {
    expectVerdictPolicy(
      [
        { verdict: 'CANDIDATE A', expect: { trading: 'L', own: 'L', event: 'pending', judged: 'L' } },
        { verdict: 'KEEP', expect: { trading: 'A', own: 'A', event: 'promote', judged: 'A' } },
      ],
      DAY_MS,
    );
  });

  it('drains a losing own set while the candidate waits, then promotes it', () => {
    expectVerdictPolicy(
      [
        { verdict: 'CANDIDATE A', liveLoses: true, expect: { trading: null, own: 'L', event: 'pause' } },
        { verdict: 'KEEP', expect: { trading: 'A', own: 'A', event: 'promote', judged: 'A' } },
      ],
      DAY_MS,
    );
  });

  it('cancels a pending promotion on STOP and judges the next verdict against its own set', () => {
    expectVerdictPolicy(
      [
        { verdict: 'CANDIDATE A', expect: { trading: 'L', own: 'L', event: 'pending' } },
        // the promotion matures at this step, so this verdict is judged against A already
        { verdict: 'STOP', expect: { trading: null, own: 'A', event: 'pause', judged: 'A' } },
      ],
      DAY_MS,
    );
  });
});

describe('verdict policy, 48 h promotion delay (daily steps)', () => {
  it('keeps the due time for the same candidate, restarts it for another, and cancels it on NO EDGE', () => {
    expectVerdictPolicy(
      [
        { verdict: 'CANDIDATE A', expect: { trading: 'L', own: 'L', event: 'pending' } },
        { verdict: 'CANDIDATE A', expect: { trading: 'L', own: 'L', event: 'pending', judged: 'L' } },
        { verdict: 'KEEP', expect: { trading: 'A', own: 'A', event: 'promote', judged: 'A' } },
        { verdict: 'CANDIDATE B', expect: { trading: 'A', own: 'A', event: 'pending' } },
        { verdict: 'CANDIDATE L', expect: { trading: 'A', own: 'A', event: 'pending' } },
        { verdict: 'KEEP', expect: { trading: 'A', own: 'A', event: null } },
        { verdict: 'KEEP', expect: { trading: 'L', own: 'L', event: 'promote', judged: 'L' } },
        { verdict: 'CANDIDATE B', expect: { trading: 'L', own: 'L', event: 'pending' } },
        { verdict: 'NO EDGE', expect: { trading: null, own: 'L', event: 'pause' } },
        { verdict: 'KEEP', expect: { trading: 'L', own: 'L', event: 'resume', judged: 'L' } },
      ],
      2 * DAY_MS,
    );
  });
});

describe('keep, chase, flat and hindsight', () => {
  const rows: Row[] = [
    { verdict: 'STOP', top: 'A', best: 'B', expect: { trading: null, own: 'L' } },
    { verdict: 'KEEP', top: 'A', best: 'L', expect: { trading: 'L', own: 'L' } },
    { verdict: 'CANDIDATE B', top: 'B', best: 'A', expect: { trading: 'B', own: 'B' } },
  ];
  const out = play(rows, 0);

  it('keep holds the live set whatever the verdict', () => {
    expect(out.map((o) => o.states.keep.trading)).toEqual(['L', 'L', 'L']);
  });

  it("chase holds each step's top-ranked set, switching only when it changes", () => {
    expect(out.map((o) => o.states.chase.trading)).toEqual(['A', 'A', 'B']);
    expect(out.map((o) => o.events.chase)).toEqual(['switch', null, 'switch']);
  });

  it('flat never trades', () => {
    expect(out.map((o) => o.states.flat.trading)).toEqual([null, null, null]);
  });

  it("hindsight holds each step's out-of-sample best", () => {
    expect(out.map((o) => o.states.hindsight.trading)).toEqual(['B', 'L', 'A']);
  });

  it('hindsight goes flat when no set makes money out of sample', () => {
    const flat = play([{ verdict: 'KEEP', best: 'A', expect: { trading: 'L', own: 'L' } }], 0);
    expect(flat[0]?.states.hindsight.trading).toBe('A');
    let s = initialStates('L').hindsight;
    s = stepPolicy(
      'hindsight',
      s,
      {
        rankingTopId: 'L',
        outOfSampleBestId: null,
        verdict: signal({ verdict: 'KEEP', expect: { trading: 'L', own: 'L' } }),
      },
      0,
      0,
    ).state;
    expect(s.trading).toBeNull();
  });
});
