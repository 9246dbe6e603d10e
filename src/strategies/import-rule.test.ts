/**
 * The dependency rule for strategies: a strategy module may import only `engine/strategy.ts`,
 * `engine/types.ts`, `engine/indicators/*` and files inside `src/strategies/` — no clock, I/O,
 * simulator, venue or package that could reveal the run mode. Tests are exempt.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '..');
const STRATEGIES = resolve(SRC, 'strategies');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return sources(p);
    return n.endsWith('.ts') && !n.endsWith('.test.ts') ? [p] : [];
  });
}

/** Module specifiers of static imports, re-exports and dynamic imports in `text`. */
function importsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|[\s;])(?:import|export)\s[^'"]*?\sfrom\s+['"]([^'"]+)['"]/g))
    out.push(m[1] as string);
  for (const m of text.matchAll(/(?:^|[\s;])import\s+['"]([^'"]+)['"]/g)) out.push(m[1] as string);
  for (const m of text.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1] as string);
  for (const m of text.matchAll(/\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1] as string);
  return out;
}

/** Why `spec` imported from `file` breaks the rule, or null. */
function violation(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return `package '${spec}'`;
  const target = relative(SRC, resolve(dirname(file), spec))
    .split('\\')
    .join('/');
  if (target.startsWith('strategies/')) return null;
  if (target === 'engine/strategy.js' || target === 'engine/types.js' || /^engine\/indicators\/[^/]+\.js$/.test(target))
    return null;
  return `'${spec}' (src/${target})`;
}

describe('strategy import rule', () => {
  it('finds only allowed imports in every non-test file under src/strategies', () => {
    const files = sources(STRATEGIES);
    expect(files.length).toBeGreaterThan(2);
    const bad = files
      .flatMap((f) => importsOf(readFileSync(f, 'utf8')).map((s) => [f, violation(f, s)] as const))
      .filter(([, v]) => v !== null)
      .map(([f, v]) => `${relative(SRC, f)} imports ${v}`);
    expect(bad).toEqual([]);
  });

  it('flags imports of the simulator, the data layer, node modules and packages', () => {
    const f = join(STRATEGIES, 'x', 'x.ts');
    const text = [
      "import { SimVenue } from '../../engine/sim/sim-venue.js';",
      "import { readFileSync } from 'node:fs';",
      "import type { Candle } from '../../engine/types.js';",
      "export { atr } from '../../engine/indicators/atr.js';",
      "const ccxt = await import('ccxt');",
    ].join('\n');
    expect(importsOf(text).map((s) => violation(f, s))).toEqual([
      "'../../engine/sim/sim-venue.js' (src/engine/sim/sim-venue.js)",
      "package 'node:fs'",
      null,
      null,
      "package 'ccxt'",
    ]);
  });
});
