import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkHealth } from './health-check.js';
import { REPO_ROOT } from '../../../test-support/repo-paths.js';
import { runCli } from '../../../test-support/run-cli.js';

const fixture = (name: string) => resolve(REPO_ROOT, 'test-support/fixtures/health', name);
const lines = (name: string) => readFileSync(fixture(name), 'utf8').split('\n');
const NOW = Date.parse('2025-06-24T10:30:30Z');

describe('health check', () => {
  it('passes a bot that consumed and decided on the last closed candle', () => {
    const r = checkHealth(lines('healthy.log'), NOW);
    expect(r.healthy).toBe(true);
    expect(r.lastCandleTs).toBe(1750760940000);
  });

  it('flags a bot that runs but stopped consuming candles', () => {
    const r = checkHealth(lines('stale.log'), NOW);
    expect(r.healthy).toBe(false);
    expect(r.checks.find((c) => c.name === 'candles')).toMatchObject({ ok: false });
    expect(r.checks.find((c) => c.name === 'errors')).toMatchObject({ ok: true });
  });

  it('flags the incident: KeyError, traceback and a restart loop', () => {
    const r = checkHealth(lines('incident-keyerror.log'), Date.parse('2025-11-26T03:40:30Z'));
    expect(r.healthy).toBe(false);
    const failed = r.checks.filter((c) => !c.ok).map((c) => c.name);
    expect(failed).toEqual(['errors', 'tracebacks', 'restarts', 'candles', 'decisions']);
    expect(r.restarts).toBe(3);
    expect(r.checks[0]?.detail).toContain("KeyError: 'id'");
  });

  it('counts a restart loop from start lines and fatal exits', () => {
    const r = checkHealth(lines('restart-loop.log'), Date.parse('2025-06-24T10:28:30Z'));
    expect(r.restarts).toBe(3);
    expect(r.checks.find((c) => c.name === 'restarts')).toMatchObject({ ok: false });
    expect(r.checks.find((c) => c.name === 'errors')?.detail).toMatch(/3 fatal: exchange unreachable/);
  });

  it('exits 1 with a readable report from the CLI and 0 when healthy', async () => {
    const bad = await runCli(['health', '--file', fixture('incident-keyerror.log'), '--now', '2025-11-26T03:40:30Z']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^UNHEALTHY: .*incident-keyerror\.log\n {2}\[FAIL\] errors: 3 KeyError/);
    const good = await runCli(['health', '--file', fixture('healthy.log'), '--now', '2025-06-24T10:30:30Z', '--json']);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ healthy: true, restarts: 0 });
  });
});
