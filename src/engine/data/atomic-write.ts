/**
 * Crash-safe file replacement: write a temp file beside the target, fsync it, rename it over
 * the target, fsync the folder. A reader sees the old file or the new one, never a torn one;
 * SIGKILL at any point leaves at most a stray `*.tmp-*` file, which {@link removeStaleTemps}
 * clears and which no reader ever opens.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/** A fresh temp name beside `path` (the pid and a counter keep concurrent writers apart). */
function tempBeside(path: string): string {
  counter += 1;
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${counter}`);
}

/**
 * Atomically replaces `path` with `data`, creating parent folders.
 * @param mode file mode for a new file (e.g. 0o600 for state that may hold secrets).
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o644): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = tempBeside(path);
  const fd = openSync(tmp, 'w', mode);
  try {
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < buf.byteLength) off += writeSync(fd, buf, off, buf.byteLength - off);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, path);
  try {
    const dfd = openSync(dir, 'r');
    fsyncSync(dfd);
    closeSync(dfd);
  } catch {
    // Some filesystems refuse fsync on a directory; the rename is still atomic.
  }
}

/**
 * {@link writeFileAtomic} with the writing, syncing and renaming on libuv's thread pool, so this
 * thread goes on (e.g. renders the next file) meanwhile. Same guarantees.
 */
export async function writeFileAtomicAsync(path: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = tempBeside(path);
  const fh = await open(tmp, 'w', mode);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } catch (e) {
    await fh.close();
    await rm(tmp, { force: true });
    throw e;
  }
  await fh.close();
  await rename(tmp, path);
  try {
    const dh = await open(dir, 'r');
    await dh.sync();
    await dh.close();
  } catch {
    // Some filesystems refuse fsync on a directory; the rename is still atomic.
  }
}

/** Deletes temp files left in `dir` by a killed writer. Returns how many were removed. */
export function removeStaleTemps(dir: string): number {
  let n = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (name.startsWith('.') && name.includes('.tmp-')) {
      rmSync(join(dir, name), { force: true });
      n += 1;
    }
  }
  return n;
}
