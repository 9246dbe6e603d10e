import { describe, expect, it } from 'vitest';
import { parseVerdictConfig, VERDICT_CONFIG_DOCS, VerdictConfigSchema } from './verdict-config.js';
import { ConfigError } from '../errors.js';

describe('verdict config', () => {
  it('fills in every documented default when given nothing', () => {
    const c = parseVerdictConfig();
    expect(c).toEqual({
      seed: 1,
      bootstrapReps: 1000,
      meanBlockMs: 14_400_000,
      alpha: 0.05,
      ciLevel: 0.95,
      minBlocksPerHalf: 12,
      minTradesPerHalf: 10,
      minNeighbours: 2,
      minNeighbourhoodEdgeUsdt: 0,
      minConfirmEdgeUsdt: 0,
      minDeflatedSharpe: 0.95,
      dsrTrials: 'average-correlation',
      stressTopK: 5,
      stressFeeMultiplier: 1.5,
      stressExtraSlippageBp: 2,
      requireStressedProfit: true,
    });
  });

  it('round-trips through JSON unchanged (so results.json can store it)', () => {
    const c = parseVerdictConfig({ alpha: 0.1, minTradesPerHalf: 4 });
    expect(parseVerdictConfig(JSON.parse(JSON.stringify(c)))).toEqual(c);
  });

  it('documents every key with a unit and a reason', () => {
    expect(Object.keys(VERDICT_CONFIG_DOCS).sort()).toEqual(Object.keys(VerdictConfigSchema.shape).sort());
    for (const d of Object.values(VERDICT_CONFIG_DOCS)) {
      expect(d.unit.length).toBeGreaterThan(0);
      expect(d.reason.length).toBeGreaterThan(20);
    }
  });

  it('refuses an unknown key and suggests the closest known one', () => {
    expect(() => parseVerdictConfig({ minTradePerHalf: 3 })).toThrow(ConfigError);
    expect(() => parseVerdictConfig({ minTradePerHalf: 3 })).toThrow(/did you mean minTradesPerHalf\?/);
    expect(() => parseVerdictConfig({ zzz: 3 })).toThrow(/unknown key "zzz"$/);
  });

  it('refuses out-of-range values naming the key', () => {
    expect(() => parseVerdictConfig({ alpha: 0 })).toThrow(/alpha/);
    expect(() => parseVerdictConfig({ bootstrapReps: 10 })).toThrow(/bootstrapReps/);
    expect(() => parseVerdictConfig({ dsrTrials: 'all' })).toThrow(/dsrTrials/);
  });
});
