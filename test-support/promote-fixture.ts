/**
 * A small reeval run for `coinbot promote` tests: `reports/<run-id>/results.json` with the fields
 * promote reads (verdict, live set, grid axes, set values, window end, fingerprint parts), for
 * the ETH live set of config/live/ETH.env and one candidate s0001 (ATR_GATE_MULT 1.3,
 * ENTRY_COOLDOWN_S 600).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reevalCodeHash } from '../src/engine/sweep/run-reeval.js';

/** What the fixture run can vary. */
export interface PromoteFixture {
  readonly verdict?: 'CANDIDATE' | 'STOP' | 'KEEP';
  readonly end?: number;
  readonly code?: string;
  readonly baselineGate?: number;
  readonly baselineCooldown?: number;
  readonly candidateGate?: number;
  readonly facts?: Record<string, unknown>;
  /** `data.factsSource` of the run (absent: not recorded, as in runs before it existed). */
  readonly factsSource?: Record<string, unknown>;
}

/** Writes the run under `reportsDir` and returns its id. */
export function writePromoteRun(reportsDir: string, runId: string, f: PromoteFixture = {}): string {
  const kind = f.verdict ?? 'CANDIDATE';
  const results = {
    schemaVersion: 1,
    kind: 'coinbot.reeval.results',
    fingerprint: 'f'.repeat(64),
    fingerprintParts: { data: 'd', grid: 'g', code: f.code ?? reevalCodeHash('atr-breakout'), settings: 's' },
    window: { hours: 48, end: f.end ?? Date.now() - 3_600_000 },
    symbols: [
      {
        symbol: 'ETH/USDT:USDT',
        baseline: {
          id: 's0000',
          params: {
            ATR_GATE_MULT: f.baselineGate ?? 1.06,
            ENTRY_COOLDOWN_S: f.baselineCooldown ?? 300,
            ENTRY_RETEST_TOL_PCT: 0.1,
          },
          source: 'config/live/ETH.env',
        },
        grid: {
          axes: [
            ['ATR_GATE_MULT', [1.06, 1.3]],
            ['ENTRY_COOLDOWN_S', [300, 600]],
          ],
        },
        data: { facts: f.facts ?? {}, ...(f.factsSource === undefined ? {} : { factsSource: f.factsSource }) },
        verdict: {
          symbol: 'ETH/USDT:USDT',
          kind,
          label: kind === 'CANDIDATE' ? 'CANDIDATE s0001' : kind,
          candidateSetId: kind === 'CANDIDATE' ? 's0001' : null,
          candidateSetIndex: kind === 'CANDIDATE' ? 1 : null,
          summary: 'fixture',
          liveLoses: kind === 'STOP',
          checks: [],
          stress: null,
        },
        sets: {
          ids: ['s0000', 's0001'],
          params: { ATR_GATE_MULT: [1.06, f.candidateGate ?? 1.3], ENTRY_COOLDOWN_S: [f.baselineCooldown ?? 300, 600] },
        },
      },
    ],
  };
  mkdirSync(join(reportsDir, runId), { recursive: true });
  writeFileSync(join(reportsDir, runId, 'results.json'), JSON.stringify(results));
  return runId;
}
