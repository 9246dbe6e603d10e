import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../../test-support/temp-dir.js';

const here = dirname(fileURLToPath(import.meta.url));
const hasAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;
if (!hasAnalyze) {
  if (process.env.CI === 'true')
    throw new Error('systemd-analyze is missing under CI=true: .ci/run must install systemd');
  console.warn(
    '\n*** SKIPPED: systemd-analyze verify — systemd-analyze is not installed (apt-get install systemd) ***\n',
  );
}

/** `[Section] Key=Value` pairs of a unit file, later keys appended (systemd semantics for lists). */
function keys(path: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let section = '';
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const sec = /^\[(.+)\]$/.exec(line);
    if (sec) section = sec[1] as string;
    else {
      const [k, ...v] = line.split('=');
      const key = `${section}.${k}`;
      out.set(key, [...(out.get(key) ?? []), v.join('=')]);
    }
  }
  return out;
}

describe('systemd units', () => {
  it.skipIf(!hasAnalyze)('pass systemd-analyze verify with no warning, drop-in included', () => {
    const dir = tempDir('units');
    cpSync(here, dir, { recursive: true, filter: (p) => !p.endsWith('.ts') });
    for (const unit of [
      'coinbot@ETH.service',
      'coinbot-alert@ETH.service',
      'coinbot-shadow@ETH.service',
      'coinbot-reeval.service',
      'coinbot-reeval.timer',
    ]) {
      const r = spawnSync('systemd-analyze', ['verify', '--man=no', join(dir, unit)], { encoding: 'utf8' });
      expect(r.stderr, unit).toBe('');
      expect(r.status, unit).toBe(0);
    }
  });

  it('keeps the incident restart policy: on-failure, 5 s, exits 72 (stale build) and 78 (config) never restarted', () => {
    const k = keys(join(here, 'coinbot@.service.d/zzz-restart-policy.conf'));
    expect(k.get('Service.Restart')).toEqual(['on-failure']);
    expect(k.get('Service.RestartSec')).toEqual(['5s']);
    expect(k.get('Service.Type')).toEqual(['simple']);
    expect(k.get('Service.SuccessExitStatus')).toEqual(['0']);
    expect(k.get('Service.RestartPreventExitStatus')).toEqual(['72 78']);
  });

  it('stops a crash loop within minutes and alerts on failure', () => {
    const k = keys(join(here, 'coinbot@.service'));
    expect(k.get('Unit.StartLimitIntervalSec')).toEqual(['15min']);
    expect(Number(k.get('Unit.StartLimitBurst')?.[0])).toBeLessThanOrEqual(5);
    expect(k.get('Unit.OnFailure')).toEqual(['coinbot-alert@%i.service']);
    expect(k.get('Service.EnvironmentFile')).toEqual(['/etc/coinbot/%i.env', '-/etc/coinbot/secrets.env']);
    expect(k.has('Service.Restart')).toBe(false);
  });

  it('runs the shadow in paper mode on the candidate file only, with its own instance', () => {
    const k = keys(join(here, 'coinbot-shadow@.service'));
    const exec = k.get('Service.ExecStart')?.[0] ?? '';
    expect(exec).toMatch(
      / live --symbol %i --mode paper --params \/etc\/coinbot\/%i\.candidate\.env --instance shadow /,
    );
    expect(exec).not.toMatch(/--mode real/);
    expect(k.get('Service.EnvironmentFile')).toEqual(['-/etc/coinbot/secrets.env']);
    expect(k.get('Service.RestartPreventExitStatus')).toEqual(['72 78']);
  });

  it('re-evaluates daily at idle priority, fetch first (from the cache, its failure ignored), never promoting', () => {
    const t = keys(join(here, 'coinbot-reeval.timer'));
    expect(t.get('Timer.OnCalendar')).toEqual(['*-*-* 00:20:00 UTC']);
    expect(t.get('Timer.Unit')).toEqual(['coinbot-reeval.service']);
    const k = keys(join(here, 'coinbot-reeval.service'));
    const [fetch, reeval] = k.get('Service.ExecStart') ?? [];
    expect(fetch).toMatch(/^-\/usr\/bin\/node \S+ fetch --since cached --symbol \$\{COINBOT_REEVAL_SYMBOLS\} /);
    expect(reeval).toMatch(/ reeval --end latest .*--config-dir \/etc\/coinbot .*--workers 1 --notify changed$/);
    expect(k.get('Service.ExecStart')?.join(' ')).not.toMatch(/promote/);
    expect(k.get('Service.Nice')).toEqual(['19']);
    expect(k.get('Service.CPUWeight')).toEqual(['idle']);
    expect(k.get('Service.ReadWritePaths')).toEqual(['/var/lib/coinbot/cache /var/lib/coinbot/reports']);
  });
});
