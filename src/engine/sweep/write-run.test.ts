import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test-support/temp-dir.js';
import { freeRunId, runIdOf } from './write-run.js';

const T = Date.UTC(2026, 11, 1, 19, 50, 47, 120);
const FP = 'abcdef0123456789';

describe('run ids', () => {
  it('name the start second in UTC and the fingerprint prefix', () => {
    expect(runIdOf(T, FP)).toBe('20261201T195047Z-abcdef01');
  });

  it('never reuse a folder: a second run in the same second gets -2, then -3, sorting after the first', () => {
    const out = tempDir('run-id');
    const first = freeRunId(out, T, FP);
    expect(first).toBe('20261201T195047Z-abcdef01');
    mkdirSync(join(out, first));
    const second = freeRunId(out, T + 500, FP);
    expect(second).toBe('20261201T195047Z-abcdef01-2');
    mkdirSync(join(out, second));
    expect(freeRunId(out, T, FP)).toBe('20261201T195047Z-abcdef01-3');
    expect([second, first].sort()).toEqual([first, second]);
  });

  it('count a prefixed run folder (walkforward-<id>) as taken when given the prefix', () => {
    const out = tempDir('run-id-prefix');
    mkdirSync(join(out, 'walkforward-20261201T195047Z-abcdef01'));
    expect(freeRunId(out, T, FP)).toBe('20261201T195047Z-abcdef01');
    expect(freeRunId(out, T, FP, 'walkforward-')).toBe('20261201T195047Z-abcdef01-2');
  });
});
