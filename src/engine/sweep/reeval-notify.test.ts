import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test-support/temp-dir.js';
import { decideNotify, previousRunSummary } from './reeval-notify.js';

const run = (runId: string, labels: Record<string, string>) => ({
  runId,
  symbols: Object.entries(labels).map(([symbol, label]) => ({ symbol, label, verdict: label.split(' ')[0] as 'KEEP' })),
});

describe('reeval --notify decision', () => {
  const prev = run('r1', { BTC: 'KEEP', ETH: 'KEEP' });
  it('changed: posts only when a verdict label differs, naming the previous one', () => {
    const same = decideNotify('changed', prev, run('r2', { BTC: 'KEEP', ETH: 'KEEP' }), 'reports/r2/index.html');
    expect(same).toMatchObject({ send: false, changed: [] });
    const d = decideNotify(
      'changed',
      prev,
      run('r2', { BTC: 'KEEP', ETH: 'CANDIDATE s0003' }),
      'reports/r2/index.html',
    );
    expect(d.send).toBe(true);
    expect(d.changed).toEqual(['ETH']);
    expect(d.text).toBe(
      'coinbot reeval r2: verdict changed: BTC KEEP; ETH CANDIDATE s0003 (was KEEP); report reports/r2/index.html',
    );
    // Another candidate set is a change too.
    const c = run('r3', { BTC: 'KEEP', ETH: 'CANDIDATE s0004' });
    expect(decideNotify('changed', run('r2', { BTC: 'KEEP', ETH: 'CANDIDATE s0003' }), c, 'x').send).toBe(true);
  });

  it('changed: the first run, or a symbol the previous run did not judge, counts as changed', () => {
    expect(decideNotify('changed', null, prev, 'x')).toMatchObject({ send: true, changed: ['BTC', 'ETH'] });
    expect(decideNotify('changed', run('r0', { BTC: 'KEEP' }), prev, 'x').changed).toEqual(['ETH']);
  });

  it('always posts, never does not', () => {
    expect(decideNotify('always', prev, prev, 'x')).toMatchObject({ send: true, changed: [] });
    expect(decideNotify('always', prev, prev, 'x').text).toMatch(/verdicts unchanged: BTC KEEP; ETH KEEP/);
    expect(decideNotify('never', null, prev, 'x').send).toBe(false);
  });

  it('reads the newest other run summary, skipping damaged folders', () => {
    const out = tempDir('notify-prev');
    const put = (name: string, body: string) => {
      mkdirSync(join(out, name), { recursive: true });
      writeFileSync(join(out, name, 'summary.json'), body);
    };
    put('a', JSON.stringify({ ...run('a', { ETH: 'KEEP' }), createdAt: 1 }));
    put('b', JSON.stringify({ ...run('b', { ETH: 'STOP' }), createdAt: 2 }));
    put('c', JSON.stringify({ ...run('c', { ETH: 'NO EDGE' }), createdAt: 3 }));
    put('d', '{torn');
    expect(previousRunSummary(out, 'c')?.runId).toBe('b');
    expect(previousRunSummary(out, 'z')?.runId).toBe('c');
    expect(previousRunSummary(join(out, 'none'), 'c')).toBeNull();
  });
});
