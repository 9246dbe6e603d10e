/**
 * Edits the values of a few keys in an EnvironmentFile's text and nothing else: comments, order,
 * blank lines, line endings and every other key stay byte for byte. A key that is not in the
 * file is appended as `KEY=value`. Each edit records the line it replaced (or null when it
 * added one), so the edit can be undone exactly. Pure.
 */

/** One key's change: the line before (null = the key was not in the file) and the line after. */
export interface LineEdit {
  readonly key: string;
  readonly fromLine: string | null;
  readonly toLine: string | null;
}

function lineIndexOf(lines: readonly string[], key: string): number {
  const re = new RegExp(`^\\s*${key}\\s*=`);
  return lines.findIndex((l) => re.test(l.replace(/\r$/, '')));
}

/**
 * Applies `edits` to `text`: a key's line is replaced by `toLine` (null removes it); a key not in
 * the file gets `toLine` appended. Each edit's `fromLine` must be what the file holds now.
 * @returns the new text.
 * @throws Error when a key's current line is not the edit's `fromLine` (the file changed since).
 */
export function applyLineEdits(text: string, edits: readonly LineEdit[]): string {
  const lines = text.split('\n');
  const trailing = lines[lines.length - 1] === '';
  if (trailing) lines.pop();
  for (const e of edits) {
    const i = lineIndexOf(lines, e.key);
    const now = i < 0 ? null : (lines[i] as string);
    if (now !== e.fromLine)
      throw new Error(`${e.key}: the file holds ${JSON.stringify(now)}, expected ${JSON.stringify(e.fromLine)}`);
    if (i >= 0 && e.toLine !== null) lines[i] = e.toLine;
    else if (i >= 0) lines.splice(i, 1);
    else if (e.toLine !== null) lines.push(e.toLine);
  }
  const out = lines.join('\n');
  return lines.length === 0 ? '' : trailing ? `${out}\n` : out;
}

/**
 * The edits that set `values` (key → value as text) in `text`, skipping keys already at that
 * text. A replaced line keeps its carriage return when the file uses CRLF.
 */
export function editsSetting(text: string, values: Readonly<Record<string, string>>): LineEdit[] {
  const lines = text.split('\n');
  const out: LineEdit[] = [];
  for (const [key, value] of Object.entries(values)) {
    const i = lineIndexOf(lines, key);
    const from = i < 0 ? null : (lines[i] as string);
    const cr = from?.endsWith('\r') === true ? '\r' : '';
    const to = `${key}=${value}${cr}`;
    if (from !== to) out.push({ key, fromLine: from, toLine: to });
  }
  return out;
}

/** The edits that undo `edits` (applied in reverse order). */
export function inverseEdits(edits: readonly LineEdit[]): LineEdit[] {
  return [...edits].reverse().map((e) => ({ key: e.key, fromLine: e.toLine, toLine: e.fromLine }));
}
