/**
 * The guide's commands are the CLI's real ones: every `coinbot …` line in a code block of
 * README.md and docs/ is parsed by the CLI's own strict parser (unknown options, bad choices
 * and missing arguments fail) without running it.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docCommandLines } from '../../test-support/doc-command-lines.js';
import { REPO_ROOT } from '../../test-support/repo-paths.js';
import { parseOnly } from './parse-only.js';

function markdownFiles(): string[] {
  const docs = join(REPO_ROOT, 'docs');
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.md') ? [join(d, e.name)] : [],
    );
  return [join(REPO_ROOT, 'README.md'), ...walk(docs)];
}

const lines = markdownFiles().flatMap((f) => docCommandLines(f, relative(REPO_ROOT, f)));

describe('coinbot command lines in README.md and docs/', () => {
  it('finds the command lines of the README and of the guide', () => {
    const files = new Set(lines.map((l) => l.where.split(':')[0]));
    expect(files).toContain('README.md');
    expect(files).toContain('docs/workflow.md');
    expect(lines.length).toBeGreaterThan(30);
  });

  it('parses every one of them with the CLI parser', async () => {
    const failures: string[] = [];
    for (const l of lines) {
      const r = await parseOnly(l.argv);
      if (!r.ok) failures.push(`${l.where}: coinbot ${l.argv.join(' ')} → ${r.error.replace(/\s+/g, ' ')}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('parseOnly', () => {
  it('refuses an unknown option without running the command', async () => {
    expect(await parseOnly(['reeval', '--bogus'])).toEqual({
      ok: false,
      error: 'Unknown argument: bogus',
    });
  });

  it('accepts a valid line and names the command it would run', async () => {
    expect(await parseOnly(['check', 'lookahead', '--symbol', 'ETH'])).toEqual({
      ok: true,
      command: 'check lookahead',
    });
  });
});
