/**
 * Finds every `coinbot …` command line in the fenced code blocks of Markdown files, so a test
 * can parse each with the CLI's own parser. Shell shape handled: `$ ` prompts, `\` line
 * continuations, comments, `&&`/`||`/`;`/`|` chains, quotes, redirections, and the prefixes
 * `sudo [-u USER]`, `npx`, `node`, `/usr/bin/node`, `VAR=value`; the program is `coinbot` or a
 * path ending in `coinbot.js`. Lines in comments are not checked, nor blocks marked as another
 * language than a shell (```text for printed output, ```json, ```ini …).
 */
import { readFileSync } from 'node:fs';

/** One command line found in a document. */
export interface DocCommandLine {
  /** `file:line` of the line's first physical line. */
  readonly where: string;
  /** The text as written (continuations joined). */
  readonly text: string;
  /** The arguments after `coinbot`. */
  readonly argv: readonly string[];
}

/** Info strings of blocks that hold shell commands (unmarked blocks count as shell). */
const SHELL_BLOCKS = new Set(['', 'sh', 'bash', 'shell', 'console', 'zsh']);

/** Fenced shell code blocks of `markdown` as [first line number, lines]. */
function codeBlocks(markdown: string): [number, string[]][] {
  const out: [number, string[]][] = [];
  let fence: string | null = null;
  let block: string[] = [];
  let start = 0;
  let shell = true;
  markdown.split('\n').forEach((line, i) => {
    const m = /^\s*(```+|~~~+)\s*([\w-]*)/.exec(line);
    if (fence === null && m) {
      fence = m[1] as string;
      shell = SHELL_BLOCKS.has((m[2] ?? '').toLowerCase());
      block = [];
      start = i + 2;
    } else if (fence !== null && line.trim().startsWith(fence)) {
      if (shell) out.push([start, block]);
      fence = null;
    } else if (fence !== null) block.push(line);
  });
  return out;
}

/** Shell words of `line` up to an unquoted `#` comment; operators as their own words. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let has = false;
  let quote: string | null = null;
  const push = () => {
    if (has) words.push(cur);
    cur = '';
    has = false;
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quote !== null) {
      if (ch === quote) quote = null;
      else cur += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (ch === '#' && !has) break;
    else if (/\s/.test(ch)) push();
    else if ('|&;<>'.includes(ch)) {
      push();
      let op = ch;
      while (i + 1 < line.length && '|&;<>'.includes(line[i + 1] as string)) op += line[++i];
      words.push(op);
    } else {
      cur += ch;
      has = true;
    }
  }
  push();
  return words;
}

const SEPARATORS = new Set(['&&', '||', ';', '|', '&']);
const PROGRAM = /^(coinbot|(?:.*\/)?coinbot\.js)$/;

/** The coinbot arguments of one command segment, or null when it runs something else. */
function coinbotArgs(segment: readonly string[]): string[] | null {
  let i = 0;
  const skip = (w: string) => segment[i] === w && (i += 1);
  for (;;) {
    const w = segment[i];
    if (w === undefined) return null;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) i += 1;
    else if (w === 'sudo') {
      i += 1;
      if (skip('-u')) i += 1;
    } else if (w === 'npx' || w === 'node' || w === '/usr/bin/node' || w === 'exec' || w === 'time') i += 1;
    else break;
  }
  if (!PROGRAM.test(segment[i] as string)) return null;
  const rest = segment.slice(i + 1);
  const redirect = rest.findIndex((w) => /^[0-9]*[<>]/.test(w));
  return redirect < 0 ? rest : rest.slice(0, redirect);
}

/** Every coinbot command line in the code blocks of `file`. */
export function docCommandLines(file: string, label = file): DocCommandLine[] {
  const out: DocCommandLine[] = [];
  for (const [start, lines] of codeBlocks(readFileSync(file, 'utf8'))) {
    for (let k = 0; k < lines.length; k++) {
      const first = k;
      let text = lines[k] as string;
      while (text.trimEnd().endsWith('\\') && k + 1 < lines.length)
        text = text.trimEnd().slice(0, -1) + ' ' + lines[++k];
      const words = shellWords(text.replace(/^\s*\$\s+/, ''));
      let segment: string[] = [];
      for (const w of [...words, ';']) {
        if (!SEPARATORS.has(w)) {
          segment.push(w);
          continue;
        }
        const argv = coinbotArgs(segment);
        if (argv !== null) out.push({ where: `${label}:${start + first}`, text: text.trim(), argv });
        segment = [];
      }
    }
  }
  return out;
}
