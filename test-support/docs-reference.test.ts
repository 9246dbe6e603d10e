import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderConfigReference } from '../scripts/config-reference.js';
import { ConfigError } from '../src/engine/errors.js';
import { envParamEntries } from '../src/engine/live/live-config.js';
import { strategies } from '../src/strategies/index.js';
import { REPO_ROOT } from './repo-paths.js';

describe('docs/configuration-reference.md', () => {
  it("equals what the parameter schema and the env rules generate (else run 'npm run docs:reference')", () => {
    const committed = readFileSync(join(REPO_ROOT, 'docs/configuration-reference.md'), 'utf8');
    expect(committed, "stale: run 'npm run docs:reference' and commit the result").toBe(renderConfigReference());
  });

  it('lists every parameter of every strategy and every live setting', () => {
    const text = renderConfigReference();
    for (const name of [
      'ATR_GATE_MULT',
      'ENTRY_COOLDOWN_S',
      'SLIPPAGE_BPS',
      'LEVERAGE',
      'MARGIN_TYPE',
      'MAX_DAILY_LOSS_USDT',
    ])
      expect(text).toContain(`| \`${name}\` |`);
  });

  it('gives env-rule examples that coinbot live really refuses, and ignores the ones it says it ignores', () => {
    const text = renderConfigReference();
    const strategy = strategies.get('atr-breakout');
    if (strategy === undefined) throw new Error('atr-breakout missing');
    for (const name of ['side', 'SYMBL', 'TIMEFRAMES', 'ATR_PERIDO']) {
      expect(text).toContain(`\`${name}\``);
      expect(() => envParamEntries({ [name]: '1' }, strategy), name).toThrow(ConfigError);
    }
    for (const name of ['PATH', 'HOME', 'INVOCATION_ID']) {
      expect(text).toContain(`\`${name}\``);
      expect(envParamEntries({ [name]: '/x' }, strategy), name).toEqual([]);
    }
  });
});
