import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tinyReportModel } from './fixtures/tiny-report-model.js';
import { renderRunsIndexHtml, summariseRun, writeRunsIndex, type RunSummary } from './render-index.js';

const run = (
  runId: string,
  createdAt: number,
  verdict: RunSummary['symbols'][number]['verdict'] = 'KEEP',
): RunSummary => ({
  runId,
  createdAt,
  fingerprint: `fp-${runId}`,
  href: `${runId}/index.html`,
  symbols: [{ symbol: 'BTC/USDT:USDT', verdict, label: verdict }],
});

describe('runs index', () => {
  it('lists runs newest first with time, verdicts, fingerprint and a relative link', () => {
    const html = renderRunsIndexHtml([run('a', Date.UTC(2025, 5, 20)), run('b', Date.UTC(2025, 5, 22))]);
    expect(html.indexOf('href="b/index.html"')).toBeLessThan(html.indexOf('href="a/index.html"'));
    expect(html).toContain('2025-06-22 00:00');
    expect(html).toContain('fp-a');
    expect(html).toContain('class="chip v-keep">KEEP<');
  });

  it('shows STOP in red, like NO EDGE, in the list and on the run page', () => {
    const html = renderRunsIndexHtml([run('a', 0, 'STOP')]);
    expect(html).toContain('class="chip v-stop">STOP<');
    expect(html).toMatch(/\.v-stop \{ border-color: #c62828; \}/);
  });

  it('contains no script and references nothing outside the file', () => {
    const html = renderRunsIndexHtml([run('a', 0)]);
    expect(html).not.toMatch(/<script|src=|<link |https?:\/\//i);
  });

  it('refuses an absolute link, which would leave the file', () => {
    expect(() => renderRunsIndexHtml([{ ...run('a', 0), href: 'https://example.com/x' }])).toThrow(/must be relative/);
    expect(() => renderRunsIndexHtml([{ ...run('a', 0), href: '/etc/passwd' }])).toThrow(/must be relative/);
  });

  it('shows times in the requested zone', () => {
    expect(renderRunsIndexHtml([run('a', Date.UTC(2025, 5, 22))], { tz: 'Asia/Seoul' })).toContain('2025-06-22 09:00');
  });

  it('says how to make a run when there is none', () => {
    expect(renderRunsIndexHtml([])).toContain('No runs yet');
  });

  it('summarises a model into its index entry', () => {
    const s = summariseRun(tinyReportModel());
    expect(s).toMatchObject({
      runId: '20250622T120000Z-0000tiny',
      href: '20250622T120000Z-0000tiny/index.html',
      fingerprint: '0123456789abcdef',
    });
    expect(s.symbols).toEqual([{ symbol: 'BTC/USDT:USDT', verdict: 'KEEP', label: 'KEEP' }]);
  });

  it('writes reports/index.html', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coinbot-index-'));
    try {
      const path = writeRunsIndex(dir, [run('a', 0)]);
      expect(readFileSync(path, 'utf8')).toContain('href="a/index.html"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
