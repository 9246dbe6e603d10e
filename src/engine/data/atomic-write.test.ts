import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test-support/temp-dir.js';
import { removeStaleTemps, writeFileAtomic, writeFileAtomicAsync } from './atomic-write.js';

describe('atomic file replacement', () => {
  it('replaces a file with the new bytes and leaves no temp file, sync and async alike', async () => {
    const dir = tempDir('atomic-write');
    const a = join(dir, 'sub', 'a.json');
    writeFileAtomic(a, 'old\n');
    writeFileAtomic(a, 'new\n');
    const b = join(dir, 'sub', 'b.json');
    writeFileSync(join(dir, 'sub', 'placeholder'), '');
    await Promise.all([writeFileAtomicAsync(b, 'one\n'), writeFileAtomicAsync(join(dir, 'c.bin'), Uint8Array.of(1, 2))]);
    await writeFileAtomicAsync(b, 'two\n');
    expect(readFileSync(a, 'utf8')).toBe('new\n');
    expect(readFileSync(b, 'utf8')).toBe('two\n');
    expect([...readFileSync(join(dir, 'c.bin'))]).toEqual([1, 2]);
    expect(readdirSync(join(dir, 'sub')).sort()).toEqual(['a.json', 'b.json', 'placeholder']);
  });

  it('removes the temp files a killed writer left, and nothing else', () => {
    const dir = tempDir('atomic-stale');
    writeFileSync(join(dir, '.a.json.tmp-123-1'), 'torn');
    writeFileSync(join(dir, 'a.json'), 'whole');
    expect(removeStaleTemps(dir)).toBe(1);
    expect(existsSync(join(dir, 'a.json'))).toBe(true);
    expect(readdirSync(dir)).toEqual(['a.json']);
  });
});
