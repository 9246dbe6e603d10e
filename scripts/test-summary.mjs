// Prints the plain closing line CI reads ("Tests: N passed, N failed, N skipped") from
// vitest's JSON report (test-output/vitest.json). Exits 1 when the report is missing.
import { readFileSync } from 'node:fs';
let r;
try {
  r = JSON.parse(readFileSync('test-output/vitest.json', 'utf8'));
} catch {
  console.log('Tests: 0 passed, 1 failed');
  console.error('test-summary: test-output/vitest.json missing: the test runner did not finish');
  process.exit(1);
}
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
