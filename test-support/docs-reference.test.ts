import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderConfigReference } from '../scripts/config-reference.js';
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
});
