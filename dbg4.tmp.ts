import { hang, lostAnswer, rateLimited, serverError, startFakeBinance, type Fault } from './test-support/fake-binance/index.js';
import { ALL_HARSH_BEHAVIOUR } from './test-support/live-matrix/behaviours.js';
import { paramsText } from './test-support/live-matrix/scenario.js';
import { runLiveInProcess } from './test-support/live-run.js';
import { mkdtempSync } from 'node:fs';
const HOUR = 3_600_000; const START = Date.UTC(2025, 5, 21, 16); const HOURS = 48;
const PATHS = ['/fapi/v1/order', '/fapi/v1/algoOrder', '/fapi/v2/positionRisk', '/fapi/v1/openOrders'];
function prng(seed: number) { let a = seed >>> 0; return () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
const rnd = prng(20250621);
const fake = await startFakeBinance({ harsh: ALL_HARSH_BEHAVIOUR.harsh, now: START });
const kinds: (() => Fault)[] = [() => serverError(503), () => rateLimited(2), () => lostAnswer(), () => hang()];
for (let h = 0; h < HOURS; h++) { const n = Math.floor(rnd() * 3); for (let i = 0; i < n; i++) { const at = START + h * HOUR + Math.floor(rnd() * HOUR); const path = PATHS[Math.floor(rnd() * PATHS.length)] as string; fake.inject(path, (kinds[Math.floor(rnd() * kinds.length)] as () => Fault)(), { when: () => fake.clock.now() >= at }); } }
const ends = [8, 17, 26, 35, 48].map((h) => START + h * HOUR + Math.floor(rnd() * 20) * 60_000);
const dir = mkdtempSync('/tmp/soak4-');
const out = await runLiveInProcess({ fake, dataDir: dir, params: paramsText(), mode: 'real', start: START, stopAt: ends[0]!, timeoutMs: 500, pollSliceMs: 5_000 });
const v = fake.violations();
console.log('violations', v.map((x) => `${x.kind} ${new Date(x.time).toISOString()} ${x.detail}`));
const first = v[0];
if (first) {
  const from = first.time - 10_000 - 2_000, to = first.time + 60_000;
  for (const r of fake.requests.filter((r) => r.at >= from && r.at <= to)) console.log('REQ', new Date(r.at).toISOString(), r.method, r.path, r.status, r.fault ?? '', JSON.stringify(r.params).slice(0, 110));
  for (const l of out.lines.filter((l) => Date.parse(String(l.time)) >= from && Date.parse(String(l.time)) <= to)) console.log('LOG', l.time, l.event, String(l.msg).slice(0, 160));
}
await fake.close();
