/**
 * `coinbot reeval --notify`: a loopback webhook receives the verdicts and the report path on
 * the first run and with `always`, and nothing when `changed` finds every verdict unchanged.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_DATA_DIR } from '../../../test-support/repo-paths.js';
import { tempDir } from '../../../test-support/temp-dir.js';
import { cliInProcess } from '../../../test-support/cli-in-process.js';

const received: string[] = [];
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (b) => (body += String(b)));
    req.on('end', () => {
      received.push((JSON.parse(body) as { text: string }).text);
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('coinbot reeval --notify', () => {
  it('posts on the first run, not when nothing changed, and always with --notify always', async () => {
    const dir = tempDir('reeval-notify');
    const grid = join(dir, 'grid.json');
    writeFileSync(grid, JSON.stringify({ ATR_GATE_MULT: [1.0, 1.5] }));
    const out = join(dir, 'reports');
    const reeval = async (mode: string) => {
      process.env.COINBOT_WEBHOOK_URL = url;
      try {
        const r = await cliInProcess([
          'reeval',
          '--data-dir',
          SAMPLE_DATA_DIR,
          '--symbols',
          'ETH',
          '--grid',
          grid,
          '--out',
          out,
          '--workers',
          '1',
          '--notify',
          mode,
          '--json',
        ]);
        expect(r.code, r.stderr).toBe(0);
        return { ...r, runId: (JSON.parse(r.stdout) as { runId: string }).runId };
      } finally {
        delete process.env.COINBOT_WEBHOOK_URL;
      }
    };
    const first = await reeval('changed');
    expect(received).toHaveLength(1);
    expect(received[0]).toMatch(
      new RegExp(
        `^coinbot reeval ${first.runId}: verdict changed: ETH/USDT:USDT (KEEP|STOP|NO EDGE|INSUFFICIENT DATA|CANDIDATE s\\d{4}); report .*${first.runId}/index.html$`,
      ),
    );
    const second = await reeval('changed');
    expect(second.stderr).toMatch(/notify: verdicts unchanged since the previous run, no message/);
    expect(received).toHaveLength(1);
    const third = await reeval('always');
    expect(received).toHaveLength(2);
    expect(received[1]).toMatch(new RegExp(`^coinbot reeval ${third.runId}: verdicts unchanged: ETH/USDT:USDT `));
  }, 180_000);
});
