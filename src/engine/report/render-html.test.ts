import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clearSecretsForTests, registerSecret } from '../redact.js';
import { tinyReportModel } from './fixtures/tiny-report-model.js';
import type { ReportModel } from './report-model.js';
import { renderReportHtml, writeRunReport } from './render-html.js';
import { readVegaBundles, type VegaBundle } from './vega-bundles.js';

/** Stand-in libraries: keep the page small and show where each one lands. */
const STUB: readonly VegaBundle[] = [
  { name: 'vega', version: '0', code: '/*VEGA*/' },
  { name: 'vega-lite', version: '0', code: '/*VEGA-LITE $& $1*/' },
  { name: 'vega-embed', version: '0', code: '/*VEGA-EMBED*/' },
];

function withSymbolVerdict(model: ReportModel, verdict: ReportModel['symbols'][number]['verdict']): ReportModel {
  return { ...model, symbols: model.symbols.map((s) => ({ ...s, verdict })) };
}

afterEach(() => clearSecretsForTests());

describe('report page', () => {
  it('inlines vega, vega-lite and vega-embed in that order and references no outside resource', () => {
    const html = renderReportHtml(tinyReportModel(), { bundles: STUB });
    const a = html.indexOf('/*VEGA*/');
    const b = html.indexOf('/*VEGA-LITE $& $1*/');
    const c = html.indexOf('/*VEGA-EMBED*/');
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(a);
    expect(c).toBeGreaterThan(b);
    expect(html).not.toMatch(/<script[^>]+src=|<link |<img |@import|url\(/i);
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none';[^"]*connect-src 'none'/);
  });

  it('inlines the real browser builds with no early script end when read from node_modules', () => {
    const bundles = readVegaBundles();
    expect(bundles.map((x) => x.name)).toEqual(['vega', 'vega-lite', 'vega-embed']);
    const html = renderReportHtml(tinyReportModel(), { bundles });
    const opens = (html.match(/<script/gi) ?? []).length;
    const closes = (html.match(/<\/script/gi) ?? []).length;
    expect(opens).toBe(5);
    expect(closes).toBe(opens);
    expect(html.length).toBeGreaterThan(800_000);
  });

  it('shows the verdicts before the first chart when rendered', () => {
    const html = renderReportHtml(tinyReportModel(), { bundles: STUB });
    const verdict = html.indexOf('class="verdict-label">KEEP<');
    expect(verdict).toBeGreaterThan(0);
    expect(verdict).toBeLessThan(html.indexOf('data-chart='));
  });

  it('prints the candidate set id in the verdict label when the verdict is CANDIDATE', () => {
    const model = withSymbolVerdict(tinyReportModel(), {
      kind: 'CANDIDATE',
      setId: 's0005',
      headline: 'h',
      reasons: [],
    });
    expect(renderReportHtml(model, { bundles: STUB })).toContain('class="verdict-label">CANDIDATE s0005<');
  });

  it('escapes model text so hostile text in HTML or chart data cannot inject markup or script', () => {
    const base = tinyReportModel();
    const sym = base.symbols[0]!;
    const hostile = '</script><script>alert(1)</script>';
    const model = {
      ...base,
      title: hostile,
      symbols: [{ ...sym, heatmaps: sym.heatmaps.map((h) => ({ ...h, title: hostile })) }],
    };
    const html = renderReportHtml(model, { bundles: STUB });
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)');
    expect(html).toContain('\\u003c/script\\u003e');
  });

  it('redacts a registered secret wherever the model carries it', () => {
    registerSecret('SECRETKEY123456');
    const base = tinyReportModel();
    const model = { ...base, provenance: { ...base.provenance, commandLine: 'coinbot reeval --key SECRETKEY123456' } };
    const html = renderReportHtml(model, { bundles: STUB });
    expect(html).not.toContain('SECRETKEY123456');
    expect(html).toContain('[REDACTED]');
  });

  it('displays times in the requested zone and names it', () => {
    const utc = renderReportHtml(tinyReportModel(), { bundles: STUB });
    const seoul = renderReportHtml(tinyReportModel(), { bundles: STUB, tz: 'Asia/Seoul' });
    expect(utc).toContain('Window 2025-06-22 00:00 → 2025-06-22 12:00');
    expect(seoul).toContain('Window 2025-06-22 09:00 → 2025-06-22 21:00');
    expect(seoul).toContain('times in Asia/Seoul, UTC+09:00');
  });

  it('renders byte-identical pages when called twice', () => {
    expect(renderReportHtml(tinyReportModel(), { bundles: STUB })).toBe(
      renderReportHtml(tinyReportModel(), { bundles: STUB }),
    );
  });

  it('refuses a model of another version with a message naming the fix', () => {
    const model = { ...tinyReportModel(), modelVersion: 99 } as unknown as ReportModel;
    expect(() => renderReportHtml(model, { bundles: STUB })).toThrow(/update the mapper/);
  });

  it('writes index.html atomically into the run folder and leaves no temp file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coinbot-report-'));
    try {
      const path = writeRunReport(join(dir, 'run-1'), tinyReportModel(), { bundles: STUB });
      expect(path).toBe(join(dir, 'run-1', 'index.html'));
      expect(readFileSync(path, 'utf8')).toContain('<!doctype html>');
      expect(readdirSync(join(dir, 'run-1'))).toEqual(['index.html']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
