/**
 * `coinbot promote`: every refusal with its own line and exit 78, only the grid axes written
 * (comments, order and ORDER_NOTIONAL_USDT kept), history lines that parse and chain, a rollback
 * that restores the file byte for byte, and the promoted file read back by `coinbot backtest`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_DATA_DIR } from '../../../test-support/fake-binance/index.js';
import { writePromoteRun, type PromoteFixture } from '../../../test-support/promote-fixture.js';
import { tempDir } from '../../../test-support/temp-dir.js';
import { readHistory, sha256 } from '../../engine/promote/promote-history.js';
import { cliInProcess } from '../../../test-support/cli-in-process.js';
import { parseEnvFile } from '../../engine/config/env-file.js';
import { resolveLiveConfig } from '../../engine/live/live-config.js';
import { atrBreakout } from '../../strategies/atr-breakout/atr-breakout.js';

const LIVE = `# ETH live set (comment kept)\nSYMBOL=ETH/USDT:USDT\nATR_GATE_MULT=1.06\n\nENTRY_RETEST_TOL_PCT=0.10\nENTRY_RETEST_WINDOW_S=150\nENTRY_COOLDOWN_S=300\nORDER_NOTIONAL_USDT=200\n`;

/** The in-process CLI run, with stdout and stderr as `out` and `err`. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await cliInProcess(args);
  return { code: r.code, out: r.stdout, err: r.stderr };
}

function setup(f: PromoteFixture = {}, text = LIVE) {
  const dir = tempDir('promote');
  const reports = join(dir, 'reports');
  writePromoteRun(reports, '20250624T1032Z-aaaaaaaa', f);
  mkdirSync(join(dir, 'etc'), { recursive: true });
  const target = join(dir, 'etc', 'ETH.env');
  writeFileSync(target, text);
  const base = ['promote', '--run', 'latest', '--symbol', 'ETH', '--reports', reports, '--to', target];
  return { dir, reports, target, base, history: join(dir, 'etc', 'HISTORY.jsonl') };
}

const REFUSALS: [string, PromoteFixture, string[], RegExp][] = [
  [
    'the verdict is not a CANDIDATE',
    { verdict: 'STOP' },
    [],
    /verdict for ETH\/USDT:USDT is STOP: promote a CANDIDATE's own set, or --force/,
  ],
  ['--set names another set than the CANDIDATE', {}, ['--set', 's0000'], /names s0001, not s0000/],
  ['--force comes without --reason', { verdict: 'KEEP' }, ['--force', '--set', 's0001'], /--force needs --reason/],
  [
    'the run judged another live set than the target holds',
    { baselineGate: 1.1 },
    [],
    /judged ATR_GATE_MULT=1.1 but .* has ATR_GATE_MULT=1.06/,
  ],
  [
    'the run is stale',
    { end: Date.now() - 30 * 3_600_000 },
    [],
    /h ago \(> --max-age 24.0 h\): re-run coinbot reeval --end latest/,
  ],
  [
    'the run was made by other code',
    { code: 'c'.repeat(64) },
    [],
    /made by other code .*: re-run coinbot reeval with this version/,
  ],
  [
    'the run used the bundled market facts capture',
    { factsSource: { kind: 'bundled', capture: 'x', capturedAt: 0 } },
    [],
    /used the bundled market facts capture/,
  ],
  [
    'an older run recorded fallback market facts',
    { facts: { source: 'fallback' } },
    [],
    /used the bundled market facts capture/,
  ],
  ['the set fails the live parameter schema', { candidateGate: -1 }, [], /would fail the live parameter schema: /],
];

describe('coinbot promote', () => {
  it('writes only the grid axes, keeps comments, order and ORDER_NOTIONAL_USDT=200, and records a history line', async () => {
    const s = setup();
    const r = await cli(s.base);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`target: ${s.target}`);
    expect(readFileSync(s.target, 'utf8')).toBe(
      LIVE.replace('ATR_GATE_MULT=1.06', 'ATR_GATE_MULT=1.3').replace('ENTRY_COOLDOWN_S=300', 'ENTRY_COOLDOWN_S=600'),
    );
    const { entries } = readHistory(join(s.dir, 'etc', 'HISTORY.jsonl'));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'promote',
      setId: 's0001',
      from: { ATR_GATE_MULT: '1.06', ENTRY_COOLDOWN_S: '300' },
      to: { ATR_GATE_MULT: '1.3', ENTRY_COOLDOWN_S: '600' },
      forced: false,
      prevLine: null,
      fileBefore: sha256(LIVE),
    });
  });

  for (const [name, fixture, extra, message] of REFUSALS) {
    it(`refuses with one line and exit 78 when ${name}, leaving the file and history alone`, async () => {
      const s = setup(fixture);
      const r = await cli([...s.base, ...extra]);
      expect(r.code).toBe(78);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/promote refused: /);
      expect(r.err).toMatch(message);
      expect(readFileSync(s.target, 'utf8')).toBe(LIVE);
      expect(existsSync(s.history)).toBe(false);
    });
  }

  it('promotes a set the verdict did not name with --force --reason, recorded as forced', async () => {
    const s = setup({ verdict: 'KEEP' });
    const r = await cli([...s.base, '--force', '--set', 's0001', '--reason', 'longer test passed']);
    expect(r.code).toBe(0);
    expect(readHistory(s.history).entries[0]).toMatchObject({ forced: true, reason: 'longer test passed' });
  });

  it('prints the diff and writes nothing with --dry-run', async () => {
    const s = setup();
    const r = await cli([...s.base, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('- ATR_GATE_MULT=1.06\n+ ATR_GATE_MULT=1.3');
    expect(readFileSync(s.target, 'utf8')).toBe(LIVE);
    expect(existsSync(s.history)).toBe(false);
  });

  it('rolls back byte for byte, with its own history line chained to the promotion', async () => {
    // CRLF, no final newline and a key the promotion adds: the hard cases for an exact undo.
    const text = 'SYMBOL=ETH\r\n# keep me\r\nATR_GATE_MULT=1.06\r\nORDER_NOTIONAL_USDT=200';
    const s = setup({ baselineCooldown: 0 }, text);
    expect((await cli(s.base)).code).toBe(0);
    const promoted = readFileSync(s.target, 'utf8');
    expect(promoted).toBe(
      'SYMBOL=ETH\r\n# keep me\r\nATR_GATE_MULT=1.3\r\nORDER_NOTIONAL_USDT=200\nENTRY_COOLDOWN_S=600',
    );
    expect((await cli(['promote', '--symbol', 'ETH', '--to', s.target, '--rollback'])).code).toBe(0);
    expect(readFileSync(s.target, 'utf8')).toBe(text);
    const { entries, lines } = readHistory(s.history);
    expect(entries.map((e) => e.action)).toEqual(['promote', 'rollback']);
    expect(entries[1]?.prevLine).toBe(sha256(lines[0] as string));
    expect(entries[1]?.fileBefore).toBe(entries[0]?.fileAfter);
    expect(entries[1]?.fileAfter).toBe(sha256(text));
    // Nothing left to undo.
    const again = await cli(['promote', '--symbol', 'ETH', '--to', s.target, '--rollback']);
    expect(again.code).toBe(78);
    expect(again.err).toMatch(/no promotion of .* to undo/);
  });

  it('refuses a rollback when the file was edited since the promotion', async () => {
    const s = setup();
    expect((await cli(s.base)).code).toBe(0);
    writeFileSync(s.target, `${readFileSync(s.target, 'utf8')}# edited\n`);
    const r = await cli(['promote', '--symbol', 'ETH', '--to', s.target, '--rollback']);
    expect(r.code).toBe(78);
    expect(r.err).toMatch(/changed since the promotion/);
  });

  it('refuses a history file whose lines do not chain', async () => {
    const s = setup();
    expect((await cli(s.base)).code).toBe(0);
    writeFileSync(
      s.history,
      readFileSync(s.history, 'utf8').replace('"forced":false', '"forced":true') + readFileSync(s.history, 'utf8'),
    );
    expect(() => readHistory(s.history)).toThrow(/line 2: does not chain/);
  });

  it('leaves a file that coinbot backtest --params reads back with the promoted values', async () => {
    const s = setup();
    expect((await cli(s.base)).code).toBe(0);
    const r = await cli(['backtest', '--data-dir', SAMPLE_DATA_DIR, '--params', s.target, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { params: Record<string, unknown> };
    expect(doc.params).toMatchObject({ ATR_GATE_MULT: 1.3, ENTRY_COOLDOWN_S: 600, ORDER_NOTIONAL_USDT: 200 });
  });

  it('leaves a file that coinbot live reads back as its EnvironmentFile, with the promoted values and settings', async () => {
    const s = setup();
    expect((await cli(s.base)).code).toBe(0);
    const cfg = resolveLiveConfig(atrBreakout, {
      env: {},
      file: parseEnvFile(readFileSync(s.target, 'utf8'), s.target),
    });
    expect(cfg.params).toMatchObject({ ATR_GATE_MULT: 1.3, ENTRY_COOLDOWN_S: 600, ORDER_NOTIONAL_USDT: 200 });
    expect(cfg.symbol).toBe('ETH/USDT:USDT');
  });
});
