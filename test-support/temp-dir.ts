/** A fresh temp folder per test, removed after the test file finishes. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** Creates a temp folder named after `label`; it is deleted in `afterAll`. */
export function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `coinbot-${label}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
