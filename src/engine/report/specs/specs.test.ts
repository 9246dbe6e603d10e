import { mkdirSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildSampleReportModel } from '../fixtures/sample-report-model.js';
import { TINY_T0, tinyReportModel } from '../fixtures/tiny-report-model.js';
import type { ReportModel } from '../report-model.js';
import { renderSpecSvg } from '../spec-check.js';
import { symbolCharts, type ChartEntry } from '../symbol-charts.js';
import { buildPriceSpec } from './price-spec.js';

const here = dirname(fileURLToPath(import.meta.url));
const goldenDir = join(here, '__golden__');
const changedDir = join(here, '..', '..', '..', '..', 'test-output', 'golden-changed');

/** Normalised golden text: 2-space JSON with a final newline (builders already round numbers). */
function normalise(spec: unknown): string {
  return `${JSON.stringify(spec, null, 2)}\n`;
}

/** Compares with the golden file; on a mismatch also leaves `test-output/golden-changed/<name>` to diff against. */
async function expectGolden(name: string, text: string): Promise<void> {
  const path = join(goldenDir, name);
  const changed = join(changedDir, name);
  if (existsSync(path) && readFileSync(path, 'utf8') !== text) {
    mkdirSync(changedDir, { recursive: true });
    writeFileSync(changed, text);
  }
  await expect(text).toMatchFileSnapshot(path);
  // Reached only on a match (or under `vitest -u`): the diff file is stale.
  rmSync(changed, { force: true });
}

/** Counts drawn marks: SVG paths, lines and texts inside vega's mark groups. */
function markCount(svg: string): number {
  return (svg.match(/<path |<line |<text /g) ?? []).length;
}

let sample: ReportModel;
let sampleCharts: ChartEntry[];
beforeAll(() => {
  sample = buildSampleReportModel({ tz: 'Asia/Seoul' });
  sampleCharts = sample.symbols.flatMap((s) => symbolCharts(s, 'Asia/Seoul'));
});

describe('chart specs on the real-data fixture', () => {
  it('builds five kinds of chart per symbol, heatmaps included, when given BTC and ETH', () => {
    const kinds = new Set(sampleCharts.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(['costs', 'equity', 'halves', 'heatmap', 'price']);
    expect(sampleCharts.filter((c) => c.kind === 'heatmap')).toHaveLength(4);
    expect(new Set(sampleCharts.map((c) => c.id)).size).toBe(sampleCharts.length);
  });

  it('compiles and renders every chart headless to a non-empty SVG without warnings', async () => {
    for (const c of sampleCharts) {
      const r = await renderSpecSvg(c.spec);
      expect(r.warnings, c.id).toEqual([]);
      expect(r.svg.startsWith('<svg'), c.id).toBe(true);
      expect(markCount(r.svg), c.id).toBeGreaterThan(10);
      const size = /width="(\d+(?:\.\d+)?)" height="(\d+(?:\.\d+)?)"/.exec(r.svg);
      expect(Number(size?.[1]), c.id).toBeGreaterThan(100);
      expect(Number(size?.[2]), c.id).toBeGreaterThan(100);
    }
  });

  it('builds byte-identical specs when called twice on the same model', () => {
    const again = sample.symbols.flatMap((s) => symbolCharts(s, 'Asia/Seoul'));
    expect(JSON.stringify(again)).toBe(JSON.stringify(sampleCharts));
  });

  it('embeds only finite numbers and no undefined when serialised', () => {
    const text = JSON.stringify(sampleCharts.map((c) => c.spec));
    expect(text).not.toMatch(/NaN|Infinity|undefined/);
    expect(JSON.parse(text)).toEqual(sampleCharts.map((c) => JSON.parse(JSON.stringify(c.spec)) as unknown));
  });
});

describe('chart specs golden files (tiny hand-written model)', () => {
  const tiny = tinyReportModel();
  const charts = symbolCharts(tiny.symbols[0]!, 'UTC');
  for (const kind of ['costs', 'heatmap', 'equity', 'price', 'halves'] as const) {
    it(`matches the golden ${kind} spec when built from the tiny model`, async () => {
      const c = charts.find((x) => x.kind === kind)!;
      await expectGolden(`${kind}.vl.json`, normalise(c.spec));
    });
  }
});

describe('display time zone', () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  const price = tinyReportModel().symbols[0]!.price;
  const labels = async (tz: string) => {
    const { svg } = await renderSpecSvg(buildPriceSpec(price, { tz, symbol: 'BTC/USDT:USDT' }));
    return [...svg.matchAll(/>(\d\d-\d\d \d\d:\d\d)</g)].map((m) => m[1]);
  };

  it('labels the time axis in Asia/Seoul wall-clock time whatever the machine zone is', async () => {
    process.env.TZ = 'America/New_York';
    const seoul = await labels('Asia/Seoul');
    const utc = await labels('UTC');
    // The tiny series spans 00:00–11:00Z = 09:00–20:00 in Seoul.
    expect(utc.length).toBeGreaterThan(2);
    expect(seoul.length).toBeGreaterThan(2);
    expect(seoul).not.toEqual(utc);
    expect(utc.every((l) => l! >= '06-22 00:00' && l! <= '06-22 11:00')).toBe(true);
    expect(seoul.every((l) => l! >= '06-22 09:00' && l! <= '06-22 20:00')).toBe(true);
  });

  it('names the zone and its offset in the time axis title when the zone is not UTC', () => {
    const spec = JSON.stringify(buildPriceSpec(price, { tz: 'Asia/Seoul', symbol: 'BTC/USDT:USDT' }));
    expect(spec).toContain('time (Asia/Seoul, UTC+09:00)');
    // First close at 00:00Z is stored shifted by +9 h.
    expect(spec).toContain(`"t":${TINY_T0 + 9 * 3_600_000}`);
  });
});
