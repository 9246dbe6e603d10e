import { beforeEach, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { serverError, SAMPLE_DATA_DIR, useFakeBinance } from '../../../test-support/fake-binance/index.js';
import { spawnCli } from '../../../test-support/run-cli.js';
import { tempDir } from '../../../test-support/temp-dir.js';
import { candleDir } from '../../engine/data/cache-layout.js';
import { readCandles } from '../../engine/data/candle-store.js';
import { readFunding } from '../../engine/data/funding-store.js';
import { validateCandles } from '../../engine/data/validate-candles.js';
import { normaliseSymbol } from '../../engine/symbols.js';
import { cliInProcess } from '../../../test-support/cli-in-process.js';

const ETH = normaliseSymbol('ETH');
const SAMPLE = readCandles(SAMPLE_DATA_DIR, ETH, '1m');
const FIRST = SAMPLE.ts[0] as number;
const LAST = SAMPLE.ts[SAMPLE.length - 1] as number;
const TUNING = [
  '--rate-limit-ms',
  '1',
  '--retries',
  '2',
  '--retry-base-ms',
  '1',
  '--retry-cap-ms',
  '2',
  '--timeout-ms',
  '300',
];

const fake = useFakeBinance();
beforeEach(() => {
  fake.clock.set(LAST + 30_000);
});

const cli = cliInProcess;

const fetchArgs = (dir: string, ...more: string[]) => [
  'fetch',
  '--symbol',
  'ETH',
  '--since',
  String(FIRST),
  '--data-dir',
  dir,
  '--exchange-url',
  fake.url,
  ...TUNING,
  ...more,
];

/** The sample candles closed at the fake clock's default time. */
const servedTs = () => Array.from(SAMPLE.ts).filter((t) => t + 60_000 <= LAST + 30_000);

describe('coinbot fetch', () => {
  it('stores the served candles and prints one summary line (exit 0)', async () => {
    const dir = tempDir('cli-fetch');
    const r = await cli(fetchArgs(dir));
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toMatch(
      /^ETH\/USDT:USDT 1m \[2025-06-21T10:33:00Z, 2025-06-24T10:32:00Z\): 4,319 candles added, 0 already cached, 0 missing on the exchange; funding \d+ added/,
    );
    expect(Array.from(readCandles(dir, ETH, '1m').ts)).toEqual(servedTs());
  });

  it('prints a JSON summary with --json', async () => {
    const dir = tempDir('cli-fetch-json');
    const r = await cli(fetchArgs(dir, '--json', '--no-funding'));
    expect(r.code).toBe(0);
    const [s] = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(s).toMatchObject({
      symbol: 'ETH/USDT:USDT',
      id: 'ETHUSDT',
      added: 4319,
      from: '2025-06-21T10:33:00Z',
      funding: null,
    });
    expect(fake.paths()).not.toContain('/fapi/v1/fundingRate');
  });

  it('exits 78 with the guard message for a symbol the exchange does not list', async () => {
    const r = await cli([
      'fetch',
      '--symbol',
      'DOGE',
      '--since',
      '2025-06-21',
      '--data-dir',
      tempDir('cli-doge'),
      '--exchange-url',
      fake.url,
      ...TUNING,
    ]);
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/^coinbot: guard symbol-listed: DOGE\/USDT:USDT is not listed/);
  });

  it('exits 78 for a malformed --exchange-url and 2 for a malformed --since', async () => {
    expect(
      (await cli(['fetch', '--symbol', 'ETH', '--since', '2025-06-21', '--exchange-url', 'http://127.0.0.1:1/fapi']))
        .code,
    ).toBe(78);
    expect((await cli(['fetch', '--symbol', 'ETH', '--since', 'yesterday', '--exchange-url', fake.url])).code).toBe(2);
  });

  it('exits 2 for --testnet together with --exchange-url', async () => {
    const r = await cli(['fetch', '--symbol', 'ETH', '--since', '2025-06-21', '--testnet', '--exchange-url', fake.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--testnet and --exchange-url/);
    expect(fake.requests).toHaveLength(0);
  });

  it('exits 75 with a one-line error when the exchange keeps failing, keeping what was stored', async () => {
    const dir = tempDir('cli-fetch-75');
    const cut = FIRST + 1500 * 60_000;
    fake.inject('/fapi/v1/klines', serverError(503), {
      times: Infinity,
      when: (q) => Number(q.get('startTime')) >= cut,
    });
    const r = await cli(fetchArgs(dir));
    expect(r.code).toBe(75);
    const last = r.stderr.trim().split('\n').at(-1) ?? '';
    expect(last).toMatch(
      /^coinbot: GET \/fapi\/v1\/klines ETHUSDT 1m from 2025-06-22T11:33:00Z: failed 3 times, last: .*rerun later$/,
    );
    expect(readCandles(dir, ETH, '1m').length).toBe(1500);
  });
});

describe('coinbot fetch under SIGKILL', () => {
  it('leaves no duplicate, missing or corrupt row after kills and a rerun', async () => {
    const dir = tempDir('cli-fetch-kill');
    const args = [...fetchArgs(dir, '--page-size', '100'), '--json'];
    // Kill the child a few ms after its n-th klines request, at different points of the page cycle.
    for (const [n, delayMs] of [
      [8, 0],
      [12, 4],
      [10, 9],
    ] as const) {
      fake.clearRequests();
      const child = spawnCli(args);
      let klines = 0;
      const poll = setInterval(() => {
        klines = fake.requestsTo('/fapi/v1/klines').length;
        if (klines >= n) {
          clearInterval(poll);
          setTimeout(() => child.kill('SIGKILL'), delayMs);
        }
      }, 1);
      await new Promise<void>((done) => child.on('exit', () => done()));
      clearInterval(poll);
      expect(child.signalCode).toBe('SIGKILL');
      const partial = readCandles(dir, ETH, '1m');
      validateCandles(partial, { file: 'after kill', lineOf: (i) => i + 1 }, 60_000);
      expect(partial.length).toBeLessThan(servedTs().length);
      // Whatever survived is a prefix of the served candles, value for value.
      expect(Array.from(partial.ts)).toEqual(servedTs().slice(0, partial.length));
      expect(Array.from(partial.close)).toEqual(Array.from(SAMPLE.close.subarray(0, partial.length)));
    }
    const r = await cli(args);
    expect(r.code).toBe(0);
    const s = readCandles(dir, ETH, '1m');
    expect(Array.from(s.ts)).toEqual(servedTs());
    expect(Array.from(s.close)).toEqual(Array.from(SAMPLE.close.subarray(0, s.length)));
    expect(Array.from(s.volume)).toEqual(Array.from(SAMPLE.volume.subarray(0, s.length)));
    expect(readFunding(dir, ETH).length).toBeGreaterThan(5);
    expect(readdirSync(candleDir(dir, ETH, '1m', 'last')).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});
