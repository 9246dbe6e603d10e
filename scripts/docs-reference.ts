/**
 * `npm run docs:reference`: writes docs/configuration-reference.md from the code
 * (scripts/config-reference.ts). `--check`: exit 1 when the committed file is stale.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../src/engine/data/atomic-write.js';
import { renderConfigReference } from './config-reference.js';

/** Path of the generated reference. */
export const REFERENCE_PATH = join(dirname(fileURLToPath(import.meta.url)), '../docs/configuration-reference.md');

const text = renderConfigReference();
const current = existsSync(REFERENCE_PATH) ? readFileSync(REFERENCE_PATH, 'utf8') : '';
if (process.argv.includes('--check')) {
  if (current !== text) {
    process.stderr.write(`${REFERENCE_PATH} is stale: run 'npm run docs:reference'\n`);
    process.exitCode = 1;
  }
} else if (current !== text) {
  writeFileAtomic(REFERENCE_PATH, text);
  process.stdout.write(`wrote ${REFERENCE_PATH}\n`);
} else process.stdout.write(`${REFERENCE_PATH} is up to date\n`);
