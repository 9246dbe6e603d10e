import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { gitRevision, prefetchGitRevision, SOURCE_ROOT } from './git-revision.js';

describe('git revision of the source tree', () => {
  it('is the same whether fetched in the background first or read when asked', async () => {
    const git = (args: string[]) => spawnSync('git', args, { cwd: SOURCE_ROOT, encoding: 'utf8' });
    const head = git(['rev-parse', 'HEAD']);
    const dirty = git(['status', '--porcelain', '--untracked-files=no']).stdout.trim() !== '';
    const want = head.status === 0 ? `${head.stdout.trim()}${dirty ? '-dirty' : ''}` : 'unknown';
    await prefetchGitRevision();
    expect(gitRevision()).toBe(want);
  });
});
