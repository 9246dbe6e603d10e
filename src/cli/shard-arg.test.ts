import { describe, expect, it } from 'vitest';
import { parseShardArg } from './shard-arg.js';

describe('--shard K/N', () => {
  it('reads whole numbers K/N with a 0-based K', () => {
    expect(parseShardArg('0/3', {})).toEqual({ index: 0, count: 3 });
    expect(parseShardArg('2/3', {})).toEqual({ index: 2, count: 3 });
  });

  it('reads K from the variable named by env:NAME, as a scheduler sets it', () => {
    expect(parseShardArg('env:JOB_COMPLETION_INDEX/4', { JOB_COMPLETION_INDEX: '3' })).toEqual({ index: 3, count: 4 });
    expect(parseShardArg('env:SLURM_ARRAY_TASK_ID/env:N', { SLURM_ARRAY_TASK_ID: '1', N: '2' })).toEqual({
      index: 1,
      count: 2,
    });
  });

  it('refuses K = N as off by one, naming the 0-based range', () => {
    expect(() => parseShardArg('3/3', {})).toThrow(/K = 3 is not below N = 3; K is 0-based \(0 … 2\)/);
  });

  it('refuses an unset variable, naming what sets it', () => {
    expect(() => parseShardArg('env:JOB_COMPLETION_INDEX/3', {})).toThrow(
      /JOB_COMPLETION_INDEX is not set \(an Indexed Job sets JOB_COMPLETION_INDEX/,
    );
  });

  it('refuses malformed specs with exit 2', () => {
    for (const bad of ['1', '1/2/3', 'a/3', '-1/3', '1/0', '$JOB_COMPLETION_INDEX/3']) {
      let code: number | undefined;
      try {
        parseShardArg(bad, {});
      } catch (e) {
        code = (e as { exitCode?: number }).exitCode;
      }
      expect(code, bad).toBe(2);
    }
  });
});
