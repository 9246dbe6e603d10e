import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCandles } from '../candle-store.js';
import { normaliseSymbol } from '../../symbols.js';
import { tempDir } from '../../../../test-support/temp-dir.js';
import { runCliSync, spawnCli } from '../../../../test-support/run-cli.js';
import { candleDir } from '../cache-layout.js';

/** Six monthly 1m CSVs of a deterministic random walk (the mechanics under test are I/O, not prices). */
function writeMonths(dir: string): string[] {
  const files: string[] = [];
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  let price = 100;
  for (let m = 0; m < 6; m++) {
    const from = Date.UTC(2025, m, 1);
    const to = Date.UTC(2025, m + 1, 1);
    const lines = ['timestamp,open,high,low,close,volume'];
    for (let t = from; t < to; t += 60_000) {
      const open = price;
      price = Math.max(1, price + (rand() - 0.5));
      const hi = Math.max(open, price) + rand() * 0.1;
      const lo = Math.min(open, price) - rand() * 0.1;
      lines.push(`${t},${open.toFixed(2)},${hi.toFixed(2)},${lo.toFixed(2)},${price.toFixed(2)},${(rand() * 10).toFixed(3)}`);
    }
    const p = join(dir, `BTCUSDT_1m_2025-${String(m + 1).padStart(2, '0')}.csv`);
    writeFileSync(p, `${lines.join('\n')}\n`);
    files.push(p);
  }
  return files;
}

function snapshot(dataDir: string): Record<string, string> {
  const dir = candleDir(dataDir, normaliseSymbol('BTC'), '1m', 'last');
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.arrow'))) out[f] = readFileSync(join(dir, f)).toString('base64');
  return out;
}

describe('import under SIGKILL', () => {
  it('leaves the cache readable after a kill and exact after a rerun', async () => {
    const src = tempDir('crash-src');
    const files = writeMonths(src);
    const clean = tempDir('crash-clean');
    expect(runCliSync(['import', ...files, '--data-dir', clean]).code).toBe(0);

    const killed = tempDir('crash-killed');
    const dir = candleDir(killed, normaliseSymbol('BTC'), '1m', 'last');
    const child = spawnCli(['import', ...files, '--data-dir', killed]);
    // Kill as soon as the first month file lands: the import is then mid-way.
    await new Promise<void>((done) => {
      const poll = setInterval(() => {
        if (existsSync(dir) && readdirSync(dir).some((n) => n.endsWith('.arrow'))) {
          child.kill('SIGKILL');
          clearInterval(poll);
        }
      }, 2);
      child.on('exit', () => {
        clearInterval(poll);
        done();
      });
    });
    expect(child.signalCode).toBe('SIGKILL');
    const partial = readCandles(killed, normaliseSymbol('BTC'), '1m');
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(readCandles(clean, normaliseSymbol('BTC'), '1m').length);

    const rerun = runCliSync(['import', ...files, '--data-dir', killed]);
    expect(rerun.code).toBe(0);
    expect(snapshot(killed)).toEqual(snapshot(clean));
    expect(readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });
});
