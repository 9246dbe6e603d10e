/**
 * `coinbot live` as systemd runs it: a child process against the loopback fake. Each start-up
 * failure ends with its exit code (78 configuration: not restarted; 75 transient: restarted),
 * and SIGTERM ends a paper run cleanly with exit 0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverError, startFakeBinance, type FakeBinance } from '../../../test-support/fake-binance/index.js';
import { childEnv, startLiveChild } from '../../../test-support/live-child.js';
import { tempDir } from '../../../test-support/temp-dir.js';
import { envRecord, parseEnvFile } from '../../engine/config/env-file.js';

const S = Date.UTC(2025, 5, 22, 6, 0);
const ETH_ENV = envRecord(parseEnvFile(readFileSync('config/live/ETH.env', 'utf8'), 'ETH.env'));
const FAST = [
  '--poll-ms',
  '50',
  '--retries',
  '1',
  '--retry-base-ms',
  '5',
  '--retry-cap-ms',
  '20',
  '--timeout-ms',
  '1000',
  '--rate-limit-ms',
  '0.001',
  '--startup-retry-s',
  '1',
];
const KEYS = { BINANCE_API_KEY: 'fake-api-key-0001', BINANCE_API_SECRET: 'fake-api-secret-0001' };

let fake: FakeBinance;
let down: FakeBinance;
let hedged: FakeBinance;
beforeAll(async () => {
  [fake, down, hedged] = await Promise.all([
    startFakeBinance({ now: S }),
    startFakeBinance({ now: S }),
    startFakeBinance({ now: S }),
  ]);
  down.inject('/fapi/v1/exchangeInfo', serverError(503), { times: Infinity });
  hedged.book.dualSidePosition = true;
});
afterAll(async () => {
  await Promise.all([fake.close(), down.close(), hedged.close()]);
});

async function run(args: readonly string[], env: Readonly<Record<string, string>>) {
  const c = startLiveChild(['live', '--data-dir', tempDir('live-cli'), ...FAST, ...args], childEnv(env));
  const { code } = await c.exited;
  return { code, lines: c.lines, stderr: c.stderr() };
}

describe.concurrent('coinbot live start-up failures (child process)', () => {
  it('exits 78 with "did you mean" when the environment misspells a parameter, before any request', async () => {
    const r = await run(['--symbol', 'ETH', '--exchange-url', fake.url], { ...ETH_ENV, ATR_GATE_MUL: '1.06' });
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/unknown variable 'ATR_GATE_MUL'; did you mean ATR_GATE_MULT\?/);
    // One fatal line for the journal and nothing else: no start, no request.
    expect(r.lines.map((l) => [l.event, l.exitCode, l.symbol])).toEqual([['fatal', 78, 'ETH/USDT:USDT']]);
  });

  it('exits 2 for --testnet together with --exchange-url, before any request', async () => {
    const before = fake.requests.length;
    const r = await run(['--symbol', 'ETH', '--testnet', '--exchange-url', fake.url], ETH_ENV);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--testnet and --exchange-url/);
    expect(fake.requests.length).toBe(before);
  });

  it('exits 78 when --symbol contradicts SYMBOL in the EnvironmentFile', async () => {
    const r = await run(['--symbol', 'BTC', '--exchange-url', fake.url], ETH_ENV);
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/--symbol BTC\/USDT:USDT contradicts SYMBOL=ETH\/USDT:USDT/);
  });

  it('exits 78 from the guard when the symbol is not listed, logging the failed check', async () => {
    const r = await run(['--symbol', 'DOGE', '--exchange-url', fake.url], {});
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/guard symbol-listed: DOGE\/USDT:USDT is not listed/);
    expect(r.lines).toContainEqual(expect.objectContaining({ event: 'guard', check: 'symbol-listed', ok: false }));
    expect(r.lines).toContainEqual(expect.objectContaining({ event: 'fatal', exitCode: 78, level: 'fatal' }));
  });

  it('exits 75 after retrying inside the process for the start-up budget when the exchange is down', async () => {
    const r = await run(['--symbol', 'ETH', '--exchange-url', down.url], ETH_ENV);
    expect(r.code).toBe(75);
    expect(r.stderr).toMatch(/guard markets-loaded: could not load markets/);
    expect(
      r.lines.filter((l) => l.event === 'retry' && /start-up attempt/.test(String(l.msg))).length,
    ).toBeGreaterThanOrEqual(1);
    expect(r.lines).toContainEqual(expect.objectContaining({ event: 'fatal', exitCode: 75 }));
  });

  it('exits 78 in real mode without API keys, before touching the network', async () => {
    const r = await run(['--symbol', 'ETH', '--mode', 'real', '--exchange-url', fake.url], ETH_ENV);
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/--mode real needs API keys/);
  });

  it('exits 78 in real mode when the account is in hedge mode, without printing the API key', async () => {
    const r = await run(['--symbol', 'ETH', '--mode', 'real', '--exchange-url', hedged.url], { ...ETH_ENV, ...KEYS });
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/hedge mode/);
    expect(hedged.requestsTo('/fapi/v1/order')).toEqual([]);
    expect(JSON.stringify(r.lines) + r.stderr).not.toContain(KEYS.BINANCE_API_KEY);
  });

  it('exits 78 for an unknown COINBOT_LOG_LEVEL', async () => {
    const r = await run(['--symbol', 'ETH', '--exchange-url', fake.url], { ...ETH_ENV, COINBOT_LOG_LEVEL: 'verbose' });
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/COINBOT_LOG_LEVEL='verbose' is not a level/);
  });
});

describe('coinbot live --mode paper stops on SIGTERM (child process)', () => {
  it('finishes its step, saves its state, logs stop and exits 0 when SIGTERM arrives', async () => {
    const dir = tempDir('live-sigterm');
    fake.clock.set(S);
    const c = startLiveChild(
      ['live', '--symbol', 'ETH', '--exchange-url', fake.url, '--data-dir', dir, ...FAST],
      childEnv(ETH_ENV),
    );
    await c.waitFor((l) => l.event === 'guard' && l.check === 'timeline');
    // Run the exchange's clock at ×250 until the bot has decided on a few candles.
    const timer = setInterval(() => fake.clock.advance(5_000), 20);
    try {
      await c.waitFor((l) => l.event === 'decision' && (l.candleTs as number) >= S + 2 * 60_000);
    } finally {
      clearInterval(timer);
    }
    c.child.kill('SIGTERM');
    const { code, signal } = await c.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    const last = c.lines[c.lines.length - 1];
    expect(last).toMatchObject({ event: 'stop', signal: 'SIGTERM', level: 'info' });
    expect(c.lines.some((l) => l.event === 'fatal')).toBe(false);
    const state = JSON.parse(readFileSync(join(dir, 'state', 'ETH-paper.json'), 'utf8')) as { lastCandleTs: number };
    expect(state.lastCandleTs).toBeGreaterThanOrEqual(S + 2 * 60_000);
    expect(existsSync(join(dir, 'state', 'ETH-paper.journal.jsonl'))).toBe(true);
  });
});
