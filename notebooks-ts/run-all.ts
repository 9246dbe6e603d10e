/**
 * `npm run notebooks [-- --data-dir DIR] [-- --quick]`: runs every notebook, one child process
 * each (a notebook is a script: its cells run top to bottom), on `../shared/data` when it is
 * beside the clone, else on the bundled sample; prints each page's path. Exits 1 when any
 * notebook failed (after running the others).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { NOTEBOOKS } from './lib/notebook-list.js';
import { REPO_ROOT } from './lib/notebook-args.js';

let failed = 0;
for (const name of NOTEBOOKS) {
  const file = resolve(REPO_ROOT, 'notebooks-ts', `${name}.ts`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file, ...process.argv.slice(2)], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    failed += 1;
    process.stderr.write(`notebooks: ${name} failed (exit ${r.status ?? r.signal})\n`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
