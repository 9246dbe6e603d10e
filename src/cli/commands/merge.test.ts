import { beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliInProcess } from '../../../test-support/cli-in-process.js';
import { SAMPLE_DATA_DIR } from '../../../test-support/repo-paths.js';
import { tempDir } from '../../../test-support/temp-dir.js';

const dir = tempDir('merge-cli');
const grid = join(dir, 'grid.json');
/** `coinbot reeval --shard` on one symbol of the sample with a 4-set grid. */
const shard = (spec: string, shardDir: string, extra: string[] = []) =>
  cliInProcess([
    'reeval',
    '--symbols',
    'BTC',
    '--data-dir',
    SAMPLE_DATA_DIR,
    '--grid',
    grid,
    '--workers',
    '1',
    '--shard',
    spec,
    '--shard-dir',
    shardDir,
    '--json',
    ...extra,
  ]);
const merge = (...args: string[]) => cliInProcess(['merge', ...args, '--data-dir', SAMPLE_DATA_DIR, '--out', dir]);
const a = join(dir, 'a');
const b = join(dir, 'b');

describe('coinbot reeval --shard and coinbot merge', () => {
  beforeAll(async () => {
    writeFileSync(grid, JSON.stringify({ ATR_GATE_MULT: [1.5], ENTRY_COOLDOWN_S: [300] }));
    for (const [spec, d, extra] of [
      ['0/2', a, []],
      ['1/2', a, []],
      ['1/2', b, ['--hours', '24']],
    ] as const) {
      const r = await shard(spec, d, [...extra]);
      expect(r.code, r.stderr).toBe(0);
    }
  }, 120_000);

  it('writes shard-K-of-N.json holding its slice of the sets, and nothing else in the folder', async () => {
    expect(readdirSync(a).sort()).toEqual(['shard-0-of-2.json', 'shard-1-of-2.json']);
  });

  it('refuses --shard env:NAME/N when NAME is not set (exit 2)', async () => {
    const r = await shard('env:K/2', join(dir, 'c'), []);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--shard env:K\/2: K is not set/);
  });

  it('refuses shards of the same inputs but different splits with exit 65', async () => {
    const three = join(dir, 'three');
    const r = await shard('2/3', three);
    expect(r.code, r.stderr).toBe(0);
    const m = await merge(join(a, 'shard-0-of-2.json'), join(three, 'shard-2-of-3.json'));
    expect(m.code).toBe(65);
    expect(m.stderr).toMatch(
      /shard-2-of-3\.json is shard 2\/3 but .*shard-0-of-2\.json is 0\/2: merge the shards of one split/,
    );
  });

  it('refuses shards of different inputs with exit 65, naming both files and the fix', async () => {
    const r = await merge(join(a, 'shard-0-of-2.json'), join(b, 'shard-1-of-2.json'));
    expect(r.code).toBe(65);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /shard-1-of-2\.json and .*shard-0-of-2\.json are shards of different inputs \(fingerprint [0-9a-f]{12}… vs [0-9a-f]{12}…\): run every shard on the same data/,
    );
  });

  it('refuses a missing shard with exit 66, naming the shard and how to make it', async () => {
    const r = await merge(join(a, 'shard-0-of-2.json'));
    expect(r.code).toBe(66);
    expect(r.stderr).toMatch(/shard 1\/2 of 2 missing: wait for it or run coinbot reeval --shard 1\/2/);
  });

  it('refuses the same shard given twice with exit 2, naming both paths', async () => {
    const copy = join(dir, 'copy');
    mkdirSync(copy);
    copyFileSync(join(a, 'shard-0-of-2.json'), join(copy, 'shard-0-of-2.json'));
    const r = await merge(a, join(copy, 'shard-0-of-2.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/shard 0\/2 is given twice \(.*a\/shard-0-of-2\.json, .*copy\/shard-0-of-2\.json\)/);
  });

  it('refuses to merge on live sets other than the shards ran with (exit 65)', async () => {
    const config = join(dir, 'config');
    mkdirSync(config);
    writeFileSync(join(config, 'BTC.env'), 'SYMBOL=BTC/USDT:USDT\nATR_GATE_MULT=1.1\n');
    const r = await merge(a, '--config-dir', config);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/the shards' inputs differ from this machine's \(grid\)/);
  });

  it('refuses a file that is not a shard with exit 65 and a missing one with exit 66', async () => {
    const bogus = join(dir, 'bogus.json');
    writeFileSync(bogus, '{"kind":"coinbot.reeval.results"}');
    expect((await merge(bogus)).code).toBe(65);
    expect((await merge(join(dir, 'nope.json'))).code).toBe(66);
  });

  it('refuses --journal and --notify on a shard: they belong to the merge (exit 2)', async () => {
    const j = await shard('0/2', join(dir, 'c'), ['--journal', grid]);
    expect(j.code).toBe(2);
    expect(j.stderr).toMatch(/--journal: give the journals to coinbot merge/);
  });
});
