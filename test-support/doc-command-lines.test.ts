import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docCommandLines, shellWords } from './doc-command-lines.js';
import { tempDir } from './temp-dir.js';

const dir = tempDir('doc-lines');

function linesOf(markdown: string) {
  const f = join(dir, 'x.md');
  writeFileSync(f, markdown);
  return docCommandLines(f, 'x.md').map((l) => l.argv.join(' '));
}

describe('docCommandLines', () => {
  it('finds coinbot lines in fenced blocks only, behind prompts, npx, sudo -u and node paths', () => {
    const md = [
      'coinbot reeval --outside-a-block',
      '```sh',
      '$ coinbot data ls',
      'npx coinbot backtest --symbol ETH   # a comment --not-an-option',
      'sudo -u coinbot /usr/bin/node /opt/coinbot/bin/coinbot.js doctor --symbol ETH',
      'sudo useradd --system --home /var/lib/coinbot coinbot',
      'journalctl -u coinbot@ETH -f -o cat',
      'coinbot: unknown parameter (an output line)',
      '# coinbot live --symbol ETH (a comment)',
      '```',
    ].join('\n');
    expect(linesOf(md)).toEqual(['data ls', 'backtest --symbol ETH', 'doctor --symbol ETH']);
  });

  it('joins continuations and splits chains, keeping quoted arguments whole', () => {
    const md =
      '```\nnpm ci && coinbot drain --symbol ETH \\\n  --reason "STOP 2025-06-24" > out.txt; coinbot data ls | head\n```\n';
    expect(linesOf(md)).toEqual(['drain --symbol ETH --reason STOP 2025-06-24', 'data ls']);
  });

  it('skips blocks marked as another language, such as printed output', () => {
    const md = '```text\ncoinbot: guard failed; coinbot trades perpetuals only\n```\n```bash\ncoinbot data ls\n```\n';
    expect(linesOf(md)).toEqual(['data ls']);
  });

  it('keeps a # inside a word or quotes', () => {
    expect(shellWords(`a b#c "d # e" # f`)).toEqual(['a', 'b#c', 'd # e']);
  });
});
