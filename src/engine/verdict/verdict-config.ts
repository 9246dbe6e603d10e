/**
 * The verdict's thresholds and knobs: one zod schema with documented defaults. A parsed config is
 * plain JSON (numbers, booleans, one string), so `results.json` stores it as is and a report can
 * be re-judged from it. {@link VERDICT_CONFIG_DOCS} gives unit and reason per key for the README
 * and the HTML report.
 */
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { HOUR_MS } from '../time.js';

/** Schema of the verdict config; unknown keys are refused. */
export const VerdictConfigSchema = z.strictObject({
  seed: z.number().int().min(0).max(0xffffffff).default(1),
  bootstrapReps: z.number().int().min(99).max(100_000).default(1000),
  meanBlockMs: z
    .number()
    .int()
    .positive()
    .default(4 * HOUR_MS),
  alpha: z.number().gt(0).max(0.5).default(0.05),
  ciLevel: z.number().gt(0).lt(1).default(0.95),
  minBlocksPerHalf: z.number().int().min(3).default(12),
  minTradesPerHalf: z.number().int().min(0).default(10),
  minNeighbours: z.number().int().min(0).default(2),
  minNeighbourhoodEdgeUsdt: z.number().default(0),
  minConfirmEdgeUsdt: z.number().default(0),
  minDeflatedSharpe: z.number().min(0).max(1).default(0.95),
  dsrTrials: z.enum(['average-correlation', 'participation-ratio', 'tried']).default('average-correlation'),
  stressTopK: z.number().int().min(1).max(100).default(5),
  stressFeeMultiplier: z.number().min(1).default(1.5),
  stressExtraSlippageBp: z.number().min(0).default(2),
  requireStressedProfit: z.boolean().default(true),
});

/** A complete, validated verdict config. */
export type VerdictConfig = z.infer<typeof VerdictConfigSchema>;

/** Unit and reason of one config key. */
export interface ConfigDoc {
  readonly unit: string;
  readonly reason: string;
}

/** Unit and reason for every key, in the schema's order (for the README and the report). */
export const VERDICT_CONFIG_DOCS: Readonly<Record<keyof VerdictConfig, ConfigDoc>> = {
  seed: {
    unit: 'uint32',
    reason:
      'Any fixed value makes every bootstrap reproducible; change it to check that a verdict is not a seed artefact.',
  },
  bootstrapReps: {
    unit: 'replications',
    reason:
      'p-value resolution 1/1001; the Monte Carlo s.e. of a p-value near 0.05 is ≈ 0.007. N = 5,000 sets × (24 + 48) blocks × 1,000 runs in about 2 s (bench/verdict.bench.ts).',
  },
  meanBlockMs: {
    unit: 'ms',
    reason:
      'Mean stationary-bootstrap block of 4 h = 4 hourly blocks ≈ n^(1/3) for n = 48 (3.6): longer than a typical holding time and an intraday volatility burst; the same duration on both halves.',
  },
  alpha: {
    unit: 'probability',
    reason:
      'One-sided 5 % level for the multiple-testing-adjusted p-value of the candidate and for the NO EDGE bound; the conventional level, and the SPA measured conservative at n = 24 (size 2 %), so the real false-positive rate is below it.',
  },
  ciLevel: {
    unit: 'probability',
    reason: 'Two-sided level of the paired intervals shown in the report (informational, not a gate).',
  },
  minBlocksPerHalf: {
    unit: 'blocks',
    reason:
      'Below 12 hourly blocks a half holds fewer than 3 mean bootstrap blocks: no interval or test on it means anything.',
  },
  minTradesPerHalf: {
    unit: 'trades',
    reason:
      'Below ~10 trades a half is decided by one or two trades; the live sets make ~30 per 24 h, the low-turnover corner of the grid far fewer.',
  },
  minNeighbours: {
    unit: 'sets',
    reason:
      'The median of a set and 2 neighbours discards the set itself when it is the extreme value; with 0 or 1 neighbour a spike cannot be told from a plateau.',
  },
  minNeighbourhoodEdgeUsdt: {
    unit: 'USDT over h1',
    reason:
      'The neighbourhood median must beat the baseline (strictly), so the candidate sits on a plateau that beats it, not on a lucky spike.',
  },
  minConfirmEdgeUsdt: {
    unit: 'USDT over h2',
    reason:
      'Out-of-sample confirmation: the candidate, chosen on h1 only, must beat the baseline on the disjoint h2 (strictly).',
  },
  minDeflatedSharpe: {
    unit: 'probability',
    reason:
      "DSR ≥ 0.95: the selected set's excess over the baseline beats the expected best of N_eff skill-less trials with 95 % confidence, allowing for skew and fat tails (the paper's convention).",
  },
  dsrTrials: {
    unit: 'method',
    reason:
      'N for the DSR: the average-correlation estimate (neighbouring sets share most trades); the participation ratio is capped at n − 1 by the sample length, and "tried" ignores correlation.',
  },
  stressTopK: {
    unit: 'sets',
    reason:
      'The baseline and the 5 best candidates (by h1 neighbourhood score) are re-run under stressed costs: enough to see whether the order holds, cheap to simulate.',
  },
  stressFeeMultiplier: {
    unit: 'factor',
    reason: 'Fees × 1.5 covers a lower VIP tier or losing maker status (issue 6).',
  },
  stressExtraSlippageBp: {
    unit: 'bp per fill',
    reason: '+2 bp per fill covers thin books at the breakout moment (issue 6).',
  },
  requireStressedProfit: {
    unit: 'boolean',
    reason:
      'A candidate must still make money over the full window under stressed costs; beating a losing baseline while losing is an argument to stop, not to switch.',
  },
};

/**
 * Validates a (partial) verdict config and fills in the defaults.
 * @throws ConfigError naming the key and, for an unknown key, the closest known one.
 */
export function parseVerdictConfig(input: unknown = {}): VerdictConfig {
  const r = VerdictConfigSchema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const hint = closestKey(key);
    throw new ConfigError(
      `verdict config: unknown key ${JSON.stringify(key)}${hint === undefined ? '' : `; did you mean ${hint}?`}`,
    );
  }
  const path = issue?.path.join('.') ?? '';
  throw new ConfigError(
    `verdict config: ${path || 'value'}: ${issue?.message ?? 'invalid'}; see VERDICT_CONFIG_DOCS for allowed values`,
  );
}

function closestKey(key: string): string | undefined {
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const k of Object.keys(VerdictConfigSchema.shape)) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return bestD <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

/** Levenshtein distance (insert, delete, substitute cost 1). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return prev[b.length] as number;
}
