/**
 * Starts the loopback fake Binance USDT-M exchange (test-support/fake-binance) for trying
 * `coinbot live` by hand, and prints its URL. It serves the bundled sample candles (BTC, ETH,
 * SOL 1m, 2025-06-21 → 06-24) with a clock that starts at `--from` and runs `--speed` times
 * faster than real time, and an account (10,000 USDT, one-way mode) whose orders are matched
 * against those candles. Any non-empty API key is accepted; signatures are not checked.
 *
 *   npx tsx scripts/fake-exchange.ts [--port 8080] [--speed 60] [--from 2025-06-22T00:00Z]
 *
 * Then, in another shell:
 *   npx tsx src/cli/main.ts live --symbol ETH --params config/live/ETH.env \
 *     --exchange-url http://127.0.0.1:8080 --data-dir /tmp/coinbot-try --poll-ms 500
 * Stop both with Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { startFakeBinance } from '../test-support/fake-binance/index.js';
import { parseInstant, formatInstant } from '../src/engine/time.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    speed: { type: 'string', default: '60' },
    from: { type: 'string', default: '2025-06-22T00:00:00Z' },
  },
});
const speed = Number(values.speed);
if (!(speed > 0)) throw new Error('--speed must be a positive number (1 = real time)');
const start = parseInstant(values.from, '--from');

const fake = await startFakeBinance({ now: start, port: Number(values.port) });
process.stdout.write(`fake Binance USDT-M listening on ${fake.url}\n`);
process.stdout.write(
  `fake clock starts at ${formatInstant(start)} and runs ×${speed}; sample data ends ${formatInstant((fake.data.lastOpenTime() ?? start) + 60_000)}\n`,
);
process.stdout.write(
  `try: npx tsx src/cli/main.ts live --symbol ETH --params config/live/ETH.env --exchange-url ${fake.url} --data-dir /tmp/coinbot-try --poll-ms 500\n`,
);

const tickMs = 100;
const timer = setInterval(() => fake.clock.advance(tickMs * speed), tickMs);
const stop = () => {
  clearInterval(timer);
  void fake.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
