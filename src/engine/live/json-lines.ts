/**
 * Reading the live unit's append-only JSON-lines files (the journal, the outbox): every complete
 * line, parsed. A torn line (the process was killed mid-write) is skipped: what it held was never
 * acted on.
 */
import { existsSync, readFileSync } from 'node:fs';

/** Every complete line of the JSON-lines file at `path` ([] when it does not exist). */
export function readJsonLines<T>(path: string): T[] {
  if (!existsSync(path)) return [];
  const out: T[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // torn write
    }
  }
  return out;
}
