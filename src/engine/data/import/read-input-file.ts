/**
 * Opens an import input: a plain file, or a `.zip` (Binance public-data dumps ship one CSV per
 * zip). Returns each contained text with a display name for error messages
 * (`BTCUSDT-1m-2025-06-01.zip:BTCUSDT-1m-2025-06-01.csv`).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { DataError, UsageError } from '../../errors.js';

/** One text document to import. */
export interface InputText {
  /** Path (and zip member) for messages. */
  readonly name: string;
  /** File name used to infer symbol and timeframe. */
  readonly fileName: string;
  readonly text: string;
}

/**
 * Reads `path` into one or more texts (one per zip member, directories and macOS resource forks skipped).
 * @throws UsageError when the file cannot be read; DataError for a corrupt zip.
 */
export function readInputFile(path: string): InputText[] {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new UsageError(`cannot read '${path}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}; check the path`);
  }
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (!isZip) return [{ name: path, fileName: basename(path), text: Buffer.from(bytes).toString('utf8') }];
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (e) {
    throw new DataError(`${path}: corrupt zip (${(e as Error).message}); download it again`);
  }
  return Object.keys(entries)
    .filter((k) => !k.endsWith('/') && !k.startsWith('__MACOSX'))
    .sort()
    .map((k) => ({ name: `${path}:${k}`, fileName: basename(k), text: strFromU8(entries[k] as Uint8Array) }));
}
