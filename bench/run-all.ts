/**
 * `npm run bench`: runs every benchmark in turn and prints one line of figures and ratios each.
 * Benchmarks hold the speed and memory targets; tests never time anything.
 * `npm run bench -- --json [--quick]` prints every figure as JSON instead (figures.ts).
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
if (args.includes('--json')) {
  // Every figure as JSON on stdout (see figures.ts); --quick only proves the harness works.
  const { collectFigures } = await import('./figures.js');
  console.log(JSON.stringify(await collectFigures(args.includes('--quick')), null, 2));
  process.exit(0);
}
const only = args[0];
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts') && (only === undefined || f.includes(only)))
  .sort();
for (const f of files) {
  const mod = (await import(join(here, f))) as Record<string, unknown>;
  for (const [name, fn] of Object.entries(mod)) {
    if (name.startsWith('bench') && typeof fn === 'function') {
      const line = await (fn as () => Promise<string>)();
      console.log(line);
    }
  }
}
